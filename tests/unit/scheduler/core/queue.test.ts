import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { Status, type ClusterEvent } from '../../../../engine/scheduler/framework/interface';
import { backoffDuration } from '../../../../engine/scheduler/queue/backoff';
import { SchedulingQueue } from '../../../../engine/scheduler/queue/scheduling-queue';
import { newPrioritySort } from '../../../../engine/scheduler/plugins/priority-sort';
import { newSchedulingGates } from '../../../../engine/scheduler/plugins/scheduling-gates';
import { makePod } from './fixtures';

function setup(events: Record<string, ClusterEvent[]> = {}) {
  const clock = new VirtualClock({ startMs: 1_000_000, seed: 1 });
  const sort = newPrioritySort(undefined, {} as never);
  const gates = newSchedulingGates(undefined, {} as never);
  const queue = new SchedulingQueue({
    clock,
    less: (a, b) => sort.less(a, b),
    preEnqueue: (pod) => {
      const s = gates.preEnqueue(pod);
      if (!s.isSuccess()) s.plugin = gates.name;
      return s;
    },
    eventsOf: (plugin) => (plugin === 'SchedulingGates' ? gates.eventsToRegister() : events[plugin]),
  });
  return { clock, queue };
}

describe('SchedulingQueue', () => {
  it('backoff doubles from 1 s to the 10 s cap (podInitialBackoffDuration, podMaxBackoffDuration)', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDuration(a))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('orders activeQ by priority, then queue time (PrioritySort)', () => {
    const { clock, queue } = setup();
    queue.add(makePod('low', { priority: 1 }));
    clock.advance(1);
    queue.add(makePod('high-late', { priority: 10 }));
    queue.add(makePod('high-later', { priority: 10 }));
    clock.advance(1);
    queue.add(makePod('mid', { priority: 5 }));
    const order = [1, 2, 3, 4].map(() => queue.tryPop()?.podInfo.pod.metadata?.name);
    expect(order).toEqual(['high-late', 'high-later', 'mid', 'low']);
    queue.dispose();
  });

  it('a pod failing with an error waits its backoff in backoffQ, 1→2→4→8→10 s per attempt', () => {
    const { clock, queue } = setup();
    const pod = makePod('p');
    queue.add(pod);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const q = queue.tryPop();
      expect(q?.attempts).toBe(attempt);
      q!.unschedulablePlugins = new Set(); // an Error: straight to backoffQ
      queue.addUnschedulable(q!);
      expect(queue.where(pod.metadata!.uid!)).toBe('backoff');
      let waited = 0;
      while (queue.where(pod.metadata!.uid!) === 'backoff') {
        clock.advance(100);
        waited += 100;
      }
      // The backoffQ is flushed every second, so the pod leaves within a second after its backoff ends.
      waits.push(waited);
    }
    const expected = [1000, 2000, 4000, 8000, 10_000];
    waits.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(expected[i] as number);
      expect(w).toBeLessThanOrEqual((expected[i] as number) + 1000);
    });
    queue.dispose();
  });

  it('moves an unschedulable pod back only on events its rejecting plugin registered', () => {
    const { clock, queue } = setup({ NodeResourcesFit: [{ resource: 'Node', action: 'UpdateNodeAllocatable' }, { resource: 'Pod', action: 'Delete' }] });
    const pod = makePod('p');
    queue.add(pod);
    const q = queue.tryPop()!;
    q.unschedulablePlugins = new Set(['NodeResourcesFit']);
    queue.addUnschedulable(q);
    expect(queue.where(pod.metadata!.uid!)).toBe('unschedulable');
    queue.onClusterEvent({ resource: 'Node', action: 'UpdateNodeLabel' });
    expect(queue.where(pod.metadata!.uid!)).toBe('unschedulable');
    clock.advance(5000); // past the 1 s backoff
    queue.onClusterEvent({ resource: 'Pod', action: 'Delete' });
    expect(queue.where(pod.metadata!.uid!)).toBe('active');
    queue.dispose();
  });

  it('an event during the attempt sends the failed pod to backoff instead of unschedulablePods', () => {
    const { queue } = setup({ NodeResourcesFit: [{ resource: 'Node', action: 'Add' }] });
    const pod = makePod('p');
    queue.add(pod);
    const q = queue.tryPop()!;
    queue.onClusterEvent({ resource: 'Node', action: 'Add' });
    q.unschedulablePlugins = new Set(['NodeResourcesFit']);
    queue.addUnschedulable(q);
    expect(queue.where(pod.metadata!.uid!)).toBe('backoff');
    queue.dispose();
  });

  it('retries unschedulable pods after 5 minutes without any event (podMaxInUnschedulablePodsDuration)', () => {
    const { clock, queue } = setup({ X: [] });
    const pod = makePod('p');
    queue.add(pod);
    const q = queue.tryPop()!;
    q.unschedulablePlugins = new Set(['X']);
    queue.addUnschedulable(q);
    clock.advance(4 * 60_000 + 59_000);
    expect(queue.where(pod.metadata!.uid!)).toBe('unschedulable');
    clock.advance(31_000); // the leftover flush runs every 30 s
    expect(queue.where(pod.metadata!.uid!)).toBe('active');
    queue.dispose();
  });

  it('keeps gated pods out of activeQ until the gates are removed', () => {
    const { queue } = setup();
    const gated = makePod('g', { schedulingGates: ['foo', 'bar'] });
    queue.add(gated);
    expect(queue.where(gated.metadata!.uid!)).toBe('gated');
    expect(queue.tryPop()).toBeUndefined();
    queue.onClusterEvent({ resource: 'Node', action: 'Add' });
    expect(queue.where(gated.metadata!.uid!)).toBe('gated');
    const ungated = { ...gated, spec: { ...(gated['spec'] as object), schedulingGates: [] } };
    queue.update(ungated);
    expect(queue.where(gated.metadata!.uid!)).toBe('active');
    queue.dispose();
  });

  it('SchedulingGates says which gates, as upstream', () => {
    const s = newSchedulingGates(undefined, {} as never).preEnqueue(makePod('g', { schedulingGates: ['foo', 'bar'] }));
    expect(s.code).toBe('UnschedulableAndUnresolvable');
    expect(s.message()).toBe('waiting for scheduling gates: [foo bar]');
    expect(newSchedulingGates(undefined, {} as never).preEnqueue(makePod('free'))).toEqual(Status.success());
  });

  it('pop() waits for a pod and close() releases waiters', async () => {
    const { queue } = setup();
    const waiting = queue.pop();
    queue.add(makePod('late'));
    expect((await waiting)?.podInfo.pod.metadata?.name).toBe('late');
    const again = queue.pop();
    queue.dispose();
    expect(await again).toBeUndefined();
  });
});
