export { writeKubeconfig, kubeconfigDocument, KUBECONFIG_FILE, CLUSTER_NAME, USER_NAME, CONTEXT_NAME, type KubeconfigInput } from './write-kubeconfig';
