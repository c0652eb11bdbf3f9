/**
 * Issue #3 acceptance 1, "the birth of a Pod", under the virtual clock: the watch notifications and Events a
 * learner sees on a real 1.32 cluster, in order (the notes' 11 steps).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

interface Condition {
  type: string;
  status: string;
}
const statusOf = (p: KubeObject) => (p['status'] ?? {}) as { phase?: string; conditions?: Condition[] };
const specOf = (p: KubeObject) => (p['spec'] ?? {}) as { nodeName?: string };
const isTrue = (p: KubeObject, type: string) => statusOf(p).conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

let sim: SimCluster;
beforeEach(async () => {
  sim = await startSimCluster({ nodes: 3 });
});
afterEach(async () => {
  await sim.close();
});

describe('the birth of a Pod', () => {
  it('is ADDED Pending, bound by the scheduler, PodScheduled, then Initialized → ContainersReady → Ready, with Scheduled, Pulling, Pulled, Created, Started events', async () => {
    const ns = 'default';
    const watch = await sim.record({ ...PODS, namespace: ns });
    await sim.admin.create({ ...PODS, namespace: ns }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } });
    await sim.advanceUntil(async () => statusOf(await sim.pod(ns, 'web')).phase === 'Running' && isTrue(await sim.pod(ns, 'web'), 'Ready'), 120_000);
    watch.stop();

    const pods = watch.events.map((e) => e.object);
    expect(watch.events[0]!.type).toBe('ADDED');
    expect(statusOf(pods[0]!).phase).toBe('Pending');
    expect(specOf(pods[0]!).nodeName).toBeUndefined();

    // The first change is the binding: nodeName and PodScheduled=True arrive together.
    const bound = pods.findIndex((p) => specOf(p).nodeName !== undefined);
    expect(bound).toBe(1);
    expect(isTrue(pods[bound]!, 'PodScheduled')).toBe(true);

    const firstIndex = (type: string) => pods.findIndex((p) => isTrue(p, type));
    const order = ['PodScheduled', 'Initialized', 'ContainersReady', 'Ready'].map(firstIndex);
    for (const i of order) expect(i).toBeGreaterThanOrEqual(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(firstIndex('ContainersReady')).toBeGreaterThan(firstIndex('Initialized'));

    const events = (await sim.eventsFor(ns, 'web')) as Array<KubeObject & { reason: string; message: string; type: string }>;
    const reasons = events.map((e) => e.reason);
    expect(reasons).toEqual(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
    const node = specOf(await sim.pod(ns, 'web')).nodeName;
    expect(events[0]!.message).toBe(`Successfully assigned default/web to ${node}`);
    expect(events[1]!.message).toBe('Pulling image "nginx:1.14.2"');
    expect(events[2]!.message).toMatch(/^Successfully pulled image "nginx:1\.14\.2" in \d+(\.\d+)?m?s \(\d+(\.\d+)?m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events[3]!.message).toBe('Created container: nginx');
    expect(events[4]!.message).toBe('Started container nginx');
  });
});
