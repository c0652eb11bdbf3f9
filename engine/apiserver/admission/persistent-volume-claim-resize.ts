/**
 * PersistentVolumeClaimResize (plugin/pkg/admission/storage/persistentvolume/resize): a claim may only grow when
 * it is Bound and its StorageClass — the same before and after — sets allowVolumeExpansion: true.
 */
import type { KubeObject } from '../../api/objects';
import { admissionForbidden } from './admission-errors';
import { compareQuantity, parseQuantity, zeroQuantity } from './quantity';
import type { AdmissionPlugin } from './types';

const BETA_CLAIM_CLASS = 'volume.beta.kubernetes.io/storage-class';

interface ClaimJson extends KubeObject {
  spec?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
  status?: { phase?: string };
}

const requestedStorage = (c: ClaimJson) => {
  const s = c.spec?.resources?.requests?.storage;
  return s === undefined ? zeroQuantity() : parseQuantity(s);
};

/** GetPersistentVolumeClaimClass: the beta annotation wins over the field. */
const claimClass = (c: ClaimJson): string => c.metadata?.annotations?.[BETA_CLAIM_CLASS] ?? c.spec?.storageClassName ?? '';

export const persistentVolumeClaimResize: AdmissionPlugin = {
  name: 'PersistentVolumeClaimResize',
  async validate(a, ctx) {
    if (a.operation !== 'UPDATE' || a.group !== '' || a.resource !== 'persistentvolumeclaims' || a.subresource !== '') return;
    if (a.object === undefined || a.oldObject === undefined) return;
    const pvc = a.object as ClaimJson;
    const old = a.oldObject as ClaimJson;
    if (compareQuantity(requestedStorage(pvc), requestedStorage(old)) <= 0) return;
    if (old.status?.phase !== 'Bound') throw admissionForbidden(a, 'Only bound persistent volume claims can be expanded');
    const cls = claimClass(pvc);
    let allowed = false;
    if (cls !== '' && cls === claimClass(old)) {
      const sc = await ctx.get('storage.k8s.io', 'storageclasses', '', cls);
      allowed = (sc as { allowVolumeExpansion?: boolean } | undefined)?.allowVolumeExpansion === true;
    }
    if (!allowed) {
      throw admissionForbidden(a, 'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
    }
  },
};
