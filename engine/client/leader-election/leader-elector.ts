/**
 * client-go's leaderelection over a coordination.k8s.io/v1 Lease (LeaseLock), as kube-controller-manager and
 * kube-scheduler run it: lease 15 s, renew deadline 10 s, retry period 2 s.
 *
 * - Acquiring: tryAcquireOrRenew every retry period with JitterFactor 1.2 (2–4.4 s apart). A candidate may take
 *   the lock only when its holder is empty or the lease has expired by the candidate's own observation: the
 *   holder's last record change was seen more than leaseDurationSeconds ago (upstream measures expiry from
 *   observedTime, the local time the record last changed, never from the holder's renewTime).
 * - Leading: renew every retry period; each renewal polls every retry period until it succeeds or the renew
 *   deadline passes, and then leadership is lost (OnStoppedLeading). kube-controller-manager exits there.
 * - A new holder increments spec.leaseTransitions and sets acquireTime; the holder's renewals keep both.
 * - On acquiring, the event `<identity> became leader` (reason LeaderElection) is recorded about the Lease.
 *
 * Fencing (`mayAct()`): a leader acts only while its last successful renewal is younger than the renew deadline.
 * Because renewDeadline < leaseDuration, a deposed leader stops acting before any standby can observe the lease
 * as expired — the invariant the upstream timings exist for, enforced here on every write the leader's client makes.
 */
import type { KubeObject } from '../../api/objects';
import { rfc3339Micro, type Clock } from '../../base/clock';
import type { Disposable } from '../../base/disposable';
import { Emitter, type Event } from '../../base/event';
import type { Logger } from '../../base/logger';
import type { ApiClient } from '../api-client';
import { LegacyEventRecorder, referenceTo } from '../event-recorder';

export const LEASE_DURATION_MS = 15_000;
export const RENEW_DEADLINE_MS = 10_000;
export const RETRY_PERIOD_MS = 2_000;
const JITTER_FACTOR = 1.2;

const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' } as const;

export interface LeaderElectorOptions {
  /** The elector's own client; its writes are the lock's. */
  client: ApiClient;
  clock: Clock;
  logger: Logger;
  lease: { namespace: string; name: string };
  /** `<hostname>_<uuid>`, as the components make it. */
  identity: string;
  /** source.component of the LeaderElection event (kube-controller-manager, default-scheduler). */
  eventComponent: string;
  leaseDurationMs?: number;
  renewDeadlineMs?: number;
  retryPeriodMs?: number;
}

interface LeaderElectionRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: string;
  renewTime: string;
  leaseTransitions: number;
}

export class LeaderElector implements Disposable {
  private readonly leaseDurationMs: number;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly recorder: LegacyEventRecorder;
  private readonly started = new Emitter<void>();
  private readonly stopped = new Emitter<void>();
  /** The last record seen (or written) and the local time it was seen: upstream's observedRecord/observedTime. */
  private observed: LeaderElectionRecord | undefined;
  private observedRawJson = '';
  private observedTime = 0;
  /** The Lease object last read or written (its resourceVersion makes the optimistic update safe). */
  private lease: KubeObject | undefined;
  private leading = false;
  private lastRenewMs = Number.NEGATIVE_INFINITY;
  private renewStartedMs = 0;
  private timer: Disposable | undefined;
  private disposed = false;

  /** Fires when this elector becomes the leader (OnStartedLeading). */
  readonly onStartedLeading: Event<void> = this.started.event;
  /** Fires when leadership is lost (OnStoppedLeading); never fires for a disposed elector. */
  readonly onStoppedLeading: Event<void> = this.stopped.event;

  constructor(private readonly opts: LeaderElectorOptions) {
    this.leaseDurationMs = opts.leaseDurationMs ?? LEASE_DURATION_MS;
    this.renewDeadlineMs = opts.renewDeadlineMs ?? RENEW_DEADLINE_MS;
    this.retryPeriodMs = opts.retryPeriodMs ?? RETRY_PERIOD_MS;
    this.recorder = new LegacyEventRecorder(opts.client, opts.clock, opts.eventComponent);
  }

  get identity(): string {
    return this.opts.identity;
  }

  isLeader(): boolean {
    return this.leading;
  }

  /** The fence: true only while leading and the last renewal is younger than the renew deadline. */
  mayAct(): boolean {
    return this.leading && this.opts.clock.now() - this.lastRenewMs < this.renewDeadlineMs;
  }

  /**
   * Starts contending; the first attempt runs now (JitterUntil with sliding=true runs f before waiting). Resolves
   * with that attempt's outcome, after onStartedLeading fired when it won.
   */
  run(): Promise<boolean> {
    return this.acquireAttempt();
  }

  private async acquireAttempt(): Promise<boolean> {
    if (this.disposed) return false;
    const ok = await this.tryAcquireOrRenew();
    if (this.disposed) return false;
    if (!ok) {
      const jittered = this.retryPeriodMs + this.opts.clock.random.next() * JITTER_FACTOR * this.retryPeriodMs;
      this.timer = this.opts.clock.setTimer(jittered, () => void this.acquireAttempt(), { background: true });
      return false;
    }
    this.leading = true;
    this.opts.logger.info(`successfully acquired lease ${this.describe()}`);
    void this.recorder.event(this.leaseReference(), 'Normal', 'LeaderElection', `${this.opts.identity} became leader`);
    this.started.fire();
    this.scheduleRenew();
    return true;
  }

  /** wait.Until(renew, retryPeriod): the next renewal starts one retry period after the previous one ended. */
  private scheduleRenew(): void {
    if (this.disposed || !this.leading) return;
    this.timer = this.opts.clock.setTimer(
      this.retryPeriodMs,
      () => {
        this.renewStartedMs = this.opts.clock.now();
        void this.renewPoll();
      },
      { background: true },
    );
  }

  /** PollImmediateUntil(retryPeriod, tryAcquireOrRenew) bounded by the renew deadline. */
  private async renewPoll(): Promise<void> {
    if (this.disposed || !this.leading) return;
    const ok = await this.tryAcquireOrRenew();
    if (this.disposed || !this.leading) return;
    if (ok) {
      this.scheduleRenew();
      return;
    }
    const elapsed = this.opts.clock.now() - this.renewStartedMs;
    if (elapsed + this.retryPeriodMs < this.renewDeadlineMs) {
      this.timer = this.opts.clock.setTimer(this.retryPeriodMs, () => void this.renewPoll(), { background: true });
      return;
    }
    this.opts.logger.info(`failed to renew lease ${this.describe()}: timed out waiting for the condition`);
    this.loseLeadership();
  }

  private loseLeadership(): void {
    this.leading = false;
    this.timer?.dispose();
    this.stopped.fire();
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const now = this.opts.clock.now();
    const desired: LeaderElectionRecord = {
      holderIdentity: this.opts.identity,
      leaseDurationSeconds: Math.round(this.leaseDurationMs / 1000),
      acquireTime: rfc3339Micro(now),
      renewTime: rfc3339Micro(now),
      leaseTransitions: 0,
    };
    // 1. The leader's fast path: update optimistically against the Lease it last saw.
    if (this.isHolder() && this.leaseValid(now) && this.lease && this.observed) {
      desired.acquireTime = this.observed.acquireTime;
      desired.leaseTransitions = this.observed.leaseTransitions;
      if (await this.update(desired)) return true;
    }
    // 2. Read the record, or create it.
    let current: KubeObject;
    try {
      current = await this.opts.client.get({ ...LEASES, ...this.opts.lease });
    } catch (err) {
      if ((err as { code?: number }).code !== 404) return false;
      try {
        this.lease = await this.opts.client.create({ ...LEASES, namespace: this.opts.lease.namespace }, this.leaseObject(undefined, desired));
      } catch {
        return false;
      }
      this.observe(desired);
      return true;
    }
    this.lease = current;
    const record = recordOf(current);
    const raw = JSON.stringify(record);
    if (raw !== this.observedRawJson) {
      this.observed = record;
      this.observedRawJson = raw;
      this.observedTime = now;
    }
    // 3. Held by someone else and not expired by our own observation: wait.
    if (record.holderIdentity !== '' && this.leaseValid(now) && !this.isHolder()) return false;
    // 4. Take or keep it.
    if (this.isHolder()) {
      desired.acquireTime = record.acquireTime;
      desired.leaseTransitions = record.leaseTransitions;
    } else {
      desired.leaseTransitions = record.leaseTransitions + 1;
    }
    return this.update(desired);
  }

  private async update(record: LeaderElectionRecord): Promise<boolean> {
    try {
      this.lease = await this.opts.client.update({ ...LEASES, ...this.opts.lease }, this.leaseObject(this.lease, record));
    } catch {
      return false;
    }
    this.observe(record);
    return true;
  }

  private observe(record: LeaderElectionRecord): void {
    this.observed = record;
    this.observedRawJson = JSON.stringify(record);
    this.observedTime = this.opts.clock.now();
    if (record.holderIdentity === this.opts.identity) this.lastRenewMs = this.observedTime;
  }

  private isHolder(): boolean {
    return this.observed?.holderIdentity === this.opts.identity;
  }

  private leaseValid(now: number): boolean {
    return this.observed !== undefined && this.observedTime + this.observed.leaseDurationSeconds * 1000 > now;
  }

  private leaseObject(base: KubeObject | undefined, record: LeaderElectionRecord): KubeObject {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: base?.metadata ?? { name: this.opts.lease.name, namespace: this.opts.lease.namespace },
      spec: { ...((base?.['spec'] as object | undefined) ?? {}), ...record },
    };
  }

  private leaseReference() {
    const meta = this.lease ?? { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: this.opts.lease.name, namespace: this.opts.lease.namespace } };
    return { ...referenceTo({ ...meta, apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' }) };
  }

  private describe(): string {
    return `${this.opts.lease.namespace}/${this.opts.lease.name}`;
  }

  /** Stops contending (a killed process): no callbacks fire afterwards, and the Lease is left to expire. */
  dispose(): void {
    this.disposed = true;
    this.leading = false;
    this.timer?.dispose();
    this.started.dispose();
    this.stopped.dispose();
  }
}

function recordOf(lease: KubeObject): LeaderElectionRecord {
  const spec = (lease['spec'] ?? {}) as Partial<LeaderElectionRecord>;
  return {
    holderIdentity: spec.holderIdentity ?? '',
    leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
    acquireTime: spec.acquireTime ?? '',
    renewTime: spec.renewTime ?? '',
    leaseTransitions: spec.leaseTransitions ?? 0,
  };
}
