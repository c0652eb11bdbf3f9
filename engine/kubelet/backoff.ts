/**
 * client-go's flowcontrol.Backoff as the kubelet uses it for container restarts (10 s doubling to 300 s) and
 * image pulls (the same numbers): per-key exponential delay; an entry not touched for 2 × max is forgotten,
 * so a container that ran cleanly for 10 minutes starts over at the initial delay.
 */
import type { Clock } from '../base/clock';

interface Entry {
  backoffMs: number;
  lastUpdateMs: number;
}

export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    readonly initialMs: number,
    readonly maxMs: number,
  ) {}

  private expired(eventMs: number, entry: Entry): boolean {
    return eventMs - entry.lastUpdateMs > this.maxMs * 2;
  }

  /** Current delay for `key` (0 when none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Moves `key` to its next delay (initial after expiry), stamped now. */
  next(key: string, eventMs: number): void {
    const entry = this.entries.get(key);
    const now = this.clock.now();
    if (!entry || this.expired(eventMs, entry)) this.entries.set(key, { backoffMs: this.initialMs, lastUpdateMs: now });
    else this.entries.set(key, { backoffMs: Math.min(entry.backoffMs * 2, this.maxMs), lastUpdateMs: now });
  }

  /** True while `eventMs` (e.g. the container's finishedAt) is less than the current delay ago. */
  isInBackOffSince(key: string, eventMs: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(eventMs, entry)) return false;
    return this.clock.now() - eventMs < entry.backoffMs;
  }

  /** True while less than the current delay has passed since the last `next` (image pulls). */
  isInBackOffSinceUpdate(key: string, eventMs: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || this.expired(eventMs, entry)) return false;
    return eventMs - entry.lastUpdateMs < entry.backoffMs;
  }
}

/** The kubelet's numbers (kubelet.go: backOffPeriod 10 s, MaxContainerBackOff 300 s). */
export const CONTAINER_BACKOFF_INITIAL_MS = 10_000;
export const CONTAINER_BACKOFF_MAX_MS = 300_000;
