/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): every new
 * PersistentVolume and PersistentVolumeClaim carries a protection finalizer, which the pv/pvc-protection
 * controllers remove once nothing uses the volume — so deleting a claim a pod still mounts leaves it Terminating.
 */
import type { AdmissionPlugin } from './types';

const FINALIZERS: Record<string, string> = {
  persistentvolumes: 'kubernetes.io/pv-protection',
  persistentvolumeclaims: 'kubernetes.io/pvc-protection',
};

export const storageObjectInUseProtection: AdmissionPlugin = {
  name: 'StorageObjectInUseProtection',
  admit(a) {
    if (a.operation !== 'CREATE' || a.group !== '' || a.subresource !== '' || a.object === undefined) return;
    const finalizer = FINALIZERS[a.resource];
    if (finalizer === undefined) return;
    const meta = (a.object.metadata ??= {});
    if ((meta.finalizers ?? []).includes(finalizer)) return;
    meta.finalizers = [...(meta.finalizers ?? []), finalizer];
  },
};
