export { startKubeEndpoint, DEFAULT_BODY_LIMIT_BYTES, type KubeEndpoint, type KubeEndpointOptions } from './kube-endpoint';
