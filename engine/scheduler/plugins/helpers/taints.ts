/**
 * Taint/toleration helpers the scheduler plugins use (v1helper); the matching rule itself is engine/api's.
 */
import type { KubeObject } from '../../../api/objects';
import { toleratesTaint, type Taint, type Toleration } from '../../../api/tolerations';

export type { Taint, Toleration } from '../../../api/tolerations';

export function tolerationsTolerateTaint(tolerations: readonly Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** helper.DoNotScheduleTaintsFilterFunc: the effects that keep pods off a node. */
export const isDoNotScheduleTaint = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** v1helper.FindMatchingUntoleratedTaint: the first taint passing `filter` that no toleration tolerates. */
export function findUntoleratedTaint(taints: readonly Taint[], tolerations: readonly Toleration[], filter: (t: Taint) => boolean): Taint | undefined {
  for (const taint of taints) {
    if (!filter(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

const NO_TAINTS: readonly Taint[] = [];
const NO_TOLERATIONS: readonly Toleration[] = [];

export function nodeTaints(node: KubeObject): readonly Taint[] {
  return (node['spec'] as { taints?: Taint[] } | undefined)?.taints ?? NO_TAINTS;
}

export function podTolerations(pod: KubeObject): readonly Toleration[] {
  return (pod['spec'] as { tolerations?: Toleration[] } | undefined)?.tolerations ?? NO_TOLERATIONS;
}
