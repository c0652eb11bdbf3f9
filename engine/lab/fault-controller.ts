/**
 * Applies `Fault` objects through the host's kubelets (the FaultTargets port) and heals them when the Fault is
 * deleted: the `lab.clusterlab.dev/heal` finalizer, added before anything is applied, keeps the object until the
 * heal ran. Effects:
 *   StopKubelet    node     kubelet.stop()                  heal: kubelet.start()
 *   PartitionNode  node     kubelet.setPartitioned(true)    heal: setPartitioned(false)
 *   FillMemory     node     setMemoryPressure(memoryBytes)  heal: setMemoryPressure(undefined)
 *   CrashContainer pod      crashContainer(uid, container, exitCode ?? 1), once — nothing to heal; status.active
 *                           is false afterwards and the `Applied` condition remembers it was done.
 * status.active says whether the fault is in effect; condition `Applied` carries the reason (`Applied`,
 * `InvalidTarget`, `InvalidSpec`) and a message, and an invalid fault also gets a Warning event. A changed spec
 * heals the old effect before applying the new one. Applied effects are tracked in memory: after a host
 * restart (fresh kubelets) persistent faults are applied again, which is what the restored cluster needs.
 */
import type { KubeObject } from '../api/objects';
import { rfc3339, type Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ApiClient } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import type { Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from '../controllers/controller-runtime';
import { FAULT_TYPES, FAULTS, HEAL_FINALIZER, LAB_API_VERSION, LEADER_ELECTED_COMPONENTS, setCondition, type FaultType, type LabCondition, type LeaderElectedComponent } from './lab-group';

/** What a fault can do to a node's kubelet (implemented by the host over its kubelets). */
export interface FaultKubelet {
  stop(): void;
  start(): Promise<void>;
  setPartitioned(on: boolean): void;
  setMemoryPressure(bytesInUse: number | undefined): void;
  /** false when the pod or container is not running there. */
  crashContainer(podUid: string, container: string, exitCode: number): boolean;
}

/** The replicas of one leader-elected component, as KillLeader needs them. */
export interface LeaderElectedTarget {
  /** Kills the process that leads now; its hostname, or undefined when no replica leads. */
  killLeader(): string | undefined;
  /** Starts the killed process on `hostname` again (it rejoins as a candidate). */
  restart(hostname: string): void;
}

export interface FaultTargets {
  kubelet(nodeName: string): FaultKubelet | undefined;
  leaderElected?(component: LeaderElectedComponent): LeaderElectedTarget | undefined;
}

/** CrashContainer's exit code when spec.exitCode is not given. */
export const DEFAULT_CRASH_EXIT_CODE = 1;

const PODS = { group: '', version: 'v1', resource: 'pods' } as const;

interface FaultSpec {
  type?: string;
  target?: { node?: string; namespace?: string; pod?: string; container?: string; component?: string };
  exitCode?: number;
  memoryBytes?: number;
}
interface FaultStatus {
  active?: boolean;
  target?: string;
  observedGeneration?: number;
  conditions?: LabCondition[];
}

/** An effect in place: enough to undo it. */
interface Applied {
  type: FaultType;
  /** The node, or for KillLeader the hostname of the killed replica. */
  node: string;
  component?: LeaderElectedComponent;
  specJson: string;
}

type Resolution =
  | { ok: true; node: string; kubelet: FaultKubelet; podUid?: string }
  | { ok: true; node: ''; leader: LeaderElectedTarget; component: LeaderElectedComponent }
  | { ok: false; reason: 'InvalidSpec' | 'InvalidTarget'; message: string };

export class FaultController implements Reconciler, Disposable {
  readonly name = 'fault-controller';
  readonly loop: ControllerLoop;
  private readonly recorder: LegacyEventRecorder;
  private readonly applied = new Map<string, Applied>();

  constructor(
    private readonly client: ApiClient,
    private readonly faults: Informer,
    private readonly targets: FaultTargets,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.recorder = new LegacyEventRecorder(client, clock, 'fault-controller');
    this.loop = new ControllerLoop(this, clock, logger);
    const enqueue = (o: KubeObject) => this.loop.queue.add(o.metadata?.name ?? '');
    faults.addHandlers({ onAdd: enqueue, onUpdate: (_o, n) => enqueue(n) });
  }

  async reconcile(name: string): Promise<void> {
    const fault = this.faults.get(name);
    if (!fault) return;
    const uid = fault.metadata?.uid ?? '';
    const finalizers = fault.metadata?.finalizers ?? [];
    if (fault.metadata?.deletionTimestamp) {
      if (!finalizers.includes(HEAL_FINALIZER)) return;
      await this.heal(uid, fault);
      await this.client.patch({ ...FAULTS, name }, 'merge', {
        metadata: { resourceVersion: fault.metadata.resourceVersion, finalizers: finalizers.filter((f) => f !== HEAL_FINALIZER) },
      });
      return;
    }
    if (!finalizers.includes(HEAL_FINALIZER)) {
      // Nothing is applied before the heal is guaranteed; the update brings us back here.
      await this.client.patch({ ...FAULTS, name }, 'merge', { metadata: { resourceVersion: fault.metadata?.resourceVersion, finalizers: [...finalizers, HEAL_FINALIZER] } });
      return;
    }
    const spec = (fault.spec ?? {}) as FaultSpec;
    const status = (fault.status ?? {}) as FaultStatus;
    const generation = fault.metadata?.generation ?? 0;
    const specJson = JSON.stringify(spec);
    const current = this.applied.get(uid);
    if (current && current.specJson !== specJson) await this.heal(uid, fault);

    const resolved = await this.resolve(spec);
    const target = describeTarget(spec);
    if (!resolved.ok) {
      const already = status.conditions?.some((c) => c.type === 'Applied' && c.reason === resolved.reason && c.message === resolved.message && c.observedGeneration === generation);
      if (already) return;
      void this.recorder.event({ ...referenceTo(fault), kind: 'Fault', apiVersion: LAB_API_VERSION }, 'Warning', resolved.reason, resolved.message);
      await this.writeStatus(fault, status, { active: false, target, generation, condition: { status: 'False', reason: resolved.reason, message: resolved.message } });
      return;
    }
    const type = spec.type as FaultType;
    const doneOnce = type === 'CrashContainer' && status.observedGeneration === generation && status.conditions?.some((c) => c.type === 'Applied' && c.status === 'True');
    if (doneOnce) return;
    if (!this.applied.has(uid)) {
      const outcome = this.apply(type, spec, resolved);
      if (outcome instanceof Error) {
        void this.recorder.event({ ...referenceTo(fault), kind: 'Fault', apiVersion: LAB_API_VERSION }, 'Warning', 'InvalidTarget', outcome.message);
        await this.writeStatus(fault, status, { active: false, target, generation, condition: { status: 'False', reason: 'InvalidTarget', message: outcome.message } });
        return;
      }
      const killed = typeof outcome === 'string' ? undefined : outcome;
      const message = typeof outcome === 'string' ? outcome : outcome.message;
      if (killed && 'component' in resolved) this.applied.set(uid, { type, node: killed.hostname, component: resolved.component, specJson });
      else if (type !== 'CrashContainer') this.applied.set(uid, { type, node: resolved.node, specJson });
      void this.recorder.event({ ...referenceTo(fault), kind: 'Fault', apiVersion: LAB_API_VERSION }, 'Normal', 'Applied', message);
      await this.writeStatus(fault, status, { active: type !== 'CrashContainer', target, generation, condition: { status: 'True', reason: 'Applied', message } });
      return;
    }
    if (status.active !== true || status.observedGeneration !== generation) {
      await this.writeStatus(fault, status, { active: true, target, generation, condition: { status: 'True', reason: 'Applied', message: `${type} is in effect on ${target}` } });
    }
  }

  private async resolve(spec: FaultSpec): Promise<Resolution> {
    const type = spec.type;
    if (!FAULT_TYPES.includes(type as FaultType)) {
      return { ok: false, reason: 'InvalidSpec', message: `spec.type: Unsupported value: ${JSON.stringify(type ?? '')}: supported values: ${FAULT_TYPES.map((t) => `"${t}"`).join(', ')}` };
    }
    const t = spec.target ?? {};
    if (type === 'KillLeader') {
      const component = t.component as LeaderElectedComponent;
      if (!LEADER_ELECTED_COMPONENTS.includes(component)) {
        return { ok: false, reason: 'InvalidSpec', message: `spec.target.component: Unsupported value: ${JSON.stringify(t.component ?? '')}: supported values: ${LEADER_ELECTED_COMPONENTS.map((c) => `"${c}"`).join(', ')}` };
      }
      const leader = this.targets.leaderElected?.(component);
      if (!leader) return { ok: false, reason: 'InvalidTarget', message: `${component} does not run in this cluster` };
      return { ok: true, node: '', leader, component };
    }
    if (type === 'CrashContainer') {
      for (const f of ['namespace', 'pod', 'container'] as const) {
        if (!t[f]) return { ok: false, reason: 'InvalidSpec', message: `spec.target.${f}: Required value: CrashContainer targets a container of a pod` };
      }
      let pod: KubeObject;
      try {
        pod = await this.client.get({ ...PODS, namespace: t.namespace, name: t.pod });
      } catch (err) {
        if ((err as { code?: number }).code === 404) return { ok: false, reason: 'InvalidTarget', message: `pod "${t.pod}" not found in namespace "${t.namespace}"` };
        throw err;
      }
      const podSpec = (pod.spec ?? {}) as { nodeName?: string; containers?: Array<{ name: string }> };
      if (!podSpec.containers?.some((c) => c.name === t.container)) return { ok: false, reason: 'InvalidTarget', message: `pod ${t.namespace}/${t.pod} has no container "${t.container}"` };
      if (!podSpec.nodeName) return { ok: false, reason: 'InvalidTarget', message: `pod ${t.namespace}/${t.pod} is not bound to a node` };
      const kubelet = this.targets.kubelet(podSpec.nodeName);
      if (!kubelet) return { ok: false, reason: 'InvalidTarget', message: `no kubelet runs on node "${podSpec.nodeName}"` };
      return { ok: true, node: podSpec.nodeName, kubelet, podUid: pod.metadata?.uid ?? '' };
    }
    if (!t.node) return { ok: false, reason: 'InvalidSpec', message: `spec.target.node: Required value: ${type} targets a node` };
    if (type === 'FillMemory' && (typeof spec.memoryBytes !== 'number' || spec.memoryBytes < 0)) {
      return { ok: false, reason: 'InvalidSpec', message: 'spec.memoryBytes: Required value: FillMemory needs the bytes in use' };
    }
    const kubelet = this.targets.kubelet(t.node);
    if (!kubelet) return { ok: false, reason: 'InvalidTarget', message: `no kubelet runs on node "${t.node}"` };
    return { ok: true, node: t.node, kubelet };
  }

  /** Applies the effect; the message for the condition and event, or an Error when the target refused it. */
  private apply(type: FaultType, spec: FaultSpec, r: Extract<Resolution, { ok: true }>): string | Error | { message: string; hostname: string } {
    if ('leader' in r) {
      const hostname = r.leader.killLeader();
      if (hostname === undefined) return new Error(`no ${r.component} replica holds the lease now`);
      return { message: `killed the ${r.component} leader on ${hostname}`, hostname };
    }
    switch (type) {
      case 'StopKubelet':
        r.kubelet.stop();
        return `stopped the kubelet on node ${r.node}`;
      case 'PartitionNode':
        r.kubelet.setPartitioned(true);
        return `partitioned node ${r.node} from the control plane`;
      case 'FillMemory':
        r.kubelet.setMemoryPressure(spec.memoryBytes);
        return `node ${r.node} now uses ${spec.memoryBytes} bytes of memory`;
      case 'KillLeader':
        return new Error('KillLeader targets a control-plane component');
      case 'CrashContainer': {
        const t = spec.target ?? {};
        const code = spec.exitCode ?? DEFAULT_CRASH_EXIT_CODE;
        if (!r.kubelet.crashContainer(r.podUid ?? '', t.container ?? '', code)) return new Error(`container "${t.container}" of pod ${t.namespace}/${t.pod} is not running`);
        return `crashed container ${t.container} of pod ${t.namespace}/${t.pod} with exit code ${code}`;
      }
    }
  }

  private async heal(uid: string, fault: KubeObject): Promise<void> {
    const applied = this.applied.get(uid);
    if (!applied) return;
    if (applied.type === 'KillLeader' && applied.component) {
      this.targets.leaderElected?.(applied.component)?.restart(applied.node);
      this.applied.delete(uid);
      void this.recorder.event({ ...referenceTo(fault), kind: 'Fault', apiVersion: LAB_API_VERSION }, 'Normal', 'Healed', `restarted ${applied.component} on ${applied.node}`);
      return;
    }
    const kubelet = this.targets.kubelet(applied.node);
    if (kubelet) {
      if (applied.type === 'StopKubelet') await kubelet.start();
      else if (applied.type === 'PartitionNode') kubelet.setPartitioned(false);
      else if (applied.type === 'FillMemory') kubelet.setMemoryPressure(undefined);
    }
    this.applied.delete(uid);
    this.logger.info('healed fault', { fault: fault.metadata?.name, type: applied.type, node: applied.node });
    void this.recorder.event({ ...referenceTo(fault), kind: 'Fault', apiVersion: LAB_API_VERSION }, 'Normal', 'Healed', `healed ${applied.type} on node ${applied.node}`);
  }

  private async writeStatus(
    fault: KubeObject,
    status: FaultStatus,
    next: { active: boolean; target: string; generation: number; condition: Pick<LabCondition, 'status' | 'reason' | 'message'> },
  ): Promise<void> {
    const condition: LabCondition = { type: 'Applied', observedGeneration: next.generation, lastTransitionTime: rfc3339(this.clock.now()), ...next.condition };
    const newStatus: FaultStatus = { active: next.active, target: next.target, observedGeneration: next.generation, conditions: setCondition(status.conditions ?? [], condition) };
    await this.client.update({ ...FAULTS, name: fault.metadata?.name, subresource: 'status' }, { ...fault, status: newStatus });
  }

  dispose(): void {
    this.loop.dispose();
  }
}

function describeTarget(spec: FaultSpec): string {
  const t = spec.target ?? {};
  if (spec.type === 'CrashContainer') return `pod/${t.namespace ?? ''}/${t.pod ?? ''}/${t.container ?? ''}`;
  if (spec.type === 'KillLeader') return `component/${t.component ?? ''}`;
  return `node/${t.node ?? ''}`;
}
