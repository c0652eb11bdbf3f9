/**
 * The Deployment controller (pkg/controller/deployment, 1.32). For each Deployment key it claims the
 * ReplicaSets its selector matches (adopting orphans, releasing strays), then:
 *  - being deleted → status only; paused or a scaling event (spec.replicas differs from the active
 *    ReplicaSets' desired-replicas annotation) → sizes (proportionally during a rollout), cleanup and status;
 *  - otherwise one step of its strategy, RollingUpdate (rolling.ts) or Recreate (recreate.ts).
 * The new ReplicaSet is `<deployment>-<pod-template-hash>`; the revision annotations make
 * `kubectl rollout history/undo` work (undo patches the template back, which finds the old ReplicaSet again
 * and gives it the next revision).
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient } from '../client/api-client';
import { LegacyEventRecorder } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import { labelSelectorIsEmpty, labelSelectorMatches } from '../apiserver/validation/labels';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { DEPLOYMENTS, DeploymentSync, REPLICA_SETS } from './deployment/deployment-sync';
import { checkPausedConditions } from './deployment/progress';
import { rolloutRecreate } from './deployment/recreate';
import { rolloutRolling } from './deployment/rolling';
import { ControllerRefManager, controllerRefOf, recheckDeletionTimestamp } from './replica-set/controller-ref-manager';

export class DeploymentController implements Reconciler {
  readonly name = 'deployment-controller';
  readonly loop: ControllerLoop;
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly deployments: Informer,
    private readonly replicaSets: Informer,
    private readonly pods: Informer,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger, 5);
    this.recorder = new LegacyEventRecorder(client, clock, 'deployment-controller');
    const enqueue = (d: KubeObject) => this.loop.queue.add(objectKey(d));
    deployments.addHandlers({ onAdd: enqueue, onUpdate: (_o, n) => enqueue(n), onDelete: enqueue });
    replicaSets.addHandlers({
      onAdd: (rs) => this.onReplicaSet(rs),
      onUpdate: (old, cur) => {
        if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
        const oldRef = controllerRefOf(old);
        const curRef = controllerRefOf(cur);
        if (oldRef && oldRef.uid !== curRef?.uid) this.enqueueOwner(old);
        this.onReplicaSet(cur, JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {}) || oldRef?.uid !== curRef?.uid);
      },
      onDelete: (rs) => this.enqueueOwner(rs),
    });
    pods.addHandlers({ onDelete: (pod) => this.onPodDeleted(pod as Pod) });
  }

  start(): void {
    this.loop.start();
  }

  private deploymentFor(obj: KubeObject): KubeObject | undefined {
    const ref = controllerRefOf(obj);
    if (!ref || ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.get(`${obj.metadata?.namespace}/${ref.name}`);
    return d && d.metadata?.uid === ref.uid ? d : undefined;
  }

  private enqueueOwner(rs: KubeObject): void {
    const d = this.deploymentFor(rs);
    if (d) this.loop.queue.add(objectKey(d));
  }

  /** add/updateReplicaSet: the owner, or for an orphan every Deployment that could adopt it. */
  private onReplicaSet(rs: KubeObject, orphanChanged = true): void {
    if (controllerRefOf(rs)) {
      this.enqueueOwner(rs);
      return;
    }
    if (!orphanChanged) return;
    for (const d of this.deploymentsSelecting(rs)) this.loop.queue.add(objectKey(d));
  }

  /** getDeploymentsForReplicaSet. */
  private deploymentsSelecting(obj: KubeObject): KubeObject[] {
    const labels = obj.metadata?.labels;
    if (!labels || Object.keys(labels).length === 0) return [];
    return this.deployments.list(obj.metadata?.namespace).filter((d) => {
      const sel = (d as Deployment).spec?.selector;
      return sel !== undefined && !labelSelectorIsEmpty(sel) && labelSelectorMatches(sel, labels);
    });
  }

  /** deletePod: a Recreate Deployment waits for its old pods to be gone; look again when the last one goes. */
  private onPodDeleted(pod: Pod): void {
    const rs = controllerRefOf(pod as KubeObject) ? this.replicaSets.get(`${pod.metadata?.namespace}/${controllerRefOf(pod as KubeObject)?.name}`) : undefined;
    if (!rs) return;
    const d = this.deploymentFor(rs) as Deployment | undefined;
    if (!d || d.spec?.strategy?.type !== 'Recreate') return;
    const owned = this.ownedReplicaSets(d);
    const podMap = this.podMap(d, owned);
    let count = 0;
    for (const list of podMap.values()) count += list.length;
    if (count === 0) this.loop.queue.add(objectKey(d as KubeObject));
  }

  /** ReplicaSets whose ControllerRef is this Deployment (ListReplicaSets without adoption). */
  private ownedReplicaSets(d: Deployment): ReplicaSet[] {
    return this.replicaSets.list(d.metadata?.namespace).filter((rs) => controllerRefOf(rs)?.uid === d.metadata?.uid) as ReplicaSet[];
  }

  /** getPodMapForDeployment: selected pods grouped by the UID of the listed ReplicaSet that controls them. */
  private podMap(d: Deployment, rsList: readonly ReplicaSet[]): Map<string, Pod[]> {
    const map = new Map<string, Pod[]>();
    for (const rs of rsList) map.set(rs.metadata?.uid ?? '', []);
    const sel = d.spec?.selector ?? {};
    for (const pod of this.pods.list(d.metadata?.namespace) as Pod[]) {
      if (!labelSelectorMatches(sel, pod.metadata?.labels)) continue;
      const ref = controllerRefOf(pod as KubeObject);
      const list = ref ? map.get(ref.uid) : undefined;
      list?.push(pod);
    }
    return map;
  }

  /** getReplicaSetsForDeployment: claim through a ControllerRefManager. */
  private async claimReplicaSets(d: Deployment): Promise<ReplicaSet[]> {
    const sel = d.spec?.selector ?? {};
    const ref = { ...DEPLOYMENTS, namespace: d.metadata?.namespace, name: d.metadata?.name };
    const manager = new ControllerRefManager(
      this.client,
      d as KubeObject,
      REPLICA_SETS,
      { apiVersion: 'apps/v1', kind: 'Deployment' },
      (rs) => labelSelectorMatches(sel, rs.metadata?.labels),
      recheckDeletionTimestamp(this.client, ref, d as KubeObject, 'Deployment'),
    );
    return (await manager.claim(this.replicaSets.list(d.metadata?.namespace))) as ReplicaSet[];
  }

  async reconcile(key: string): Promise<void> {
    const cached = this.deployments.get(key) as Deployment | undefined;
    if (!cached) return;
    const s = new DeploymentSync(cached, {
      client: this.client,
      recorder: this.recorder,
      clock: this.clock,
      cachedReplicaSet: (ns, name) => this.replicaSets.get(`${ns}/${name}`) as ReplicaSet | undefined,
      requeueAfter: (ms) => this.loop.queue.addAfter(key, ms),
      requeueRateLimited: () => this.loop.queue.addRateLimited(key),
    });
    const d = s.d;
    const selector = d.spec?.selector;
    if (!selector || labelSelectorIsEmpty(selector)) {
      s.event('Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        d.status = { ...(d.status ?? {}), observedGeneration: d.metadata?.generation };
        await s.updateStatus();
      }
      return;
    }
    const rsList = await this.claimReplicaSets(d);
    const podMap = this.podMap(d, rsList);

    if (d.metadata?.deletionTimestamp) {
      const { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(rsList, false);
      await s.syncDeploymentStatus([...oldRSs, newRS], newRS);
      return;
    }
    await checkPausedConditions(s);
    if (s.d.spec?.paused) {
      await s.sync(rsList);
      return;
    }
    if (await s.isScalingEvent(rsList)) {
      await s.sync(rsList);
      return;
    }
    if (s.d.spec?.strategy?.type === 'Recreate') await rolloutRecreate(s, rsList, podMap);
    else await rolloutRolling(s, rsList);
    this.logger.debug('deployment-controller: synced', { key, generation: s.d.metadata?.generation });
  }
}
