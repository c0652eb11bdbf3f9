/**
 * kube-scheduler, in process: informers feed the cache (bound pods, nodes) and the queue (pending pods whose
 * spec.schedulerName names one of the profiles — others are ignored, as upstream); one loop pops a pod, runs
 * the scheduling cycle synchronously on a fresh snapshot (PostFilter/preemption awaits its evictions), assumes
 * the pod on the chosen node and leaves the binding cycle (Permit wait, PreBind, Bind, PostBind) running while
 * the next pod is scheduled. Outcomes are written as upstream writes them: `Scheduled`/`FailedScheduling` events
 * (events.k8s.io shape, reportingComponent default-scheduler), the PodScheduled=False condition and
 * status.nominatedNodeName through pods/status, the binding through pods/{name}/binding.
 */
import type { KubeObject } from '../api/objects';
import { rfc3339, type Clock } from '../base/clock';
import { DisposableStore } from '../base/disposable';
import { Emitter, type Event } from '../base/event';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { referenceTo, SeriesEventRecorder } from '../client/event-recorder';
import { Informer } from '../client/informer';
import { SchedulerCache } from './cache/scheduler-cache';
import { SchedulerSnapshot, type SnapshotObjectKind } from './cache/snapshot';
import { assignedPodUpdateEvent, nodeUpdateEvents } from './cluster-events';
import { fitErrorMessage } from './framework/fit-error';
import { CycleState, Status, type ClusterEvent, type PluginFactory, type QueuedPodInfo } from './framework/interface';
import { newPodInfo } from './framework/pod-info';
import type { FrameworkRuntime } from './framework/runtime';
import { inTreeRegistry } from './plugins/registry';
import { buildFramework } from './profile/build-framework';
import { defaultProfile, type ProfileConfig } from './profile/profile-config';
import { SchedulingQueue } from './queue/scheduling-queue';
import { SchedulingAlgorithm } from './schedule-pod';
import { newTrace, type SchedulingTrace } from './trace/scheduling-trace';
import { TraceStore } from './trace/trace-store';

export interface SchedulerOptions {
  /** A client acting as `system:kube-scheduler`. */
  client: ApiClient;
  clock: Clock;
  logger: Logger;
  profiles?: ProfileConfig[];
  /** For reportingInstance `default-scheduler-<hostname>`. */
  hostname?: string;
  /** Plugin factories by name; the in-tree registry by default. */
  registry?: Readonly<Record<string, PluginFactory>>;
}

const core = (resource: string): ResourceRef => ({ group: '', version: 'v1', resource });
const INFORMED: Record<SnapshotObjectKind | 'Pod' | 'Node' | 'Namespace', ResourceRef> = {
  Pod: core('pods'),
  Node: core('nodes'),
  Namespace: core('namespaces'),
  PersistentVolumeClaim: core('persistentvolumeclaims'),
  PersistentVolume: core('persistentvolumes'),
  Service: core('services'),
  ReplicationController: core('replicationcontrollers'),
  StorageClass: { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' },
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  PodDisruptionBudget: { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' },
};
/** Kinds whose changes are cluster events for the queue (besides pods and nodes). */
const EVENT_KINDS: Partial<Record<keyof typeof INFORMED, ClusterEvent['resource']>> = {
  PersistentVolumeClaim: 'PersistentVolumeClaim',
  PersistentVolume: 'PersistentVolume',
  StorageClass: 'StorageClass',
  Service: 'Service',
  Namespace: 'Namespace',
};

/** Event notes are capped at 1 KiB (events.k8s.io validation), as the scheduler truncates them. */
const NOTE_LENGTH_LIMIT = 1024;
function truncateMessage(message: string): string {
  return message.length <= NOTE_LENGTH_LIMIT ? message : `${message.slice(0, NOTE_LENGTH_LIMIT - 3)}...`;
}

const specOf = (pod: KubeObject) => (pod['spec'] ?? {}) as { nodeName?: string; schedulerName?: string };
const phaseOf = (pod: KubeObject) => (pod['status'] as { phase?: string } | undefined)?.phase;
const podKey = (pod: KubeObject) => `${pod.metadata?.namespace}/${pod.metadata?.name}`;

export class Scheduler {
  private readonly disposables = new DisposableStore();
  private readonly informers = new Map<keyof typeof INFORMED, Informer>();
  private readonly cache = new SchedulerCache();
  private readonly snapshot: SchedulerSnapshot;
  private readonly queue: SchedulingQueue;
  private readonly frameworks = new Map<string, FrameworkRuntime>();
  private readonly algorithm: SchedulingAlgorithm;
  private readonly recorder: SeriesEventRecorder;
  private readonly traceStore = new TraceStore();
  private readonly traced = new Emitter<SchedulingTrace>();
  private readonly log: Logger;
  private bindingsInFlight = 0;
  /** `namespace/name` of the victims evicted by the current cycle's PostFilter (for its trace). */
  private evictedThisCycle: string[] = [];
  private cycleInFlight = false;
  private disposed = false;
  readonly onDidTrace: Event<SchedulingTrace> = this.traced.event;

  constructor(private readonly opts: SchedulerOptions) {
    this.log = opts.logger.child('scheduler');
    this.algorithm = new SchedulingAlgorithm(opts.clock.random);
    this.recorder = new SeriesEventRecorder(opts.client, opts.clock, 'default-scheduler', `default-scheduler-${opts.hostname ?? 'control-plane'}`);
    for (const [kind, ref] of Object.entries(INFORMED) as Array<[keyof typeof INFORMED, ResourceRef]>) {
      this.informers.set(kind, this.disposables.add(new Informer(opts.client, ref, opts.clock)));
    }
    this.snapshot = new SchedulerSnapshot({
      namespaceLabels: (ns) => this.informer('Namespace').get(ns)?.metadata?.labels ?? (this.informer('Namespace').get(ns) ? {} : undefined),
      objects: (kind) => this.informer(kind).list(),
    });

    const registry = opts.registry ?? inTreeRegistry;
    for (const cfg of opts.profiles ?? [defaultProfile()]) {
      const fw = buildFramework(cfg, {
        registry,
        clock: opts.clock,
        handle: {
          clock: opts.clock,
          client: opts.client,
          snapshot: () => this.snapshot,
          bind: (pod, nodeName) => this.bind(pod, nodeName),
          evictVictim: (victim, preemptor) => this.evictVictim(victim, preemptor),
          nominatedPodsForNode: (nodeName) => this.queue.nominator.podsForNode(nodeName),
          clearNominatedNodeName: (pod) => this.clearNominatedNodeName(pod),
        },
        nominatedPodsFor: (_pod, nodeName) => (this.queue.nominator.isEmpty ? [] : this.queue.nominator.podsForNode(nodeName)),
        missing: (name) => this.log.debug('default plugin not available in this build; skipped', { plugin: name, profile: cfg.schedulerName }),
      });
      this.frameworks.set(cfg.schedulerName, fw);
    }
    const first = this.frameworks.values().next().value as FrameworkRuntime;
    const less = first.points.queueSort?.less.bind(first.points.queueSort) ?? ((a: QueuedPodInfo, b: QueuedPodInfo) => a.timestamp < b.timestamp);
    this.queue = this.disposables.add(
      new SchedulingQueue({
        clock: opts.clock,
        less,
        preEnqueue: (pod) => this.frameworkFor(pod)?.runPreEnqueuePlugins(pod) ?? Status.success(),
        eventsOf: (plugin) => {
          for (const fw of this.frameworks.values()) if (fw.plugins.has(plugin)) return fw.eventsOf(plugin);
          return undefined;
        },
      }),
    );
    this.wireInformers();
  }

  private informer(kind: keyof typeof INFORMED): Informer {
    return this.informers.get(kind) as Informer;
  }

  private frameworkFor(pod: KubeObject): FrameworkRuntime | undefined {
    return this.frameworks.get(specOf(pod).schedulerName || 'default-scheduler');
  }

  /** Syncs every informer, then starts the scheduling loop. */
  async start(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.start()));
    void this.loop();
  }

  dispose(): void {
    this.disposed = true;
    this.disposables.dispose();
    this.traced.dispose();
    this.recorder.dispose();
  }

  /** Traces of a pod's attempts, most recent last (bounded). */
  traces(namespace: string, name: string): SchedulingTrace[] {
    return this.traceStore.get(namespace, name);
  }

  /** No pod is queued to be tried without a further event, being scheduled, or being bound. */
  idle(): boolean {
    return this.queue.pendingWork === 0 && !this.cycleInFlight && this.bindingsInFlight === 0;
  }

  // ---- informers → cache and queue

  private responsibleFor(pod: KubeObject): boolean {
    return this.frameworkFor(pod) !== undefined;
  }

  private wireInformers(): void {
    const pending = (pod: KubeObject) => !specOf(pod).nodeName && phaseOf(pod) !== 'Succeeded' && phaseOf(pod) !== 'Failed';
    this.informer('Pod').addHandlers({
      onAdd: (pod) => {
        if (specOf(pod).nodeName) {
          this.cache.addOrUpdatePod(pod);
          this.queue.onClusterEvent({ resource: 'Pod', action: 'Add' });
        } else if (pending(pod) && this.responsibleFor(pod)) this.queue.add(pod);
      },
      onUpdate: (oldPod, pod) => {
        if (specOf(pod).nodeName) {
          this.queue.delete(pod);
          this.cache.addOrUpdatePod(pod); // also confirms a pod this scheduler assumed
          this.queue.onClusterEvent(specOf(oldPod).nodeName ? assignedPodUpdateEvent(oldPod, pod) : { resource: 'Pod', action: 'Add' });
        } else if (pending(pod) && this.responsibleFor(pod)) {
          const gatesBefore = ((oldPod['spec'] as { schedulingGates?: unknown[] }).schedulingGates ?? []).length;
          const gatesAfter = ((pod['spec'] as { schedulingGates?: unknown[] }).schedulingGates ?? []).length;
          this.queue.update(pod);
          if (gatesBefore > 0 && gatesAfter === 0) this.queue.onClusterEvent({ resource: 'Pod', action: 'UpdatePodSchedulingGatesEliminated' });
        } else this.queue.delete(pod);
      },
      onDelete: (pod) => {
        if (specOf(pod).nodeName || this.cache.isAssumed(pod.metadata?.uid ?? '')) {
          this.cache.removePod(pod);
          this.queue.onClusterEvent({ resource: 'Pod', action: 'Delete' });
        }
        this.queue.delete(pod);
        for (const fw of this.frameworks.values()) fw.rejectWaitingPod(pod.metadata?.uid ?? '', '', 'pod deleted');
      },
    });
    this.informer('Node').addHandlers({
      onAdd: (node) => {
        this.cache.addOrUpdateNode(node);
        this.queue.onClusterEvent({ resource: 'Node', action: 'Add' });
      },
      onUpdate: (oldNode, node) => {
        this.cache.addOrUpdateNode(node);
        for (const e of nodeUpdateEvents(oldNode, node)) this.queue.onClusterEvent(e);
      },
      onDelete: (node) => {
        this.cache.removeNode(node.metadata?.name ?? '');
        this.queue.onClusterEvent({ resource: 'Node', action: 'Delete' });
      },
    });
    for (const [kind, resource] of Object.entries(EVENT_KINDS) as Array<[keyof typeof INFORMED, ClusterEvent['resource']]>) {
      this.informer(kind).addHandlers({
        onAdd: () => this.queue.onClusterEvent({ resource, action: 'Add' }),
        onUpdate: () => this.queue.onClusterEvent({ resource, action: 'Update' }),
        onDelete: () => this.queue.onClusterEvent({ resource, action: 'Delete' }),
      });
    }
  }

  // ---- the loop

  private async loop(): Promise<void> {
    while (!this.disposed) {
      const q = await this.queue.pop();
      if (!q || this.disposed) return;
      this.cycleInFlight = true;
      try {
        await this.scheduleOne(q);
      } catch (err) {
        // An unexpected throw is an Error status: the pod goes to backoffQ rather than being lost.
        this.log.error('scheduling cycle failed', { pod: podKey(q.podInfo.pod), error: String(err) });
        q.unschedulablePlugins = new Set();
        this.queue.addUnschedulable(q);
      } finally {
        this.cycleInFlight = false;
      }
    }
  }

  private async scheduleOne(q: QueuedPodInfo): Promise<void> {
    const pod = q.podInfo.pod;
    const uid = pod.metadata?.uid ?? '';
    const fw = this.frameworkFor(pod);
    if (!fw || pod.metadata?.deletionTimestamp || this.cache.isAssumed(uid)) {
      this.queue.done(uid);
      return;
    }
    this.cache.updateSnapshot(this.snapshot);
    this.evictedThisCycle = [];
    const state = new CycleState();
    const trace = newTrace(
      { namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid },
      fw.profileName,
      q.attempts,
      this.opts.clock.now(),
      this.snapshot.list().length,
    );
    const outcome = this.algorithm.schedulePod(fw, state, pod, this.snapshot, trace);

    if (outcome.kind === 'error') {
      trace.error = outcome.message;
      this.recordTrace(trace);
      await this.handleFailure(fw, q, 'SchedulerError', outcome.message, new Set(), undefined);
      return;
    }
    if (outcome.kind === 'unfit') {
      const { diagnosis, numAllNodes } = outcome;
      let nominated: string | undefined;
      if (fw.points.postFilter.length > 0) {
        const statuses = diagnosis.nodeToStatus;
        if (diagnosis.preFilterMsg !== '') for (const n of this.snapshot.list()) statuses.set(n.name, diagnosis.absentNodesStatus);
        const pf = await fw.runPostFilterPlugins(state, pod, statuses);
        if (!pf.status.isSuccess()) diagnosis.postFilterMsg = pf.status.message();
        nominated = pf.result?.nominatedNodeName;
        trace.preemption = { nominatedNode: nominated || undefined, victims: [], message: pf.status.isSuccess() ? undefined : pf.status.message() };
        trace.preemption.victims = this.evictedThisCycle;
      }
      const message = fitErrorMessage(numAllNodes, diagnosis);
      trace.unschedulable = message;
      this.recordTrace(trace);
      await this.handleFailure(fw, q, 'Unschedulable', message, diagnosis.unschedulablePlugins, nominated);
      return;
    }

    const host = outcome.host;
    trace.selectedNode = host;
    this.recordTrace(trace);
    this.cache.assumePod(q.podInfo, host);
    const reserve = fw.runReservePluginsReserve(state, pod, host);
    if (!reserve.isSuccess()) {
      fw.runReservePluginsUnreserve(state, pod, host);
      this.cache.forgetPod(uid);
      await this.handleFailure(fw, q, reserve.isRejected() ? 'Unschedulable' : 'SchedulerError', reserve.message(), new Set(reserve.plugin ? [reserve.plugin] : []), undefined);
      return;
    }
    const permit = fw.runPermitPlugins(state, pod, host);
    this.queue.nominator.delete(uid);
    this.queue.done(uid);
    this.bindingsInFlight++;
    void this.bindingCycle(fw, state, q, host, permit).finally(() => this.bindingsInFlight--);
  }

  private async bindingCycle(fw: FrameworkRuntime, state: CycleState, q: QueuedPodInfo, host: string, permit: Promise<Status>): Promise<void> {
    const pod = q.podInfo.pod;
    const uid = pod.metadata?.uid ?? '';
    const fail = async (s: Status) => {
      fw.runReservePluginsUnreserve(state, pod, host);
      this.cache.forgetPod(uid);
      this.queue.onClusterEvent({ resource: 'Pod', action: 'Delete' }); // the assumed pod's room is free again
      await this.handleFailure(fw, q, s.isRejected() ? 'Unschedulable' : 'SchedulerError', s.message(), new Set(s.isRejected() && s.plugin ? [s.plugin] : []), undefined);
    };
    const p = await permit;
    if (!p.isSuccess()) return fail(p);
    const pre = await fw.runPreBindPlugins(state, pod, host);
    if (!pre.isSuccess()) return fail(pre);
    const bound = await fw.runBindPlugins(state, pod, host);
    if (!bound.isSuccess()) return fail(bound.code === 'Skip' ? new Status('Error', ['no bind plugin bound the pod']) : bound);
    void this.recorder.event(referenceTo(pod), 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${podKey(pod)} to ${host}`);
    fw.runPostBindPlugins(state, pod, host);
  }

  private recordTrace(t: SchedulingTrace): void {
    this.traceStore.add(t);
    if (this.traced.hasListeners) this.traced.fire(t);
  }

  /**
   * handleSchedulingFailure: back to the queue (if the pod still exists unbound), nomination bookkeeping, the
   * FailedScheduling event, and PodScheduled=False (+ nominatedNodeName) on the pod's status when they changed.
   */
  private async handleFailure(fw: FrameworkRuntime, q: QueuedPodInfo, reason: 'Unschedulable' | 'SchedulerError', message: string, plugins: Set<string>, nominated: string | undefined): Promise<void> {
    const pod = q.podInfo.pod;
    const uid = pod.metadata?.uid ?? '';
    const current = this.informer('Pod').get(podKey(pod));
    const stillPending = current !== undefined && current.metadata?.uid === uid && !specOf(current).nodeName;
    if (stillPending) {
      // The pod may have changed while it was being scheduled; requeue the version the informer has now.
      if (current !== pod) q.podInfo = newPodInfo(current);
      q.unschedulablePlugins = plugins;
      this.queue.addUnschedulable(q);
    } else this.queue.done(uid);
    if (nominated !== undefined) {
      if (nominated === '') this.queue.nominator.delete(uid);
      else this.queue.nominator.add(q.podInfo, nominated);
    }
    this.log.debug('unable to schedule pod', { pod: podKey(pod), profile: fw.profileName, reason: message });
    void this.recorder.event(referenceTo(pod), 'Warning', 'FailedScheduling', 'Scheduling', truncateMessage(message));
    if (stillPending && current) await this.updatePodStatus(current, reason, message, nominated);
  }

  private async updatePodStatus(pod: KubeObject, reason: string, message: string, nominated: string | undefined): Promise<void> {
    const status = (pod['status'] ?? {}) as { conditions?: Array<Record<string, unknown>>; nominatedNodeName?: string };
    const existing = status.conditions?.find((c) => c['type'] === 'PodScheduled');
    const conditionChanged = !existing || existing['status'] !== 'False' || existing['reason'] !== reason || existing['message'] !== message;
    const currentNominated = status.nominatedNodeName ?? '';
    const nominationChanged = nominated !== undefined && nominated !== currentNominated;
    if (!conditionChanged && !nominationChanged) return;
    const patch: Record<string, unknown> = {};
    if (conditionChanged) {
      const lastTransitionTime = existing && existing['status'] === 'False' ? existing['lastTransitionTime'] : rfc3339(this.opts.clock.now());
      patch['conditions'] = [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime, reason, message }];
    }
    if (nominationChanged) patch['nominatedNodeName'] = nominated === '' ? null : nominated;
    try {
      await this.opts.client.patch({ ...INFORMED.Pod, namespace: pod.metadata?.namespace, name: pod.metadata?.name, subresource: 'status' }, 'strategic', { status: patch });
    } catch (err) {
      this.log.debug('could not update pod status', { pod: podKey(pod), error: String(err) });
    }
  }

  // ---- Handle

  private async bind(pod: KubeObject, nodeName: string): Promise<void> {
    const namespace = pod.metadata?.namespace ?? '';
    const name = pod.metadata?.name ?? '';
    await this.opts.client.create(
      { ...INFORMED.Pod, namespace, name, subresource: 'binding' },
      { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace, uid: pod.metadata?.uid }, target: { apiVersion: 'v1', kind: 'Node', name: nodeName } },
    );
  }

  private async clearNominatedNodeName(pod: KubeObject): Promise<void> {
    this.queue.nominator.delete(pod.metadata?.uid ?? '');
    await this.opts.client.patch({ ...INFORMED.Pod, namespace: pod.metadata?.namespace, name: pod.metadata?.name, subresource: 'status' }, 'merge', { status: { nominatedNodeName: null } });
  }

  /** PreemptPod: DisruptionTarget condition, graceful delete, `Preempted` event on the victim. */
  private async evictVictim(victim: KubeObject, preemptor: KubeObject): Promise<void> {
    const ref = { ...INFORMED.Pod, namespace: victim.metadata?.namespace, name: victim.metadata?.name };
    const schedulerName = specOf(preemptor).schedulerName || 'default-scheduler';
    try {
      await this.opts.client.patch({ ...ref, subresource: 'status' }, 'strategic', {
        status: {
          conditions: [
            { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(this.opts.clock.now()), reason: 'PreemptionByScheduler', message: `${schedulerName}: preempting to accommodate a higher priority pod` },
          ],
        },
      });
      await this.opts.client.delete(ref);
    } catch (err) {
      if ((err as { code?: number }).code === 404) return;
      throw err;
    }
    this.evictedThisCycle.push(podKey(victim));
    void this.recorder.event(referenceTo(victim), 'Normal', 'Preempted', 'Preempting', `Preempted by pod ${preemptor.metadata?.uid} on node ${specOf(victim).nodeName}`);
  }
}
