/**
 * client-go's rate-limited work queue on the virtual clock. Guarantees, as upstream:
 * - an item is never processed by two workers at once (it is "processing" between get() and done());
 * - adding an item that is already queued is a no-op (dedup); adding one that is processing re-queues it
 *   once after done();
 * - addRateLimited waits the limiter's delay; forget() resets the item's backoff.
 */
import type { Clock } from './clock';
import type { Disposable } from './disposable';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter';

export class WorkQueue<T> {
  private queue: T[] = [];
  private dirty = new Set<T>();
  private processing = new Set<T>();
  private waiters: Array<(item: T | undefined) => void> = [];
  private delayed = new Map<T, { due: number; timer: Disposable }>();
  private shuttingDown = false;

  constructor(
    private readonly clock: Clock,
    private readonly limiter: RateLimiter<T> = defaultControllerRateLimiter<T>(clock),
  ) {}

  add(item: T): void {
    if (this.shuttingDown || this.dirty.has(item)) return;
    this.dirty.add(item);
    if (this.processing.has(item)) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      this.dirty.delete(item);
      this.processing.add(item);
      waiter(item);
    } else {
      this.queue.push(item);
    }
  }

  /** Adds after `delayMs` virtual ms; a sooner pending add for the same item wins. */
  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown) return;
    if (delayMs <= 0) {
      this.add(item);
      return;
    }
    const due = this.clock.now() + delayMs;
    const pending = this.delayed.get(item);
    if (pending && pending.due <= due) return;
    pending?.timer.dispose();
    const timer = this.clock.setTimer(delayMs, () => {
      this.delayed.delete(item);
      this.add(item);
    });
    this.delayed.set(item, { due, timer });
  }

  addRateLimited(item: T): void {
    this.addAfter(item, this.limiter.when(item));
  }

  forget(item: T): void {
    this.limiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.limiter.numRequeues(item);
  }

  /** Resolves with the next item, or undefined once shut down and drained. */
  get(): Promise<T | undefined> {
    const item = this.queue.shift();
    if (item !== undefined) {
      this.dirty.delete(item);
      this.processing.add(item);
      return Promise.resolve(item);
    }
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Non-blocking get for synchronous drivers (tests, step mode). */
  tryGet(): T | undefined {
    const item = this.queue.shift();
    if (item === undefined) return undefined;
    this.dirty.delete(item);
    this.processing.add(item);
    return item;
  }

  done(item: T): void {
    this.processing.delete(item);
    if (this.dirty.has(item)) {
      this.dirty.delete(item);
      this.add(item);
    }
  }

  get length(): number {
    return this.queue.length;
  }

  shutDown(): void {
    this.shuttingDown = true;
    for (const d of this.delayed.values()) d.timer.dispose();
    this.delayed.clear();
    for (const w of this.waiters.splice(0)) w(undefined);
  }
}
