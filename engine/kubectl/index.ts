/**
 * The in-app kubectl: same argv, same bytes out as kubectl 1.32 against this API server; the terminal session
 * around it; and apply/diff of manifests for the editor.
 */
export type { KubectlContext, AbortSignalLike, KubeStatus } from './context';
export { neverAborted } from './context';
export { runKubectl } from './run-kubectl';
export { TerminalSession, type TerminalSessionOptions } from './terminal/terminal-session';
export { applyManifests, type ApplyOptions, type ApplyResult } from './apply/apply-manifests';
export { diffManifests } from './apply/diff-manifests';
