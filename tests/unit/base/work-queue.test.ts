import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../engine/base/virtual-clock';
import { WorkQueue } from '../../../engine/base/work-queue';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter, defaultControllerRateLimiter } from '../../../engine/base/rate-limiter';

const newClock = () => new VirtualClock({ startMs: 0, seed: 1 });

describe('WorkQueue', () => {
  it('deduplicates queued items', () => {
    const q = new WorkQueue<string>(newClock());
    q.add('a');
    q.add('a');
    q.add('b');
    expect(q.length).toBe(2);
  });

  it('never hands out an item twice while it is processing; re-queues once after done', () => {
    const q = new WorkQueue<string>(newClock());
    q.add('a');
    expect(q.tryGet()).toBe('a');
    q.add('a');
    q.add('a');
    expect(q.tryGet()).toBeUndefined();
    q.done('a');
    expect(q.tryGet()).toBe('a');
    q.done('a');
    expect(q.tryGet()).toBeUndefined();
  });

  it('delays rate-limited adds exponentially from 5 ms', () => {
    const clock = newClock();
    const q = new WorkQueue<string>(clock, new ItemExponentialFailureRateLimiter(5, 1_000_000));
    q.addRateLimited('a');
    clock.advance(4);
    expect(q.length).toBe(0);
    clock.advance(1);
    expect(q.tryGet()).toBe('a');
    q.done('a');
    q.addRateLimited('a'); // second failure: 10 ms
    clock.advance(9);
    expect(q.length).toBe(0);
    clock.advance(1);
    expect(q.length).toBe(1);
    expect(q.numRequeues('a')).toBe(2);
    q.forget('a');
    expect(q.numRequeues('a')).toBe(0);
  });

  it('resolves a waiting get when an item arrives, and undefined on shutdown', async () => {
    const q = new WorkQueue<string>(newClock());
    const p = q.get();
    q.add('x');
    await expect(p).resolves.toBe('x');
    const p2 = q.get();
    q.shutDown();
    await expect(p2).resolves.toBeUndefined();
  });
});

describe('client-go default controller rate limiter', () => {
  it('per item: 5ms·2^n capped at 1000 s', () => {
    const l = new ItemExponentialFailureRateLimiter<string>(5, 1_000_000);
    const delays = Array.from({ length: 20 }, () => l.when('k'));
    expect(delays.slice(0, 4)).toEqual([5, 10, 20, 40]);
    expect(delays.at(-1)).toBe(1_000_000);
  });

  it('overall bucket: 100 burst, then 10 qps', () => {
    const clock = newClock();
    const l = new BucketRateLimiter<number>(clock, 10, 100);
    for (let i = 0; i < 100; i++) expect(l.when(i)).toBe(0);
    expect(l.when(100)).toBeCloseTo(100);
    expect(l.when(101)).toBeCloseTo(200);
  });

  it('combines both with max', () => {
    const clock = newClock();
    const l = defaultControllerRateLimiter<number>(clock);
    expect(l.when(1)).toBe(5);
    expect(l.when(1)).toBe(10);
  });
});
