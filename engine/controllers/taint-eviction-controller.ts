/**
 * Taint-based eviction (pkg/controller/tainteviction, the `taint-eviction-controller` of 1.32): for every pod
 * bound to a node with NoExecute taints —
 * - a taint the pod does not tolerate: delete the pod now;
 * - all tolerated: delete it after the smallest tolerationSeconds of the tolerations used, counted from when the
 *   controller saw the taints (an earlier schedule is kept); tolerations without tolerationSeconds tolerate forever.
 * When the taints go away (or the pod's tolerations change to tolerate forever) the scheduled deletion is
 * cancelled with a `TaintManagerEviction` "Cancelling deletion of Pod ns/name" event. Deleting records
 * `TaintManagerEviction` "Marking for deletion Pod ns/name", sets the pod's DisruptionTarget condition
 * (DeletionByTaintManager) and deletes it (5 attempts).
 * Pods get 300 s tolerations for not-ready/unreachable from the DefaultTolerationSeconds admission plugin.
 */
import type { KubeObject } from '../api/objects';
import { rfc3339, type Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ApiClient } from '../client/api-client';
import { LegacyEventRecorder } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { podConditions, updatePodCondition } from './node/node-conditions';
import { nodeTaints } from './node/node-taint-writer';
import { matchingTolerations, minTolerationMs, type Taint, type Toleration } from './node/taints';

const PODS = { group: '', version: 'v1', resource: 'pods' } as const;
/** Attempts at condition + delete (tainteviction `retries`). */
const RETRIES = 5;

interface ScheduledEviction {
  createdAt: number;
  fireAt: number;
  timer: Disposable;
}

const noExecuteTaints = (node: KubeObject | undefined): Taint[] => (node ? nodeTaints(node).filter((t) => t.effect === 'NoExecute') : []);
const podNode = (pod: KubeObject | undefined): string => (pod?.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
const podTolerations = (pod: KubeObject | undefined): Toleration[] => ((pod?.spec as { tolerations?: Toleration[] } | undefined)?.tolerations ?? []) as Toleration[];

export class TaintEvictionController implements Reconciler, Disposable {
  readonly name = 'taint-eviction-controller';
  readonly loop: ControllerLoop;
  private readonly recorder: LegacyEventRecorder;
  private readonly taintedNodes = new Map<string, Taint[]>();
  private readonly scheduled = new Map<string, ScheduledEviction>();

  constructor(
    private readonly client: ApiClient,
    private readonly pods: Informer,
    private readonly nodes: Informer,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.recorder = new LegacyEventRecorder(client, clock, 'taint-eviction-controller');
    this.loop = new ControllerLoop(this, clock, logger);
    nodes.addHandlers({
      onAdd: (n) => this.loop.queue.add(`node:${n.metadata?.name}`),
      onUpdate: (o, n) => {
        if (JSON.stringify(noExecuteTaints(o)) !== JSON.stringify(noExecuteTaints(n))) this.loop.queue.add(`node:${n.metadata?.name}`);
      },
      onDelete: (n) => this.loop.queue.add(`node:${n.metadata?.name}`),
    });
    pods.addHandlers({
      onAdd: (p) => this.loop.queue.add(`pod:${objectKey(p)}`),
      onUpdate: (o, p) => {
        if (podNode(o) === podNode(p) && JSON.stringify(podTolerations(o)) === JSON.stringify(podTolerations(p))) return;
        this.loop.queue.add(`pod:${objectKey(p)}`);
      },
      onDelete: (p) => this.loop.queue.add(`pod:${objectKey(p)}`),
    });
  }

  /** The pods with a deletion scheduled, and when (virtual ms); for the UI and tests. */
  scheduledEvictions(): ReadonlyMap<string, number> {
    return new Map([...this.scheduled].map(([k, v]) => [k, v.fireAt]));
  }

  async reconcile(key: string): Promise<void> {
    if (key.startsWith('node:')) this.handleNodeUpdate(key.slice(5));
    else this.handlePodUpdate(key.slice(4));
  }

  private handleNodeUpdate(nodeName: string): void {
    const node = this.nodes.get(nodeName);
    if (!node) {
      this.taintedNodes.delete(nodeName);
      return;
    }
    const taints = noExecuteTaints(node);
    if (taints.length === 0) this.taintedNodes.delete(nodeName);
    else this.taintedNodes.set(nodeName, taints);
    const pods = this.pods.list().filter((p) => podNode(p) === nodeName);
    if (taints.length === 0) {
      for (const p of pods) this.cancelWithEvent(objectKey(p));
      return;
    }
    const now = this.clock.now();
    for (const p of pods) this.processPodOnNode(objectKey(p), podTolerations(p), taints, now);
  }

  private handlePodUpdate(podKey: string): void {
    const pod = this.pods.get(podKey);
    if (!pod) {
      this.cancelWithEvent(podKey);
      return;
    }
    const nodeName = podNode(pod);
    if (!nodeName) return;
    const taints = this.taintedNodes.get(nodeName);
    if (!taints) return;
    this.processPodOnNode(podKey, podTolerations(pod), taints, this.clock.now());
  }

  private processPodOnNode(podKey: string, tolerations: Toleration[], taints: Taint[], now: number): void {
    if (taints.length === 0) this.cancelWithEvent(podKey);
    const { allTolerated, used } = matchingTolerations(taints, tolerations);
    if (!allTolerated) {
      this.cancelWithEvent(podKey);
      this.addWork(podKey, now, now);
      return;
    }
    const min = minTolerationMs(used);
    if (min < 0) {
      this.cancelWithEvent(podKey);
      return;
    }
    let start = now;
    const trigger = now + min;
    const existing = this.scheduled.get(podKey);
    if (existing) {
      start = existing.createdAt;
      if (start + min < trigger) return;
      this.cancelWithEvent(podKey);
    }
    this.addWork(podKey, start, trigger);
  }

  private addWork(podKey: string, createdAt: number, fireAt: number): void {
    if (this.scheduled.has(podKey)) return;
    const timer = this.clock.setTimer(Math.max(0, fireAt - this.clock.now()), () => {
      this.scheduled.delete(podKey);
      void this.deletePod(podKey);
    });
    this.scheduled.set(podKey, { createdAt, fireAt, timer });
  }

  private cancelWithEvent(podKey: string): void {
    const work = this.scheduled.get(podKey);
    if (!work) return;
    work.timer.dispose();
    this.scheduled.delete(podKey);
    void this.recorder.event(this.podRef(podKey), 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${podKey}`);
  }

  private podRef(podKey: string) {
    const [namespace = '', name = ''] = podKey.split('/');
    return { kind: 'Pod', apiVersion: 'v1', namespace, name };
  }

  private async deletePod(podKey: string): Promise<void> {
    const [namespace = '', name = ''] = podKey.split('/');
    this.logger.info('Deleting pod', { controller: this.name, pod: podKey });
    void this.recorder.event(this.podRef(podKey), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${podKey}`);
    for (let i = 0; i < RETRIES; i++) {
      try {
        await this.addConditionAndDeletePod(namespace, name);
        return;
      } catch (err) {
        if ((err as { code?: number }).code === 404) return;
      }
    }
  }

  private async addConditionAndDeletePod(namespace: string, name: string): Promise<void> {
    const pod = await this.client.get({ ...PODS, namespace, name });
    const conditions = podConditions(pod).map((c) => ({ ...c }));
    const disruption = { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
    if (updatePodCondition(conditions, disruption, rfc3339(this.clock.now()))) {
      const cond = conditions.find((c) => c.type === 'DisruptionTarget');
      await this.client.patch({ ...PODS, namespace, name, subresource: 'status' }, 'strategic', {
        metadata: { uid: pod.metadata?.uid },
        status: { conditions: [cond] },
      });
    }
    await this.client.delete({ ...PODS, namespace, name });
  }

  dispose(): void {
    for (const w of this.scheduled.values()) w.timer.dispose();
    this.scheduled.clear();
    this.loop.dispose();
  }
}
