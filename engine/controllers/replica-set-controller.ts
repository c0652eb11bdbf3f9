/**
 * The ReplicaSet controller (pkg/controller/replicaset, 1.32), also run for ReplicationControllers as upstream
 * does (same sync, core/v1 kind, `replication-controller` events). For each ReplicaSet key:
 *  - while creates/deletes it asked for are still unobserved (expectations), it only refreshes status;
 *  - it claims the active pods of its namespace (adopt matching orphans, release non-matching children);
 *  - creates missing pods from the template (generateName `<name>-`, ControllerRef) in slow-start batches of
 *    1, 2, 4, … up to `burstReplicas` per sync, or deletes surplus pods ranked by ActivePodsWithRanks;
 *  - writes status (replicas, fullyLabeledReplicas, readyReplicas, availableReplicas on the virtual clock,
 *    observedGeneration, ReplicaFailure) and re-checks after minReadySeconds when pods are ready but not yet
 *    available.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import { deepCopy, type KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import { labelSelectorIsEmpty, labelSelectorMatches } from '../apiserver/validation/labels';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { podsToDelete } from './replica-set/active-pods-ranking';
import { ControllerExpectations } from './replica-set/controller-expectations';
import { ControllerRefManager, controllerRefOf, newControllerRef, recheckDeletionTimestamp } from './replica-set/controller-ref-manager';
import { isPodActive, isPodReady } from './replica-set/pod-availability';
import { calculateReplicaSetStatus, type ReplicaSetLike } from './replica-set/replica-set-status';
import { slowStartBatch } from './replica-set/slow-start-batch';

/** BurstReplicas: the most pods one sync creates or deletes. */
export const BURST_REPLICAS = 500;
/** SlowStartInitialBatchSize. */
const SLOW_START_INITIAL_BATCH_SIZE = 1;
/** statusUpdateRetries: one GET + PUT retry after a failed status write. */
const STATUS_UPDATE_RETRIES = 1;

const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };

/** What differs between ReplicaSets and ReplicationControllers. */
export interface ReplicatedKind {
  ref: ResourceRef;
  apiVersion: string;
  kind: string;
  /** `source.component` of its events. */
  component: string;
  /** The word RecheckDeletionTimestamp's messages use. */
  kindWord: string;
  /** The selector as a LabelSelector (a ReplicationController's is a plain map). */
  selectorOf(obj: KubeObject): LabelSelector | undefined;
}

export const REPLICA_SET_KIND: ReplicatedKind = {
  ref: { group: 'apps', version: 'v1', resource: 'replicasets' },
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  component: 'replicaset-controller',
  kindWord: 'ReplicaSet',
  selectorOf: (obj) => (obj as ReplicaSet).spec?.selector,
};

export const REPLICATION_CONTROLLER_KIND: ReplicatedKind = {
  ref: { group: '', version: 'v1', resource: 'replicationcontrollers' },
  apiVersion: 'v1',
  kind: 'ReplicationController',
  component: 'replication-controller',
  kindWord: 'ReplicationController',
  selectorOf: (obj) => {
    const sel = (obj.spec as { selector?: Record<string, string> } | undefined)?.selector;
    return sel ? { matchLabels: sel } : undefined;
  },
};

type ReplicatedObject = KubeObject & {
  spec?: { replicas?: number; minReadySeconds?: number; template?: { metadata?: KubeObject['metadata']; spec?: unknown } };
  status?: ReplicaSetStatus;
};

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function statusCode(err: unknown): number | undefined {
  return (err as { code?: number } | undefined)?.code;
}

/** Go's omitempty on ReplicaSetStatus: zero counts other than `replicas` are not serialised. */
function omitEmptyCounts(status: ReplicaSetStatus): ReplicaSetStatus {
  const out: Record<string, unknown> = { ...status };
  for (const f of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration']) if (out[f] === 0) delete out[f];
  return out as unknown as ReplicaSetStatus;
}

export class ReplicaSetController implements Reconciler {
  readonly name: string;
  readonly loop: ControllerLoop;
  readonly expectations: ControllerExpectations;
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly replicaSets: Informer,
    private readonly pods: Informer,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly kind: ReplicatedKind = REPLICA_SET_KIND,
    private readonly burstReplicas = BURST_REPLICAS,
  ) {
    this.name = kind.component;
    this.loop = new ControllerLoop(this, clock, logger, 5);
    this.expectations = new ControllerExpectations(clock);
    this.recorder = new LegacyEventRecorder(client, clock, kind.component);
    replicaSets.addHandlers({
      onAdd: (rs) => this.loop.queue.add(objectKey(rs)),
      onUpdate: (_old, cur) => this.loop.queue.add(objectKey(cur)),
      onDelete: (rs) => {
        this.expectations.delete(objectKey(rs));
        this.loop.queue.add(objectKey(rs));
      },
    });
    pods.addHandlers({
      onAdd: (pod) => this.addPod(pod as Pod),
      onUpdate: (old, cur) => this.updatePod(old as Pod, cur as Pod),
      onDelete: (pod) => this.deletePod(pod as Pod),
    });
  }

  start(): void {
    this.loop.start();
  }

  /** resolveControllerRef: the owning object from the cache, if the ref really names it. */
  private resolveControllerRef(namespace: string | undefined, pod: Pod): ReplicatedObject | undefined {
    const ref = controllerRefOf(pod as KubeObject);
    if (!ref || ref.kind !== this.kind.kind) return undefined;
    const rs = this.replicaSets.get(namespace ? `${namespace}/${ref.name}` : ref.name);
    return rs && rs.metadata?.uid === ref.uid ? (rs as ReplicatedObject) : undefined;
  }

  /** getPodReplicaSets: the objects whose selector matches an orphan pod's labels. */
  private matchingOwners(pod: Pod): ReplicatedObject[] {
    const labels = pod.metadata?.labels;
    if (!labels || Object.keys(labels).length === 0) return [];
    return this.replicaSets.list(pod.metadata?.namespace).filter((rs) => {
      const sel = this.kind.selectorOf(rs);
      return sel !== undefined && !labelSelectorIsEmpty(sel) && labelSelectorMatches(sel, labels);
    }) as ReplicatedObject[];
  }

  private addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) {
      // A pod that shows up already being deleted (e.g. after a relist) counts as an observed deletion.
      this.deletePod(pod);
      return;
    }
    if (controllerRefOf(pod as KubeObject)) {
      const rs = this.resolveControllerRef(pod.metadata?.namespace, pod);
      if (!rs) return;
      const key = objectKey(rs);
      this.expectations.creationObserved(key);
      this.loop.queue.add(key);
      return;
    }
    for (const rs of this.matchingOwners(pod)) this.loop.queue.add(objectKey(rs));
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {});
    if (cur.metadata?.deletionTimestamp) {
      // Graceful deletion started: count it now, so a replacement is created without waiting for the kubelet.
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = controllerRefOf(cur as KubeObject);
    const oldRef = controllerRefOf(old as KubeObject);
    const refChanged = JSON.stringify(curRef ?? null) !== JSON.stringify(oldRef ?? null);
    if (refChanged && oldRef) {
      const oldRs = this.resolveControllerRef(old.metadata?.namespace, old);
      if (oldRs) this.loop.queue.add(objectKey(oldRs));
    }
    if (curRef) {
      const rs = this.resolveControllerRef(cur.metadata?.namespace, cur);
      if (!rs) return;
      this.loop.queue.add(objectKey(rs));
      // A pod that just became ready becomes available minReadySeconds later: look again then, plus the
      // second upstream adds against skew (ready times have second precision).
      const minReady = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) this.loop.queue.addAfter(objectKey(rs), minReady * 1000 + 1000);
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.matchingOwners(cur)) this.loop.queue.add(objectKey(rs));
  }

  private deletePod(pod: Pod): void {
    const rs = this.resolveControllerRef(pod.metadata?.namespace, pod);
    if (!rs) return;
    const key = objectKey(rs);
    this.expectations.deletionObserved(key, objectKey(pod as KubeObject));
    this.loop.queue.add(key);
  }

  async reconcile(key: string): Promise<void> {
    const cached = this.replicaSets.get(key) as ReplicatedObject | undefined;
    if (!cached) {
      this.expectations.delete(key);
      return;
    }
    const rs = cached;
    const needsSync = this.expectations.satisfied(key);
    const selector = this.kind.selectorOf(rs) ?? {};
    const namespace = rs.metadata?.namespace ?? '';
    const active = (this.pods.list(namespace) as Pod[]).filter(isPodActive);
    const claimed = (await this.claimPods(rs, selector, active)) as Pod[];

    let manageError: unknown;
    if (needsSync && !rs.metadata?.deletionTimestamp) {
      try {
        await this.manageReplicas(key, claimed, rs);
      } catch (err) {
        manageError = err;
      }
    }
    const status = calculateReplicaSetStatus(rs as ReplicaSetLike, claimed, manageError, this.clock.now());
    const updated = await this.updateStatus(rs, status);
    const minReady = updated.spec?.minReadySeconds ?? 0;
    const replicas = updated.spec?.replicas ?? 1;
    if (manageError === undefined && minReady > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
      // Upstream waits exactly minReadySeconds here and relies on real-time skew: on the virtual clock a pod
      // that became ready this instant would be exactly minReadySeconds old then, not yet available (strict
      // Before), so wait the same extra second the pod handler does.
      this.loop.queue.addAfter(key, minReady * 1000 + 1000);
    }
    if (manageError !== undefined) throw manageError;
  }

  private claimPods(rs: ReplicatedObject, selector: LabelSelector, pods: Pod[]): Promise<KubeObject[]> {
    const rsRef = { ...this.kind.ref, namespace: rs.metadata?.namespace, name: rs.metadata?.name };
    const manager = new ControllerRefManager(
      this.client,
      rs,
      PODS,
      this.kind,
      (pod) => labelSelectorMatches(selector, pod.metadata?.labels),
      recheckDeletionTimestamp(this.client, rsRef, rs, this.kind.kindWord),
    );
    return manager.claim(pods as KubeObject[]);
  }

  private async manageReplicas(key: string, pods: Pod[], rs: ReplicatedObject): Promise<void> {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    if (diff < 0) {
      const count = Math.min(-diff, this.burstReplicas);
      // Expect all creations up front: their watch events may arrive before the calls below return.
      this.expectations.expectCreations(key, count);
      const { successes, error } = await slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, () => this.createPod(rs));
      // The skipped creations will never be observed.
      for (let i = successes; i < count; i++) this.expectations.creationObserved(key);
      if (error !== undefined) throw error;
      return;
    }
    if (diff > 0) {
      const count = Math.min(diff, this.burstReplicas);
      const victims = podsToDelete(pods, this.indirectlyRelatedPods(rs), count, this.clock.now());
      this.expectations.expectDeletions(
        key,
        victims.map((p) => objectKey(p as KubeObject)),
      );
      const results = await Promise.allSettled(victims.map((p) => this.deletePodFor(rs, p)));
      const errors: unknown[] = [];
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') return;
        const victim = victims[i] as Pod;
        // The informer will never observe a deletion that did not happen.
        this.expectations.deletionObserved(key, objectKey(victim as KubeObject));
        if (statusCode(r.reason) !== 404) errors.push(r.reason);
      });
      if (errors.length > 0) throw errors[0];
    }
  }

  /** getIndirectlyRelatedPods: pods of every ReplicaSet with the same controller as this one. */
  private indirectlyRelatedPods(rs: ReplicatedObject): Pod[] {
    const owner = controllerRefOf(rs);
    if (!owner) return [];
    const seen = new Set<string>();
    const out: Pod[] = [];
    for (const other of this.replicaSets.list(rs.metadata?.namespace)) {
      const ref = controllerRefOf(other);
      if (!ref || ref.uid !== owner.uid) continue;
      const sel = this.kind.selectorOf(other);
      if (!sel) continue;
      for (const pod of this.pods.list(rs.metadata?.namespace) as Pod[]) {
        const uid = pod.metadata?.uid ?? '';
        if (seen.has(uid) || !labelSelectorMatches(sel, pod.metadata?.labels)) continue;
        seen.add(uid);
        out.push(pod);
      }
    }
    return out;
  }

  /** The object events are about, with this controller's kind even if the cached item carries none. */
  private eventTarget(rs: ReplicatedObject) {
    return referenceTo({ ...rs, apiVersion: this.kind.apiVersion, kind: this.kind.kind });
  }

  /** RealPodControl.CreatePods + GetPodFromTemplate. */
  private async createPod(rs: ReplicatedObject): Promise<void> {
    const template = rs.spec?.template ?? {};
    const meta = template.metadata ?? {};
    const labels = { ...(meta.labels ?? {}) };
    if (Object.keys(labels).length === 0) throw new Error('unable to create pods, no labels');
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: `${rs.metadata?.name}-`,
        namespace: rs.metadata?.namespace,
        labels,
        ownerReferences: [newControllerRef(rs, this.kind.apiVersion, this.kind.kind)],
      },
      spec: deepCopy(template.spec ?? {}),
    };
    if (meta.annotations) pod.metadata!.annotations = { ...meta.annotations };
    if (meta.finalizers) pod.metadata!.finalizers = [...meta.finalizers];
    let created: KubeObject;
    try {
      created = await this.client.create({ ...PODS, namespace: rs.metadata?.namespace }, pod);
    } catch (err) {
      void this.recorder.event(this.eventTarget(rs), 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
      throw err;
    }
    this.logger.debug(`${this.kind.component}: created pod`, { pod: created.metadata?.name, owner: rs.metadata?.name });
    void this.recorder.event(this.eventTarget(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
  }

  /** RealPodControl.DeletePod. */
  private async deletePodFor(rs: ReplicatedObject, pod: Pod): Promise<void> {
    const name = pod.metadata?.name ?? '';
    try {
      await this.client.delete({ ...PODS, namespace: pod.metadata?.namespace, name });
    } catch (err) {
      if (statusCode(err) === 404) throw err;
      void this.recorder.event(this.eventTarget(rs), 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
      throw new Error(`unable to delete pods: ${errorMessage(err)}`);
    }
    void this.recorder.event(this.eventTarget(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
  }

  /** updateReplicaSetStatus: skip the steady state; otherwise PUT status, retrying once on a fresh copy. */
  private async updateStatus(rs: ReplicatedObject, status: ReplicaSetStatus): Promise<ReplicatedObject> {
    const cur = rs.status ?? { replicas: 0 };
    const generation = rs.metadata?.generation ?? 0;
    if (
      (cur.replicas ?? 0) === status.replicas &&
      (cur.fullyLabeledReplicas ?? 0) === (status.fullyLabeledReplicas ?? 0) &&
      (cur.readyReplicas ?? 0) === (status.readyReplicas ?? 0) &&
      (cur.availableReplicas ?? 0) === (status.availableReplicas ?? 0) &&
      generation === (cur.observedGeneration ?? 0) &&
      JSON.stringify(cur.conditions ?? null) === JSON.stringify(status.conditions ?? null)
    ) {
      return rs;
    }
    let target: ReplicatedObject = rs;
    for (let attempt = 0; ; attempt++) {
      const next = { ...status, observedGeneration: target.metadata?.generation ?? generation };
      const body = { ...deepCopy(target), status: omitEmptyCounts(next) };
      const ref = { ...this.kind.ref, namespace: target.metadata?.namespace, name: target.metadata?.name, subresource: 'status' };
      try {
        return (await this.client.update(ref, body)) as ReplicatedObject;
      } catch (err) {
        if (attempt >= STATUS_UPDATE_RETRIES) throw err;
        target = (await this.client.get({ ...ref, subresource: undefined })) as ReplicatedObject;
      }
    }
  }
}
