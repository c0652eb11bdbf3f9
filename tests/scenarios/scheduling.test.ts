/**
 * Issue #3 acceptance 6 on a whole cluster: the notes' PodTopologySpread worked example (4 nodes in 2 zones, 3
 * matching pods, 2 of them in zoneA) and a FailedScheduling message in upstream's exact format, plus the
 * SchedulingTrace the UI's "why here / why pending" reads.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { NODES, PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

let sim: SimCluster;
beforeEach(async () => {
  // node-1, node-3 in zoneA; node-2, node-4 in zoneB (zones are assigned round-robin).
  sim = await startSimCluster({ nodes: 4, zones: ['zoneA', 'zoneB'] });
});
afterEach(async () => {
  await sim.close();
});

const nodeOf = async (name: string) => ((await sim.pod('default', name))['spec'] as { nodeName?: string }).nodeName;
const zoneOf = (node: string | undefined) => (node === 'node-1' || node === 'node-3' ? 'zoneA' : node === undefined ? undefined : 'zoneB');

async function pod(name: string, extra: Record<string, unknown>, labels: Record<string, string> = { app: 'spread' }): Promise<void> {
  await sim.admin.create({ ...PODS, namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra } });
}

function spread(maxSkew: number): Record<string, unknown> {
  return { topologySpreadConstraints: [{ maxSkew, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'spread' } } }] };
}

describe('scheduling on a whole cluster', () => {
  it('maxSkew 1: with 2 matching pods in zoneA and 1 in zoneB, the 4th lands in zoneB', async () => {
    await pod('p1', { nodeName: 'node-1' });
    await pod('p2', { nodeName: 'node-3' });
    await pod('p3', { nodeName: 'node-2' });
    await sim.settle();
    for (let i = 0; i < 5; i++) {
      await pod(`mypod-${i}`, spread(1));
      await sim.advance(1000);
      expect(zoneOf(await nodeOf(`mypod-${i}`))).toBe('zoneB');
      await sim.admin.delete({ ...PODS, namespace: 'default', name: `mypod-${i}` }, { gracePeriodSeconds: 0 });
      await sim.settle();
    }
    // The trace says why: zoneA nodes were rejected by PodTopologySpread.
    const trace = sim.cluster.scheduler!.traces('default', 'mypod-4').at(-1) as unknown as { selectedNode?: string; rejected: Array<{ plugin: string; reasons: string[]; nodes: string[] }> };
    expect(zoneOf(trace.selectedNode)).toBe('zoneB');
    const byPlugin = trace.rejected.find((r) => r.plugin === 'PodTopologySpread')!;
    expect(byPlugin.nodes.sort()).toEqual(['node-1', 'node-3']);
    expect(byPlugin.reasons).toEqual(["node(s) didn't match pod topology spread constraints"]);
  });

  it('maxSkew 2: either zone is allowed (every node passes Filter); the resource scores pick the empty node', async () => {
    await pod('p1', { nodeName: 'node-1' });
    await pod('p2', { nodeName: 'node-3' });
    await pod('p3', { nodeName: 'node-2' });
    await sim.settle();
    await pod('mypod', spread(2));
    await sim.advance(1000);
    const trace = sim.cluster.scheduler!.traces('default', 'mypod').at(-1)!;
    expect(trace.rejected).toEqual([]);
    expect([...trace.feasibleNodes].sort()).toEqual(['node-1', 'node-2', 'node-3', 'node-4']);
    // PodTopologySpread scores only ScheduleAnyway constraints; the resource scores favour the empty node-4.
    expect(zoneOf(await nodeOf('mypod'))).toBe('zoneB');
  });

  it('writes FailedScheduling in upstream format when no node fits', async () => {
    const node1 = await sim.admin.get({ ...NODES, name: 'node-1' });
    await sim.admin.patch({ ...NODES, name: 'node-1' }, 'merge', { spec: { taints: [...(((node1['spec'] as { taints?: unknown[] }).taints) ?? []), { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } });
    await sim.settle();
    await pod('big', { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '5' } } }] }, { app: 'big' });
    await sim.advance(2000);
    const events = (await sim.eventsFor('default', 'big')) as Array<KubeObject & { reason: string; message: string; reportingComponent: string; action: string }>;
    const failed = events.find((e) => e.reason === 'FailedScheduling')!;
    expect(failed.reportingComponent).toBe('default-scheduler');
    expect(failed.action).toBe('Scheduling');
    expect(failed.message).toBe(
      '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
    const scheduled = ((await sim.pod('default', 'big'))['status'] as { conditions: Array<{ type: string; status: string; reason: string }> }).conditions.find((c) => c.type === 'PodScheduled')!;
    expect(scheduled).toMatchObject({ status: 'False', reason: 'Unschedulable' });
  });
});
