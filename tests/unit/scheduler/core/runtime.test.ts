import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { CycleState, Status, type NodeScore, type Plugin, type ScorePlugin } from '../../../../engine/scheduler/framework/interface';
import { numFeasibleNodesToFind } from '../../../../engine/scheduler/framework/nodes-to-find';
import { selectHost } from '../../../../engine/scheduler/framework/select-host';
import { buildFramework } from '../../../../engine/scheduler/profile/build-framework';
import { DEFAULT_MULTI_POINT } from '../../../../engine/scheduler/profile/profile-config';
import { makeNode, makePod, snapshotOf } from './fixtures';

const clock = new VirtualClock({ startMs: 0, seed: 7 });
const handle = { clock, snapshot: () => undefined as never, bind: async () => {}, evictVictim: async () => {} };

/** A score plugin returning a fixed score per node name, optionally with a normalize step. */
function fixedScore(name: string, scores: Record<string, number>, normalize?: (s: NodeScore[]) => void) {
  return (): ScorePlugin => ({
    name,
    score: (_s, _p, ni) => ({ score: scores[ni.name] ?? 0, status: Status.success() }),
    normalizeScore: normalize
      ? (_s, _p, list) => {
          normalize(list);
          return Status.success();
        }
      : undefined,
  });
}

describe('numFeasibleNodesToFind (adaptive percentageOfNodesToScore)', () => {
  it('matches upstream: all below 100 nodes, 50 − n/125 % (min 5%), at least 100', () => {
    expect(numFeasibleNodesToFind(undefined, 50)).toBe(50);
    expect(numFeasibleNodesToFind(undefined, 100)).toBe(100); // 50% of 100 = 50 → raised to 100
    expect(numFeasibleNodesToFind(undefined, 1000)).toBe(420); // 50 − 8 = 42%
    expect(numFeasibleNodesToFind(undefined, 5000)).toBe(500); // 50 − 40 = 10%
    expect(numFeasibleNodesToFind(undefined, 6000)).toBe(300); // 50 − 48 = 2% → 5%
    expect(numFeasibleNodesToFind(30, 1000)).toBe(300);
    expect(numFeasibleNodesToFind(1, 1000)).toBe(100);
  });
});

describe('selectHost', () => {
  it('picks the top total; ties are drawn uniformly from the clock random', () => {
    const c = new VirtualClock({ startMs: 0, seed: 3 });
    expect(selectHost(['a', 'b', 'c'], [10, 30, 20], c.random)).toBe('b');
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 3000; i++) counts[selectHost(['a', 'b', 'c'], [5, 5, 5], c.random) as string]!++;
    for (const n of ['a', 'b', 'c']) expect(counts[n]).toBeGreaterThan(850);
  });
});

describe('FrameworkRuntime', () => {
  it('builds the default profile with upstream 1.32 score weights', () => {
    const weights = Object.fromEntries(DEFAULT_MULTI_POINT.filter((p) => p.weight).map((p) => [p.name, p.weight]));
    expect(weights).toEqual({ TaintToleration: 3, NodeAffinity: 2, NodeResourcesFit: 1, PodTopologySpread: 2, InterPodAffinity: 2, NodeResourcesBalancedAllocation: 1, ImageLocality: 1 });
  });

  it('normalizes, checks the range and multiplies by the weight', () => {
    const registry = {
      A: fixedScore('A', { n1: 10, n2: 40 }, (list) => {
        const max = Math.max(...list.map((s) => s.score));
        for (const s of list) s.score = Math.trunc((s.score * 100) / max);
      }),
      B: fixedScore('B', { n1: 100, n2: 0 }),
    };
    const fw = buildFramework(
      { schedulerName: 'x', plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'A', weight: 2 }, { name: 'B', weight: 3 }] } } },
      { registry, handle, clock },
    );
    const { snapshot } = snapshotOf([makeNode('n1', { pods: '10' }), makeNode('n2', { pods: '10' })], []);
    const out = fw.runScorePlugins(new CycleState(), makePod('p'), snapshot.list());
    expect(out.status.isSuccess()).toBe(true);
    expect(out.plugins.map((p) => [p.plugin, p.weight, p.raw, p.normalized, p.weighted])).toEqual([
      ['A', 2, [10, 40], [25, 100], [50, 200]],
      ['B', 3, [100, 0], [100, 0], [300, 0]],
    ]);
    expect(out.totals).toEqual([350, 200]);
  });

  it('rejects a score outside [0, 100] after normalizing, with upstream wording', () => {
    const fw = buildFramework(
      { schedulerName: 'x', plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'Big' }] } } },
      { registry: { Big: fixedScore('Big', { n1: 101 }) }, handle, clock },
    );
    const { snapshot } = snapshotOf([makeNode('n1', { pods: '10' })], []);
    const out = fw.runScorePlugins(new CycleState(), makePod('p'), snapshot.list());
    expect(out.status.message()).toBe('plugin "Big" returns an invalid score 101, it should in the range of [0, 100] after normalizing');
  });

  it('intersects PreFilterResults and names the plugins when nothing is left', () => {
    const narrow = (name: string, nodes: string[]) => (): Plugin =>
      ({ name, preFilter: () => ({ result: { nodeNames: new Set(nodes) }, status: Status.success() }) }) as Plugin;
    const fw = buildFramework(
      { schedulerName: 'x', plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'P1' }, { name: 'P2' }] } } },
      { registry: { P1: narrow('P1', ['n1', 'n2']), P2: narrow('P2', ['n3']) }, handle, clock },
    );
    const out = fw.runPreFilterPlugins(new CycleState(), makePod('p'), []);
    expect(out.status.code).toBe('Unschedulable');
    expect(out.status.message()).toBe("node(s) didn't satisfy plugin(s) [P1 P2] simultaneously");
  });

  it('runs Filter plugins in order and reports the first rejection with its plugin', () => {
    const rejecting = (name: string, reason: string) => (): Plugin => ({ name, filter: () => new Status('Unschedulable', [reason]) }) as Plugin;
    const fw = buildFramework(
      { schedulerName: 'x', plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'F1' }, { name: 'F2' }] } } },
      { registry: { F1: rejecting('F1', 'first'), F2: rejecting('F2', 'second') }, handle, clock },
    );
    const { snapshot } = snapshotOf([makeNode('n1', { pods: '10' })], []);
    const s = fw.runFilterPlugins(new CycleState(), makePod('p'), snapshot.list()[0]!);
    expect([s.plugin, s.reasons]).toEqual(['F1', ['first']]);
  });

  it('explicitly named plugins must exist; missing defaults are reported and skipped', () => {
    const missing: string[] = [];
    buildFramework({ schedulerName: 'default-scheduler' }, { registry: {}, handle, clock, missing: (n) => missing.push(n) });
    expect(missing).toEqual(DEFAULT_MULTI_POINT.map((p) => p.name));
    expect(() => buildFramework({ schedulerName: 'x', plugins: { filter: { enabled: [{ name: 'Nope' }] } } }, { registry: {}, handle, clock })).toThrow('plugin "Nope" does not exist');
  });

  it('Permit Wait parks the pod until allowed, or rejects it at the timeout with upstream wording', async () => {
    const c = new VirtualClock({ startMs: 0, seed: 1 });
    const waiter = () => ({ name: 'Gate', permit: () => ({ status: new Status('Wait'), timeoutMs: 10_000 }) }) as Plugin;
    const fw = buildFramework(
      { schedulerName: 'x', plugins: { multiPoint: { disabled: [{ name: '*' }], enabled: [{ name: 'Gate' }] } } },
      { registry: { Gate: waiter }, handle: { ...handle, clock: c }, clock: c },
    );
    const allowed = makePod('a');
    const pending = fw.runPermitPlugins(new CycleState(), allowed, 'n1');
    expect(fw.isWaiting(allowed.metadata!.uid!)).toBe(true);
    fw.allowWaitingPod(allowed.metadata!.uid!, 'Gate');
    expect((await pending).isSuccess()).toBe(true);

    const timedOut = fw.runPermitPlugins(new CycleState(), makePod('b'), 'n1');
    c.advance(10_000);
    const s = await timedOut;
    expect([s.code, s.plugin, s.message()]).toEqual(['Unschedulable', 'Gate', 'rejected due to timeout after waiting 10s at plugin Gate']);
  });

  it('passes pluginConfig args to the factory and lets a profile re-weight and disable defaults', () => {
    const seen: unknown[] = [];
    const registry = {
      TaintToleration: (args: Record<string, unknown> | undefined) => {
        seen.push(args);
        return { name: 'TaintToleration', score: () => ({ score: 0, status: Status.success() }) } as Plugin;
      },
      ImageLocality: () => ({ name: 'ImageLocality', score: () => ({ score: 0, status: Status.success() }) }) as Plugin,
    };
    const fw = buildFramework(
      {
        schedulerName: 'custom',
        plugins: { multiPoint: { enabled: [{ name: 'TaintToleration', weight: 7 }] }, score: { disabled: [{ name: 'ImageLocality' }] } },
        pluginConfig: [{ name: 'TaintToleration', args: { some: 'arg' } }],
      },
      { registry, handle, clock },
    );
    expect(seen).toEqual([{ some: 'arg' }]);
    expect(fw.points.score.map((s) => [s.plugin.name, s.weight])).toEqual([['TaintToleration', 7]]);
  });
});
