/** Pod backoff (internal/queue): 1 s initially, doubled per failed attempt, at most 10 s (podInitial/MaxBackoffDuration). */
export const POD_INITIAL_BACKOFF_MS = 1000;
export const POD_MAX_BACKOFF_MS = 10_000;
/** podMaxInUnschedulablePodsDuration: an unschedulable pod is retried after 5 minutes even without an event. */
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60 * 1000;
/** The queue's flush cadences: backoffQ every second, unschedulablePods every 30 seconds. */
export const BACKOFF_FLUSH_PERIOD_MS = 1000;
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

/** calculateBackoffDuration: initial × 2^(attempts−1), capped at max. */
export function backoffDuration(attempts: number, initialMs = POD_INITIAL_BACKOFF_MS, maxMs = POD_MAX_BACKOFF_MS): number {
  let d = initialMs;
  for (let i = 1; i < attempts; i++) {
    if (d > maxMs - d) return maxMs;
    d += d;
  }
  return Math.min(d, maxMs);
}
