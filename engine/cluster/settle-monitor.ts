/**
 * When the cluster has settled: the moment labs evaluate their checks (and the UI may say "done"). Every change a
 * component makes is a store write, so the monitor watches the store: the cluster has settled once `quietMs` of
 * virtual time pass without a write, heartbeats aside (Lease renewals of the kubelets and of the elected
 * controller-manager/scheduler, the Clock's status.now refresh: they never stop and say nothing about the work). Timers that are due keep firing during
 * that window, so queued work and due retries show up as writes and restart it. A paused clock does not move: then
 * the cluster counts as settled once the work due at the current instant has run.
 */
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Store } from '../store/types';

/** Virtual time without a meaningful write after which the cluster counts as settled. */
export const DEFAULT_QUIET_MS = 1_000;
/** Pending work due later than this does not keep the cluster from settling (e.g. a 5-minute back-off). */
export const DEFAULT_HORIZON_MS = 30_000;
/** Writes that recur whatever happens: Lease renewals and the Clock object's periodic status.now. */
const HEARTBEAT_PREFIXES = ['/registry/leases/', '/registry/lab.clusterlab.dev/clocks/'];

export interface SettleMonitorOptions {
  store: Store;
  /** VirtualClock's isPaused and nextForegroundDue, when the clock has them. */
  clock: Clock & { readonly isPaused?: boolean; nextForegroundDue?(): number | undefined };
  quietMs?: number;
  horizonMs?: number;
}

export class SettleMonitor implements Disposable {
  private readonly watch: Disposable;
  private readonly quietMs: number;
  private readonly horizonMs: number;
  private lastWriteMs: number;
  private waiters: Array<() => void> = [];
  private timer: Disposable | undefined;

  constructor(private readonly opts: SettleMonitorOptions) {
    this.quietMs = opts.quietMs ?? DEFAULT_QUIET_MS;
    this.horizonMs = opts.horizonMs ?? DEFAULT_HORIZON_MS;
    this.lastWriteMs = opts.clock.now();
    this.watch = opts.store.watch('/registry/', { afterRevision: opts.store.currentRevision() }, (e) => {
      if (e.type === 'BOOKMARK' || HEARTBEAT_PREFIXES.some((p) => e.key.startsWith(p))) return;
      this.lastWriteMs = this.opts.clock.now();
      if (this.waiters.length > 0) this.arm();
    });
  }

  /** No meaningful write for `quietMs`, and no work timer due before the horizon. */
  get settled(): boolean {
    const now = this.opts.clock.now();
    return now - this.lastWriteMs >= this.quietMs && !this.workPendingBefore(now + this.horizonMs);
  }

  private workPendingBefore(ms: number): boolean {
    const due = this.opts.clock.nextForegroundDue?.();
    return due !== undefined && due <= ms;
  }

  /** Resolves once the cluster has settled (at once if it already has). */
  whenSettled(): Promise<void> {
    if (this.settled) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.arm();
    });
  }

  /** Looks again when the quiet window ends, or just after the next work timer when one is due within the horizon. */
  private arm(): void {
    this.timer?.dispose();
    const clock = this.opts.clock;
    const paused = clock.isPaused === true;
    const now = clock.now();
    let at = this.lastWriteMs + this.quietMs;
    const due = clock.nextForegroundDue?.();
    if (due !== undefined && due <= Math.max(at, now) + this.horizonMs) at = Math.max(at, due + 1);
    const delay = paused ? 0 : Math.max(0, at - now);
    this.timer = clock.setTimer(
      delay,
      () => {
        this.timer = undefined;
        if (!paused && !this.settled) return this.arm();
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
      },
      { background: true },
    );
  }

  dispose(): void {
    this.timer?.dispose();
    this.watch.dispose();
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
