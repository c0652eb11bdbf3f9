/**
 * Small stand-ins for the OpenAPI-derived lookups, covering the Pod and Deployment fields the tests touch.
 * Facts from k8s.io/api core/v1 and apps/v1 struct tags and OpenAPI extensions (1.32).
 */
import type { PatchMetaLookup } from '../../../../engine/apiserver/patch';
import type { ListMeta, ListMetaLookup } from '../../../../engine/apiserver/patch/server-side-apply';

// Longest first: a Deployment's pod spec is under spec.template.spec.
const podSpecPrefixes = [['spec', 'template', 'spec'], ['spec']];

function tail(path: readonly string[]): string | undefined {
  for (const prefix of podSpecPrefixes) {
    if (prefix.every((p, i) => path[i] === p)) return path.slice(prefix.length).join('.');
  }
  return undefined;
}

/** patchStrategy / patchMergeKey struct tags. */
export const patchMeta: PatchMetaLookup = (path) => {
  const whole = path.join('.');
  if (whole === 'metadata.finalizers' || whole === 'spec.template.metadata.finalizers') return { strategy: 'merge' };
  if (whole === 'metadata.ownerReferences') return { strategy: 'merge', mergeKey: 'uid' };
  if (whole === 'spec.strategy') return { strategy: 'retainKeys' };
  const t = tail(path);
  switch (t) {
    case 'containers':
    case 'initContainers':
    case 'imagePullSecrets':
    case 'containers.env':
    case 'initContainers.env':
      return { strategy: 'merge', mergeKey: 'name' };
    case 'volumes':
      return { strategy: 'merge,retainKeys', mergeKey: 'name' };
    case 'containers.ports':
      return { strategy: 'merge', mergeKey: 'containerPort' };
    case 'containers.volumeMounts':
      return { strategy: 'merge', mergeKey: 'mountPath' };
    default:
      return {};
  }
};

/** x-kubernetes-list-type / list-map-keys / map-type. */
export const listMeta: ListMetaLookup = (path): ListMeta => {
  const whole = path.join('.');
  if (whole === 'metadata.finalizers') return { listType: 'set' };
  if (whole === 'metadata.ownerReferences') return { listType: 'map', mapKeys: ['uid'] };
  if (whole === 'spec.selector') return { mapType: 'atomic' };
  if (whole === 'status.conditions') return { listType: 'map', mapKeys: ['type'] };
  switch (tail(path)) {
    case 'containers':
    case 'initContainers':
    case 'volumes':
    case 'containers.env':
      return { listType: 'map', mapKeys: ['name'] };
    case 'containers.ports':
      return { listType: 'map', mapKeys: ['containerPort', 'protocol'], mapKeyDefaults: { protocol: 'TCP' } };
    case 'containers.volumeMounts':
      return { listType: 'map', mapKeys: ['mountPath'] };
    default:
      return {};
  }
};
