/**
 * PersistentVolume/PersistentVolumeClaim matching shared by the PV controller's binder and the scheduler's
 * VolumeBinding plugin, as upstream shares pkg/controller/volume/persistentvolume/util: the claim's class (the beta
 * annotation wins), a volume's node affinity, and FindMatchingVolume — a volume pre-bound to the claim first,
 * else the smallest Available volume of the claim's class that satisfies its access modes, volume mode, size,
 * selector and (when a node is given) node affinity.
 */
import type { KubeObject } from '../../api/objects';
import { parseQuantity } from '../../apiserver/admission/quantity';
import { labelSelectorFromMeta } from '../../apiserver/selectors';
import { compileNodeSelectorTerms, type NodeSelectorTerm } from '../../scheduler/plugins/helpers/node-selector';

const ANN_BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

export interface ClaimSpec {
  volumeName?: string;
  storageClassName?: string;
  accessModes?: string[];
  volumeMode?: string;
  selector?: Parameters<typeof labelSelectorFromMeta>[0];
  resources?: { requests?: { storage?: string } };
}

export interface VolumeSpec {
  claimRef?: { namespace?: string; name?: string; uid?: string; kind?: string; apiVersion?: string; resourceVersion?: string };
  storageClassName?: string;
  accessModes?: string[];
  volumeMode?: string;
  capacity?: { storage?: string };
  nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } };
  persistentVolumeReclaimPolicy?: string;
  local?: unknown;
}

export const claimSpec = (o: KubeObject): ClaimSpec => (o['spec'] ?? {}) as ClaimSpec;
export const volumeSpec = (o: KubeObject): VolumeSpec => (o['spec'] ?? {}) as VolumeSpec;
export const phaseOf = (o: KubeObject): string | undefined => (o['status'] as { phase?: string } | undefined)?.phase;

export function storageBytes(q: string | undefined): number {
  return q === undefined ? 0 : Number(parseQuantity(q).value());
}

/** storagehelpers.GetPersistentVolumeClaimClass. */
export function claimClassOf(pvc: KubeObject): string {
  return pvc.metadata?.annotations?.[ANN_BETA_CLASS] ?? claimSpec(pvc).storageClassName ?? '';
}

/** storagehelpers.GetPersistentVolumeClass. */
export function volumeClassOf(pv: KubeObject): string {
  return pv.metadata?.annotations?.[ANN_BETA_CLASS] ?? volumeSpec(pv).storageClassName ?? '';
}

/** CheckNodeAffinity: a volume without required node affinity fits every node. */
export function volumeFitsNode(pv: KubeObject, node: KubeObject): boolean {
  const required = volumeSpec(pv).nodeAffinity?.required;
  return !required || compileNodeSelectorTerms(required.nodeSelectorTerms)(node);
}

/** FindMatchingVolume; `exclude` holds volume names already chosen for other claims of the same pod. */
export function findMatchingVolume(pvc: KubeObject, pvs: Iterable<KubeObject>, node: KubeObject | undefined, exclude: ReadonlySet<string> = new Set()): KubeObject | undefined {
  const spec = claimSpec(pvc);
  const requested = storageBytes(spec.resources?.requests?.storage);
  const selector = spec.selector ? labelSelectorFromMeta(spec.selector) : undefined;
  let best: KubeObject | undefined;
  let bestSize = Infinity;
  for (const pv of pvs) {
    const v = volumeSpec(pv);
    if (exclude.has(pv.metadata?.name ?? '') || pv.metadata?.deletionTimestamp) continue;
    if ((v.volumeMode ?? 'Filesystem') !== (spec.volumeMode ?? 'Filesystem')) continue;
    const size = storageBytes(v.capacity?.storage);
    const ref = v.claimRef;
    if (ref && ref.namespace === pvc.metadata?.namespace && ref.name === pvc.metadata?.name && (!ref.uid || ref.uid === pvc.metadata?.uid)) {
      if (size >= requested && (!node || volumeFitsNode(pv, node))) return pv;
      continue;
    }
    if (ref || (phaseOf(pv) ?? 'Available') !== 'Available') continue;
    if (volumeClassOf(pv) !== claimClassOf(pvc)) continue;
    if (selector && !selector.matches(pv)) continue;
    if (!(spec.accessModes ?? []).every((m) => (v.accessModes ?? []).includes(m))) continue;
    if (size < requested) continue;
    if (node && !volumeFitsNode(pv, node)) continue;
    if (size < bestSize) {
      best = pv;
      bestSize = size;
    }
  }
  return best;
}
