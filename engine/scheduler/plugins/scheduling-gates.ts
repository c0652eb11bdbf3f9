/**
 * SchedulingGates (PreEnqueue): a pod with spec.schedulingGates stays out of the active queue with
 * `waiting for scheduling gates: [a b]` until the gates are removed.
 */
import type { KubeObject } from '../../api/objects';
import { Status, type EnqueueExtensions, type Handle, type PreEnqueuePlugin } from '../framework/interface';

export const SchedulingGatesName = 'SchedulingGates';

export function newSchedulingGates(_args: Record<string, unknown> | undefined, _handle: Handle): PreEnqueuePlugin & EnqueueExtensions {
  return {
    name: SchedulingGatesName,
    preEnqueue(pod: KubeObject): Status {
      const gates = (pod['spec'] as { schedulingGates?: Array<{ name: string }> } | undefined)?.schedulingGates ?? [];
      if (gates.length === 0) return Status.success();
      return new Status('UnschedulableAndUnresolvable', [`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`]);
    },
    eventsToRegister: () => [{ resource: 'Pod', action: 'UpdatePodSchedulingGatesEliminated' }],
  };
}
