import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../engine/base/virtual-clock';
import { SeededRandom } from '../../../engine/base/seeded-random';
import { rfc3339, rfc3339Micro } from '../../../engine/base/clock';

const start = Date.UTC(2026, 0, 1);

describe('VirtualClock', () => {
  it('fires timers in due order, each at its own instant', () => {
    const clock = new VirtualClock({ startMs: start, seed: 1 });
    const seen: Array<[string, number]> = [];
    clock.setTimer(300, () => seen.push(['c', clock.now() - start]));
    clock.setTimer(100, () => seen.push(['a', clock.now() - start]));
    clock.setTimer(100, () => seen.push(['b', clock.now() - start]));
    clock.advance(250);
    expect(seen).toEqual([['a', 100], ['b', 100]]);
    expect(clock.now() - start).toBe(250);
    clock.advance(50);
    expect(seen.at(-1)).toEqual(['c', 300]);
  });

  it('runs a 10-minute story of intervals without real time passing', () => {
    const clock = new VirtualClock({ startMs: start, seed: 1 });
    let beats = 0;
    const d = clock.setPeriodic(10_000, () => beats++);
    clock.advance(10 * 60_000);
    expect(beats).toBe(60);
    d.dispose();
    clock.advance(60_000);
    expect(beats).toBe(60);
  });

  it('steps to the next timer and reports when none is left', () => {
    const clock = new VirtualClock({ startMs: start, seed: 1 });
    let fired = false;
    clock.setTimer(5000, () => (fired = true));
    expect(clock.stepToNextTimer()).toBe(true);
    expect(fired).toBe(true);
    expect(clock.now() - start).toBe(5000);
    expect(clock.stepToNextTimer()).toBe(false);
  });

  it('scales real ticks by speed and ignores them while paused', () => {
    const clock = new VirtualClock({ startMs: start, seed: 1 });
    clock.setSpeed(100);
    clock.tick(10);
    expect(clock.now() - start).toBe(1000);
    clock.pause();
    clock.tick(10);
    expect(clock.now() - start).toBe(1000);
    clock.resume();
    clock.setSpeed(0.25);
    clock.tick(400);
    expect(clock.now() - start).toBe(1100);
    expect(() => clock.setSpeed(0.1)).toThrow(RangeError);
    expect(() => clock.setSpeed(101)).toThrow(RangeError);
  });

  it('a timer disposed before it is due never fires', () => {
    const clock = new VirtualClock({ startMs: start, seed: 1 });
    let fired = false;
    clock.setTimer(10, () => (fired = true)).dispose();
    clock.advance(100);
    expect(fired).toBe(false);
  });

  it('formats metav1.Time and MicroTime', () => {
    expect(rfc3339(Date.UTC(2026, 10, 23, 18, 13, 59, 999))).toBe('2026-11-23T18:13:59Z');
    expect(rfc3339Micro(Date.UTC(2026, 10, 23, 18, 13, 59, 123))).toBe('2026-11-23T18:13:59.123000Z');
  });
});

describe('SeededRandom', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('is roughly uniform', () => {
    const r = new SeededRandom(7);
    const buckets = new Array(10).fill(0);
    for (let i = 0; i < 10_000; i++) buckets[r.int(10)]++;
    for (const n of buckets) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });
});
