/**
 * One pod's worker (pod_workers.go + kuberuntime_manager.go SyncPod): syncs are serialized; each sync brings
 * the runtime toward the spec — sandbox with an IP, init containers in order (sidecars with restartPolicy
 * Always keep running), app containers, restarts per restartPolicy with CrashLoopBackOff — then reports the
 * status. Deletion (deletionTimestamp), eviction and a vanished pod lead to termination: preStop, stop with the
 * grace period, final status, and for deleted pods the final DELETE (gracePeriodSeconds 0, uid precondition).
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/objects';
import { rfc3339, type Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import { referenceTo, type ObjectReference } from '../client/event-recorder';
import type { KubeletEvents } from './gated-event-recorder';
import type { ApiGate } from './api-gate';
import type { Backoff } from './backoff';
import { containerEnv, expandCommand } from './env/container-env';
import { goDuration } from './go-duration';
import type { ImagePuller } from './image-puller';
import { runHook } from './lifecycle-hooks';
import { hostsFile, resolvConf } from './network/pod-dns';
import { ConfigLookupError, type PodConfigSource } from './pod-config-source';
import { ProbeWorker, type ProbeType } from './prober/probe-worker';
import type { ContainerRuntime, ContainerStatus } from './runtime/container-runtime';
import { apiContainerStatus, podConditions, podPhase, type ContainerView, type PodCondition } from './status/pod-status';
import { containerMounts } from './volumes/volume-files';
import { parseQuantity, quantityValue } from '../apiserver/admission/quantity';

/** pod_workers.go backOffPeriod: a sync that failed is retried after 10 s. */
const WORKER_BACKOFF_MS = 10_000;
/** minimumGracePeriodInSeconds in kuberuntime_container.go. */
const MIN_GRACE_SECONDS = 2;

export interface PodWorkerHost {
  runtime: ContainerRuntime;
  clock: Clock;
  log: Logger;
  recorder: KubeletEvents;
  api: ApiGate;
  source: PodConfigSource;
  puller: ImagePuller;
  restartBackoff: Backoff;
  hostIp: string;
  allocatable: Record<string, string>;
  /** The pod IP for a pod uid, or undefined while the node has no podCIDR yet. */
  allocateIp(uid: string): Promise<string | undefined>;
  releaseIp(uid: string): void;
  /** The worker is done (pod terminated and cleaned up). */
  finished(uid: string): void;
}

/** A pod worker's runtime bookkeeping, handed from a stopped kubelet to its successor. */
export interface PodWorkerState {
  sandboxId: string | undefined;
  sandboxAttempt: number;
  podIp: string;
  sandboxStopped: boolean;
  containers: Record<string, { currentId?: string; previousId?: string; restartCount: number; instances: number }>;
}

interface ContainerRecord {
  currentId?: string;
  previousId?: string;
  restartCount: number;
  instances: number;
  waiting?: { reason: string; message?: string };
  probes: ProbeWorker[];
  startupDone: boolean;
  ready: boolean;
  /** Set by a failed liveness/startup probe: the kill message. */
  killFor?: string;
}

export class PodWorker implements Disposable {
  private pod: Pod;
  private gone = false;
  private sandboxId: string | undefined;
  private sandboxAttempt = 0;
  private podIp = '';
  private readonly records = new Map<string, ContainerRecord>();
  private running = false;
  private dirty = false;
  private retry: Disposable | undefined;
  private lastStatus = '';
  private terminal = false;
  private sandboxStopped = false;
  private terminated = false;
  private evicted: string | undefined;
  private disposed = false;

  constructor(
    pod: Pod,
    private readonly host: PodWorkerHost,
    /** What a previous kubelet on this node knew (restart after the StopKubelet Fault): adopt, don't recreate. */
    adopted?: PodWorkerState,
  ) {
    this.pod = pod;
    if (adopted) this.adopt(adopted);
  }

  /** The runtime-side facts a restarted kubelet recovers (upstream relists them from the CRI). */
  exportState(): PodWorkerState {
    const containers: PodWorkerState['containers'] = {};
    for (const [name, r] of this.records) containers[name] = { currentId: r.currentId, previousId: r.previousId, restartCount: r.restartCount, instances: r.instances };
    return { sandboxId: this.sandboxId, sandboxAttempt: this.sandboxAttempt, podIp: this.podIp, sandboxStopped: this.sandboxStopped, containers };
  }

  private adopt(state: PodWorkerState): void {
    this.sandboxId = state.sandboxId;
    this.sandboxAttempt = state.sandboxAttempt;
    this.podIp = state.podIp;
    this.sandboxStopped = state.sandboxStopped;
    const all = [...(this.pod.spec?.initContainers ?? []), ...(this.pod.spec?.containers ?? [])];
    for (const [name, c] of Object.entries(state.containers)) {
      const r = this.record(name);
      Object.assign(r, c);
      r.startupDone = true; // a container that ran before the restart has started
      const spec = all.find((x) => x.name === name);
      const id = c.currentId;
      if (spec && id && this.host.runtime.containerStatus(id)?.state === 'running') r.probes = this.startProbes(spec, r, id);
    }
  }

  get uid(): string {
    return this.pod.metadata?.uid ?? '';
  }
  get sandbox(): string | undefined {
    return this.sandboxId;
  }
  get currentPod(): Pod {
    return this.pod;
  }

  containerId(name: string, previous: boolean): string | undefined {
    const r = this.records.get(name);
    return previous ? r?.previousId : r?.currentId;
  }

  /** Runtime ids of the running containers (metrics). */
  runningContainerIds(): string[] {
    const out: string[] = [];
    for (const r of this.records.values()) if (r.currentId && this.host.runtime.containerStatus(r.currentId)?.state === 'running') out.push(r.currentId);
    return out;
  }

  /**
   * A new version of the pod from the API. Like the kubelet's pod config (podsDifferSemantically), only changes
   * outside status (spec, labels, annotations, deletion) trigger a sync; a status echo just refreshes the copy.
   */
  update(pod: Pod): void {
    const meaningful = (p: Pod) => JSON.stringify([p.spec, p.metadata?.labels, p.metadata?.annotations, p.metadata?.deletionTimestamp, p.metadata?.deletionGracePeriodSeconds]);
    const changed = meaningful(pod) !== meaningful(this.pod);
    this.pod = pod;
    if (changed) this.requestSync();
  }

  /** The pod left the API (force delete or completed deletion): kill what still runs, no API writes needed. */
  removed(): void {
    this.gone = true;
    this.requestSync();
  }

  /** Eviction by the kubelet: kill now (hard threshold: no grace beyond the minimum) and report Failed/Evicted. */
  evict(message: string): void {
    this.evicted = message;
    this.requestSync();
  }

  requestSync(): void {
    if (this.disposed) return;
    this.dirty = true;
    if (!this.running) void this.loop();
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.dirty && !this.disposed) {
        this.dirty = false;
        try {
          await this.sync();
        } catch (err) {
          this.host.log.warn('Error syncing pod, skipping', { pod: this.pod.metadata?.name, err: (err as Error).message });
          this.retryIn(WORKER_BACKOFF_MS);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private retryIn(ms: number): void {
    this.retry?.dispose();
    this.retry = this.host.clock.setTimer(ms, () => this.requestSync());
  }

  private ref(container: Container, isInit: boolean): ObjectReference {
    return referenceTo(this.pod as KubeObject, `spec.${isInit ? 'initContainers' : 'containers'}{${container.name}}`);
  }

  private record(name: string): ContainerRecord {
    let r = this.records.get(name);
    if (!r) {
      r = { restartCount: 0, instances: 0, probes: [], startupDone: false, ready: false };
      this.records.set(name, r);
    }
    return r;
  }

  private status(r: ContainerRecord): ContainerStatus | undefined {
    return r.currentId ? this.host.runtime.containerStatus(r.currentId) : undefined;
  }

  private podLabel(): string {
    const m = this.pod.metadata ?? {};
    return `${m.name}_${m.namespace}(${m.uid})`;
  }

  private async sync(): Promise<void> {
    if (this.terminated) return;
    if (this.gone || this.pod.metadata?.deletionTimestamp || this.evicted) {
      await this.terminate();
      return;
    }
    if (this.terminal) return;
    const spec = this.pod.spec ?? { containers: [] };
    // SyncPod reports the status it observed before acting (e.g. init done, app still PodInitializing while pulling).
    await this.publishStatus();
    if (!this.sandboxId) {
      const ip = await this.host.allocateIp(this.uid);
      if (!ip) {
        this.retryIn(1000);
        return;
      }
      this.podIp = ip;
      const meta = this.pod.metadata ?? {};
      this.sandboxId = await this.host.runtime.runPodSandbox({
        podUid: this.uid,
        podName: meta.name ?? '',
        namespace: meta.namespace ?? '',
        attempt: this.sandboxAttempt++,
        hostname: spec.hostname || (meta.name ?? ''),
        ip,
        labels: { ...(meta.labels ?? {}) },
        annotations: { ...(meta.annotations ?? {}) },
        resolvConf: resolvConf(this.pod),
        hostsFile: hostsFile(this.pod, ip),
      });
      await this.publishStatus();
    }

    // Containers a probe declared dead are killed first (computePodActions: ContainersToKill).
    for (const c of [...(spec.initContainers ?? []), ...spec.containers]) {
      const r = this.records.get(c.name);
      if (r?.killFor && r.currentId) {
        const message = r.killFor;
        r.killFor = undefined;
        await this.killContainer(c, r, spec.terminationGracePeriodSeconds ?? 30, message);
      }
    }

    const initDone = await this.syncInitContainers();
    if (initDone) await this.syncAppContainers();
    await this.publishStatus();
  }

  /** Returns true once every regular init container has succeeded and every sidecar has started. */
  private async syncInitContainers(): Promise<boolean> {
    const spec = this.pod.spec ?? { containers: [] };
    for (const c of spec.initContainers ?? []) {
      const r = this.record(c.name);
      const st = this.status(r);
      if (c.restartPolicy === 'Always') {
        if (st?.state === 'running') {
          if (!r.startupDone) return false;
          continue;
        }
        if (!st) await this.startContainer(c, r, true);
        else await this.restartWithBackoff(c, r, true);
        return false;
      }
      if (st?.state === 'exited' && st.exitCode === 0) continue;
      if (st && st.state !== 'exited') return false;
      if (!st) {
        await this.startContainer(c, r, true);
        return false;
      }
      if ((spec.restartPolicy ?? 'Always') === 'Never') {
        await this.finishPod();
        return false;
      }
      await this.restartWithBackoff(c, r, true);
      return false;
    }
    return true;
  }

  private async syncAppContainers(): Promise<void> {
    const spec = this.pod.spec ?? { containers: [] };
    const policy = spec.restartPolicy ?? 'Always';
    let live = 0;
    for (const c of spec.containers) {
      const r = this.record(c.name);
      const st = this.status(r);
      if (!st) {
        live++;
        await this.startContainer(c, r, false);
        continue;
      }
      if (st.state !== 'exited') {
        live++;
        continue;
      }
      const restart = policy === 'Always' || (policy === 'OnFailure' && st.exitCode !== 0);
      if (restart) {
        live++;
        await this.restartWithBackoff(c, r, false);
      }
    }
    if (live === 0) await this.finishPod();
  }

  /** All app containers are done for good: stop sidecars and the sandbox; the pod is terminal. */
  private async finishPod(): Promise<void> {
    this.terminal = true;
    for (const c of this.pod.spec?.initContainers ?? []) {
      const r = this.records.get(c.name);
      if (r?.currentId && this.status(r)?.state === 'running') await this.killContainer(c, r, this.pod.spec?.terminationGracePeriodSeconds ?? 30, `Stopping container ${c.name}`);
    }
    if (this.sandboxId) await this.host.runtime.stopPodSandbox(this.sandboxId);
    this.sandboxStopped = true;
  }

  private async restartWithBackoff(c: Container, r: ContainerRecord, isInit: boolean): Promise<void> {
    const st = this.status(r);
    if (!st) return;
    const key = `${this.pod.metadata?.name}_${this.pod.metadata?.namespace}_${this.uid}_${c.name}`;
    const backoff = this.host.restartBackoff;
    if (backoff.isInBackOffSince(key, st.finishedAt)) {
      const delay = backoff.get(key);
      r.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(delay)} restarting failed container=${c.name} pod=${this.podLabel()}` };
      void this.host.recorder.event(this.ref(c, isInit), 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${this.podLabel()}`);
      // The worker requeues every 10 s while backing off (each sync records BackOff again, counted by the
      // recorder) and, here, also exactly when the delay ends, so restarts land on 10, 20, 40, … s.
      this.retryIn(Math.max(1, Math.min(WORKER_BACKOFF_MS, st.finishedAt + delay - this.host.clock.now())));
      return;
    }
    backoff.next(key, st.finishedAt);
    await this.startContainer(c, r, isInit);
  }

  private async startContainer(c: Container, r: ContainerRecord, isInit: boolean): Promise<void> {
    if (!this.sandboxId) return;
    const ref = this.ref(c, isInit);
    const pull = await this.host.puller.ensure(this.pod, c, ref);
    if (!pull.ok) {
      r.waiting = { reason: pull.reason, message: pull.message };
      void this.host.recorder.event(ref, 'Warning', 'Failed', `Error: ${pull.reason}`);
      this.retryIn(WORKER_BACKOFF_MS);
      return;
    }
    let env;
    let mounts;
    try {
      const ctx = { pod: this.pod, hostIp: this.host.hostIp, podIp: this.podIp, allocatable: this.host.allocatable, source: this.host.source };
      env = await containerEnv({ ...ctx, container: c });
      mounts = await containerMounts(ctx, c);
    } catch (err) {
      if (!(err instanceof ConfigLookupError)) throw err;
      r.waiting = { reason: 'CreateContainerConfigError', message: err.message };
      void this.host.recorder.event(ref, 'Warning', 'Failed', `Error: ${err.message}`);
      this.retryIn(WORKER_BACKOFF_MS);
      return;
    }
    const { command, args } = expandCommand(c, env);
    const attempt = r.instances === 0 ? 0 : r.restartCount + 1;
    const memoryLimit = c.resources?.limits?.['memory'];
    const id = await this.host.runtime.createContainer(this.sandboxId, {
      name: c.name,
      image: c.image ?? '',
      command,
      args,
      workingDir: c.workingDir,
      env,
      mounts,
      ports: (c.ports ?? []).map((p) => ({ containerPort: p.containerPort, protocol: p.protocol ?? 'TCP', ...(p.name ? { name: p.name } : {}) })),
      tty: c.tty === true,
      stdin: c.stdin === true,
      memoryLimitBytes: memoryLimit !== undefined ? Number(quantityValue(parseQuantity(memoryLimit as string))) : 0,
      attempt,
    });
    void this.host.recorder.event(ref, 'Normal', 'Created', `Created container: ${c.name}`);
    await this.host.runtime.startContainer(id);
    void this.host.recorder.event(ref, 'Normal', 'Started', `Started container ${c.name}`);
    for (const p of r.probes) p.dispose();
    if (r.currentId) r.previousId = r.currentId;
    r.currentId = id;
    r.restartCount = attempt;
    r.instances++;
    r.waiting = undefined;
    r.ready = false;
    r.startupDone = !c.startupProbe;
    r.probes = this.startProbes(c, r, id);
    const postStart = c.lifecycle?.postStart;
    if (postStart) {
      const failure = await runHook(postStart, this.host.runtime, this.host.clock, id, this.sandboxId, this.podIp, this.pod.spec?.terminationGracePeriodSeconds ?? 30);
      if (failure !== undefined) {
        void this.host.recorder.event(ref, 'Warning', 'FailedPostStartHook', 'PostStartHook failed');
        await this.killContainer(c, r, this.pod.spec?.terminationGracePeriodSeconds ?? 30, undefined);
      }
    }
  }

  private startProbes(c: Container, r: ContainerRecord, id: string): ProbeWorker[] {
    const out: ProbeWorker[] = [];
    const sandboxId = this.sandboxId ?? '';
    const target = { runtime: this.host.runtime, containerId: id, sandboxId, podIp: this.podIp, ports: c.ports ?? [] };
    const hostFor = {
      started: () => r.startupDone,
      startedAt: () => {
        const st = this.host.runtime.containerStatus(id);
        return st?.state === 'running' ? st.startedAt : 0;
      },
      onResult: (type: ProbeType, success: boolean) => {
        if (r.currentId !== id) return;
        if (type === 'startup') r.startupDone = success;
        else if (type === 'readiness') r.ready = success;
        else if (!success) r.killFor = `Container ${c.name} failed liveness probe, will be restarted`;
        if (type === 'startup' && !success) r.killFor = `Container ${c.name} failed startup probe, will be restarted`;
        this.requestSync();
      },
      onFailureEvent: (_type: ProbeType, message: string) => {
        void this.host.recorder.event(this.ref(c, (this.pod.spec?.initContainers ?? []).includes(c)), 'Warning', 'Unhealthy', message);
      },
    };
    const add = (type: ProbeType, probe: typeof c.livenessProbe) => {
      if (!probe) return;
      const w = new ProbeWorker(type, probe, target, this.host.clock, hostFor);
      out.push(w);
      w.start();
    };
    add('startup', c.startupProbe);
    add('liveness', c.livenessProbe);
    add('readiness', c.readinessProbe);
    return out;
  }

  /** killContainer: Killing event, preStop within the grace period, then TERM → KILL at the (remaining) deadline. */
  private async killContainer(c: Container, r: ContainerRecord, graceSeconds: number, message: string | undefined): Promise<void> {
    const id = r.currentId;
    if (!id || !this.sandboxId) return;
    for (const p of r.probes) p.dispose();
    r.probes = [];
    r.ready = false;
    const ref = this.ref(c, (this.pod.spec?.initContainers ?? []).includes(c));
    if (message) void this.host.recorder.event(ref, 'Normal', 'Killing', message);
    let grace = graceSeconds;
    const preStop = c.lifecycle?.preStop;
    if (preStop && grace > 0 && this.host.runtime.containerStatus(id)?.state === 'running') {
      const start = this.host.clock.now();
      const failure = await runHook(preStop, this.host.runtime, this.host.clock, id, this.sandboxId, this.podIp, grace);
      if (failure !== undefined) void this.host.recorder.event(ref, 'Warning', 'FailedPreStopHook', 'PreStopHook failed');
      grace -= Math.floor((this.host.clock.now() - start) / 1000);
    }
    await this.host.runtime.stopContainer(id, Math.max(grace, MIN_GRACE_SECONDS));
  }

  private async terminate(): Promise<void> {
    const spec = this.pod.spec ?? { containers: [] };
    const meta = this.pod.metadata ?? {};
    const grace = this.evicted !== undefined || this.gone ? 0 : (meta.deletionGracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30);
    const kills: Array<Promise<void>> = [];
    for (const c of spec.containers) {
      const r = this.records.get(c.name);
      if (r?.currentId && this.status(r)?.state !== 'exited') kills.push(this.killContainer(c, r, grace, `Stopping container ${c.name}`));
    }
    await Promise.all(kills);
    for (const c of [...(spec.initContainers ?? [])].reverse()) {
      const r = this.records.get(c.name);
      if (r?.currentId && this.status(r)?.state !== 'exited') await this.killContainer(c, r, grace, `Stopping container ${c.name}`);
    }
    for (const r of this.records.values()) r.waiting = undefined;
    if (this.sandboxId && !this.sandboxStopped) await this.host.runtime.stopPodSandbox(this.sandboxId);
    this.sandboxStopped = true;
    this.terminal = true;
    if (!this.gone) {
      await this.publishStatus();
      if (meta.deletionTimestamp && this.evicted === undefined) {
        try {
          await this.host.api.delete({ group: '', version: 'v1', resource: 'pods', namespace: meta.namespace, name: meta.name }, { gracePeriodSeconds: 0, preconditions: { uid: meta.uid } });
        } catch (err) {
          const code = (err as { code?: number }).code;
          if (code !== 404 && code !== 409) throw err;
        }
      }
    }
    if (this.evicted !== undefined && !this.gone && !meta.deletionTimestamp) {
      // An evicted pod stays, Failed; the worker keeps it stopped until the pod is deleted.
      return;
    }
    await this.cleanup();
  }

  private async cleanup(): Promise<void> {
    this.terminated = true;
    for (const r of this.records.values()) for (const p of r.probes) p.dispose();
    if (this.sandboxId) await this.host.runtime.removePodSandbox(this.sandboxId);
    this.host.releaseIp(this.uid);
    this.host.finished(this.uid);
  }

  private views(containers: readonly Container[]): ContainerView[] {
    return containers.map((c) => {
      const r = this.records.get(c.name);
      const current = r?.currentId ? this.host.runtime.containerStatus(r.currentId) : undefined;
      const previous = r?.previousId ? this.host.runtime.containerStatus(r.previousId) : undefined;
      const running = current?.state === 'running';
      const readiness = c.readinessProbe ? (r?.ready ?? false) : true;
      return {
        name: c.name,
        specImage: c.image ?? '',
        current,
        previous,
        restartCount: r?.restartCount ?? 0,
        waiting: r?.waiting,
        ready: running && (r?.startupDone ?? false) && readiness && !this.terminal,
        started: running && (r?.startupDone ?? false),
      };
    });
  }

  /** generateAPIPodStatus + the status manager: PATCH pods/status only when it changed. */
  private async publishStatus(): Promise<void> {
    if (this.gone || !this.host.api.open) {
      if (!this.gone) this.retryIn(WORKER_BACKOFF_MS);
      return;
    }
    const spec = this.pod.spec ?? { containers: [] };
    const old = (this.pod.status ?? {}) as Record<string, unknown>;
    const runtimeName = this.host.runtime.version.split('://')[0] ?? 'containerd';
    const defaultWaiting = (spec.initContainers ?? []).length > 0 ? 'PodInitializing' : 'ContainerCreating';
    const init = this.views(spec.initContainers ?? []).map((v) => apiContainerStatus(v, runtimeName, defaultWaiting));
    const app = this.views(spec.containers).map((v) => apiContainerStatus(v, runtimeName, defaultWaiting));
    const now = this.host.clock.now();
    let phase = podPhase(this.pod, init, app, this.terminal && (this.evicted !== undefined || !!this.pod.metadata?.deletionTimestamp || this.sandboxStopped));
    if (this.evicted !== undefined) phase = 'Failed';
    const previous = ((old['conditions'] as PodCondition[] | undefined) ?? []) as PodCondition[];
    const conditions = podConditions(this.pod, !!this.sandboxId && !this.sandboxStopped, init, app, phase, previous, now);
    const status: Record<string, unknown> = {
      phase,
      conditions,
      hostIP: this.host.hostIp,
      hostIPs: [{ ip: this.host.hostIp }],
      startTime: (old['startTime'] as string | undefined) ?? rfc3339(now),
      containerStatuses: app,
    };
    if (this.podIp) {
      status['podIP'] = this.podIp;
      status['podIPs'] = [{ ip: this.podIp }];
    }
    if (init.length > 0) status['initContainerStatuses'] = init;
    if (old['qosClass']) status['qosClass'] = old['qosClass'];
    if (this.evicted !== undefined) {
      status['reason'] = 'Evicted';
      status['message'] = this.evicted;
      const dt = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(now), reason: 'TerminationByKubelet', message: this.evicted };
      const prev = previous.find((c) => c.type === 'DisruptionTarget');
      conditions.push(prev ?? (dt as PodCondition));
    }
    const text = JSON.stringify(status);
    if (text === this.lastStatus) return;
    const meta = this.pod.metadata ?? {};
    try {
      const updated = await this.host.api.patch<KubeObject>({ group: '', version: 'v1', resource: 'pods', namespace: meta.namespace, name: meta.name, subresource: 'status' }, 'merge', {
        metadata: { uid: meta.uid },
        status,
      });
      this.lastStatus = text;
      if (updated.metadata?.uid === this.uid) this.pod = updated as Pod;
    } catch (err) {
      const code = (err as { code?: number }).code;
      if (code === 404) return;
      this.retryIn(WORKER_BACKOFF_MS);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.retry?.dispose();
    for (const r of this.records.values()) for (const p of r.probes) p.dispose();
  }
}
