export { loadOrCreateTls, type InstallationTls } from './installation-tls';
export { CA_COMMON_NAME } from './certificates';
