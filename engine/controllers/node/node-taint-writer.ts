/**
 * controller.AddOrUpdateTaintOnNode + RemoveTaintOffNode as SwapNodeControllerTaint uses them: read the node,
 * add (stamping `timeAdded` = now on every added taint, as SwapNodeControllerTaint does) and remove taints by
 * key+effect, write spec.taints back with the read resourceVersion as precondition; retry on conflict.
 */
import type { KubeObject } from '../../api/objects';
import { rfc3339, type Clock } from '../../base/clock';
import type { ApiClient } from '../../client/api-client';
import { sameTaint, withTaints, withoutTaints, type Taint } from './taints';

const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;
/** clientretry.DefaultBackoff allows 4 steps; upstream retries the taint update on conflict this often. */
const CONFLICT_RETRIES = 5;

export function nodeTaints(node: KubeObject): Taint[] {
  return ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []) as Taint[];
}

export async function swapNodeTaints(
  client: ApiClient,
  clock: Clock,
  nodeName: string,
  add: readonly Pick<Taint, 'key' | 'effect' | 'value'>[],
  remove: readonly Pick<Taint, 'key' | 'effect'>[],
): Promise<void> {
  const stamped: Taint[] = add.map((t) => ({ ...t, timeAdded: rfc3339(clock.now()) }));
  for (let attempt = 0; ; attempt++) {
    let node: KubeObject;
    try {
      node = await client.get({ ...NODES, name: nodeName });
    } catch (err) {
      if ((err as { code?: number }).code === 404) return;
      throw err;
    }
    const current = nodeTaints(node);
    // Only touch what changes: re-adding a present taint would move its timeAdded.
    const toAdd = stamped.filter((t) => !current.some((c) => sameTaint(c, t) && (c.value ?? '') === (t.value ?? '')));
    const toRemove = remove.filter((r) => current.some((c) => sameTaint(c, r)));
    if (toAdd.length === 0 && toRemove.length === 0) return;
    const next = withoutTaints(withTaints(current, toAdd), toRemove);
    try {
      await client.patch({ ...NODES, name: nodeName }, 'merge', {
        metadata: { resourceVersion: node.metadata?.resourceVersion },
        spec: { taints: next.length > 0 ? next : null },
      });
      return;
    } catch (err) {
      if ((err as { code?: number }).code !== 409 || attempt >= CONFLICT_RETRIES) throw err;
    }
  }
}
