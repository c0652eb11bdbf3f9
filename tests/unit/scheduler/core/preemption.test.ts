/**
 * DefaultPreemption.PostFilter, cases ported from upstream default_preemption_test.go TestPostFilter (same pods,
 * nodes, PDBs and expected nominated node / status message), with a stand-in resource filter.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { CycleState, Status } from '../../../../engine/scheduler/framework/interface';
import { newPodInfo } from '../../../../engine/scheduler/framework/pod-info';
import { newDefaultPreemption } from '../../../../engine/scheduler/plugins/default-preemption';
import { buildFramework } from '../../../../engine/scheduler/profile/build-framework';
import { fakeFit, makeNode, makePod, snapshotOf } from './fixtures';

const low = 0;
const mid = 100;
const high = 1000;
const veryHigh = 10000;
const onePodRes = { pods: '1' };
const nodeRes = { pods: '32', cpu: '200m', memory: '400' };

function run(pod: KubeObject, pods: KubeObject[], nodes: KubeObject[], statuses: Record<string, Status['code']>, pdbs: KubeObject[] = [], nominees: KubeObject[] = []) {
  const clock = new VirtualClock({ startMs: 0, seed: 1 });
  const { snapshot } = snapshotOf(nodes, pods, { PodDisruptionBudget: pdbs });
  const evicted: string[] = [];
  const cleared: string[] = [];
  const fw = buildFramework(
    { schedulerName: 'default-scheduler', plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'NodeResourcesFit' }, { name: 'DefaultPreemption' }] } } },
    {
      registry: { NodeResourcesFit: () => fakeFit(), DefaultPreemption: newDefaultPreemption },
      clock,
      handle: {
        clock,
        snapshot: () => snapshot,
        bind: async () => {},
        evictVictim: async (v) => void evicted.push(v.metadata?.name ?? ''),
        nominatedPodsForNode: () => nominees.map(newPodInfo),
        clearNominatedNodeName: async (p) => void cleared.push(p.metadata?.name ?? ''),
      },
    },
  );
  const m = new Map(Object.entries(statuses).map(([n, code]) => [n, new Status(code)]));
  return fw.runPostFilterPlugins(new CycleState(), pod, m).then((r) => ({ ...r, evicted, cleared }));
}

describe('DefaultPreemption PostFilter (upstream TestPostFilter cases)', () => {
  it('pod with higher priority can be made schedulable', async () => {
    const r = await run(makePod('p', { priority: high }), [makePod('p1', { node: 'node1' })], [makeNode('node1', onePodRes)], { node1: 'Unschedulable' });
    expect(r.status.isSuccess()).toBe(true);
    expect(r.result?.nominatedNodeName).toBe('node1');
    expect(r.evicted).toEqual(['p1']);
  });

  it('pod with tied priority is still unschedulable', async () => {
    const r = await run(makePod('p'), [makePod('p1', { node: 'node1' })], [makeNode('node1', onePodRes)], { node1: 'Unschedulable' });
    expect(r.result?.nominatedNodeName).toBe('');
    expect(r.status.message()).toBe('preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.');
  });

  it('preemption should respect filteredNodesStatuses', async () => {
    const r = await run(makePod('p', { priority: high }), [makePod('p1', { node: 'node1' })], [makeNode('node1', onePodRes)], { node1: 'UnschedulableAndUnresolvable' });
    expect(r.status.message()).toBe('preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });

  it('preemption should respect absent NodeToStatusReader entry meaning UnschedulableAndUnresolvable', async () => {
    const r = await run(makePod('p', { priority: high }), [makePod('p1', { node: 'node1' })], [makeNode('node1', onePodRes)], {});
    expect(r.status.message()).toBe('preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });

  it('pod can be made schedulable on one node', async () => {
    const r = await run(
      makePod('p', { priority: mid }),
      [makePod('p1', { priority: high, node: 'node1' }), makePod('p2', { priority: low, node: 'node2' })],
      [makeNode('node1', onePodRes), makeNode('node2', onePodRes)],
      { node1: 'Unschedulable', node2: 'Unschedulable' },
    );
    expect(r.result?.nominatedNodeName).toBe('node2');
  });

  it('pod can be made schedulable on minHighestPriority node (PDB violations counted first)', async () => {
    const pdb = (name: string, value: string, allowed: number): KubeObject => ({
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name, namespace: 'default' },
      spec: { selector: { matchLabels: { violating: value } } },
      status: { disruptionsAllowed: allowed },
    });
    const r = await run(
      makePod('p', { priority: veryHigh }),
      [
        makePod('p1', { priority: high, node: 'node1', labels: { violating: 'false' } }),
        makePod('p2', { priority: low, node: 'node1', labels: { violating: 'true' } }),
        makePod('p3', { priority: mid, node: 'node2', labels: { violating: 'true' } }),
      ],
      [makeNode('node1', onePodRes), makeNode('node2', onePodRes)],
      { node1: 'Unschedulable', node2: 'Unschedulable' },
      [pdb('violating-pdb', 'true', 0), pdb('non-violating-pdb', 'false', 2147483647)],
    );
    expect(r.result?.nominatedNodeName).toBe('node2');
    expect(r.evicted).toEqual(['p3']);
  });

  it('no candidate nodes found, no enough resource after removing low priority pods', async () => {
    const r = await run(
      makePod('p', { priority: high, cpu: '500m' }),
      [makePod('p1', { node: 'node1' }), makePod('p2', { node: 'node2' })],
      [makeNode('node1', nodeRes), makeNode('node2', nodeRes)],
      { node1: 'Unschedulable', node2: 'Unschedulable' },
    );
    expect(r.status.message()).toBe('preemption: 0/2 nodes are available: 2 Insufficient cpu.');
  });

  it('no candidate nodes found with mixed reasons, no lower priority pod and no enough CPU resource', async () => {
    const r = await run(
      makePod('p', { priority: high, cpu: '500m' }),
      [makePod('p1', { node: 'node1', priority: high }), makePod('p2', { node: 'node2' }), makePod('p3', { node: 'node3', priority: high })],
      [makeNode('node1', onePodRes), makeNode('node2', nodeRes), makeNode('node3', onePodRes)],
      { node1: 'Unschedulable', node2: 'Unschedulable', node3: 'Unschedulable' },
    );
    expect(r.status.message()).toBe('preemption: 0/3 nodes are available: 1 Insufficient cpu, 2 No preemption victims found for incoming pod.');
  });

  it('no candidate nodes found with mixed reason, 2 UnschedulableAndUnresolvable nodes and 2 nodes short of CPU', async () => {
    const r = await run(
      makePod('p', { priority: high, cpu: '500m' }),
      [makePod('p1', { node: 'node1' }), makePod('p2', { node: 'node2' })],
      [makeNode('node1', nodeRes), makeNode('node2', nodeRes), makeNode('node3', nodeRes), makeNode('node4', nodeRes)],
      { node1: 'Unschedulable', node2: 'Unschedulable', node4: 'UnschedulableAndUnresolvable' },
    );
    expect(r.status.message()).toBe('preemption: 0/4 nodes are available: 2 Insufficient cpu, 2 Preemption is not helpful for scheduling.');
  });

  it('respects preemptionPolicy: Never', async () => {
    const r = await run(makePod('p', { priority: high, preemptionPolicy: 'Never' }), [makePod('p1', { node: 'node1' })], [makeNode('node1', onePodRes)], { node1: 'Unschedulable' });
    expect(r.status.message()).toBe('preemption: not eligible due to preemptionPolicy=Never.');
    expect(r.evicted).toEqual([]);
  });

  it('evicts the minimal set: the lowest-priority victims, reprieving the most important first', async () => {
    const r = await run(
      makePod('p', { priority: high, cpu: '100m' }),
      [makePod('a', { node: 'node1', priority: 10, cpu: '100m' }), makePod('b', { node: 'node1', priority: 5, cpu: '100m' })],
      [makeNode('node1', nodeRes)],
      { node1: 'Unschedulable' },
    );
    expect(r.result?.nominatedNodeName).toBe('node1');
    expect(r.evicted).toEqual(['b']);
  });

  it('clears the nomination of lower-priority pods nominated to the chosen node', async () => {
    const r = await run(
      makePod('p', { priority: high }),
      [makePod('p1', { node: 'node1' })],
      [makeNode('node1', onePodRes)],
      { node1: 'Unschedulable' },
      [],
      [makePod('lower', { priority: mid, nominatedNodeName: 'node1' }), makePod('higher', { priority: veryHigh, nominatedNodeName: 'node1' })],
    );
    expect(r.result?.nominatedNodeName).toBe('node1');
    expect(r.cleared).toEqual(['lower']);
  });
});
