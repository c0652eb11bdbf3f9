/**
 * The kubelet of one simulated node: registers the Node, heartbeats through its Lease, reports node status,
 * runs a PodWorker per pod bound to the node (watching `spec.nodeName=<node>`), evicts under memory pressure,
 * and answers the KubeletHandle (streams, metrics). Faults: stop() (posts nothing ever again),
 * setPartitioned() (API calls fail; containers keep running), setMemoryPressure().
 */
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import { DisposableStore, type Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import { parseQuantity, quantityValue } from '../apiserver/admission/quantity';
import type { ApiClient } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { ApiGate } from './api-gate';
import { gatedEvents, type KubeletEvents } from './gated-event-recorder';
import { Backoff, CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS } from './backoff';
import { EVICTION_MONITORING_INTERVAL_MS, MEMORY_AVAILABLE_THRESHOLD_BYTES, PRESSURE_TRANSITION_PERIOD_MS, evictionMessage, rankForMemoryEviction, type PodMemory } from './eviction/memory-eviction';
import { ImagePuller } from './image-puller';
import type { KubeletHandle } from './kubelet-handle';
import { PodIpAllocator } from './network/pod-ip-allocator';
import type { NodeConfig } from './node-config';
import { nodeIdentity } from './node-identity';
import { NodeLease } from './node-lease';
import { nodeCapacity, nodeInternalIp } from './node-status';
import { NodeStatusReporter, nodeRef } from './node-status-reporter';
import { apiConfigSource } from './pod-config-source';
import { PodWorker, type PodWorkerState } from './pod-worker';
import type { ContainerRuntime } from './runtime/container-runtime';

export type { NodeConfig } from './node-config';

/** The status manager's periodic resync (syncPeriod 10 s): statuses that failed to post are retried. */
const STATUS_RESYNC_MS = 10_000;
/** Memory the node's system daemons (kubelet, containerd, systemd) use, for nodeUsage(). */
const SYSTEM_OVERHEAD_MEMORY_BYTES = 420 * 1024 * 1024;
const SYSTEM_OVERHEAD_CPU_NANOCORES = 60_000_000;

export interface KubeletOptions {
  /** Acts as user system:node:<name>, groups system:nodes. */
  client: ApiClient;
  clock: Clock;
  logger: Logger;
  runtime: ContainerRuntime;
  node: NodeConfig;
  /** From the previous kubelet of this node (`handOver()` after `stop()`): its pods are adopted, not recreated. */
  resume?: KubeletHandOver;
}

/** What a restarted kubelet recovers about the pods already running on its node's runtime. */
export interface KubeletHandOver {
  pods: Map<string, PodWorkerState>;
}

export interface UsageSample {
  cpuNanoCores: number;
  memoryWorkingSetBytes: number;
}

export class Kubelet implements KubeletHandle, Disposable {
  readonly nodeName: string;
  readonly runtime: ContainerRuntime;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly api: ApiGate;
  private readonly recorder: KubeletEvents;
  private readonly reporter: NodeStatusReporter;
  private readonly lease: NodeLease;
  private readonly ips = new PodIpAllocator();
  private readonly workers = new Map<string, PodWorker>();
  private readonly disposables = new DisposableStore();
  private readonly restartBackoff: Backoff;
  private readonly puller: ImagePuller;
  private ready = false;
  private stopped = false;
  private memoryInUse: number | undefined;
  private lastPressureMs = -Infinity;
  private podWatch: Disposable | undefined;

  constructor(private readonly opts: KubeletOptions) {
    this.nodeName = opts.node.name;
    this.runtime = opts.runtime;
    this.clock = opts.clock;
    this.log = opts.logger.child(`kubelet/${opts.node.name}`);
    this.api = new ApiGate(opts.client);
    this.recorder = gatedEvents(new LegacyEventRecorder(opts.client, opts.clock, 'kubelet', opts.node.name), this.api);
    const identity = nodeIdentity(opts.node.name, 0);
    this.reporter = new NodeStatusReporter(this.api, this.clock, this.log, opts.node, identity, this.runtime, this.recorder, () => ({ memoryPressure: this.memoryPressure(), ready: this.ready }));
    this.lease = new NodeLease(this.api, this.clock, this.log, this.nodeName, () => this.reporter.uid);
    this.restartBackoff = new Backoff(this.clock, CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS);
    this.puller = new ImagePuller(this.runtime, this.clock, this.recorder);
  }

  /** Registers the node, starts heartbeats and the pod watch. Startup events as a kubelet records them. */
  async start(): Promise<void> {
    void this.recorder.event(nodeRef(this.nodeName), 'Normal', 'Starting', 'Starting kubelet.');
    await this.reporter.start();
    void this.recorder.event(nodeRef(this.nodeName), 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.ready = true;
    await this.reporter.sync(true);
    this.lease.start();
    this.disposables.add(this.runtime.onContainerEvent((e) => this.workers.get(e.podUid)?.requestSync()));
    this.disposables.add(this.clock.setPeriodic(STATUS_RESYNC_MS, () => this.resyncAll()));
    this.disposables.add(this.clock.setPeriodic(EVICTION_MONITORING_INTERVAL_MS, () => this.evictionPass()));
    this.disposables.add(this.api.onHealed(() => void this.watchPods()));
    await this.watchPods();
  }

  private resyncAll(): void {
    for (const w of this.workers.values()) w.requestSync();
  }

  /** LIST + WATCH pods with spec.nodeName=<node>; relists when the stream ends or the partition heals. */
  private async watchPods(): Promise<void> {
    if (this.stopped || !this.api.open) return;
    const ref = { group: '', version: 'v1', resource: 'pods' };
    const query = { fieldSelector: `spec.nodeName=${this.nodeName}` };
    try {
      this.podWatch?.dispose();
      const list = await this.api.list(ref, query);
      const seen = new Set<string>();
      for (const p of list.items) {
        seen.add(p.metadata?.uid ?? '');
        this.upsert(p as Pod);
      }
      for (const [uid, w] of this.workers) if (!seen.has(uid)) w.removed();
      this.podWatch = await this.api.watch(
        ref,
        { ...query, resourceVersion: list.metadata.resourceVersion },
        (ev) => {
          if (ev.type === 'ADDED' || ev.type === 'MODIFIED') this.upsert(ev.object as Pod);
          else if (ev.type === 'DELETED') this.workers.get(ev.object.metadata?.uid ?? '')?.removed();
        },
        () => {
          if (!this.stopped && this.api.open) this.clock.setTimer(1000, () => void this.watchPods());
        },
      );
    } catch (err) {
      this.log.debug('pod watch failed', { err: (err as Error).message });
      if (!this.stopped) this.clock.setTimer(1000, () => void this.watchPods());
    }
  }

  private upsert(pod: Pod): void {
    if (pod.spec?.nodeName !== this.nodeName) return;
    const uid = pod.metadata?.uid ?? '';
    const existing = this.workers.get(uid);
    if (existing) {
      existing.update(pod);
      return;
    }
    const phase = pod.status?.phase;
    if ((phase === 'Succeeded' || phase === 'Failed') && !pod.metadata?.deletionTimestamp) return; // nothing to run
    const adopted = this.opts.resume?.pods.get(uid);
    if (adopted?.podIp) this.ips.reserve(uid, adopted.podIp);
    const worker = new PodWorker(pod, {
      runtime: this.runtime,
      clock: this.clock,
      log: this.log,
      recorder: this.recorder,
      api: this.api,
      source: apiConfigSource(this.api),
      puller: this.puller,
      restartBackoff: this.restartBackoff,
      hostIp: nodeInternalIp(this.opts.node),
      allocatable: nodeCapacity(this.opts.node),
      allocateIp: async (podUid) => {
        if (!this.ips.ready) {
          await this.reporter.refresh();
          const cidr = this.reporter.podCidr;
          if (!cidr) return undefined;
          this.ips.setCidr(cidr);
        }
        return this.ips.allocate(podUid);
      },
      releaseIp: (podUid) => this.ips.release(podUid),
      finished: (podUid) => {
        this.workers.get(podUid)?.dispose();
        this.workers.delete(podUid);
      },
    }, adopted);
    this.workers.set(uid, worker);
    worker.requestSync();
  }

  // --- Faults ---------------------------------------------------------------------------------------------

  /** The Fault "stop a kubelet": no more API writes (status, lease, events); containers keep running. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.api.stop();
    this.dispose();
  }

  /** The runtime bookkeeping of every pod, for the kubelet that replaces this one (see KubeletOptions.resume). */
  handOver(): KubeletHandOver {
    const pods = new Map<string, PodWorkerState>();
    for (const [uid, w] of this.workers) pods.set(uid, w.exportState());
    return { pods };
  }

  setPartitioned(on: boolean): void {
    this.api.setPartitioned(on);
  }

  /** The Fault "fill a node's memory": `bytesInUse` outside pods (undefined = released). */
  setMemoryPressure(bytesInUse: number | undefined): void {
    this.memoryInUse = bytesInUse;
    this.observePressure();
    void this.reporter.sync(false);
  }

  private capacityBytes(): number {
    return Number(quantityValue(parseQuantity(this.opts.node.memory)));
  }

  private podMemory(): PodMemory[] {
    const out: PodMemory[] = [];
    for (const w of this.workers.values()) {
      const usage = new Map<string, number>();
      for (const c of w.currentPod.spec?.containers ?? []) {
        const id = w.containerId(c.name, false);
        const u = id ? this.runtime.usage(id) : undefined;
        if (u) usage.set(c.name, u.memoryWorkingSetBytes);
      }
      out.push({ pod: w.currentPod, usage });
    }
    return out;
  }

  private availableBytes(): number {
    let used = this.memoryInUse ?? 0;
    for (const p of this.podMemory()) for (const v of p.usage.values()) used += v;
    return this.capacityBytes() - used;
  }

  private observePressure(): boolean {
    const under = this.memoryInUse !== undefined && this.availableBytes() < MEMORY_AVAILABLE_THRESHOLD_BYTES;
    if (under) this.lastPressureMs = this.clock.now();
    return under;
  }

  private memoryPressure(): boolean {
    return this.clock.now() - this.lastPressureMs < PRESSURE_TRANSITION_PERIOD_MS;
  }

  /** synchronize(): one eviction per monitoring interval while the threshold is crossed. */
  private evictionPass(): void {
    if (!this.observePressure()) return;
    void this.reporter.sync(false);
    const available = this.availableBytes();
    const candidates = this.podMemory().filter((p) => !p.pod.metadata?.deletionTimestamp && p.pod.status?.phase !== 'Failed' && p.pod.status?.phase !== 'Succeeded');
    const victim = rankForMemoryEviction(candidates)[0];
    if (!victim) return;
    void this.recorder.event(nodeRef(this.nodeName), 'Warning', 'EvictionThresholdMet', 'Attempting to reclaim memory');
    const message = evictionMessage(victim, available);
    void this.recorder.event(referenceTo(victim.pod as KubeObject), 'Warning', 'Evicted', message);
    this.workers.get(victim.pod.metadata?.uid ?? '')?.evict(message);
  }

  // --- KubeletHandle --------------------------------------------------------------------------------------

  reachable(): boolean {
    return !this.stopped && this.api.open;
  }

  sandboxId(podUid: string): string | undefined {
    return this.workers.get(podUid)?.sandbox;
  }

  containerId(podUid: string, containerName: string, previous: boolean): string | undefined {
    return this.workers.get(podUid)?.containerId(containerName, previous);
  }

  // --- Metrics (for metrics.k8s.io) -----------------------------------------------------------------------

  /** Per running pod: its containers' usage (summary API's pod stats). */
  podUsage(): Array<{ namespace: string; name: string; uid: string; containers: Array<{ name: string } & UsageSample> }> {
    const out = [];
    for (const w of this.workers.values()) {
      const meta = w.currentPod.metadata ?? {};
      const containers: Array<{ name: string } & UsageSample> = [];
      for (const c of w.currentPod.spec?.containers ?? []) {
        const id = w.containerId(c.name, false);
        const u = id && this.runtime.containerStatus(id)?.state === 'running' ? this.runtime.usage(id) : undefined;
        if (u) containers.push({ name: c.name, ...u });
      }
      if (containers.length > 0) out.push({ namespace: meta.namespace ?? '', name: meta.name ?? '', uid: meta.uid ?? '', containers });
    }
    return out;
  }

  /** The node: all pods plus the system daemons' overhead plus a memory-filling Fault's bytes. */
  nodeUsage(): UsageSample {
    let cpu = SYSTEM_OVERHEAD_CPU_NANOCORES;
    let mem = SYSTEM_OVERHEAD_MEMORY_BYTES + (this.memoryInUse ?? 0);
    for (const p of this.podUsage())
      for (const c of p.containers) {
        cpu += c.cpuNanoCores;
        mem += c.memoryWorkingSetBytes;
      }
    return { cpuNanoCores: cpu, memoryWorkingSetBytes: mem };
  }

  dispose(): void {
    this.podWatch?.dispose();
    this.disposables.dispose();
    this.lease.dispose();
    this.reporter.dispose();
    for (const w of this.workers.values()) w.dispose();
    if (!this.stopped) {
      this.stopped = true;
      this.api.stop();
    }
  }
}
