/** Every patch kind the API server applies; see each module for its upstream model. */
export { applyJsonPatch } from './json-patch';
export { applyMergePatch } from './merge-patch';
export { applyStrategicMergePatch, type PatchMetaLookup } from './strategic-merge-patch';
export * from './server-side-apply';
