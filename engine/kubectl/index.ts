/** The in-app kubectl: same argv, same bytes out as kubectl 1.32 against this API server. */
export type { KubectlContext, AbortSignalLike, KubeStatus } from './context';
export { neverAborted } from './context';
export { runKubectl } from './run-kubectl';
