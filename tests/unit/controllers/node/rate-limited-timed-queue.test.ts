import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { RateLimitedTimedQueue } from '../../../../engine/controllers/node/rate-limited-timed-queue';

const drain = async (q: RateLimitedTimedQueue, seen: string[]) => q.tryProcess(async (v) => (seen.push(v), { done: true }));

describe('RateLimitedTimedQueue (node lifecycle tainting queue)', () => {
  it('lets one value through per 1/qps seconds with burst 1, and says when to come back', async () => {
    const clock = new VirtualClock({ startMs: 0, seed: 1 });
    const q = new RateLimitedTimedQueue(clock, 0.1);
    q.add('a');
    q.add('b');
    const seen: string[] = [];
    expect(await drain(q, seen)).toBe(10_000);
    expect(seen).toEqual(['a']);
    clock.advance(9_999);
    await drain(q, seen);
    expect(seen).toEqual(['a']);
    clock.advance(1);
    expect(await drain(q, seen)).toBeUndefined();
    expect(seen).toEqual(['a', 'b']);
  });

  it('keeps processed values as members until removed (no re-queue every pass)', async () => {
    const clock = new VirtualClock({ startMs: 0, seed: 1 });
    const q = new RateLimitedTimedQueue(clock, 1);
    expect(q.add('a')).toBe(true);
    await drain(q, []);
    expect(q.add('a')).toBe(false);
    expect(q.remove('a')).toBe(true);
    expect(q.add('a')).toBe(true);
  });

  it('qps 0 never lets anything through; swapping back to a rate starts with an empty bucket if the old one was empty', async () => {
    const clock = new VirtualClock({ startMs: 0, seed: 1 });
    const q = new RateLimitedTimedQueue(clock, 0.1);
    q.add('a');
    const seen: string[] = [];
    await drain(q, seen); // uses the only token
    q.add('b');
    q.swapLimiter(0);
    clock.advance(60_000);
    expect(await drain(q, seen)).toBeUndefined();
    expect(seen).toEqual(['a']);
    q.swapLimiter(0.1); // the never-limiter refuses TryAccept, so the new bucket is drained
    expect(await drain(q, seen)).toBe(10_000);
    clock.advance(10_000);
    await drain(q, seen);
    expect(seen).toEqual(['a', 'b']);
  });
});
