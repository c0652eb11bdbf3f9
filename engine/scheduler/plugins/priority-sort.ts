/** PrioritySort (queuesort): higher spec.priority first, then the pod that entered the queue earlier. */
import type { Handle, QueueSortPlugin, QueuedPodInfo } from '../framework/interface';

export const PrioritySortName = 'PrioritySort';

const priority = (q: QueuedPodInfo): number => ((q.podInfo.pod['spec'] as { priority?: number } | undefined)?.priority ?? 0);

export function newPrioritySort(_args: Record<string, unknown> | undefined, _handle: Handle): QueueSortPlugin {
  return {
    name: PrioritySortName,
    less(a, b) {
      const pa = priority(a);
      const pb = priority(b);
      return pa > pb || (pa === pb && a.timestamp < b.timestamp);
    },
  };
}
