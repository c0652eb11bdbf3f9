/**
 * The StatefulSet controller (pkg/controller/statefulset, 1.32). For each StatefulSet key:
 *  - history: the template's ControllerRevision `<set>-<hash>` is the update revision; status.currentRevision
 *    stays the revision pods were last fully rolled to;
 *  - identity: pod `<set>-<ordinal>` for ordinals [start, start+replicas) with hostname = its name, subdomain =
 *    serviceName, labels `controller-revision-hash`, `statefulset.kubernetes.io/pod-name`,
 *    `apps.kubernetes.io/pod-index`, and one claim `<template>-<pod>` per volumeClaimTemplate, created before the
 *    pod and kept when the pod goes (persistentVolumeClaimRetentionPolicy Retain);
 *  - OrderedReady: ordinals are created in order, each only once every lower one is Running and Ready (and
 *    available after minReadySeconds); scale-down removes the highest ordinal first, one at a time, only while all
 *    others are healthy. Parallel: all at once;
 *  - RollingUpdate: with every replica healthy, the highest ordinal ≥ partition still on an old revision is
 *    deleted and comes back on the update revision, one at a time; OnDelete waits for the user; when all
 *    replicas run the update revision it becomes currentRevision;
 *  - failed pods are deleted and recreated; events use upstream's texts
 *    ("create Pod web-0 in StatefulSet web successful", "create Claim www-web-0 Pod web-0 in StatefulSet web success").
 */
import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { controllerRefOf, newControllerRef } from './replica-set/controller-ref-manager';
import { isPodAvailable, isPodReady } from './replica-set/pod-availability';
import { controllerRevisionName, hashControllerRevision, revisionData, revisionOf } from './stateful-set/controller-revision';

const STATEFULSETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'statefulsets' };
const REVISIONS: ResourceRef = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
const PVCS: ResourceRef = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
const REVISION_LABEL = 'controller-revision-hash';
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

type SetObject = StatefulSet & KubeObject;

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const isRunningAndReady = (p: Pod) => p.status?.phase === 'Running' && isPodReady(p);

function ordinalOf(set: SetObject, pod: Pod): number | undefined {
  const prefix = `${set.metadata?.name}-`;
  const name = pod.metadata?.name ?? '';
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : undefined;
}

export class StatefulSetController implements Reconciler {
  readonly name = 'statefulset-controller';
  readonly loop: ControllerLoop;
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly sets: Informer,
    private readonly pods: Informer,
    private readonly revisions: Informer,
    private readonly claims: Informer,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    this.recorder = new LegacyEventRecorder(client, clock, 'statefulset-controller');
    sets.addHandlers({ onAdd: (s) => this.loop.queue.add(objectKey(s)), onUpdate: (_o, s) => this.loop.queue.add(objectKey(s)) });
    const podChanged = (p: KubeObject, old?: KubeObject) => {
      const ref = controllerRefOf(p);
      if (ref?.kind !== 'StatefulSet') return;
      const key = `${p.metadata?.namespace}/${ref.name}`;
      this.loop.queue.add(key);
      const minReady = (this.sets.get(key) as SetObject | undefined)?.spec?.minReadySeconds ?? 0;
      if (old && minReady > 0 && !isPodReady(old as Pod) && isPodReady(p as Pod)) this.loop.queue.addAfter(key, minReady * 1000 + 1000);
    };
    pods.addHandlers({ onAdd: (p) => podChanged(p), onUpdate: (o, p) => podChanged(p, o), onDelete: (p) => podChanged(p) });
  }

  private target(set: SetObject) {
    return referenceTo({ ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' });
  }

  async reconcile(key: string): Promise<void> {
    const cached = this.sets.get(key) as SetObject | undefined;
    if (!cached) return;
    const set = deepCopy(cached) as SetObject;
    const ns = set.metadata?.namespace ?? '';
    const owned = (this.pods.list(ns) as Pod[]).filter((p) => controllerRefOf(p as KubeObject)?.uid === set.metadata?.uid);
    const { current, update } = await this.syncRevisions(set, owned);
    const status = await this.syncPods(set, owned, current, update);
    await this.writeStatus(set, status);
  }

  /** The update revision for the template (created when new, renumbered when an old template returns). */
  private async syncRevisions(set: SetObject, pods: Pod[]): Promise<{ current: ControllerRevision & KubeObject; update: ControllerRevision & KubeObject }> {
    const ns = set.metadata?.namespace ?? '';
    const mine = (this.revisions.list(ns) as Array<ControllerRevision & KubeObject>).filter((r) => controllerRefOf(r)?.uid === set.metadata?.uid);
    const data = revisionData(set.spec?.template ?? {});
    const name = controllerRevisionName(set.metadata?.name ?? '', hashControllerRevision(data, set.status?.collisionCount ?? 0));
    const maxRevision = Math.max(0, ...mine.map(revisionOf));
    let update = mine.find((r) => r.metadata?.name === name);
    if (!update) {
      try {
        update = (await this.client.create({ ...REVISIONS, namespace: ns }, {
          apiVersion: 'apps/v1',
          kind: 'ControllerRevision',
          metadata: { name, namespace: ns, labels: { ...(set.spec?.template?.metadata?.labels ?? {}) }, ownerReferences: [newControllerRef(set, 'apps/v1', 'StatefulSet')] },
          data,
          revision: maxRevision + 1,
        })) as ControllerRevision & KubeObject;
      } catch (err) {
        if ((err as { code?: number }).code !== 409) throw err;
        update = (await this.client.get({ ...REVISIONS, namespace: ns, name })) as ControllerRevision & KubeObject;
      }
    } else if (revisionOf(update) < maxRevision && update.metadata?.name !== set.status?.currentRevision) {
      update = (await this.client.patch({ ...REVISIONS, namespace: ns, name }, 'merge', { revision: maxRevision + 1 })) as ControllerRevision & KubeObject;
    }
    const current = mine.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
    // truncateHistory: keep revisionHistoryLimit revisions besides the live ones.
    const live = new Set([current.metadata?.name, update.metadata?.name, ...pods.map((p) => p.metadata?.labels?.[REVISION_LABEL])]);
    const old = mine.filter((r) => !live.has(r.metadata?.name)).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const r of old.slice(0, Math.max(0, old.length - (set.spec?.revisionHistoryLimit ?? 10)))) {
      await this.client.delete({ ...REVISIONS, namespace: ns, name: r.metadata?.name }).catch(() => undefined);
    }
    return { current, update };
  }

  private async syncPods(set: SetObject, pods: Pod[], current: ControllerRevision & KubeObject, update: ControllerRevision & KubeObject): Promise<StatefulSetStatus> {
    const start = set.spec?.ordinals?.start ?? 0;
    const replicaCount = set.spec?.replicas ?? 1;
    const ordered = (set.spec?.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
    const minReady = set.spec?.minReadySeconds ?? 0;
    const now = this.clock.now();
    const byOrdinal = new Map<number, Pod>();
    const condemned: Pod[] = [];
    for (const pod of pods) {
      const ord = ordinalOf(set, pod);
      if (ord === undefined) continue;
      if (ord >= start && ord < start + replicaCount) byOrdinal.set(ord, pod);
      else condemned.push(pod);
    }
    condemned.sort((a, b) => (ordinalOf(set, b) ?? 0) - (ordinalOf(set, a) ?? 0));
    const updateName = update.metadata?.name ?? '';
    const currentName = current.metadata?.name ?? '';
    const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    const rolling = (set.spec?.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

    let healthySoFar = true;
    if (!set.metadata?.deletionTimestamp) {
      for (let ord = start; ord < start + replicaCount; ord++) {
        const pod = byOrdinal.get(ord);
        if (pod && isTerminal(pod) && !pod.metadata?.deletionTimestamp) {
          // A failed (or finished) replica is replaced under the same identity.
          await this.deletePod(set, pod);
          byOrdinal.delete(ord);
          if (ordered) {
            healthySoFar = false;
            break;
          }
          continue;
        }
        if (!pod) {
          const revisionName = rolling && ord - start < partition && currentName !== updateName ? currentName : updateName;
          const revision = revisionName === currentName ? current : update;
          await this.createPod(set, ord, revisionName, revision);
          if (ordered) {
            healthySoFar = false;
            break;
          }
          continue;
        }
        if (ordered && (pod.metadata?.deletionTimestamp || !isRunningAndReady(pod) || !isPodAvailable(pod, minReady, now))) {
          healthySoFar = false;
          break;
        }
      }
    }
    // Scale down: highest ordinal first; OrderedReady waits for the rest to be healthy and for each to go.
    if (healthySoFar || !ordered) {
      for (const pod of condemned) {
        if (pod.metadata?.deletionTimestamp) {
          if (ordered) break;
          continue;
        }
        await this.deletePod(set, pod);
        if (ordered) break;
      }
    }
    // RollingUpdate: one old-revision pod at a time, highest ordinal first, only while everything is healthy.
    const allHealthy = [...byOrdinal.values()].length === replicaCount && [...byOrdinal.values()].every((p) => !p.metadata?.deletionTimestamp && isRunningAndReady(p));
    if (rolling && allHealthy && condemned.length === 0) {
      for (let ord = start + replicaCount - 1; ord >= start + partition; ord--) {
        const pod = byOrdinal.get(ord);
        if (pod && pod.metadata?.labels?.[REVISION_LABEL] !== updateName) {
          await this.deletePod(set, pod);
          break;
        }
      }
    }

    const counted = pods.filter((p) => ordinalOf(set, p) !== undefined);
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata?.generation,
      replicas: counted.length,
      readyReplicas: counted.filter((p) => isRunningAndReady(p)).length,
      currentReplicas: counted.filter((p) => p.metadata?.labels?.[REVISION_LABEL] === currentName).length,
      updatedReplicas: counted.filter((p) => p.metadata?.labels?.[REVISION_LABEL] === updateName).length,
      availableReplicas: counted.filter((p) => isRunningAndReady(p) && isPodAvailable(p, minReady, now)).length,
      currentRevision: currentName,
      updateRevision: updateName,
      collisionCount: set.status?.collisionCount ?? 0,
    };
    // completeRollingUpdate: every replica on the update revision and ready.
    if (status.updatedReplicas === replicaCount && status.readyReplicas === replicaCount && status.replicas === replicaCount) {
      status.currentRevision = updateName;
      status.currentReplicas = status.updatedReplicas;
    }
    return status;
  }

  private async createPod(set: SetObject, ordinal: number, revisionName: string, revision: ControllerRevision & KubeObject): Promise<void> {
    const ns = set.metadata?.namespace ?? '';
    const name = `${set.metadata?.name}-${ordinal}`;
    const template = deepCopy(((revision.data as { spec?: { template?: KubeObject } } | undefined)?.spec?.template ?? set.spec?.template ?? {}) as Record<string, unknown>);
    delete template['$patch'];
    const tmeta = (template['metadata'] ?? {}) as KubeObject['metadata'] & object;
    const spec = deepCopy((template['spec'] ?? { containers: [] }) as NonNullable<Pod['spec']>);
    // Claims first: the pod's volumes name them.
    const volumes: Volume[] = [...(spec.volumes ?? [])];
    for (const claimTemplate of set.spec?.volumeClaimTemplates ?? []) {
      const tname = claimTemplate.metadata?.name ?? '';
      const claimName = `${tname}-${name}`;
      await this.ensureClaim(set, claimTemplate, claimName, name);
      const volume: Volume = { name: tname, persistentVolumeClaim: { claimName } };
      const at = volumes.findIndex((v) => v.name === tname);
      if (at >= 0) volumes[at] = volume;
      else volumes.push(volume);
    }
    if (volumes.length > 0) spec.volumes = volumes;
    spec.hostname = name;
    if (set.spec?.serviceName) spec.subdomain = set.spec.serviceName;
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: ns,
        labels: { ...(tmeta.labels ?? {}), [REVISION_LABEL]: revisionName, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
        ownerReferences: [newControllerRef(set, 'apps/v1', 'StatefulSet')],
        ...(tmeta.annotations ? { annotations: { ...tmeta.annotations } } : {}),
      },
      spec,
    };
    try {
      await this.client.create({ ...PODS, namespace: ns }, pod);
    } catch (err) {
      if ((err as { code?: number }).code === 409) return;
      void this.recorder.event(this.target(set), 'Warning', 'FailedCreate', `create Pod ${name} in StatefulSet ${set.metadata?.name} failed error: ${(err as Error).message}`);
      throw err;
    }
    void this.recorder.event(this.target(set), 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${set.metadata?.name} successful`);
  }

  private async ensureClaim(set: SetObject, template: PersistentVolumeClaim, claimName: string, podName: string): Promise<void> {
    const ns = set.metadata?.namespace ?? '';
    if (this.claims.get(`${ns}/${claimName}`)) return;
    const labels = { ...(template.metadata?.labels ?? {}), ...(set.spec?.selector?.matchLabels ?? {}) };
    const claim: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: claimName, namespace: ns, ...(Object.keys(labels).length > 0 ? { labels } : {}), ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}) },
      spec: deepCopy(template.spec ?? {}),
    };
    try {
      await this.client.create({ ...PVCS, namespace: ns }, claim);
    } catch (err) {
      if ((err as { code?: number }).code === 409) return;
      void this.recorder.event(this.target(set), 'Warning', 'FailedCreate', `create Claim ${claimName} for Pod ${podName} in StatefulSet ${set.metadata?.name} failed error: ${(err as Error).message}`);
      throw err;
    }
    void this.recorder.event(this.target(set), 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${podName} in StatefulSet ${set.metadata?.name} success`);
  }

  private async deletePod(set: SetObject, pod: Pod): Promise<void> {
    try {
      await this.client.delete({ ...PODS, namespace: pod.metadata?.namespace, name: pod.metadata?.name });
    } catch (err) {
      if ((err as { code?: number }).code === 404) return;
      void this.recorder.event(this.target(set), 'Warning', 'FailedDelete', `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${(err as Error).message}`);
      throw err;
    }
    void this.recorder.event(this.target(set), 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} successful`);
  }

  private async writeStatus(set: SetObject, status: StatefulSetStatus): Promise<void> {
    if (JSON.stringify(status) === JSON.stringify(set.status ?? {})) return;
    await this.client.update({ ...STATEFULSETS, namespace: set.metadata?.namespace, name: set.metadata?.name, subresource: 'status' }, { ...set, status });
  }
}

export const statefulSetControllerDescriptor: ControllerDescriptor = {
  name: 'statefulset',
  create: (ctx: ControllerContext) => {
    const c = new StatefulSetController(ctx.client, ctx.informer(STATEFULSETS), ctx.informer(PODS), ctx.informer(REVISIONS), ctx.informer(PVCS), ctx.clock, ctx.logger);
    return { start: () => c.loop.start(), dispose: () => c.loop.dispose() };
  },
};
