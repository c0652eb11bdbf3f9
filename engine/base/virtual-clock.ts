/**
 * Virtual time. Timers fire in (due time, creation order) order when time is advanced — by `advance()` in
 * tests, or by a host driver (main/) that calls `tick(realElapsedMs)` and scales it by `speed`.
 * Pausing stops `tick` from moving time; `advance`/`stepToNextTimer` still work (the learner's "step").
 */
import type { Clock, Random } from './clock';
import { toDisposable, type Disposable } from './disposable';
import { Emitter } from './event';
import { SeededRandom } from './seeded-random';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
  /** For intervals: the period to re-arm with; undefined for one-shot timers. */
  period?: number;
  cancelled: boolean;
}

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;

export class VirtualClock implements Clock {
  private current: number;
  private timers: Timer[] = [];
  private nextId = 1;
  private paused = false;
  private speedFactor = 1;
  private readonly advanced = new Emitter<number>();
  readonly random: Random;
  readonly onDidAdvance = this.advanced.event;

  constructor(opts: { startMs: number; seed: number }) {
    this.current = opts.startMs;
    this.random = new SeededRandom(opts.seed);
  }

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): Disposable {
    return this.arm(Math.max(0, delayMs), fn, undefined);
  }

  setPeriodic(periodMs: number, fn: () => void): Disposable {
    if (!(periodMs > 0)) throw new RangeError(`interval period must be positive, got ${periodMs}`);
    return this.arm(periodMs, fn, periodMs);
  }

  private arm(delay: number, fn: () => void, period: number | undefined): Disposable {
    const timer: Timer = { id: this.nextId++, due: this.current + delay, fn, period, cancelled: false };
    this.insert(timer);
    return toDisposable(() => {
      timer.cancelled = true;
      this.timers = this.timers.filter((t) => t !== timer);
    });
  }

  /** Keeps `timers` sorted by (due, id) so the earliest is first. */
  private insert(timer: Timer): void {
    let lo = 0;
    let hi = this.timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.timers[mid] as Timer;
      if (t.due < timer.due || (t.due === timer.due && t.id < timer.id)) lo = mid + 1;
      else hi = mid;
    }
    this.timers.splice(lo, 0, timer);
  }

  /** Moves time forward by `ms`, firing every timer that falls due, each at its own instant. */
  advance(ms: number): void {
    if (ms < 0) throw new RangeError('time cannot go backwards');
    const target = this.current + ms;
    this.runUntil(target);
    this.current = target;
    this.advanced.fire(this.current);
  }

  /** Jumps to the next timer's due time and fires everything due then. Returns false if no timer is pending. */
  stepToNextTimer(): boolean {
    const first = this.timers[0];
    if (first === undefined) return false;
    this.advance(first.due - this.current);
    return true;
  }

  /** Host driver entry: real milliseconds elapsed since the last tick, scaled by speed; ignored while paused. */
  tick(realElapsedMs: number): void {
    if (this.paused || realElapsedMs <= 0) return;
    this.advance(realElapsedMs * this.speedFactor);
  }

  private runUntil(target: number): void {
    for (;;) {
      const t = this.timers[0];
      if (t === undefined || t.due > target) return;
      this.timers.shift();
      this.current = Math.max(this.current, t.due);
      if (t.period !== undefined) {
        t.due += t.period;
        this.insert(t);
      }
      t.fn();
    }
  }

  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  get isPaused(): boolean {
    return this.paused;
  }

  get speed(): number {
    return this.speedFactor;
  }
  setSpeed(factor: number): void {
    if (!(factor >= MIN_SPEED && factor <= MAX_SPEED)) throw new RangeError(`speed must be between ×${MIN_SPEED} and ×${MAX_SPEED}, got ×${factor}`);
    this.speedFactor = factor;
  }

  /** Due time of the earliest pending timer, if any (for a host driver to sleep until). */
  nextDue(): number | undefined {
    return this.timers[0]?.due;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}
