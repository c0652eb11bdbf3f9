/**
 * The scheduling queue (internal/queue.PriorityQueue) on the injected clock:
 * - activeQ: a heap ordered by the QueueSort plugin; `pop()` hands out its head.
 * - backoffQ: pods that failed and wait out their backoff (1 s doubling to 10 s); flushed every second.
 * - unschedulablePods: pods rejected by plugins; a cluster event moves them back only when one of the plugins
 *   that rejected them registered for it (EventsToRegister); after 5 minutes they are retried anyway.
 *   Pods a PreEnqueue plugin (SchedulingGates) rejects wait here too, flagged `gated`, until an update passes.
 * - in-flight pods: events that arrive while a pod is being scheduled are remembered, so a failure that the
 *   event may already have cured goes to backoffQ instead of unschedulablePods.
 */
import type { KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import type { Disposable } from '../../base/disposable';
import type { ClusterEvent, QueuedPodInfo, Status } from '../framework/interface';
import { newPodInfo } from '../framework/pod-info';
import { KeyedHeap } from './keyed-heap';
import { Nominator } from './nominator';
import {
  BACKOFF_FLUSH_PERIOD_MS,
  POD_INITIAL_BACKOFF_MS,
  POD_MAX_BACKOFF_MS,
  POD_MAX_IN_UNSCHEDULABLE_PODS_MS,
  UNSCHEDULABLE_FLUSH_PERIOD_MS,
  backoffDuration,
} from './backoff';

export interface SchedulingQueueOptions {
  clock: Clock;
  /** The QueueSort plugin's order. */
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
  /** Runs the PreEnqueue plugins of the pod's profile; a non-success keeps the pod out of activeQ. */
  preEnqueue(pod: KubeObject): Status;
  /** The events a plugin registered (EnqueueExtensions); undefined = the plugin wants every event. */
  eventsOf(plugin: string): readonly ClusterEvent[] | undefined;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  maxInUnschedulableMs?: number;
}

export type QueueName = 'active' | 'backoff' | 'unschedulable' | 'gated';

const uidOf = (q: QueuedPodInfo): string => q.podInfo.pod.metadata?.uid ?? '';

/** Whether `registered` (a plugin's interest) covers the event that happened. */
export function eventMatches(registered: ClusterEvent, happened: ClusterEvent): boolean {
  if (registered.resource !== happened.resource) return false;
  if (registered.action === 'All' || registered.action === happened.action) return true;
  return registered.action === 'Update' && happened.action.startsWith('Update');
}

export class SchedulingQueue implements Disposable {
  private readonly active: KeyedHeap<QueuedPodInfo>;
  private readonly backoff: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulable = new Map<string, QueuedPodInfo>();
  private readonly inFlight = new Map<string, ClusterEvent[]>();
  readonly nominator = new Nominator();
  private waiters: Array<(q: QueuedPodInfo | undefined) => void> = [];
  private readonly timers: Disposable[];
  private closed = false;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly maxInUnschedulableMs: number;

  constructor(private readonly opts: SchedulingQueueOptions) {
    this.initialBackoffMs = opts.initialBackoffMs ?? POD_INITIAL_BACKOFF_MS;
    this.maxBackoffMs = opts.maxBackoffMs ?? POD_MAX_BACKOFF_MS;
    this.maxInUnschedulableMs = opts.maxInUnschedulableMs ?? POD_MAX_IN_UNSCHEDULABLE_PODS_MS;
    this.active = new KeyedHeap(uidOf, (a, b) => opts.less(a, b));
    this.backoff = new KeyedHeap(uidOf, (a, b) => this.backoffExpiry(a) < this.backoffExpiry(b));
    this.timers = [
      opts.clock.setPeriodic(BACKOFF_FLUSH_PERIOD_MS, () => this.flushBackoffCompleted()),
      opts.clock.setPeriodic(UNSCHEDULABLE_FLUSH_PERIOD_MS, () => this.flushUnschedulableLeftover()),
    ];
  }

  /** Virtual ms at which the pod's backoff ends. */
  backoffExpiry(q: QueuedPodInfo): number {
    return q.timestamp + backoffDuration(q.attempts, this.initialBackoffMs, this.maxBackoffMs);
  }

  private isBackingOff(q: QueuedPodInfo): boolean {
    return this.backoffExpiry(q) > this.opts.clock.now();
  }

  // ---- informer-driven

  /** A new unscheduled pod. */
  add(pod: KubeObject): void {
    const uid = pod.metadata?.uid ?? '';
    if (this.where(uid) !== undefined) return this.update(pod);
    const q: QueuedPodInfo = { podInfo: newPodInfo(pod), timestamp: this.opts.clock.now(), attempts: 0, unschedulablePlugins: new Set(), gated: false };
    this.moveToActiveIfAllowed(q);
  }

  /** The pod changed while pending. */
  update(pod: KubeObject): void {
    const uid = pod.metadata?.uid ?? '';
    const where = this.where(uid);
    if (where === undefined) {
      if (!this.inFlight.has(uid)) this.add(pod);
      return;
    }
    const podInfo = newPodInfo(pod);
    if (where === 'active') {
      const q = this.active.get(uid) as QueuedPodInfo;
      this.active.addOrUpdate({ ...q, podInfo });
    } else if (where === 'backoff') {
      const q = this.backoff.get(uid) as QueuedPodInfo;
      this.backoff.addOrUpdate({ ...q, podInfo });
    } else {
      const q = this.unschedulable.get(uid) as QueuedPodInfo;
      const old = q.podInfo.pod;
      q.podInfo = podInfo;
      if (q.gated) {
        this.unschedulable.delete(uid);
        this.moveToActiveIfAllowed(q);
      } else if (specOrLabelsChanged(old, pod)) {
        // An update of the pod itself may have made it schedulable (isPodUpdated).
        this.unschedulable.delete(uid);
        this.requeue(q);
      }
    }
  }

  delete(pod: KubeObject): void {
    const uid = pod.metadata?.uid ?? '';
    this.active.delete(uid);
    this.backoff.delete(uid);
    this.unschedulable.delete(uid);
    this.nominator.delete(uid);
  }

  // ---- scheduling loop

  /** Resolves with the next pod to schedule (the activeQ head), waiting if none; undefined once closed. */
  pop(): Promise<QueuedPodInfo | undefined> {
    const q = this.tryPop();
    if (q || this.closed) return Promise.resolve(q);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  tryPop(): QueuedPodInfo | undefined {
    const q = this.active.pop();
    if (!q) return undefined;
    this.markPopped(q);
    return q;
  }

  private markPopped(q: QueuedPodInfo): void {
    q.attempts++;
    q.initialAttemptTimestamp ??= this.opts.clock.now();
    this.inFlight.set(uidOf(q), []);
  }

  /** The scheduling cycle of the pod ended (scheduled, or returned through addUnschedulable). */
  done(uid: string): void {
    this.inFlight.delete(uid);
  }

  /**
   * A scheduling attempt failed. With rejecting plugins the pod waits in unschedulablePods unless an event
   * they care about arrived during the attempt; without (an Error) it goes to backoffQ.
   */
  addUnschedulable(q: QueuedPodInfo): void {
    const uid = uidOf(q);
    const events = this.inFlight.get(uid) ?? [];
    this.inFlight.delete(uid);
    q.timestamp = this.opts.clock.now();
    if (q.unschedulablePlugins.size === 0 || events.some((e) => this.interested(q, e))) {
      this.backoff.addOrUpdate(q);
      return;
    }
    this.unschedulable.set(uid, q);
  }

  /** A cluster event: pods in unschedulablePods whose rejecting plugins registered for it go to active/backoff. */
  onClusterEvent(event: ClusterEvent): void {
    for (const events of this.inFlight.values()) events.push(event);
    for (const [uid, q] of this.unschedulable) {
      if (q.gated || !this.interested(q, event)) continue;
      this.unschedulable.delete(uid);
      this.requeue(q);
    }
  }

  /** Moves the pods with these uids to active/backoff now (Handle.Activate-like; also used by preemption). */
  activate(uids: Iterable<string>): void {
    for (const uid of uids) {
      const q = this.unschedulable.get(uid) ?? this.backoff.get(uid);
      if (!q || q.gated) continue;
      this.unschedulable.delete(uid);
      this.backoff.delete(uid);
      this.pushActive(q);
    }
  }

  private interested(q: QueuedPodInfo, event: ClusterEvent): boolean {
    for (const plugin of q.unschedulablePlugins) {
      const registered = this.opts.eventsOf(plugin);
      if (registered === undefined || registered.some((r) => eventMatches(r, event))) return true;
    }
    return false;
  }

  private requeue(q: QueuedPodInfo): void {
    if (this.isBackingOff(q)) this.backoff.addOrUpdate(q);
    else this.pushActive(q);
  }

  private moveToActiveIfAllowed(q: QueuedPodInfo): void {
    const status = this.opts.preEnqueue(q.podInfo.pod);
    q.gated = !status.isSuccess();
    if (q.gated) {
      q.unschedulablePlugins = new Set(status.plugin ? [status.plugin] : []);
      this.unschedulable.set(uidOf(q), q);
      return;
    }
    this.pushActive(q);
  }

  private pushActive(q: QueuedPodInfo): void {
    const waiter = this.waiters.shift();
    if (waiter) {
      this.markPopped(q);
      waiter(q);
      return;
    }
    this.active.addOrUpdate(q);
  }

  private flushBackoffCompleted(): void {
    for (;;) {
      const head = this.backoff.peek();
      if (!head || this.isBackingOff(head)) return;
      this.backoff.pop();
      this.pushActive(head);
    }
  }

  private flushUnschedulableLeftover(): void {
    const now = this.opts.clock.now();
    for (const [uid, q] of this.unschedulable) {
      if (q.gated || now - q.timestamp < this.maxInUnschedulableMs) continue;
      this.unschedulable.delete(uid);
      this.requeue(q);
    }
  }

  // ---- introspection

  where(uid: string): QueueName | undefined {
    if (this.active.has(uid)) return 'active';
    if (this.backoff.has(uid)) return 'backoff';
    const u = this.unschedulable.get(uid);
    if (u) return u.gated ? 'gated' : 'unschedulable';
    return undefined;
  }

  get(uid: string): QueuedPodInfo | undefined {
    return this.active.get(uid) ?? this.backoff.get(uid) ?? this.unschedulable.get(uid);
  }

  /** Pods the loop will schedule without any further event: activeQ, backoffQ and in-flight ones. */
  get pendingWork(): number {
    return this.active.size + this.backoff.size + this.inFlight.size;
  }

  close(): void {
    this.closed = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(undefined);
  }

  dispose(): void {
    this.close();
    for (const t of this.timers) t.dispose();
  }
}

function specOrLabelsChanged(a: KubeObject, b: KubeObject): boolean {
  return JSON.stringify(a['spec']) !== JSON.stringify(b['spec']) || JSON.stringify(a.metadata?.labels) !== JSON.stringify(b.metadata?.labels);
}
