/**
 * The DaemonSet controller (pkg/controller/daemon, 1.32). For each DaemonSet key:
 *  - history: the current template's ControllerRevision `<ds>-<hash>` (hash = ComputeHash of the template and
 *    collisionCount, as the `controller-revision-hash` label carries it) exists with the highest revision;
 *    revisions beyond revisionHistoryLimit that no pod uses are deleted;
 *  - per node, nodeShouldRunDaemonPod: the template's nodeSelector and required node affinity match, and every
 *    NoSchedule/NoExecute taint is tolerated (the daemon tolerations included). A node that should run one and
 *    has none gets a pod (pinned by node affinity, bound by the scheduler); a node whose NoExecute taints the pod
 *    does not tolerate loses it; extra daemon pods on a node and failed ones are deleted;
 *  - RollingUpdate (maxUnavailable, default 1): old-revision pods are deleted node by node while fewer than
 *    maxUnavailable daemon pods are unavailable; OnDelete waits for the user;
 *  - status: desired/current/misscheduled/ready/available/unavailable/updated counts, observedGeneration.
 */
import type { ControllerRevision, DaemonSet, DaemonSetStatus } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../api/objects';
import { toleratesTaint, type Taint, type Toleration } from '../api/tolerations';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import { requiredNodeAffinity } from '../scheduler/plugins/helpers/node-selector';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { daemonPodFor, daemonTolerations } from './daemon-set/daemon-pod-template';
import { computePodTemplateHash } from './deployment/pod-template-hash';
import { ControllerExpectations } from './replica-set/controller-expectations';
import { controllerRefOf, newControllerRef } from './replica-set/controller-ref-manager';
import { isPodAvailable, isPodReady } from './replica-set/pod-availability';

const DAEMONSETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'daemonsets' };
const REVISIONS: ResourceRef = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes' };
const TEMPLATE_GENERATION = 'deprecated.daemonset.template.generation';

type DaemonSetObject = DaemonSet & KubeObject;

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** nodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]. */
export function nodeShouldRunDaemonPod(node: Node, ds: DaemonSet): [boolean, boolean] {
  const template = { spec: { ...(ds.spec?.template?.spec ?? {}) } } as KubeObject;
  const matcher = requiredNodeAffinity(template);
  if (matcher && !matcher(node as KubeObject)) return [false, false];
  const tolerations: Toleration[] = daemonTolerations(ds.spec?.template?.spec?.tolerations as Toleration[] | undefined, ds.spec?.template?.spec?.hostNetwork === true) as Toleration[];
  const taints = (node.spec?.taints ?? []) as Taint[];
  const untolerated = (effect: string) => taints.some((t) => t.effect === effect && !tolerations.some((tol) => toleratesTaint(tol, t)));
  if (untolerated('NoExecute')) return [false, false];
  if (untolerated('NoSchedule')) return [false, true];
  return [true, true];
}

function nodeOf(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) for (const f of term.matchFields ?? []) if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
  return undefined;
}

export class DaemonSetController implements Reconciler {
  readonly name = 'daemonset-controller';
  readonly loop: ControllerLoop;
  private readonly expectations: ControllerExpectations;
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly daemonSets: Informer,
    private readonly pods: Informer,
    private readonly nodes: Informer,
    private readonly revisions: Informer,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger, 2);
    this.expectations = new ControllerExpectations(clock);
    this.recorder = new LegacyEventRecorder(client, clock, 'daemonset-controller');
    const enqueueAll = () => {
      for (const ds of this.daemonSets.list()) this.loop.queue.add(objectKey(ds));
    };
    daemonSets.addHandlers({
      onAdd: (d) => this.loop.queue.add(objectKey(d)),
      onUpdate: (_o, d) => this.loop.queue.add(objectKey(d)),
      onDelete: (d) => this.expectations.delete(objectKey(d)),
    });
    nodes.addHandlers({ onAdd: enqueueAll, onUpdate: (o, n) => JSON.stringify([o.metadata?.labels, o.spec]) !== JSON.stringify([n.metadata?.labels, n.spec]) && enqueueAll(), onDelete: enqueueAll });
    pods.addHandlers({
      onAdd: (p) => this.podChanged(p, 'add'),
      onUpdate: (o, p) => this.podChanged(p, p.metadata?.deletionTimestamp ? 'delete' : 'update', o),
      onDelete: (p) => this.podChanged(p, 'delete'),
    });
  }

  start(): void {
    this.loop.start();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private podChanged(pod: KubeObject, how: 'add' | 'update' | 'delete', old?: KubeObject): void {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== 'DaemonSet') return;
    const key = `${pod.metadata?.namespace}/${ref.name}`;
    const ds = this.daemonSets.get(key);
    if (!ds || ds.metadata?.uid !== ref.uid) return;
    if (how === 'add') this.expectations.creationObserved(key);
    if (how === 'delete') this.expectations.deletionObserved(key, objectKey(pod));
    this.loop.queue.add(key);
    const minReady = (ds as DaemonSetObject).spec?.minReadySeconds ?? 0;
    if (old && minReady > 0 && !isPodReady(old as Pod) && isPodReady(pod as Pod)) this.loop.queue.addAfter(key, minReady * 1000 + 1000);
  }

  private target(ds: DaemonSetObject) {
    return referenceTo({ ...ds, apiVersion: 'apps/v1', kind: 'DaemonSet' });
  }

  async reconcile(key: string): Promise<void> {
    const cached = this.daemonSets.get(key) as DaemonSetObject | undefined;
    if (!cached) return;
    const ds = deepCopy(cached) as DaemonSetObject;
    const hash = computePodTemplateHash(ds.spec?.template ?? {}, ds.status?.collisionCount);
    const generation = Number(ds.metadata?.annotations?.[TEMPLATE_GENERATION] ?? ds.metadata?.generation ?? 1);
    const owned = (this.pods.list(ds.metadata?.namespace) as Pod[]).filter((p) => controllerRefOf(p as KubeObject)?.uid === ds.metadata?.uid);
    const byNode = new Map<string, Pod[]>();
    for (const pod of owned) {
      const node = nodeOf(pod);
      if (!node || pod.metadata?.deletionTimestamp) continue;
      const list = byNode.get(node) ?? [];
      list.push(pod);
      byNode.set(node, list);
    }
    if (!ds.metadata?.deletionTimestamp) await this.syncHistory(ds, hash, owned);

    const nodes = this.nodes.list() as Node[];
    const create: string[] = [];
    const remove: Pod[] = [];
    if (!ds.metadata?.deletionTimestamp && this.expectations.satisfied(key)) {
      for (const node of nodes) {
        const name = node.metadata?.name ?? '';
        const [shouldRun, shouldContinue] = nodeShouldRunDaemonPod(node, ds);
        const pods = (byNode.get(name) ?? []).sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
        const failed = pods.filter((p) => p.status?.phase === 'Failed');
        for (const p of failed) void this.recorder.event(this.target(ds), 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${p.metadata?.namespace}/${p.metadata?.name} on node ${name}, will try to kill it`);
        const running = pods.filter((p) => !isTerminal(p));
        remove.push(...failed);
        if (shouldRun && running.length === 0) create.push(name);
        else if (!shouldContinue) remove.push(...running);
        else if (running.length > 1) remove.push(...running.slice(1)); // keep the oldest
      }
      remove.push(...this.rollingUpdateVictims(ds, hash, nodes, byNode, remove));
      await this.apply(key, ds, create, remove, hash, generation);
    }
    await this.updateStatus(ds, hash, nodes, byNode);
  }

  /** rollingUpdate: old-revision pods to delete now, keeping unavailable daemon pods within maxUnavailable. */
  private rollingUpdateVictims(ds: DaemonSetObject, hash: string, nodes: Node[], byNode: Map<string, Pod[]>, already: Pod[]): Pod[] {
    if ((ds.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return [];
    const desired = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds)[0]).length;
    const raw = ds.spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1;
    const maxUnavailable = typeof raw === 'number' ? raw : Math.floor((desired * Number(String(raw).replace('%', ''))) / 100) || 1;
    const now = this.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    const skip = new Set(already.map((p) => p.metadata?.uid));
    let unavailable = 0;
    const old: Pod[] = [];
    for (const node of nodes) {
      if (!nodeShouldRunDaemonPod(node, ds)[0]) continue;
      const pod = (byNode.get(node.metadata?.name ?? '') ?? []).find((p) => !isTerminal(p) && !skip.has(p.metadata?.uid));
      if (!pod || !isPodAvailable(pod, minReady, now)) {
        unavailable++;
        continue;
      }
      if (pod.metadata?.labels?.['controller-revision-hash'] !== hash) old.push(pod);
    }
    return old.slice(0, Math.max(0, maxUnavailable - unavailable));
  }

  private async apply(key: string, ds: DaemonSetObject, create: string[], remove: Pod[], hash: string, generation: number): Promise<void> {
    this.expectations.expectCreations(key, create.length);
    this.expectations.expectDeletions(
      key,
      remove.map((p) => objectKey(p as KubeObject)),
    );
    const created = create.map(async (node) => {
      try {
        const pod = await this.client.create({ ...PODS, namespace: ds.metadata?.namespace }, daemonPodFor(ds, node, hash, generation));
        void this.recorder.event(this.target(ds), 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata?.name}`);
      } catch (err) {
        this.expectations.creationObserved(key);
        void this.recorder.event(this.target(ds), 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
        throw err;
      }
    });
    const deleted = remove.map(async (pod) => {
      try {
        await this.client.delete({ ...PODS, namespace: pod.metadata?.namespace, name: pod.metadata?.name });
        void this.recorder.event(this.target(ds), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
      } catch (err) {
        this.expectations.deletionObserved(key, objectKey(pod as KubeObject));
        if ((err as { code?: number }).code !== 404) throw err;
      }
    });
    const results = await Promise.allSettled([...created, ...deleted]);
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** constructHistory + cleanupHistory. */
  private async syncHistory(ds: DaemonSetObject, hash: string, pods: Pod[]): Promise<void> {
    const mine = (this.revisions.list(ds.metadata?.namespace) as Array<ControllerRevision & KubeObject>).filter((r) => controllerRefOf(r)?.uid === ds.metadata?.uid);
    const maxRevision = Math.max(0, ...mine.map((r) => r.revision ?? 0));
    const name = `${ds.metadata?.name}-${hash}`;
    const current = mine.find((r) => r.metadata?.name === name);
    if (!current) {
      const template = { ...deepCopy(ds.spec?.template ?? {}), $patch: 'replace' };
      try {
        await this.client.create({ ...REVISIONS, namespace: ds.metadata?.namespace }, {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: { name, namespace: ds.metadata?.namespace, labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), 'controller-revision-hash': hash }, ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')] },
          data: { spec: { template } },
          revision: maxRevision + 1,
        });
      } catch (err) {
        if ((err as { code?: number }).code !== 409) throw err;
      }
    } else if ((current.revision ?? 0) < maxRevision) {
      await this.client.patch({ ...REVISIONS, namespace: ds.metadata?.namespace, name }, 'merge', { revision: maxRevision + 1 });
    }
    const limit = ds.spec?.revisionHistoryLimit ?? 10;
    const inUse = new Set(pods.map((p) => p.metadata?.labels?.['controller-revision-hash']));
    const old = mine.filter((r) => r.metadata?.name !== name && !inUse.has(r.metadata?.labels?.['controller-revision-hash'])).sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
    for (const r of old.slice(0, Math.max(0, old.length - limit))) {
      try {
        await this.client.delete({ ...REVISIONS, namespace: r.metadata?.namespace, name: r.metadata?.name });
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
      }
    }
  }

  private async updateStatus(ds: DaemonSetObject, hash: string, nodes: Node[], byNode: Map<string, Pod[]>): Promise<void> {
    const now = this.clock.now();
    const minReady = ds.spec?.minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let updated = 0;
    for (const node of nodes) {
      const [shouldRun] = nodeShouldRunDaemonPod(node, ds);
      const pods = (byNode.get(node.metadata?.name ?? '') ?? []).filter((p) => !isTerminal(p));
      if (shouldRun) {
        desired++;
        if (pods.length > 0) {
          current++;
          const pod = pods[0]!;
          if (isPodReady(pod)) {
            ready++;
            if (isPodAvailable(pod, minReady, now)) available++;
          }
          if (pod.metadata?.labels?.['controller-revision-hash'] === hash) updated++;
        }
      } else if (pods.length > 0) {
        misscheduled++;
      }
    }
    const status: DaemonSetStatus = {
      ...deepCopy(ds.status ?? { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 }),
      currentNumberScheduled: current,
      desiredNumberScheduled: desired,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata?.generation,
      updatedNumberScheduled: updated,
      numberAvailable: available,
      numberUnavailable: desired - available,
    };
    for (const f of ['updatedNumberScheduled', 'numberAvailable', 'numberUnavailable'] as const) if (status[f] === 0) delete status[f];
    if (JSON.stringify(status) === JSON.stringify(ds.status ?? {})) return;
    await this.client.update({ ...DAEMONSETS, namespace: ds.metadata?.namespace, name: ds.metadata?.name, subresource: 'status' }, { ...ds, status });
  }
}

export const daemonSetControllerDescriptor: ControllerDescriptor = {
  name: 'daemonset',
  create: (ctx: ControllerContext) =>
    new DaemonSetController(ctx.client, ctx.informer(DAEMONSETS), ctx.informer(PODS), ctx.informer(NODES), ctx.informer(REVISIONS), ctx.clock, ctx.logger),
};
