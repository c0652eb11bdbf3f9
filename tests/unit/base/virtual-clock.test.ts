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

describe('VirtualClock timer heap', () => {
  it('runs work due at the current instant on a paused tick, but does not move time', () => {
    const c = new VirtualClock({ startMs: 1000, seed: 1 });
    c.pause();
    const fired: string[] = [];
    c.setTimer(0, () => fired.push('now'));
    c.setTimer(1, () => fired.push('later'));
    c.tick(500);
    expect(fired).toEqual(['now']);
    expect(c.now()).toBe(1000);
  });

  it('fires 10,000 timers in (due, creation) order with cancellations skipped and counted', () => {
    const c = new VirtualClock({ startMs: 0, seed: 1 });
    const fired: number[] = [];
    const handles = [];
    for (let i = 0; i < 10_000; i++) handles.push(c.setTimer((i * 7919) % 1000, () => fired.push(i)));
    for (let i = 0; i < 10_000; i += 3) handles[i]!.dispose();
    expect(c.pendingTimers).toBe(10_000 - 3334);
    c.advance(1000);
    const expected = [...Array(10_000).keys()].filter((i) => i % 3 !== 0).sort((a, b) => (a * 7919) % 1000 - (b * 7919) % 1000 || a - b);
    expect(fired).toEqual(expected);
    expect(c.pendingTimers).toBe(0);
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

describe('VirtualClock background timers', () => {
  it('nextForegroundDue skips upkeep: periodic timers and timers armed as background', () => {
    const clock = new VirtualClock({ startMs: 0, seed: 1 });
    clock.setPeriodic(1_000, () => {});
    clock.setTimer(500, () => {}, { background: true });
    expect(clock.nextDue()).toBe(500);
    expect(clock.nextForegroundDue()).toBeUndefined();
    const work = clock.setTimer(4_000, () => {});
    expect(clock.nextForegroundDue()).toBe(4_000);
    work.dispose();
    expect(clock.nextForegroundDue()).toBeUndefined();
  });
});
