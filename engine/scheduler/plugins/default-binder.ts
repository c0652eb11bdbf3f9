/** DefaultBinder (bind): writes the pods/binding subresource through the Handle. */
import type { KubeObject } from '../../api/objects';
import { Status, type BindPlugin, type CycleState, type Handle } from '../framework/interface';

export const DefaultBinderName = 'DefaultBinder';

export function newDefaultBinder(_args: Record<string, unknown> | undefined, handle: Handle): BindPlugin {
  return {
    name: DefaultBinderName,
    async bind(_state: CycleState, pod: KubeObject, nodeName: string): Promise<Status> {
      try {
        await handle.bind(pod, nodeName);
        return Status.success();
      } catch (err) {
        return new Status('Error', [err instanceof Error ? err.message : String(err)]);
      }
    },
  };
}
