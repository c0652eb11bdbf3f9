/**
 * flowcontrol.NewTokenBucketRateLimiter's TryAccept on the virtual clock: `qps` tokens a second up to `burst`;
 * a qps of 0 is flowcontrol's fake never-accepting limiter (how the node lifecycle controller stops evictions).
 */
import type { Clock } from '../../base/clock';

/** Floating-point slack: a timer armed for msUntilToken() must find the token there. */
const EPSILON = 1e-9;

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    readonly qps: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.qps);
    this.last = now;
  }

  tryAccept(): boolean {
    if (this.qps <= 0) return false;
    this.refill();
    if (this.tokens >= 1 - EPSILON) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Virtual ms until tryAccept can succeed; undefined when it never will. */
  msUntilToken(): number | undefined {
    if (this.qps <= 0) return undefined;
    this.refill();
    return this.tokens >= 1 - EPSILON ? 0 : Math.ceil(((1 - this.tokens) / this.qps) * 1000);
  }
}
