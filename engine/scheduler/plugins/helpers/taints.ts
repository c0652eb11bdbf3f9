/**
 * Taint/toleration matching as v1helper and corev1 Toleration.ToleratesTaint do it (1.32: only Equal/Exists).
 */
import type { KubeObject } from '../../../api/objects';

export interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/**
 * Toleration.ToleratesTaint: an empty effect matches every effect, an empty key (with Exists) every key;
 * operator Equal (or empty) compares values, Exists ignores them, anything else matches nothing.
 */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '':
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

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
