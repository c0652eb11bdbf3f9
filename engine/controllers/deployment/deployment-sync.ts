/**
 * One sync of one Deployment (pkg/controller/deployment/sync.go): finding or creating the new ReplicaSet and
 * keeping the revision annotations right, scaling ReplicaSets (with the ScalingReplicaSet event), proportional
 * scaling, history cleanup and status. `d` is this sync's own deep copy of the Deployment; status writes
 * replace it with the server's answer so later writes in the same sync carry a fresh resourceVersion.
 */
import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { deepCopy, type KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import type { ApiClient, ResourceRef } from '../../client/api-client';
import { referenceTo, type LegacyEventRecorder } from '../../client/event-recorder';
import { newControllerRef } from '../replica-set/controller-ref-manager';
import {
  FAILED_RS_CREATE_REASON,
  FOUND_NEW_RS_REASON,
  MINIMUM_REPLICAS_AVAILABLE,
  MINIMUM_REPLICAS_UNAVAILABLE,
  NEW_REPLICA_SET_REASON,
  getCondition,
  hasProgressDeadline,
  newCondition,
  setCondition,
} from './conditions';
import { desiredReplicas, isRollingUpdate, maxSurge, maxUnavailable } from './fenceposts';
import { computePodTemplateHash } from './pod-template-hash';
import {
  POD_TEMPLATE_HASH_LABEL,
  actualReplicaCount,
  availableReplicaCount,
  byCreationTimestamp,
  byRevision,
  bySizeNewer,
  bySizeOlder,
  filterActive,
  findNewReplicaSet,
  findOldReplicaSets,
  readyReplicaCount,
  replicaCount,
  specReplicas,
} from './replica-set-lists';
import { desiredReplicasAnnotation, maxRevision, maxReplicasAnnotation, replicasAnnotationsNeedUpdate, setDeploymentRevision, setNewReplicaSetAnnotations, setReplicasAnnotations } from './revision';

export const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments' };
export const REPLICA_SETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'replicasets' };

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** NewRSNewReplicas: how big the new ReplicaSet may be right now. */
export function newRSNewReplicas(d: Deployment, allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return desiredReplicas(d);
  const replicas = desiredReplicas(d);
  const surge = maxSurge(d);
  const current = replicaCount(allRSs);
  const maxTotal = replicas + surge;
  if (current >= maxTotal) return specReplicas(newRS);
  const scaleUp = Math.min(maxTotal - current, replicas - specReplicas(newRS));
  return specReplicas(newRS) + scaleUp;
}

/** IsSaturated: the new ReplicaSet runs the full count, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = desiredReplicasAnnotation(rs);
  const n = desiredReplicas(d);
  return desired === n && specReplicas(rs) === n && (rs.status?.availableReplicas ?? 0) === n;
}

/** getProportion / getReplicaSetFraction for proportional scaling. */
function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (desiredReplicas(d) === 0) {
    fraction = -specReplicas(rs);
  } else {
    const deploymentReplicas = desiredReplicas(d) + maxSurge(d);
    const annotated = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
    // integer.RoundToInt32: math.Round, halves away from zero.
    const size = (specReplicas(rs) * deploymentReplicas) / annotated;
    fraction = Math.sign(size) * Math.round(Math.abs(size)) - specReplicas(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

export interface DeploymentSyncDeps {
  client: ApiClient;
  recorder: LegacyEventRecorder;
  clock: Clock;
  /** The cached ReplicaSet of that name (AlreadyExists handling). */
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
  /** enqueueAfter / enqueueRateLimited for the progress-deadline re-check. */
  requeueAfter(delayMs: number): void;
  requeueRateLimited(): void;
}

export class DeploymentSync {
  d: Deployment;

  constructor(
    deployment: Deployment,
    readonly deps: DeploymentSyncDeps,
  ) {
    // List items need not carry apiVersion/kind; events and ControllerRefs need them.
    this.d = { ...deepCopy(deployment), apiVersion: 'apps/v1', kind: 'Deployment' };
  }

  get now(): number {
    return this.deps.clock.now();
  }

  private get namespace(): string {
    return this.d.metadata?.namespace ?? '';
  }

  async updateStatus(): Promise<void> {
    const ref = { ...DEPLOYMENTS, namespace: this.namespace, name: this.d.metadata?.name, subresource: 'status' };
    const body = { ...this.d, status: omitZeroCounts(this.d.status ?? {}) };
    this.d = (await this.deps.client.update(ref, body as KubeObject)) as Deployment;
  }

  event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    void this.deps.recorder.event(referenceTo(this.d as KubeObject), type, reason, message);
  }

  /** getAllReplicaSetsAndSyncRevision. */
  async getAllReplicaSetsAndSyncRevision(rsList: readonly ReplicaSet[], createIfNotExisted: boolean): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }> {
    const existing = findNewReplicaSet(this.d.spec?.template, rsList);
    const oldRSs = findOldReplicaSets(existing, rsList);
    const newRS = await this.getNewReplicaSet(existing, oldRSs, createIfNotExisted);
    return { newRS, oldRSs };
  }

  /** getNewReplicaSet. */
  private async getNewReplicaSet(existing: ReplicaSet | undefined, oldRSs: ReplicaSet[], createIfNotExisted: boolean): Promise<ReplicaSet | undefined> {
    const newRevision = String(maxRevision(oldRSs) + 1);
    const d = this.d;
    if (existing) {
      const rsCopy = deepCopy(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
      const minReadySecondsNeedsUpdate = (rsCopy.spec?.minReadySeconds ?? 0) !== (d.spec?.minReadySeconds ?? 0);
      if (annotationsUpdated || minReadySecondsNeedsUpdate) {
        rsCopy.spec!.minReadySeconds = d.spec?.minReadySeconds;
        if (!rsCopy.spec!.minReadySeconds) delete rsCopy.spec!.minReadySeconds;
        return (await this.deps.client.update({ ...REPLICA_SETS, namespace: this.namespace, name: rsCopy.metadata?.name }, rsCopy as KubeObject)) as ReplicaSet;
      }
      // The ReplicaSet's own revision annotation is the reliable one.
      let needsUpdate = setDeploymentRevision(d, rsCopy.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        const status = (d.status ??= {});
        setCondition(status, newCondition('Progressing', 'True', FOUND_NEW_RS_REASON, `Found new replica set "${rsCopy.metadata?.name}"`, this.now));
        needsUpdate = true;
      }
      if (needsUpdate) await this.updateStatus();
      return rsCopy;
    }
    if (!createIfNotExisted) return undefined;

    const template = deepCopy(d.spec?.template ?? {});
    const hash = computePodTemplateHash(template, d.status?.collisionCount);
    template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = deepCopy(d.spec?.selector ?? {});
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${d.metadata?.name}-${hash}`;
    const newRS: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: this.namespace, ownerReferences: [newControllerRef(d as KubeObject, 'apps/v1', 'Deployment')], labels: { ...(template.metadata.labels ?? {}) } },
      spec: { replicas: 0, selector, template },
    };
    if (d.spec?.minReadySeconds) newRS.spec!.minReadySeconds = d.spec.minReadySeconds;
    const replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec!.replicas = replicas;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);

    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = (await this.deps.client.create({ ...REPLICA_SETS, namespace: this.namespace }, newRS as KubeObject)) as ReplicaSet;
    } catch (err) {
      const code = (err as { code?: number }).code;
      if (code === 409) {
        const rs = this.deps.cachedReplicaSet(this.namespace, name);
        const ref = rs?.metadata?.ownerReferences?.find((r) => r.controller);
        if (rs && ref?.uid === d.metadata?.uid && findNewReplicaSet(d.spec?.template, [rs])) {
          created = rs;
          alreadyExists = true;
        } else {
          // A ReplicaSet of that name with another template: bump collisionCount so the next hash differs.
          const status = (d.status ??= {});
          status.collisionCount = (status.collisionCount ?? 0) + 1;
          await this.updateStatus();
          throw err;
        }
      } else {
        if ((err as { status?: { details?: { causes?: Array<{ reason?: string }> } } }).status?.details?.causes?.some((c) => c.reason === 'NamespaceTerminating')) throw err;
        const msg = `Failed to create new replica set "${name}": ${errorMessage(err)}`;
        if (hasProgressDeadline(d)) {
          setCondition((d.status ??= {}), newCondition('Progressing', 'False', FAILED_RS_CREATE_REASON, msg, this.now));
          try {
            await this.updateStatus();
          } catch {
            // upstream ignores this status write's error; the create error is what is returned
          }
        }
        this.event('Warning', FAILED_RS_CREATE_REASON, msg);
        throw err;
      }
    }
    if (!alreadyExists && replicas > 0) this.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata?.name} from 0 to ${replicas}`);
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', NEW_REPLICA_SET_REASON, `Created new replica set "${created.metadata?.name}"`, this.now));
      needsUpdate = true;
    }
    if (needsUpdate) await this.updateStatus();
    return created;
  }

  /** scaleReplicaSetAndRecordEvent: returns the updated ReplicaSet, or the same one when already at size. */
  async scaleReplicaSetAndRecordEvent(rs: ReplicaSet, newScale: number): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    if (specReplicas(rs) === newScale) return { scaled: false, rs };
    return this.scaleReplicaSet(rs, newScale, specReplicas(rs) < newScale ? 'up' : 'down');
  }

  /** scaleReplicaSet: also refreshes the desired/max replicas annotations. */
  async scaleReplicaSet(rs: ReplicaSet, newScale: number, operation: string): Promise<{ scaled: boolean; rs: ReplicaSet }> {
    const desired = desiredReplicas(this.d);
    const max = desired + maxSurge(this.d);
    const sizeNeedsUpdate = specReplicas(rs) !== newScale;
    if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
    const oldScale = specReplicas(rs);
    const copy = deepCopy(rs);
    copy.spec!.replicas = newScale;
    setReplicasAnnotations(copy, desired, max);
    const updated = (await this.deps.client.update({ ...REPLICA_SETS, namespace: this.namespace, name: copy.metadata?.name }, copy as KubeObject)) as ReplicaSet;
    if (sizeNeedsUpdate) this.event('Normal', 'ScalingReplicaSet', `Scaled ${operation} replica set ${updated.metadata?.name} from ${oldScale} to ${newScale}`);
    return { scaled: sizeNeedsUpdate, rs: updated };
  }

  /** scale: a scaling event (or a paused Deployment) — one active ReplicaSet takes the count, else proportions. */
  async scale(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
    const d = this.d;
    const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
    if (activeOrLatest) {
      if (specReplicas(activeOrLatest) === desiredReplicas(d)) return;
      await this.scaleReplicaSetAndRecordEvent(activeOrLatest, desiredReplicas(d));
      return;
    }
    if (isSaturated(d, newRS)) {
      for (const old of filterActive(oldRSs)) await this.scaleReplicaSetAndRecordEvent(old, 0);
      return;
    }
    if (!isRollingUpdate(d)) return;
    const allRSs = filterActive([...oldRSs, newRS]);
    const allowedSize = desiredReplicas(d) > 0 ? desiredReplicas(d) + maxSurge(d) : 0;
    const toAdd = allowedSize - replicaCount(allRSs);
    let operation = '';
    if (toAdd > 0) {
      allRSs.sort(bySizeNewer);
      operation = 'up';
    } else if (toAdd < 0) {
      allRSs.sort(bySizeOlder);
      operation = 'down';
    }
    let added = 0;
    const sizes = new Map<string, number>();
    for (const rs of allRSs) {
      const name = rs.metadata?.name ?? '';
      if (toAdd !== 0) {
        const p = proportion(rs, d, toAdd, added);
        sizes.set(name, specReplicas(rs) + p);
        added += p;
      } else {
        sizes.set(name, specReplicas(rs));
      }
    }
    for (let i = 0; i < allRSs.length; i++) {
      const rs = allRSs[i] as ReplicaSet;
      const name = rs.metadata?.name ?? '';
      if (i === 0 && toAdd !== 0) sizes.set(name, Math.max(0, (sizes.get(name) ?? 0) + toAdd - added));
      await this.scaleReplicaSet(rs, sizes.get(name) ?? 0, operation);
    }
  }

  /** isScalingEvent: an active ReplicaSet's desired-replicas annotation disagrees with spec.replicas. */
  async isScalingEvent(rsList: readonly ReplicaSet[]): Promise<boolean> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(rsList, false);
    for (const rs of filterActive([...oldRSs, newRS])) {
      const desired = desiredReplicasAnnotation(rs);
      if (desired === undefined) continue;
      if (desired !== desiredReplicas(this.d)) return true;
    }
    return false;
  }

  /** cleanupDeployment: delete the oldest scaled-down ReplicaSets beyond revisionHistoryLimit. */
  async cleanupDeployment(oldRSs: ReplicaSet[]): Promise<void> {
    const limit = this.d.spec?.revisionHistoryLimit;
    if (limit === undefined || limit === null) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp).sort(byRevision);
    const diff = cleanable.length - limit;
    for (let i = 0; i < diff; i++) {
      const rs = cleanable[i] as ReplicaSet;
      if ((rs.status?.replicas ?? 0) !== 0 || specReplicas(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata?.deletionTimestamp) continue;
      try {
        await this.deps.client.delete({ ...REPLICA_SETS, namespace: this.namespace, name: rs.metadata?.name });
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
      }
    }
  }

  /** calculateStatus. */
  calculateStatus(allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined): DeploymentStatus {
    const d = this.d;
    const available = availableReplicaCount(allRSs);
    const unavailable = Math.max(0, replicaCount(allRSs) - available);
    const status: DeploymentStatus = {
      observedGeneration: d.metadata?.generation,
      replicas: actualReplicaCount(allRSs),
      updatedReplicas: actualReplicaCount([newRS]),
      readyReplicas: readyReplicaCount(allRSs),
      availableReplicas: available,
      unavailableReplicas: unavailable,
    };
    if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
    if (d.status?.conditions) status.conditions = d.status.conditions.map((c) => ({ ...c }));
    if (available >= desiredReplicas(d) - maxUnavailable(d)) {
      setCondition(status, newCondition('Available', 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', this.now));
    } else {
      setCondition(status, newCondition('Available', 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', this.now));
    }
    return status;
  }

  /** syncDeploymentStatus: write the calculated status when it differs. */
  async syncDeploymentStatus(allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined): Promise<void> {
    const status = this.calculateStatus(allRSs, newRS);
    if (statusEqual(this.d.status, status)) return;
    this.d.status = status;
    await this.updateStatus();
  }

  /** sync: scaling events and paused Deployments — no rollout, only sizes, cleanup and status. */
  async sync(rsList: readonly ReplicaSet[]): Promise<void> {
    const { newRS, oldRSs } = await this.getAllReplicaSetsAndSyncRevision(rsList, false);
    await this.scale(newRS, oldRSs);
    if (this.d.spec?.paused) await this.cleanupDeployment(oldRSs);
    await this.syncDeploymentStatus([...oldRSs, newRS], newRS);
  }
}

/** FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active; none when several are. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sortedOld = [...oldRSs].sort(byCreationTimestamp).reverse();
  const active = filterActive([...sortedOld, newRS]);
  if (active.length === 0) return newRS ?? sortedOld[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** DeploymentStatus's counts are all `omitempty`: zeros are not serialised. */
function omitZeroCounts(status: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = { ...status };
  for (const f of ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (out[f] === 0) delete out[f];
  return out as DeploymentStatus;
}

/** Status equality as reflect.DeepEqual sees JSON-equal values; zero counts and absent ones are the same. */
export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  const norm = (s: DeploymentStatus | undefined) =>
    JSON.stringify({
      observedGeneration: s?.observedGeneration ?? 0,
      replicas: s?.replicas ?? 0,
      updatedReplicas: s?.updatedReplicas ?? 0,
      readyReplicas: s?.readyReplicas ?? 0,
      availableReplicas: s?.availableReplicas ?? 0,
      unavailableReplicas: s?.unavailableReplicas ?? 0,
      collisionCount: s?.collisionCount ?? null,
      conditions: (s?.conditions ?? []).map((c) => [c.type, c.status, c.lastUpdateTime, c.lastTransitionTime, c.reason, c.message]),
    });
  return norm(a) === norm(b);
}
