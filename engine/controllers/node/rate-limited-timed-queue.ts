/**
 * The node lifecycle controller's per-zone tainting queue (nodelifecycle/scheduler.RateLimitedTimedQueue): a
 * FIFO set of node names, drained by `tryProcess` as far as the zone's limiter allows. As upstream's UniqueQueue,
 * a processed value stays in the set (a second `add` is refused) until `remove` — so a tainted node is not
 * queued again every pass and cannot use up the zone's tokens. `swapLimiter` changes
 * the rate when the zone's disruption state changes (qps 0 = stop), draining the new bucket if the old one
 * was empty, as upstream does for its burst of 1.
 */
import type { Clock } from '../../base/clock';
import { TokenBucket } from './token-bucket';

/** scheduler.EvictionRateLimiterBurst. */
export const EVICTION_RATE_LIMITER_BURST = 1;

interface Item {
  value: string;
  processAt: number;
}

export class RateLimitedTimedQueue {
  private items: Item[] = [];
  /** Queued or processed values; cleared per value by remove(). */
  private readonly members = new Set<string>();
  private limiter: TokenBucket;

  constructor(
    private readonly clock: Clock,
    qps: number,
  ) {
    this.limiter = new TokenBucket(clock, qps, EVICTION_RATE_LIMITER_BURST);
  }

  get qps(): number {
    return this.limiter.qps;
  }

  get size(): number {
    return this.items.length;
  }

  /** false if the value is queued or was processed since its last remove(). */
  add(value: string): boolean {
    if (this.members.has(value)) return false;
    this.members.add(value);
    this.items.push({ value, processAt: this.clock.now() });
    return true;
  }

  remove(value: string): boolean {
    this.items = this.items.filter((i) => i.value !== value);
    return this.members.delete(value);
  }

  /**
   * Processes queued values in order while the limiter accepts. `fn` answers done, or not done plus a retry delay.
   * Returns the virtual ms after which another pass could make progress (undefined: nothing to wait for).
   */
  async tryProcess(fn: (value: string) => Promise<{ done: boolean; retryMs?: number }>): Promise<number | undefined> {
    for (;;) {
      const head = this.items[0];
      if (head === undefined) return undefined;
      if (!this.limiter.tryAccept()) return this.limiter.msUntilToken();
      const now = this.clock.now();
      if (now < head.processAt) return head.processAt - now;
      const result = await fn(head.value);
      const i = this.items.indexOf(head);
      if (i < 0) continue; // removed while fn ran
      if (result.done) this.items.splice(i, 1);
      else head.processAt = this.clock.now() + (result.retryMs ?? 0) + 1;
    }
  }

  swapLimiter(qps: number): void {
    if (this.limiter.qps === qps) return;
    const next = new TokenBucket(this.clock, qps, EVICTION_RATE_LIMITER_BURST);
    if (qps > 0 && !this.limiter.tryAccept()) next.tryAccept();
    this.limiter = next;
  }
}
