import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { NodeLifecycleController } from '../../../../engine/controllers/node-lifecycle-controller';
import { TaintEvictionController } from '../../../../engine/controllers/taint-eviction-controller';
import { LEASES, NODES, PODS, eventsFor, postNodeStatus, renewLease, runningPod, startHarness, type Harness } from './cluster-harness';

interface Taint {
  key: string;
  effect: string;
  timeAdded?: string;
}
interface Cond {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const node = (name: string) => h.client.get<KubeObject>({ ...NODES, name });
const taints = async (name: string) => (((await node(name)).spec as { taints?: Taint[] }).taints ?? []).map((t) => `${t.key}:${t.effect}`);
const conditions = async (name: string) => ((await node(name)).status as { conditions?: Cond[] }).conditions ?? [];
const pod = (name: string) => h.client.get<KubeObject>({ ...PODS, namespace: 'default', name });

/**
 * Starts the controllers at START with every node Ready and its lease renewed every 10 s (at +2 s, +12 s, …,
 * off the 5 s monitor grid) for as long as the node is in `alive`.
 */
async function cluster(nodes: number, zones: string[]) {
  h = await startHarness({ nodes, zones });
  const alive = new Set<string>();
  for (let i = 1; i <= nodes; i++) {
    alive.add(`node-${i}`);
    await postNodeStatus(h, `node-${i}`, 'True');
    await renewLease(h, `node-${i}`);
  }
  const [nodeInf, leaseInf, podInf] = [h.informer(NODES), h.informer(LEASES), h.informer(PODS)];
  const lifecycle = new NodeLifecycleController(h.client, nodeInf, leaseInf, podInf, h.clock, h.logger);
  const eviction = new TaintEvictionController(h.client, podInf, nodeInf, h.clock, h.logger);
  await h.sync();
  lifecycle.start();
  eviction.loop.start();
  h.clock.setTimer(2000, () => {
    const renewAll = () => {
      for (const n of alive) void renewLease(h, n);
    };
    renewAll();
    h.clock.setPeriodic(10_000, renewAll);
  });
  await h.settle();
  return { alive, lifecycle, eviction };
}

describe('NodeLifecycleController: a node whose lease stops', () => {
  it('goes Unknown only once the monitor sees it more than 50 s stale, gets unreachable taints, and the taint manager evicts', async () => {
    const { alive } = await cluster(3, ['zone-a']);
    const bare = await runningPod(h, 'bare', 'node-1');
    // DefaultTolerationSeconds gave it 300 s for not-ready and unreachable.
    expect((bare.spec as { tolerations: unknown[] }).tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    await runningPod(h, 'forever', 'node-1', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' }]);
    await runningPod(h, 'quick', 'node-1', [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 30 }]);

    await h.advance(10_000); // t = 10 s; the last renewal of node-1 happens at t = 12 s
    await h.advance(3_000);
    alive.delete('node-1');
    // The monitor pass at t = 15 s sees that renewal: probe time 15 s. Passes run every 5 s and need now > probe + 50 s.
    await h.advance(50_000); // t = 63 s
    expect((await conditions('node-1')).find((c) => c.type === 'Ready')?.status).toBe('True');
    await h.advance(2_000); // t = 65 s = probe + 50 s exactly: not yet (After is strict)
    expect((await conditions('node-1')).find((c) => c.type === 'Ready')?.status).toBe('True');
    await h.advance(5_000); // t = 70 s
    const conds = await conditions('node-1');
    for (const type of ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']) {
      expect(conds.find((c) => c.type === type)).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: '2026-11-23T12:01:10Z' });
    }
    expect((await conditions('node-2')).find((c) => c.type === 'Ready')?.status).toBe('True');
    // NoSchedule follows the condition at once; NoExecute on the next pass (the pass decides on the observed condition).
    expect(await taints('node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    // The pods were marked not ready, with a Warning on each.
    expect(((await pod('bare')).status as { conditions: Cond[] }).conditions.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', lastTransitionTime: '2026-11-23T12:01:10Z' });
    expect((await eventsFor(h, 'bare')).map((e) => [e.type, e.reason, e.message, e.source.component])).toContainEqual(['Warning', 'NodeNotReady', 'Node is not ready', 'node-controller']);
    expect((await eventsFor(h, 'node-1')).map((e) => [e.reason, e.message])).toEqual(
      expect.arrayContaining([
        ['RegisteredNode', 'Node node-1 event: Registered Node node-1 in Controller'],
        ['NodeNotReady', 'Node node-1 status is now: NodeNotReady'],
      ]),
    );

    await h.advance(5_000); // t = 75 s
    const n1 = await node('node-1');
    const noExec = ((n1.spec as { taints: Taint[] }).taints ?? []).find((t) => t.effect === 'NoExecute');
    expect(noExec).toEqual({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2026-11-23T12:01:15Z' });

    // tolerationSeconds 30 → deleted 30 s after the taint; 300 s for the defaulted pod; never for the forever one.
    await h.advance(29_000);
    expect((await pod('quick')).metadata?.deletionTimestamp).toBeUndefined();
    await h.advance(2_000);
    const quick = await pod('quick');
    expect(quick.metadata?.deletionTimestamp).toBeDefined();
    expect(((quick.status as { conditions: Cond[] }).conditions).find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
    });
    expect((await eventsFor(h, 'quick')).map((e) => [e.reason, e.message, e.source.component])).toContainEqual([
      'TaintManagerEviction',
      'Marking for deletion Pod default/quick',
      'taint-eviction-controller',
    ]);
    await h.advance(300_000 - 31_000 - 2_000);
    expect((await pod('bare')).metadata?.deletionTimestamp).toBeUndefined();
    await h.advance(3_000);
    expect((await pod('bare')).metadata?.deletionTimestamp).toBeDefined();
    expect((await pod('forever')).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('a renewed lease plus a Ready status removes the taints and cancels pending evictions', async () => {
    const { alive } = await cluster(3, ['zone-a']);
    await runningPod(h, 'web', 'node-1');
    await h.advance(13_000);
    alive.delete('node-1');
    await h.advance(62_000); // t = 75 s: Unknown at 70 s, NoExecute at 75 s
    expect(await taints('node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    alive.add('node-1');
    await renewLease(h, 'node-1');
    await postNodeStatus(h, 'node-1', 'True');
    await h.advance(1_000);
    expect(await taints('node-1')).toEqual(['node.kubernetes.io/unreachable:NoExecute']);
    await h.advance(5_000);
    expect(await taints('node-1')).toEqual([]);
    expect((await eventsFor(h, 'web')).map((e) => e.message)).toContain('Cancelling deletion of Pod default/web');
    await h.advance(300_000);
    expect((await pod('web')).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('Ready=False from the kubelet: not-ready NoSchedule at once, not-ready NoExecute on the next pass', async () => {
    await cluster(3, ['zone-a']);
    await h.advance(6_000);
    await postNodeStatus(h, 'node-2', 'False', { MemoryPressure: 'True' });
    await h.advance(1_000);
    expect((await taints('node-2')).sort()).toEqual(['node.kubernetes.io/memory-pressure:NoSchedule', 'node.kubernetes.io/not-ready:NoSchedule']);
    await h.advance(4_000); // the pass at 10 s
    expect(await taints('node-2')).toContain('node.kubernetes.io/not-ready:NoExecute');
    await postNodeStatus(h, 'node-2', 'True');
    await h.advance(5_000);
    expect(await taints('node-2')).toEqual([]);
  });

  it('cordon: spec.unschedulable adds and removes node.kubernetes.io/unschedulable:NoSchedule', async () => {
    await cluster(1, []);
    await h.client.patch({ ...NODES, name: 'node-1' }, 'merge', { spec: { unschedulable: true } });
    await h.advance(1_000);
    expect(await taints('node-1')).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    await h.client.patch({ ...NODES, name: 'node-1' }, 'merge', { spec: { unschedulable: null } });
    await h.advance(1_000);
    expect(await taints('node-1')).toEqual([]);
  });

  it('when every zone is fully disrupted nothing gets NoExecute taints (master disruption mode)', async () => {
    const { alive, lifecycle } = await cluster(1, ['zone-a']);
    await h.advance(13_000);
    alive.delete('node-1');
    await h.advance(100_000);
    expect((await conditions('node-1')).find((c) => c.type === 'Ready')?.status).toBe('Unknown');
    expect(await taints('node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect([...lifecycle.zones().values()]).toEqual(['FullDisruption']);
  });

  it('taints at most 0.1 nodes per second in a Normal zone (burst 1)', async () => {
    const { alive, lifecycle } = await cluster(5, ['zone-a']);
    await h.advance(13_000);
    alive.delete('node-1');
    alive.delete('node-2');
    await h.advance(62_000); // both Unknown at 70 s; first NoExecute at 75 s
    const noExec = async () => (await Promise.all(['node-1', 'node-2'].map(taints))).map((t) => t.includes('node.kubernetes.io/unreachable:NoExecute'));
    expect(await noExec()).toEqual([true, false]);
    await h.advance(9_000);
    expect(await noExec()).toEqual([true, false]);
    await h.advance(1_000);
    expect(await noExec()).toEqual([true, true]);
    expect([...lifecycle.zones().values()]).toEqual(['Normal']);
  });
});

describe('NodeLifecycleController: a node that never posted status', () => {
  it('gets 60 s (nodeStartupGracePeriod) from its creation, then NodeStatusNeverUpdated conditions', async () => {
    h = await startHarness({ nodes: 1, zones: [] });
    const lifecycle = new NodeLifecycleController(h.client, h.informer(NODES), h.informer(LEASES), h.informer(PODS), h.clock, h.logger);
    await h.sync();
    lifecycle.start();
    await h.advance(60_000); // the pass at 60 s: not After(creation + 60 s)
    expect(await conditions('node-1')).toEqual([]);
    await h.advance(5_000);
    const conds = await conditions('node-1');
    expect(conds.map((c) => [c.type, c.status, c.reason, c.message])).toEqual(
      ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'].map((t) => [t, 'Unknown', 'NodeStatusNeverUpdated', 'Kubelet never posted node status.']),
    );
    expect(await taints('node-1')).toEqual(['node.kubernetes.io/unreachable:NoSchedule']);
    expect((await eventsFor(h, 'node-1')).map((e) => [e.reason, e.message, e.source.component])).toContainEqual([
      'RegisteredNode',
      'Node node-1 event: Registered Node node-1 in Controller',
      'node-controller',
    ]);
  });
});

describe('ComputeZoneState', () => {
  it('FullDisruption with no Ready node; PartialDisruption only beyond 2 not-ready nodes at ≥ 55 %', async () => {
    const { lifecycle } = await cluster(1, []);
    const c = (s: string) => ({ type: 'Ready', status: s });
    expect(lifecycle.computeZoneState([c('Unknown')]).state).toBe('FullDisruption');
    expect(lifecycle.computeZoneState([c('True'), c('False'), c('False')]).state).toBe('Normal');
    expect(lifecycle.computeZoneState([c('True'), c('True'), c('False'), c('False'), c('Unknown')]).state).toBe('PartialDisruption');
    expect(lifecycle.computeZoneState([c('True'), c('True'), c('True'), c('False'), c('False'), c('Unknown')]).state).toBe('Normal');
    expect(lifecycle.computeZoneState([c('True'), undefined, undefined, undefined]).state).toBe('PartialDisruption');
  });
});
