/**
 * The node lifecycle controller (pkg/controller/nodelifecycle, kube-controller-manager 1.32).
 *
 * - Health: every nodeMonitorPeriod (5 s) it looks at each Node. A node's probe time moves when its Ready
 *   condition's lastHeartbeatTime changes or its Lease in kube-node-lease is renewed. Once now is past probe +
 *   nodeMonitorGracePeriod (50 s; nodeStartupGracePeriod 60 s for a node that never posted status), Ready,
 *   MemoryPressure, DiskPressure and PIDPressure become Unknown — "NodeStatusUnknown" / "Kubelet stopped posting
 *   node status." (missing ones are added as "NodeStatusNeverUpdated" / "Kubelet never posted node status.").
 * - On the Ready → not-Ready transition: event `NodeNotReady` on the node and MarkPodsNotReady (each pod's Ready
 *   condition False, a Warning `NodeNotReady` "Node is not ready" on the pod). Pods bound later to a not-ready
 *   node are marked too.
 * - NoExecute taints (taint-based eviction): a not-ready (Ready=False) node gets node.kubernetes.io/not-ready,
 *   an unreachable one (Unknown) node.kubernetes.io/unreachable, through a per-zone queue rate limited at
 *   evictionLimiterQPS (0.1/s, burst 1). The decision uses the Ready condition as observed at the start of a
 *   pass, so the taint follows the condition change by one monitor period. A Ready node loses both taints.
 * - Zones (topology labels): Normal; PartialDisruption when more than 2 nodes and ≥ unhealthyZoneThreshold
 *   (0.55) of them are not Ready — rate secondaryEvictionLimiterQPS (0.01/s) if the zone has more than
 *   largeClusterThreshold (50) nodes, else 0; FullDisruption when none is Ready — normal rate, unless every
 *   zone is fully disrupted: then all NoExecute taints are removed and tainting stops until a node is back.
 * - NoSchedule taints (TaintNodesByCondition): on every Node change, the condition-derived taints
 *   (Ready False/Unknown → not-ready/unreachable, MemoryPressure/DiskPressure/PIDPressure/NetworkUnavailable
 *   True → memory-pressure/disk-pressure/pid-pressure/network-unavailable) and `unschedulable` for
 *   spec.unschedulable are added or removed to match.
 * - Events `RegisteredNode` / `RemovingNode` when it first sees / stops seeing a Node. Event source: node-controller.
 *
 * Not modelled: the beta os/arch label reconciliation (the lab's nodes carry both label sets already).
 */
import { deepCopy, type KubeObject } from '../api/objects';
import { rfc3339, type Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ApiClient } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { nodeCondition, podConditions, updatePodCondition, zoneKey, type NodeCondition } from './node/node-conditions';
import { recordNodeEvent, recordNodeStatusChange } from './node/node-events';
import { nodeTaints, swapNodeTaints } from './node/node-taint-writer';
import { RateLimitedTimedQueue } from './node/rate-limited-timed-queue';
import {
  TAINT_DISK_PRESSURE,
  TAINT_MEMORY_PRESSURE,
  TAINT_NETWORK_UNAVAILABLE,
  TAINT_NOT_READY,
  TAINT_PID_PRESSURE,
  TAINT_UNREACHABLE,
  TAINT_UNSCHEDULABLE,
  taintExists,
  type Taint,
} from './node/taints';

export interface NodeLifecycleOptions {
  /** --node-monitor-period. */
  nodeMonitorPeriodMs: number;
  /** --node-monitor-grace-period (50 s since 1.32). */
  nodeMonitorGracePeriodMs: number;
  /** --node-startup-grace-period. */
  nodeStartupGracePeriodMs: number;
  /** --node-eviction-rate. */
  evictionLimiterQPS: number;
  /** --secondary-node-eviction-rate. */
  secondaryEvictionLimiterQPS: number;
  /** --large-cluster-size-threshold. */
  largeClusterThreshold: number;
  /** --unhealthy-zone-threshold. */
  unhealthyZoneThreshold: number;
}

export const DEFAULT_NODE_LIFECYCLE_OPTIONS: Readonly<NodeLifecycleOptions> = Object.freeze({
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGracePeriodMs: 50_000,
  nodeStartupGracePeriodMs: 60_000,
  evictionLimiterQPS: 0.1,
  secondaryEvictionLimiterQPS: 0.01,
  largeClusterThreshold: 50,
  unhealthyZoneThreshold: 0.55,
});

export type ZoneState = 'Initial' | 'Normal' | 'PartialDisruption' | 'FullDisruption';

const NODES = { group: '', version: 'v1', resource: 'nodes' } as const;
const PODS = { group: '', version: 'v1', resource: 'pods' } as const;
const UNREACHABLE_NO_EXECUTE = { key: TAINT_UNREACHABLE, effect: 'NoExecute' } as const;
const NOT_READY_NO_EXECUTE = { key: TAINT_NOT_READY, effect: 'NoExecute' } as const;
/** scheduler.NodeHealthUpdateRetry. */
const NODE_HEALTH_UPDATE_RETRY = 5;

/** nodeConditionToTaintKeyStatusMap. */
const CONDITION_TAINTS: Record<string, Record<string, string>> = {
  Ready: { False: TAINT_NOT_READY, Unknown: TAINT_UNREACHABLE },
  MemoryPressure: { True: TAINT_MEMORY_PRESSURE },
  DiskPressure: { True: TAINT_DISK_PRESSURE },
  NetworkUnavailable: { True: TAINT_NETWORK_UNAVAILABLE },
  PIDPressure: { True: TAINT_PID_PRESSURE },
};
const CONDITION_TAINT_KEYS = new Set(Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)));
/** The conditions a silent kubelet leaves Unknown; NetworkUnavailable belongs to the network plugin. */
const KUBELET_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];
/** labelNodeDisruptionExclusion. */
const EXCLUDE_DISRUPTION_LABEL = 'node.kubernetes.io/exclude-disruption';

interface NodeHealth {
  probeTimestamp: number;
  readyTransitionTimestamp: number;
  /** The Ready condition as last seen (undefined: the node had none). */
  savedReady: NodeCondition | undefined;
  /** spec.renewTime of the last Lease seen, as ms. */
  leaseRenewMs: number | undefined;
}

const ms = (t: string | undefined | null): number => (t ? Date.parse(t) : Number.NaN);

export class NodeLifecycleController implements Disposable {
  readonly options: NodeLifecycleOptions;
  /** Per-node NoSchedule taint reconciliation (doNoScheduleTaintingPass), keyed by node name. */
  readonly noScheduleLoop: ControllerLoop;
  /** Pods newly bound to a node, keyed ns/name (processPod). */
  readonly podLoop: ControllerLoop;
  private readonly recorder: LegacyEventRecorder;
  private readonly known = new Map<string, KubeObject>();
  private readonly health = new Map<string, NodeHealth>();
  private readonly zoneStates = new Map<string, ZoneState>();
  private readonly zoneTainters = new Map<string, RateLimitedTimedQueue>();
  private readonly nodesToRetry = new Set<string>();
  private monitorTimer: Disposable | undefined;
  private taintTimer: Disposable | undefined;
  private monitoring = false;
  private tainting = false;
  private disposed = false;

  constructor(
    private readonly client: ApiClient,
    private readonly nodes: Informer,
    /** Leases in kube-node-lease. */
    private readonly leases: Informer,
    private readonly pods: Informer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: Partial<NodeLifecycleOptions> = {},
  ) {
    this.options = { ...DEFAULT_NODE_LIFECYCLE_OPTIONS, ...options };
    this.recorder = new LegacyEventRecorder(client, clock, 'node-controller');
    const noSchedule: Reconciler = { name: 'node-lifecycle-controller/no-schedule', reconcile: (n) => this.doNoScheduleTaintingPass(n) };
    const podPass: Reconciler = { name: 'node-lifecycle-controller/pods', reconcile: (k) => this.processPod(k) };
    this.noScheduleLoop = new ControllerLoop(noSchedule, clock, logger);
    this.podLoop = new ControllerLoop(podPass, clock, logger);
    const enqueueNode = (n: KubeObject) => this.noScheduleLoop.queue.add(n.metadata?.name ?? '');
    nodes.addHandlers({ onAdd: enqueueNode, onUpdate: (_o, n) => enqueueNode(n), onDelete: (n) => this.nodesToRetry.delete(n.metadata?.name ?? '') });
    pods.addHandlers({
      onAdd: (p) => this.podUpdated(undefined, p),
      onUpdate: (o, p) => this.podUpdated(o, p),
    });
  }

  /** Call once the informers have synced. */
  start(): void {
    this.noScheduleLoop.start();
    this.podLoop.start();
    this.monitorTimer = this.clock.setPeriodic(this.options.nodeMonitorPeriodMs, () => void this.runMonitor());
  }

  /** The zone states as of the last monitor pass (for the UI and tests), keyed by zone key. */
  zones(): ReadonlyMap<string, ZoneState> {
    return this.zoneStates;
  }

  private async runMonitor(): Promise<void> {
    if (this.monitoring || this.disposed) return; // a slow pass is not overlapped, as wait.Until would not
    this.monitoring = true;
    try {
      await this.monitorNodeHealth();
    } catch (err) {
      this.logger.warn('Error monitoring node health', { error: String((err as Error)?.message ?? err) });
    } finally {
      this.monitoring = false;
    }
  }

  /** One monitorNodeHealth pass; public so tests and a "step" can run it at an exact instant. */
  async monitorNodeHealth(): Promise<void> {
    const nodes = this.nodes.list();
    const names = new Set(nodes.map((n) => n.metadata?.name ?? ''));
    for (const node of nodes) {
      const name = node.metadata?.name ?? '';
      if (this.known.has(name)) {
        this.addTainterForNewZone(node);
        continue;
      }
      void recordNodeEvent(this.recorder, node, 'RegisteredNode', `Registered Node ${name} in Controller`);
      this.known.set(name, node);
      this.addTainterForNewZone(node);
      await this.markNodeAsReachable(node);
    }
    for (const [name, node] of [...this.known]) {
      if (names.has(name)) continue;
      void recordNodeEvent(this.recorder, node, 'RemovingNode', `Removing Node ${name} from Controller`);
      this.known.delete(name);
      this.health.delete(name);
    }

    const zoneToConditions = new Map<string, Array<NodeCondition | undefined>>();
    for (const listed of nodes) {
      const name = listed.metadata?.name ?? '';
      let result: { observed: NodeCondition; current: NodeCondition | undefined; node: KubeObject } | undefined;
      let node = deepCopy(listed) as KubeObject;
      for (let attempt = 0; attempt < NODE_HEALTH_UPDATE_RETRY && !result; attempt++) {
        try {
          result = await this.tryUpdateNodeHealth(node);
        } catch {
          try {
            node = await this.client.get({ ...NODES, name });
          } catch {
            break; // probably deleted
          }
        }
      }
      if (!result) continue;
      const { observed, current } = result;
      if (!(EXCLUDE_DISRUPTION_LABEL in (listed.metadata?.labels ?? {}))) {
        const zone = zoneKey(listed);
        const list = zoneToConditions.get(zone) ?? [];
        list.push(current);
        zoneToConditions.set(zone, list);
      }
      if (!current) continue;
      await this.processTaintBaseEviction(result.node, observed);
      const needsRetry = this.nodesToRetry.has(name);
      const transitioned = current.status !== 'True' && observed.status === 'True';
      if (transitioned) void recordNodeStatusChange(this.recorder, listed, 'NodeNotReady');
      if (transitioned || (needsRetry && observed.status !== 'True')) {
        if (!(await this.markPodsNotReady(this.podsOnNode(name), name))) {
          this.nodesToRetry.add(name);
          continue;
        }
      }
      this.nodesToRetry.delete(name);
    }
    await this.handleDisruption(zoneToConditions, nodes);
    this.kickTainting();
  }

  private podsOnNode(nodeName: string): KubeObject[] {
    return this.pods.list().filter((p) => (p.spec as { nodeName?: string } | undefined)?.nodeName === nodeName);
  }

  /**
   * tryUpdateNodeHealth: refreshes the probe time from heartbeats and the Lease; past the grace period, writes the
   * kubelet-owned conditions as Unknown. Returns the Ready condition as observed before and as it is now.
   */
  private async tryUpdateNodeHealth(node: KubeObject): Promise<{ observed: NodeCondition; current: NodeCondition | undefined; node: KubeObject }> {
    const name = node.metadata?.name ?? '';
    const now = this.clock.now();
    const created = ms(node.metadata?.creationTimestamp);
    let health = this.health.get(name);
    let current = nodeCondition(node, 'Ready');
    let observed: NodeCondition;
    let gracePeriod: number;
    if (!current) {
      observed = { type: 'Ready', status: 'Unknown', lastHeartbeatTime: node.metadata?.creationTimestamp, lastTransitionTime: node.metadata?.creationTimestamp };
      gracePeriod = this.options.nodeStartupGracePeriodMs;
      if (!health) health = { probeTimestamp: created, readyTransitionTimestamp: created, savedReady: undefined, leaseRenewMs: undefined };
      else health = { ...health, savedReady: undefined };
    } else {
      observed = { ...current };
      gracePeriod = this.options.nodeMonitorGracePeriodMs;
    }
    const saved = health?.savedReady;
    if (!health) {
      health = { probeTimestamp: now, readyTransitionTimestamp: now, savedReady: current && { ...current }, leaseRenewMs: undefined };
    } else if (!saved && current) {
      health = { probeTimestamp: now, readyTransitionTimestamp: now, savedReady: { ...current }, leaseRenewMs: health.leaseRenewMs };
    } else if (saved && current && saved.lastHeartbeatTime !== current.lastHeartbeatTime) {
      const transition = saved.lastTransitionTime !== current.lastTransitionTime ? now : health.readyTransitionTimestamp;
      health = { probeTimestamp: now, readyTransitionTimestamp: transition, savedReady: { ...current }, leaseRenewMs: health.leaseRenewMs };
    }
    const lease = this.leases.get(`kube-node-lease/${name}`);
    const renew = ms((lease?.spec as { renewTime?: string } | undefined)?.renewTime);
    if (lease && !Number.isNaN(renew) && (health.leaseRenewMs === undefined || health.leaseRenewMs < renew)) {
      health = { ...health, leaseRenewMs: renew, probeTimestamp: now };
    }
    this.health.set(name, health);

    if (now > health.probeTimestamp + gracePeriod) {
      const status = ((node.status ??= {}) as { conditions?: NodeCondition[] });
      const conditions = (status.conditions ??= []);
      const stamp = rfc3339(now);
      for (const type of KUBELET_CONDITIONS) {
        const c = conditions.find((x) => x.type === type);
        if (!c) {
          conditions.push({
            type,
            status: 'Unknown',
            lastHeartbeatTime: node.metadata?.creationTimestamp,
            lastTransitionTime: stamp,
            reason: 'NodeStatusNeverUpdated',
            message: 'Kubelet never posted node status.',
          });
        } else if (c.status !== 'Unknown') {
          c.status = 'Unknown';
          c.reason = 'NodeStatusUnknown';
          c.message = 'Kubelet stopped posting node status.';
          c.lastTransitionTime = stamp;
        }
      }
      current = conditions.find((x) => x.type === 'Ready');
      if (JSON.stringify(current) !== JSON.stringify(observed)) {
        const written = await this.client.update<KubeObject>({ ...NODES, name, subresource: 'status' }, node);
        this.health.set(name, { ...health, savedReady: current && { ...current }, readyTransitionTimestamp: now });
        return { observed, current, node: written };
      }
    }
    return { observed, current, node };
  }

  private async processTaintBaseEviction(node: KubeObject, observed: NodeCondition): Promise<void> {
    const taints = nodeTaints(node);
    const name = node.metadata?.name ?? '';
    if (observed.status === 'False') {
      if (taintExists(taints, UNREACHABLE_NO_EXECUTE)) await swapNodeTaints(this.client, this.clock, name, [NOT_READY_NO_EXECUTE], [UNREACHABLE_NO_EXECUTE]).catch(() => {});
      else this.markNodeForTainting(node, 'False');
    } else if (observed.status === 'Unknown') {
      if (taintExists(taints, NOT_READY_NO_EXECUTE)) await swapNodeTaints(this.client, this.clock, name, [UNREACHABLE_NO_EXECUTE], [NOT_READY_NO_EXECUTE]).catch(() => {});
      else this.markNodeForTainting(node, 'Unknown');
    } else if (observed.status === 'True') {
      await this.markNodeAsReachable(node);
    }
  }

  private markNodeForTainting(node: KubeObject, status: 'False' | 'Unknown'): boolean {
    const queue = this.tainter(node);
    const taints = nodeTaints(node);
    const template = status === 'False' ? NOT_READY_NO_EXECUTE : UNREACHABLE_NO_EXECUTE;
    if (!taintExists(taints, template)) queue.remove(node.metadata?.name ?? '');
    return queue.add(node.metadata?.name ?? '');
  }

  private async markNodeAsReachable(node: KubeObject): Promise<boolean> {
    const name = node.metadata?.name ?? '';
    const taints = nodeTaints(node);
    try {
      // RemoveTaintOffNode returns early when the given node has none of the taints: no read, no write.
      if (taintExists(taints, UNREACHABLE_NO_EXECUTE) || taintExists(taints, NOT_READY_NO_EXECUTE)) {
        await swapNodeTaints(this.client, this.clock, name, [], [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE]);
      }
    } catch (err) {
      this.logger.warn('Failed to remove taints from node', { node: name, error: String((err as Error)?.message ?? err) });
      return false;
    }
    return this.tainter(node).remove(name);
  }

  private tainter(node: KubeObject): RateLimitedTimedQueue {
    this.addTainterForNewZone(node);
    return this.zoneTainters.get(zoneKey(node)) as RateLimitedTimedQueue;
  }

  private addTainterForNewZone(node: KubeObject): void {
    const zone = zoneKey(node);
    if (this.zoneStates.has(zone)) return;
    this.zoneStates.set(zone, 'Initial');
    this.zoneTainters.set(zone, new RateLimitedTimedQueue(this.clock, this.options.evictionLimiterQPS));
  }

  /** Runs doNoExecuteTaintingPass now and again when a limiter will next let a node through. */
  private kickTainting(): void {
    if (this.tainting || this.disposed) return;
    this.tainting = true;
    void this.doNoExecuteTaintingPass().then((waitMs) => {
      this.tainting = false;
      this.taintTimer?.dispose();
      this.taintTimer = waitMs === undefined || this.disposed ? undefined : this.clock.setTimer(waitMs, () => this.kickTainting());
    });
  }

  private async doNoExecuteTaintingPass(): Promise<number | undefined> {
    let soonest: number | undefined;
    for (const queue of [...this.zoneTainters.values()]) {
      const wait = await queue.tryProcess(async (name) => {
        const node = this.nodes.get(name);
        if (!node) return { done: true };
        const ready = nodeCondition(node, 'Ready');
        if (!ready) return { done: false, retryMs: 50 };
        let add: Pick<Taint, 'key' | 'effect'>;
        let opposite: Pick<Taint, 'key' | 'effect'>;
        if (ready.status === 'False') [add, opposite] = [NOT_READY_NO_EXECUTE, UNREACHABLE_NO_EXECUTE];
        else if (ready.status === 'Unknown') [add, opposite] = [UNREACHABLE_NO_EXECUTE, NOT_READY_NO_EXECUTE];
        else return { done: true }; // Ready again: nothing to taint
        try {
          await swapNodeTaints(this.client, this.clock, name, [add], [opposite]);
          return { done: true };
        } catch {
          return { done: false, retryMs: 0 };
        }
      });
      if (wait !== undefined) soonest = soonest === undefined ? wait : Math.min(soonest, wait);
    }
    return soonest;
  }

  /** ComputeZoneState: not-ready count and the zone's state. */
  computeZoneState(conditions: ReadonlyArray<NodeCondition | undefined>): { notReady: number; state: ZoneState } {
    let ready = 0;
    let notReady = 0;
    for (const c of conditions) {
      if (c?.status === 'True') ready++;
      else notReady++;
    }
    if (ready === 0 && notReady > 0) return { notReady, state: 'FullDisruption' };
    // float32 arithmetic upstream; the threshold comparison is the same for lab-sized zones.
    if (notReady > 2 && notReady / (notReady + ready) >= this.options.unhealthyZoneThreshold) return { notReady, state: 'PartialDisruption' };
    return { notReady, state: 'Normal' };
  }

  private async handleDisruption(zoneToConditions: Map<string, Array<NodeCondition | undefined>>, nodes: KubeObject[]): Promise<void> {
    const newStates = new Map<string, ZoneState>();
    let allAreFullyDisrupted = true;
    for (const [zone, conditions] of zoneToConditions) {
      const { state } = this.computeZoneState(conditions);
      if (state !== 'FullDisruption') allAreFullyDisrupted = false;
      newStates.set(zone, state);
      if (!this.zoneStates.has(zone)) {
        this.zoneStates.set(zone, 'Initial');
        if (!this.zoneTainters.has(zone)) this.zoneTainters.set(zone, new RateLimitedTimedQueue(this.clock, this.options.evictionLimiterQPS));
      }
    }
    let allWasFullyDisrupted = true;
    for (const [zone, state] of [...this.zoneStates]) {
      if (!zoneToConditions.has(zone)) {
        this.zoneStates.delete(zone);
        continue;
      }
      if (state !== 'FullDisruption') {
        allWasFullyDisrupted = false;
        break;
      }
    }
    if (allAreFullyDisrupted && allWasFullyDisrupted) return;
    if (allAreFullyDisrupted) {
      this.logger.info('Controller detected that all Nodes are not-Ready. Entering master disruption mode');
      for (const node of nodes) await this.markNodeAsReachable(node);
      for (const zone of this.zoneStates.keys()) {
        this.zoneTainters.get(zone)?.swapLimiter(0);
        this.zoneStates.set(zone, 'FullDisruption');
      }
      return;
    }
    if (allWasFullyDisrupted) {
      this.logger.info('Controller detected that some Nodes are Ready. Exiting master disruption mode');
      const now = this.clock.now();
      for (const node of nodes) {
        const h = this.health.get(node.metadata?.name ?? '');
        if (h) this.health.set(node.metadata?.name ?? '', { ...h, probeTimestamp: now, readyTransitionTimestamp: now });
      }
      for (const zone of [...this.zoneStates.keys()]) {
        const state = newStates.get(zone) ?? 'Normal';
        this.setLimiterInZone(zone, zoneToConditions.get(zone)?.length ?? 0, state);
        this.zoneStates.set(zone, state);
      }
      return;
    }
    for (const [zone, state] of [...this.zoneStates]) {
      const next = newStates.get(zone);
      if (next === undefined || next === state) continue;
      this.logger.info('Controller detected that zone is now in new state', { zone, newState: next });
      this.setLimiterInZone(zone, zoneToConditions.get(zone)?.length ?? 0, next);
      this.zoneStates.set(zone, next);
    }
  }

  private setLimiterInZone(zone: string, zoneSize: number, state: ZoneState): void {
    const queue = this.zoneTainters.get(zone);
    if (!queue) return;
    if (state === 'Normal') queue.swapLimiter(this.options.evictionLimiterQPS);
    // ReducedQPSFunc: slow down in big zones, stop in small ones.
    else if (state === 'PartialDisruption') queue.swapLimiter(zoneSize > this.options.largeClusterThreshold ? this.options.secondaryEvictionLimiterQPS : 0);
    // HealthyQPSFunc.
    else if (state === 'FullDisruption') queue.swapLimiter(this.options.evictionLimiterQPS);
  }

  /** MarkPodsNotReady; false when some pod's status could not be written (the node is retried next pass). */
  private async markPodsNotReady(pods: KubeObject[], nodeName: string): Promise<boolean> {
    let ok = true;
    const stamp = rfc3339(this.clock.now());
    for (const listed of pods) {
      if ((listed.spec as { nodeName?: string } | undefined)?.nodeName !== nodeName) continue;
      const ready = podConditions(listed).find((c) => c.type === 'Ready');
      if (!ready) continue;
      const pod = deepCopy(listed) as KubeObject;
      const conditions = podConditions(pod);
      if (!updatePodCondition(conditions, { ...ready, status: 'False' }, stamp)) continue;
      try {
        await this.client.update({ ...PODS, namespace: pod.metadata?.namespace, name: pod.metadata?.name, subresource: 'status' }, pod);
      } catch (err) {
        if ((err as { code?: number }).code === 404) continue;
        ok = false;
      }
      void this.recorder.event({ ...referenceTo(listed), kind: 'Pod', apiVersion: 'v1' }, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
    return ok;
  }

  private podUpdated(oldPod: KubeObject | undefined, pod: KubeObject): void {
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const oldNode = (oldPod?.spec as { nodeName?: string } | undefined)?.nodeName;
    if (nodeName && (!oldPod || nodeName !== oldNode)) this.podLoop.queue.add(objectKey(pod));
  }

  private async processPod(key: string): Promise<void> {
    const pod = this.pods.get(key);
    if (!pod) return;
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
    const health = this.health.get(nodeName);
    if (!health || !this.nodes.get(nodeName)) return;
    const ready = health.savedReady;
    if (!ready) return;
    if (ready.status !== 'True' && !(await this.markPodsNotReady([pod], nodeName))) throw new Error(`unable to mark pod ${key} NotReady`);
  }

  /** doNoScheduleTaintingPass. */
  private async doNoScheduleTaintingPass(nodeName: string): Promise<void> {
    const node = this.nodes.get(nodeName);
    if (!node) return;
    const wanted: Array<Pick<Taint, 'key' | 'effect'>> = [];
    for (const c of (node.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []) {
      const key = CONDITION_TAINTS[c.type]?.[c.status];
      if (key) wanted.push({ key, effect: 'NoSchedule' });
    }
    if ((node.spec as { unschedulable?: boolean } | undefined)?.unschedulable) wanted.push({ key: TAINT_UNSCHEDULABLE, effect: 'NoSchedule' });
    const present = nodeTaints(node).filter((t) => t.effect === 'NoSchedule' && (t.key === TAINT_UNSCHEDULABLE || CONDITION_TAINT_KEYS.has(t.key)));
    const add = wanted.filter((w) => !taintExists(present, w));
    const remove = present.filter((p) => !taintExists(wanted, p));
    if (add.length === 0 && remove.length === 0) return;
    await swapNodeTaints(this.client, this.clock, nodeName, add, remove);
  }

  dispose(): void {
    this.disposed = true;
    this.monitorTimer?.dispose();
    this.taintTimer?.dispose();
    this.noScheduleLoop.dispose();
    this.podLoop.dispose();
  }
}
