/**
 * Virtual time. Timers fire in (due time, creation order) order when time is advanced — by `advance()` in
 * tests, or by a host driver (main/) that calls `tick(realElapsedMs)` and scales it by `speed`.
 * Pausing stops `tick` from moving time, not work already due: a paused tick still runs timers due at the current
 * instant (a 0 ms timer means "after the caller returns", paused or not). `advance`/`stepToNextTimer` still work
 * (the learner's "step").
 *
 * Timers live in a binary min-heap on (due, id): arming and firing are O(log n) and cancelling is O(1) (the
 * entry is skipped when it reaches the top), since a cluster of 10,000 pods keeps tens of thousands armed.
 */
import type { Clock, Random, TimerOptions } from './clock';
import { toDisposable, type Disposable } from './disposable';
import { Emitter } from './event';
import { SeededRandom } from './seeded-random';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
  /** For intervals: the period to re-arm with; undefined for one-shot timers. */
  period?: number;
  /** Upkeep, not pending work (TimerOptions.background; intervals always). */
  background: boolean;
  cancelled: boolean;
}

export const MIN_SPEED = 0.25;
export const MAX_SPEED = 100;

export class VirtualClock implements Clock {
  private current: number;
  /** Min-heap on (due, id); may hold cancelled entries, which are dropped when they reach the top. */
  private heap: Timer[] = [];
  private live = 0;
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

  setTimer(delayMs: number, fn: () => void, opts?: TimerOptions): Disposable {
    return this.arm(Math.max(0, delayMs), fn, undefined, opts?.background === true);
  }

  setPeriodic(periodMs: number, fn: () => void): Disposable {
    if (!(periodMs > 0)) throw new RangeError(`interval period must be positive, got ${periodMs}`);
    return this.arm(periodMs, fn, periodMs, true);
  }

  private arm(delay: number, fn: () => void, period: number | undefined, background: boolean): Disposable {
    const timer: Timer = { id: this.nextId++, due: this.current + delay, fn, period, background, cancelled: false };
    this.push(timer);
    this.live++;
    return toDisposable(() => {
      if (timer.cancelled) return;
      timer.cancelled = true;
      this.live--;
    });
  }

  private push(timer: Timer): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >>> 1;
      const p = heap[parent] as Timer;
      if (!earlier(timer, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop() as Timer;
    if (heap.length === 0) return;
    let i = 0;
    const n = heap.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && earlier(heap[r] as Timer, heap[l] as Timer) ? r : l;
      if (!earlier(heap[child] as Timer, last)) break;
      heap[i] = heap[child] as Timer;
      i = child;
    }
    heap[i] = last;
  }

  /** The earliest live timer, dropping cancelled ones from the top. */
  private peek(): Timer | undefined {
    for (;;) {
      const t = this.heap[0];
      if (t === undefined || !t.cancelled) return t;
      this.pop();
    }
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
    const first = this.peek();
    if (first === undefined) return false;
    this.advance(first.due - this.current);
    return true;
  }

  /** Host driver entry: real milliseconds elapsed since the last tick, scaled by speed; ignored while paused. */
  tick(realElapsedMs: number): void {
    if (this.paused || realElapsedMs <= 0) {
      this.runUntil(this.current);
      return;
    }
    this.advance(realElapsedMs * this.speedFactor);
  }

  private runUntil(target: number): void {
    for (;;) {
      const t = this.peek();
      if (t === undefined || t.due > target) return;
      this.pop();
      this.current = Math.max(this.current, t.due);
      if (t.period !== undefined) {
        t.due += t.period;
        this.push(t);
      } else {
        t.cancelled = true; // fired: a later dispose() must not count it again
        this.live--;
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
    return this.peek()?.due;
  }

  /** Due time of the earliest pending timer that is work rather than upkeep (a linear scan: for occasional checks). */
  nextForegroundDue(): number | undefined {
    let due: number | undefined;
    for (const t of this.heap) if (!t.cancelled && !t.background && (due === undefined || t.due < due)) due = t.due;
    return due;
  }

  get pendingTimers(): number {
    return this.live;
  }
}

/** Heap order: due time, then creation order (timers due at the same instant fire in the order they were armed). */
function earlier(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.id < b.id);
}
