/**
 * Pod state as the workload controllers judge it (pkg/api/v1/pod/util.go, pkg/controller/controller_utils.go):
 * active, ready, and available (ready for at least minReadySeconds, on the virtual clock).
 */
import type { Pod } from 'kubernetes-types/core/v1';

/** IsPodActive: not finished and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function podReadyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export function isPodReady(pod: Pod): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** The Ready condition's lastTransitionTime in ms when ready; undefined for not ready or a zero time. */
export function podReadyTime(pod: Pod): number | undefined {
  const c = podReadyCondition(pod);
  if (c?.status !== 'True' || !c.lastTransitionTime) return undefined;
  return Date.parse(c.lastTransitionTime);
}

/** IsPodAvailable: ready, and ready since strictly more than minReadySeconds before `now`. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds === 0) return true;
  const since = podReadyTime(pod);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}
