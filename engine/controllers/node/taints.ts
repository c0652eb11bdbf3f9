/**
 * Taints and tolerations as the node controllers use them (pkg/util/taints, core/v1 helper): a taint is
 * identified by key + effect (`MatchTaint`), a toleration matches per `ToleratesTaint`.
 */
import { toleratesTaint, type Taint, type Toleration } from '../../api/tolerations';

export type { Taint, Toleration };
export { toleratesTaint };

export const TAINT_NOT_READY = 'node.kubernetes.io/not-ready';
export const TAINT_UNREACHABLE = 'node.kubernetes.io/unreachable';
export const TAINT_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
export const TAINT_MEMORY_PRESSURE = 'node.kubernetes.io/memory-pressure';
export const TAINT_DISK_PRESSURE = 'node.kubernetes.io/disk-pressure';
export const TAINT_PID_PRESSURE = 'node.kubernetes.io/pid-pressure';
export const TAINT_NETWORK_UNAVAILABLE = 'node.kubernetes.io/network-unavailable';

export const sameTaint = (a: Pick<Taint, 'key' | 'effect'>, b: Pick<Taint, 'key' | 'effect'>): boolean => a.key === b.key && a.effect === b.effect;

export function taintExists(taints: readonly Taint[], t: Pick<Taint, 'key' | 'effect'>): boolean {
  return taints.some((x) => sameTaint(x, t));
}

/** AddOrUpdateTaint over a list: replaces a taint with the same key+effect in place, else appends. */
export function withTaints(taints: readonly Taint[], add: readonly Taint[]): Taint[] {
  const out = taints.map((t) => ({ ...t }));
  for (const t of add) {
    const i = out.findIndex((x) => sameTaint(x, t));
    if (i >= 0) out[i] = { ...t };
    else out.push({ ...t });
  }
  return out;
}

export function withoutTaints(taints: readonly Taint[], remove: readonly Pick<Taint, 'key' | 'effect'>[]): Taint[] {
  return taints.filter((t) => !remove.some((r) => sameTaint(t, r)));
}

/**
 * v1helper.GetMatchingTolerations: whether every taint is tolerated, and for each taint the first toleration
 * that tolerates it (the ones whose tolerationSeconds bound the eviction).
 */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[]): { allTolerated: boolean; used: Toleration[] } {
  if (taints.length === 0) return { allTolerated: true, used: [] };
  if (tolerations.length === 0) return { allTolerated: false, used: [] };
  const used: Toleration[] = [];
  for (const taint of taints) {
    const tol = tolerations.find((t) => toleratesTaint(t, taint));
    if (!tol) return { allTolerated: false, used: [] };
    used.push(tol);
  }
  return { allTolerated: true, used };
}

/** getMinTolerationTime in ms: 0 for none, -1 when every used toleration tolerates forever. */
export function minTolerationMs(used: readonly Toleration[]): number {
  if (used.length === 0) return 0;
  let min = Number.POSITIVE_INFINITY;
  for (const t of used) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Number.POSITIVE_INFINITY ? -1 : min * 1000;
}
