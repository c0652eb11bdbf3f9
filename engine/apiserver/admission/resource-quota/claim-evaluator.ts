/**
 * Quota accounting for PersistentVolumeClaims (pkg/quota/v1/evaluator/core/persistent_volume_claims.go): each
 * claim counts once and charges its requested storage, in total and per storage class as
 * `<class>.storageclass.storage.k8s.io/{persistentvolumeclaims,requests.storage}`. Updates are charged, since a
 * claim may grow.
 */
import type { KubeObject } from '../../../api/objects';
import { compareQuantity, parseQuantity, quantityFromInt, type Quantity } from '../quantity';
import type { ResourceList } from '../resource-list';
import type { QuotaEvaluator } from './evaluator';

const CLAIM_RESOURCES = new Set(['persistentvolumeclaims', 'count/persistentvolumeclaims', 'requests.storage']);
const STORAGE_CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const BETA_CLAIM_CLASS = 'volume.beta.kubernetes.io/storage-class';

interface ClaimJson extends KubeObject {
  spec?: { storageClassName?: string; resources?: { requests?: { storage?: string } } };
  status?: { allocatedResources?: { storage?: string } };
}

/** storagehelpers.GetPersistentVolumeClaimClass: the beta annotation wins over the field. */
function claimClass(pvc: ClaimJson): string {
  const annotated = pvc.metadata?.annotations?.[BETA_CLAIM_CLASS];
  if (annotated !== undefined) return annotated;
  return pvc.spec?.storageClassName ?? '';
}

/** The larger of what the claim asks for and what a resize already allocated. */
function storageUsage(pvc: ClaimJson): Quantity | undefined {
  const requested = pvc.spec?.resources?.requests?.storage;
  const allocated = pvc.status?.allocatedResources?.storage;
  const r = requested === undefined ? undefined : parseQuantity(requested);
  const al = allocated === undefined ? undefined : parseQuantity(allocated);
  if (r === undefined) return al;
  if (al === undefined) return r;
  return compareQuantity(al, r) > 0 ? al : r;
}

export function claimUsage(obj: KubeObject): ResourceList {
  const pvc = obj as ClaimJson;
  const out: ResourceList = new Map([
    ['persistentvolumeclaims', quantityFromInt(1)],
    ['count/persistentvolumeclaims', quantityFromInt(1)],
  ]);
  const cls = claimClass(pvc);
  if (cls !== '') out.set(`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, quantityFromInt(1));
  const storage = storageUsage(pvc);
  if (storage !== undefined) {
    out.set('requests.storage', storage);
    if (cls !== '') out.set(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
  }
  return out;
}

function matches(name: string): boolean {
  if (CLAIM_RESOURCES.has(name)) return true;
  const i = name.indexOf(STORAGE_CLASS_SUFFIX);
  if (i <= 0) return false;
  const rest = name.slice(i + STORAGE_CLASS_SUFFIX.length);
  return rest === 'persistentvolumeclaims' || rest === 'requests.storage';
}

export const claimEvaluator: QuotaEvaluator = {
  handles: (a) => a.operation === 'CREATE' || a.operation === 'UPDATE',
  matchingResources: (names) => names.filter(matches),
  matchesScope: () => false,
  constraints: () => undefined,
  usage: claimUsage,
};
