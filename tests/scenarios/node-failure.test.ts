/**
 * Issue #3 acceptance 5, "node failure", driven the way a lab drives it: a `Fault` object (lab.clusterlab.dev)
 * stops node-1's kubelet. Ready goes Unknown once the 50 s node-monitor grace period has passed, the
 * unreachable taints arrive, the Deployment's pods there are evicted at 300 s (the default tolerationSeconds
 * admission gives them) and replaced on healthy nodes; deleting the Fault restarts the kubelet and the taints go.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { FAULTS } from '../../engine/lab';
import { NODES, PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' };
interface Taint {
  key: string;
  effect: string;
}
const taintsOf = (n: KubeObject) => ((n['spec'] as { taints?: Taint[] }).taints ?? []).map((t) => `${t.key}:${t.effect}`).sort();
const readyOf = (n: KubeObject) => (n['status'] as { conditions?: Array<{ type: string; status: string }> }).conditions?.find((c) => c.type === 'Ready')?.status;
const nodeOf = (p: KubeObject) => (p['spec'] as { nodeName?: string }).nodeName;
const isReadyPod = (p: KubeObject) => (p['status'] as { conditions?: Array<{ type: string; status: string }> }).conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

let sim: SimCluster;
beforeEach(async () => {
  sim = await startSimCluster({ nodes: 3, zones: ['zone-a', 'zone-b'] });
});
afterEach(async () => {
  await sim.close();
});

describe('node failure', () => {
  it('Unknown after 50 s, unreachable taints, eviction at 300 s, replacements on healthy nodes; healing removes the taints', async () => {
    await sim.admin.create(DEPLOYMENTS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 6, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    const pods = async () => (await sim.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'app=web' })).items;
    await sim.advanceUntil(async () => (await pods()).filter(isReadyPod).length === 6, 120_000);
    const onNode1 = (await pods()).filter((p) => nodeOf(p) === 'node-1').map((p) => p.metadata!.name!);
    expect(onNode1.length).toBeGreaterThan(0);

    await sim.admin.create(FAULTS, { apiVersion: 'lab.clusterlab.dev/v1', kind: 'Fault', metadata: { name: 'node-1-down' }, spec: { type: 'StopKubelet', target: { node: 'node-1' } } });
    await sim.settle();
    const stoppedAt = sim.clock.now();
    const node1 = () => sim.admin.get({ ...NODES, name: 'node-1' });

    // Ready stays True through the grace period (the last heartbeat is at most 10 s older than the stop).
    await sim.advance(40_000);
    expect(readyOf(await node1())).toBe('True');
    const unknownAfter = (await sim.advanceUntil(async () => readyOf(await node1()) === 'Unknown', 60_000, 1000)) + 40_000;
    expect(unknownAfter).toBeGreaterThan(40_000);
    expect(unknownAfter).toBeLessThanOrEqual(50_000 + 10_000 + 5_000); // grace after the last renewal, plus one monitor period
    await sim.advance(10_000);
    expect(taintsOf(await node1())).toEqual(['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);

    // Pods on node-1 tolerate unreachable:NoExecute for 300 s (DefaultTolerationSeconds), then are evicted.
    const taintedAt = sim.clock.now();
    await sim.advance(280_000 - (sim.clock.now() - taintedAt), 5000);
    for (const name of onNode1) expect((await sim.pod('default', name)).metadata?.deletionTimestamp).toBeUndefined();
    await sim.advanceUntil(async () => (await sim.pod('default', onNode1[0]!)).metadata?.deletionTimestamp !== undefined, 40_000, 1000);
    const evictedAfter = (sim.clock.now() - taintedAt) / 1000;
    expect(evictedAfter).toBeGreaterThanOrEqual(295);
    expect(evictedAfter).toBeLessThanOrEqual(310);

    // The ReplicaSet replaces them on the healthy nodes (the evicted pods stay Terminating: no kubelet confirms).
    await sim.advanceUntil(async () => (await pods()).filter((p) => !p.metadata?.deletionTimestamp && isReadyPod(p)).length === 6, 120_000);
    const live = (await pods()).filter((p) => !p.metadata?.deletionTimestamp);
    expect(live.every((p) => nodeOf(p) !== 'node-1')).toBe(true);
    expect(sim.clock.now() - stoppedAt).toBeLessThan(10 * 60_000);

    // Healing: the kubelet comes back, posts Ready, and the controller removes the taints.
    await sim.admin.delete({ ...FAULTS, name: 'node-1-down' });
    await sim.advanceUntil(async () => readyOf(await node1()) === 'True' && taintsOf(await node1()).length === 0, 60_000, 1000);
  });
});
