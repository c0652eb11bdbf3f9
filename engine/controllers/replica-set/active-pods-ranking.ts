/**
 * Which pods a ReplicaSet deletes first when scaling down: upstream's ActivePodsWithRanks ordering
 * (pkg/controller/controller_utils.go, 1.32, PodDeletionCost and LogarithmicScaleDown on by default).
 * The first pods of the sorted list are the ones to delete:
 *  1. unassigned < assigned
 *  2. Pending < Unknown < Running
 *  3. not ready < ready
 *  4. lower controller.kubernetes.io/pod-deletion-cost < higher
 *  5. more active related pods on the same node (doubled up) < fewer
 *  6. both ready: ready more recently < longer (log2 buckets of the time since; ties by UID)
 *  7. higher max container restart count < lower
 *  8. created more recently < earlier (log2 buckets; ties by UID)
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { isPodActive, isPodReady, podReadyTime } from './pod-availability';

const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

/** GetDeletionCostFromPodAnnotations: an int32; missing or malformed counts as 0. */
function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number.parseInt(v, 10);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : 0;
}

function maxContainerRestarts(pod: Pod): number {
  let max = 0;
  for (const s of pod.status?.containerStatuses ?? []) max = Math.max(max, s.restartCount ?? 0);
  return max;
}

/** logarithmicRankDiff: floor(log2(now - t)) in nanoseconds, -1 for non-positive durations. */
function logarithmicRankDiff(t1: number, t2: number, nowMs: number): number {
  const rank = (t: number) => {
    const dNanos = (nowMs - t) * 1e6;
    return dNanos > 0 ? Math.floor(Math.log2(dNanos)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** afterOrZero: a zero time sorts first, otherwise the later time does. */
function afterOrZero(t1: number | undefined, t2: number | undefined): boolean {
  if (t1 === undefined || t2 === undefined) return t1 === undefined;
  return t1 > t2;
}

function creationTime(pod: Pod): number | undefined {
  const ts = pod.metadata?.creationTimestamp;
  return ts ? Date.parse(ts) : undefined;
}

interface RankedPod {
  pod: Pod;
  rank: number;
}

function less(a: RankedPod, b: RankedPod, nowMs: number): boolean {
  const pi = a.pod;
  const pj = b.pod;
  const ni = pi.spec?.nodeName ?? '';
  const nj = pj.spec?.nodeName ?? '';
  if (ni !== nj && (ni === '' || nj === '')) return ni === '';
  const oi = PHASE_ORDINAL[pi.status?.phase ?? ''] ?? 0;
  const oj = PHASE_ORDINAL[pj.status?.phase ?? ''] ?? 0;
  if (oi !== oj) return oi < oj;
  if (isPodReady(pi) !== isPodReady(pj)) return !isPodReady(pi);
  const ci = deletionCost(pi);
  const cj = deletionCost(pj);
  if (ci !== cj) return ci < cj;
  if (a.rank !== b.rank) return a.rank > b.rank;
  const byTime = (ti: number | undefined, tj: number | undefined): boolean => {
    if (ti === undefined || tj === undefined) return afterOrZero(ti, tj);
    const diff = logarithmicRankDiff(ti, tj, nowMs);
    if (diff === 0) return (pi.metadata?.uid ?? '') < (pj.metadata?.uid ?? '');
    return diff < 0;
  };
  if (isPodReady(pi) && isPodReady(pj)) {
    const ri = podReadyTime(pi);
    const rj = podReadyTime(pj);
    if (ri !== rj) return byTime(ri, rj);
  }
  const ri = maxContainerRestarts(pi);
  const rj = maxContainerRestarts(pj);
  if (ri !== rj) return ri > rj;
  const ti = creationTime(pi);
  const tj = creationTime(pj);
  if (ti !== tj) return byTime(ti, tj);
  return false;
}

/**
 * getPodsToDelete: the `count` pods to delete, ranked against `relatedPods` (every active pod of the
 * ReplicaSets that share this one's owner) by how many of them share each pod's node.
 */
export function podsToDelete(pods: Pod[], relatedPods: Pod[], count: number, nowMs: number): Pod[] {
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const ranked: RankedPod[] = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => (less(a, b, nowMs) ? -1 : less(b, a, nowMs) ? 1 : 0));
  return ranked.slice(0, count).map((r) => r.pod);
}
