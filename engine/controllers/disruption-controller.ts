/**
 * The disruption controller (pkg/controller/disruption): PodDisruptionBudget status, which the eviction API and
 * so `kubectl drain` consult. For each PDB:
 *  - expectedPods and desiredHealthy: with an integer minAvailable, the matching pods and minAvailable; with a
 *    percentage, or with maxUnavailable, the scale of the pods' controllers (ReplicaSet, Deployment through its
 *    ReplicaSet, StatefulSet, ReplicationController) rounded up as GetScaledValueFromIntOrPercent;
 *  - currentHealthy: matching pods that are Ready and not being deleted;
 *  - disruptionsAllowed = max(0, currentHealthy − desiredHealthy) and the DisruptionAllowed condition
 *    (SufficientPods / InsufficientPods); observedGeneration.
 * Entries in status.disruptedPods (written by the eviction API) expire after 2 minutes, as upstream's.
 */
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../api/objects';
import { labelSelectorMatches } from '../apiserver/validation/labels';
import { rfc3339, type Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { controllerRefOf } from './replica-set/controller-ref-manager';
import { isPodReady } from './replica-set/pod-availability';

const PDBS: ResourceRef = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets' };
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
/** DeletionTimeout: a disrupted pod the API did not see deleted is forgotten after this. */
const DELETION_TIMEOUT_MS = 2 * 60_000;

const SCALABLE: Record<string, ResourceRef> = {
  ReplicaSet: { group: 'apps', version: 'v1', resource: 'replicasets' },
  StatefulSet: { group: 'apps', version: 'v1', resource: 'statefulsets' },
  ReplicationController: { group: '', version: 'v1', resource: 'replicationcontrollers' },
  Deployment: { group: 'apps', version: 'v1', resource: 'deployments' },
};

type PdbObject = PodDisruptionBudget & KubeObject;

/** intstr.GetScaledValueFromIntOrPercent. */
function scaled(value: number | string, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const pct = Number(value.replace('%', ''));
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

export class DisruptionController implements Reconciler {
  readonly name = 'disruption-controller';
  readonly loop: ControllerLoop;

  constructor(
    private readonly client: ApiClient,
    private readonly pdbs: Informer,
    private readonly pods: Informer,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    pdbs.addHandlers({ onAdd: (p) => this.loop.queue.add(objectKey(p)), onUpdate: (_o, p) => this.loop.queue.add(objectKey(p)) });
    const podChanged = (pod: KubeObject) => {
      for (const pdb of this.pdbs.list(pod.metadata?.namespace) as PdbObject[]) {
        if (pdb.spec?.selector && labelSelectorMatches(pdb.spec.selector, pod.metadata?.labels)) this.loop.queue.add(objectKey(pdb));
      }
    };
    pods.addHandlers({ onAdd: podChanged, onUpdate: (_o, p) => podChanged(p), onDelete: podChanged });
  }

  async reconcile(key: string): Promise<void> {
    const cached = this.pdbs.get(key) as PdbObject | undefined;
    if (!cached || cached.metadata?.deletionTimestamp) return;
    const pdb = deepCopy(cached) as PdbObject;
    const namespace = pdb.metadata?.namespace;
    const selector = pdb.spec?.selector;
    const pods = selector ? (this.pods.list(namespace) as Pod[]).filter((p) => labelSelectorMatches(selector, p.metadata?.labels)) : [];
    const now = this.clock.now();

    let expected: number;
    let desired: number;
    const minAvailable = pdb.spec?.minAvailable;
    if (typeof minAvailable === 'number') {
      expected = pods.length;
      desired = minAvailable;
    } else {
      expected = await this.expectedFromControllers(pods);
      if (minAvailable !== undefined) desired = scaled(minAvailable, expected, true);
      else desired = Math.max(0, expected - scaled(pdb.spec?.maxUnavailable ?? 0, expected, true));
    }
    const disrupted: Record<string, string> = {};
    let recheckMs: number | undefined;
    for (const [name, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
      const pod = pods.find((p) => p.metadata?.name === name);
      const expires = Date.parse(at) + DELETION_TIMEOUT_MS;
      if (!pod || pod.metadata?.deletionTimestamp || expires <= now) continue;
      disrupted[name] = at;
      recheckMs = Math.min(recheckMs ?? Infinity, expires - now);
    }
    const healthy = pods.filter((p) => !p.metadata?.deletionTimestamp && !((p.metadata?.name ?? '') in disrupted) && isPodReady(p)).length;
    const allowed = Math.max(0, healthy - desired);
    const old = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
    const conditionStatus = allowed > 0 ? 'True' : 'False';
    const reason = allowed > 0 ? 'SufficientPods' : 'InsufficientPods';
    const status: PodDisruptionBudgetStatus = {
      observedGeneration: pdb.metadata?.generation,
      currentHealthy: healthy,
      desiredHealthy: desired,
      disruptionsAllowed: allowed,
      expectedPods: expected,
      conditions: [
        {
          type: 'DisruptionAllowed',
          status: conditionStatus,
          reason,
          message: '',
          observedGeneration: pdb.metadata?.generation,
          lastTransitionTime: old && old.status === conditionStatus ? old.lastTransitionTime : rfc3339(now),
        },
      ],
    };
    if (Object.keys(disrupted).length > 0) status.disruptedPods = disrupted;
    if (recheckMs !== undefined) this.loop.queue.addAfter(key, recheckMs);
    if (JSON.stringify(status) === JSON.stringify(pdb.status ?? {})) return;
    await this.client.update({ ...PDBS, namespace, name: pdb.metadata?.name, subresource: 'status' }, { ...pdb, status });
  }

  /** getExpectedScale: the replicas of every distinct controller of the pods (a Deployment through its ReplicaSet). */
  private async expectedFromControllers(pods: Pod[]): Promise<number> {
    const seen = new Map<string, number>();
    for (const pod of pods) {
      const ref = controllerRefOf(pod as KubeObject);
      if (!ref || !SCALABLE[ref.kind]) continue;
      let owner: KubeObject | undefined;
      try {
        owner = await this.client.get({ ...SCALABLE[ref.kind]!, namespace: pod.metadata?.namespace, name: ref.name });
      } catch {
        continue;
      }
      const parent = ref.kind === 'ReplicaSet' ? controllerRefOf(owner) : undefined;
      if (parent?.kind === 'Deployment') {
        try {
          owner = await this.client.get({ ...SCALABLE['Deployment']!, namespace: pod.metadata?.namespace, name: parent.name });
        } catch {
          continue;
        }
      }
      seen.set(owner.metadata?.uid ?? '', (owner['spec'] as { replicas?: number } | undefined)?.replicas ?? 1);
    }
    return [...seen.values()].reduce((a, b) => a + b, 0);
  }
}

export const disruptionControllerDescriptor: ControllerDescriptor = {
  name: 'disruption',
  create: (ctx: ControllerContext) => {
    const c = new DisruptionController(ctx.client, ctx.informer(PDBS), ctx.informer(PODS), ctx.clock, ctx.logger);
    return { start: () => c.loop.start(), dispose: () => c.loop.dispose() };
  },
};
