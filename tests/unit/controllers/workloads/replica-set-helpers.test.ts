import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { podsToDelete } from '../../../../engine/controllers/replica-set/active-pods-ranking';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS } from '../../../../engine/controllers/replica-set/controller-expectations';
import { slowStartBatch } from '../../../../engine/controllers/replica-set/slow-start-batch';
import { VirtualClock } from '../../../../engine/base/virtual-clock';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

function pod(name: string, o: { node?: string; phase?: string; ready?: boolean; readySince?: number; created?: number; restarts?: number; cost?: string; uid?: string } = {}): Pod {
  return {
    metadata: {
      name,
      uid: o.uid ?? name,
      creationTimestamp: iso(o.created ?? NOW - 3600_000),
      ...(o.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } } : {}),
    },
    spec: { containers: [], ...(o.node ? { nodeName: o.node } : {}) },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: iso(o.readySince ?? NOW - 3600_000) }],
      containerStatuses: [{ name: 'c', image: 'i', imageID: '', ready: true, restartCount: o.restarts ?? 0 }],
    },
  };
}

const first = (pods: Pod[], related: Pod[] = pods) => podsToDelete(pods, related, 1, NOW)[0]?.metadata?.name;

describe('ActivePodsWithRanks (getPodsToDelete)', () => {
  it('prefers unassigned, then Pending < Unknown < Running, then not ready', () => {
    expect(first([pod('a', { node: 'n1' }), pod('b')])).toBe('b');
    expect(first([pod('run', { node: 'n1' }), pod('unk', { node: 'n1', phase: 'Unknown' }), pod('pend', { node: 'n1', phase: 'Pending' })])).toBe('pend');
    expect(first([pod('run', { node: 'n1' }), pod('unk', { node: 'n1', phase: 'Unknown' })])).toBe('unk');
    expect(first([pod('ready', { node: 'n1' }), pod('notready', { node: 'n1', ready: false })])).toBe('notready');
  });

  it('then lower pod-deletion-cost, then pods doubled up on a node with more related pods', () => {
    expect(first([pod('cheap', { node: 'n1', cost: '-5' }), pod('dear', { node: 'n2', cost: '10' })])).toBe('cheap');
    const a = pod('a', { node: 'n1' });
    const b = pod('b', { node: 'n2' });
    const sibling = pod('sibling', { node: 'n2' });
    expect(first([a, b], [a, b, sibling])).toBe('b');
  });

  it('then ready more recently (log2 buckets), then more restarts, then newer (log2 buckets, ties by UID)', () => {
    expect(first([pod('old', { node: 'n', readySince: NOW - 3600_000 }), pod('new', { node: 'n', readySince: NOW - 60_000 })])).toBe('new');
    // 100 s and 110 s ago fall into the same log2(ns) bucket: upstream breaks that tie by UID right there.
    expect(first([pod('r3', { node: 'n', readySince: NOW - 100_000, restarts: 3 }), pod('r0', { node: 'n', readySince: NOW - 110_000 })])).toBe('r0');
    // Equal ready times: the restart count decides.
    expect(first([pod('r0', { node: 'n', readySince: NOW - 100_000 }), pod('r3', { node: 'n', readySince: NOW - 100_000, restarts: 3 })])).toBe('r3');
    expect(first([pod('older', { node: 'n', created: NOW - 7200_000 }), pod('newer', { node: 'n', created: NOW - 60_000 })])).toBe('newer');
    expect(first([pod('x', { node: 'n', uid: 'uid-b', created: NOW - 100_000 }), pod('y', { node: 'n', uid: 'uid-a', created: NOW - 110_000 })])).toBe('y');
  });

  it('returns every pod without ranking when all are to go', () => {
    expect(podsToDelete([pod('a'), pod('b')], [], 5, NOW).map((p) => p.metadata?.name)).toEqual(['a', 'b']);
  });
});

describe('slowStartBatch', () => {
  it('runs batches of 1, 2, 4, … and stops after the batch with the first failure', async () => {
    let calls = 0;
    const r = await slowStartBatch(10, 1, async () => {
      calls++;
      if (calls === 4) throw new Error('quota');
    });
    expect(calls).toBe(7); // 1 + 2 + 4
    expect(r.successes).toBe(6);
    expect((r.error as Error).message).toBe('quota');
  });

  it('caps the last batch at what remains', async () => {
    let calls = 0;
    const r = await slowStartBatch(5, 1, async () => void calls++);
    expect(calls).toBe(5);
    expect(r).toEqual({ successes: 5 });
  });
});

describe('ControllerExpectations', () => {
  it('is unsatisfied until every expected create and own delete is observed, or 5 minutes pass', () => {
    const clock = new VirtualClock({ startMs: NOW, seed: 1 });
    const e = new ControllerExpectations(clock);
    expect(e.satisfied('ns/rs')).toBe(true);
    e.expectCreations('ns/rs', 2);
    e.creationObserved('ns/rs');
    expect(e.satisfied('ns/rs')).toBe(false);
    e.creationObserved('ns/rs');
    expect(e.satisfied('ns/rs')).toBe(true);
    e.expectDeletions('ns/rs', ['ns/p1']);
    e.deletionObserved('ns/rs', 'ns/other');
    expect(e.satisfied('ns/rs')).toBe(false);
    clock.advance(EXPECTATIONS_TIMEOUT_MS + 1);
    expect(e.satisfied('ns/rs')).toBe(true);
  });
});
