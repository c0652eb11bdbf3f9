import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { CycleState, Status, type Plugin } from '../../../../engine/scheduler/framework/interface';
import { buildFramework } from '../../../../engine/scheduler/profile/build-framework';
import { SchedulingAlgorithm } from '../../../../engine/scheduler/schedule-pod';
import { newTrace } from '../../../../engine/scheduler/trace/scheduling-trace';
import { makeNode, makePod, snapshotOf } from './fixtures';

function setup(numNodes: number, registry: Record<string, () => Plugin>, percentageOfNodesToScore?: number) {
  const clock = new VirtualClock({ startMs: 0, seed: 5 });
  const nodes = Array.from({ length: numNodes }, (_, i) => makeNode(`n${String(i).padStart(3, '0')}`, { pods: '10' }));
  const { snapshot } = snapshotOf(nodes, []);
  const fw = buildFramework(
    { schedulerName: 's', percentageOfNodesToScore, plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: Object.keys(registry).map((name) => ({ name })) } } },
    { registry, clock, handle: { clock, snapshot: () => snapshot, bind: async () => {}, evictVictim: async () => {} } },
  );
  const algo = new SchedulingAlgorithm(clock.random);
  const schedule = (name: string) => {
    const trace = newTrace({ namespace: 'default', name, uid: name }, 's', 1, 0, numNodes);
    const outcome = algo.schedulePod(fw, new CycleState(), makePod(name), snapshot, trace);
    return { outcome, trace };
  };
  return { schedule, algo };
}

const pass = () => ({ name: 'Pass', filter: () => Status.success() }) as Plugin;

describe('schedulePod', () => {
  it('filters numFeasibleNodesToFind nodes from a round-robin start (nextStartNodeIndex)', () => {
    const { schedule, algo } = setup(200, { Pass: pass }); // 200 nodes → 50 − 1 = 49% = 98 → at least 100
    const first = schedule('a').trace;
    expect(first.feasibleNodes.length).toBe(100);
    expect(first.feasibleNodes[0]).toBe('n000');
    expect(algo.nextStartNodeIndex).toBe(100);
    const second = schedule('b').trace;
    expect(second.feasibleNodes[0]).toBe('n100');
    expect(algo.nextStartNodeIndex).toBe(0);
  });

  it('counts rejected nodes as processed too and records each rejection in the trace', () => {
    let i = 0;
    const everyOther = () => ({ name: 'Half', filter: () => (i++ % 2 === 0 ? Status.success() : new Status('Unschedulable', ['odd one out'])) }) as Plugin;
    const { schedule, algo } = setup(400, { Half: everyOther }, 25); // 25% of 400 = 100
    const { trace, outcome } = schedule('a');
    expect(trace.feasibleNodes.length).toBe(100);
    expect(trace.rejected.length).toBe(1);
    expect(trace.rejected[0]?.nodes.length).toBe(99);
    expect(trace.rejected[0]).toMatchObject({ plugin: 'Half', code: 'Unschedulable', reasons: ['odd one out'] });
    expect(trace.rejected[0]?.nodes[0]).toBe('n001');
    expect(algo.nextStartNodeIndex).toBe(199);
    expect(outcome.kind).toBe('scheduled');
  });

  it('a single feasible node is chosen without scoring; no nodes at all is an error', () => {
    const only = () => ({ name: 'Only', filter: (_s: unknown, _p: unknown, ni: { name: string }) => (ni.name === 'n002' ? Status.success() : new Status('Unschedulable', ['no'])) }) as Plugin;
    const { schedule } = setup(5, { Only: only });
    const { outcome, trace } = schedule('a');
    expect(outcome).toMatchObject({ kind: 'scheduled', host: 'n002' });
    expect(trace.scores).toEqual([]);
    expect(setup(0, { Only: only }).schedule('b').outcome).toEqual({ kind: 'error', message: 'no nodes available to schedule pods' });
  });
});
