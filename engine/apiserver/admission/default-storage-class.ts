/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a PersistentVolumeClaim that names
 * no class — neither spec.storageClassName (even "") nor the beta annotation — gets the default StorageClass.
 * With several defaults the newest wins, ties broken by name (pkg/volume/util GetDefaultClass since 1.26).
 */
import type { KubeObject } from '../../api/objects';
import { newestDefault } from './newest-default';
import type { AdmissionPlugin } from './types';

const IS_DEFAULT = 'storageclass.kubernetes.io/is-default-class';
const BETA_IS_DEFAULT = 'storageclass.beta.kubernetes.io/is-default-class';
const BETA_CLAIM_CLASS = 'volume.beta.kubernetes.io/storage-class';

const isDefault = (sc: KubeObject): boolean => {
  const ann = sc.metadata?.annotations ?? {};
  return ann[IS_DEFAULT] === 'true' || ann[BETA_IS_DEFAULT] === 'true';
};

export const pickDefaultStorageClass = (classes: readonly KubeObject[]): KubeObject | undefined => newestDefault(classes, isDefault);

export const defaultStorageClass: AdmissionPlugin = {
  name: 'DefaultStorageClass',
  async admit(a, ctx) {
    if (a.operation !== 'CREATE') return;
    if (a.group !== '' || a.resource !== 'persistentvolumeclaims' || a.subresource !== '' || a.object === undefined) return;
    const pvc = a.object;
    const spec = (pvc.spec ??= {}) as { storageClassName?: string | null };
    if (typeof spec.storageClassName === 'string') return;
    if (pvc.metadata?.annotations?.[BETA_CLAIM_CLASS] !== undefined) return;
    const def = pickDefaultStorageClass(await ctx.list('storage.k8s.io', 'storageclasses'));
    if (def?.metadata?.name === undefined) return;
    spec.storageClassName = def.metadata.name;
  },
};
