/**
 * The ResourceQuota controller (pkg/controller/resourcequota): for each quota it copies spec.hard to status.hard
 * and recalculates status.used from the objects in the namespace with the same evaluators admission charges with
 * (quota.CalculateUsage), every tracked resource listed, "0" where nothing is used. Until it has synced a quota,
 * admission enforces nothing (status.hard is empty) and, once it has, admission's increments are corrected by
 * the controller's recount — which is how deletions ("replenishment") give capacity back.
 *
 * Triggers: quota changes, deletions and terminal transitions of pods and deletions of services, claims,
 * configmaps and secrets in the quota's namespace, and the full resync every 5 minutes
 * (--resource-quota-sync-period).
 */
import type { KubeObject } from '../api/objects';
import { fromResourceList, mask, toResourceList, accumulate, type ResourceList } from '../apiserver/admission/resource-list';
import type { ScopeSelectorRequirement } from '../apiserver/admission/resource-quota/evaluator';
import { evaluatorFor } from '../apiserver/admission/resource-quota/evaluators';
import { zeroQuantity } from '../apiserver/admission/quantity';
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';

const QUOTAS: ResourceRef = { group: '', version: 'v1', resource: 'resourcequotas' };
export const QUOTA_RESYNC_MS = 5 * 60_000;

interface QuotaJson extends KubeObject {
  spec?: { hard?: Record<string, string>; scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeSelectorRequirement[] } };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

/** The served preferred version of the groups whose objects `count/<resource>.<group>` can name (all v1 but these). */
const PREFERRED_VERSION: Record<string, string> = { autoscaling: 'v2' };

/** Where the objects charged for one hard resource name live (the evaluator registry in reverse). */
function chargedResource(name: string): { group: string; version: string; resource: string } | undefined {
  const count = /^count\/([^.]+)(?:\.(.+))?$/.exec(name);
  if (count) {
    const group = count[2] ?? '';
    return { group, version: PREFERRED_VERSION[group] ?? 'v1', resource: count[1]! };
  }
  if (name === 'pods' || /^(requests|limits)\.|^(cpu|memory|ephemeral-storage)$|^(requests|limits)\.hugepages-|^hugepages-/.test(name)) return { group: '', version: 'v1', resource: 'pods' };
  if (name.startsWith('services')) return { group: '', version: 'v1', resource: 'services' };
  if (name === 'persistentvolumeclaims' || name === 'requests.storage' || name.includes('.storageclass.storage.k8s.io/')) return { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
  if (['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas'].includes(name)) return { group: '', version: 'v1', resource: name };
  return undefined;
}

export class ResourceQuotaController implements Reconciler, Disposable {
  readonly name = 'resourcequota-controller';
  readonly loop: ControllerLoop;
  private readonly resync: Disposable;

  constructor(
    private readonly client: ApiClient,
    private readonly quotas: Informer,
    replenishedBy: Informer[],
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    quotas.addHandlers({ onAdd: (q) => this.loop.queue.add(objectKey(q)), onUpdate: (_o, q) => this.loop.queue.add(objectKey(q)) });
    const replenish = (obj: KubeObject) => {
      for (const q of this.quotas.list(obj.metadata?.namespace)) this.loop.queue.add(objectKey(q));
    };
    const terminal = (o: KubeObject) => ['Succeeded', 'Failed'].includes(String((o['status'] as { phase?: string } | undefined)?.phase));
    for (const informer of replenishedBy) {
      informer.addHandlers({ onDelete: replenish, onUpdate: (o, n) => (!terminal(o) && terminal(n)) || (!o.metadata?.deletionTimestamp && n.metadata?.deletionTimestamp) ? replenish(n) : undefined });
    }
    this.resync = clock.setPeriodic(QUOTA_RESYNC_MS, () => {
      for (const q of this.quotas.list()) this.loop.queue.add(objectKey(q));
    });
  }

  async reconcile(key: string): Promise<void> {
    const quota = this.quotas.get(key) as QuotaJson | undefined;
    if (!quota || quota.metadata?.deletionTimestamp) return;
    const namespace = quota.metadata?.namespace ?? '';
    const hard = toResourceList(quota.spec?.hard);
    const names = [...hard.keys()];
    const scopes: ScopeSelectorRequirement[] = [...(quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })), ...(quota.spec?.scopeSelector?.matchExpressions ?? [])];
    const used: ResourceList = new Map(names.map((n) => [n, zeroQuantity()]));
    const listed = new Map<string, KubeObject[]>();
    for (const name of names) {
      const where = chargedResource(name);
      if (!where) continue;
      const listKey = `${where.group}/${where.resource}`;
      if (listed.has(listKey)) continue;
      let items: KubeObject[] = [];
      try {
        items = (await this.client.list({ ...where, namespace })).items;
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err; // an unserved kind charges nothing
      }
      listed.set(listKey, items);
      const ev = evaluatorFor(where.group, where.resource);
      const tracked = ev.matchingResources(names);
      for (const obj of items) {
        if (!scopes.every((s) => ev.matchesScope(s, obj))) continue;
        accumulate(used, mask(ev.usage(obj, this.clock.now()), tracked));
      }
    }
    const status = { hard: fromResourceList(hard), used: fromResourceList(mask(used, names)) };
    if (JSON.stringify(status) === JSON.stringify(quota.status ?? {})) return;
    await this.client.update({ ...QUOTAS, namespace, name: quota.metadata?.name, subresource: 'status' }, { ...quota, status });
  }

  dispose(): void {
    this.resync.dispose();
    this.loop.dispose();
  }
}

export const resourceQuotaControllerDescriptor: ControllerDescriptor = {
  name: 'resourcequota',
  create: (ctx: ControllerContext) => {
    const core = (resource: string) => ctx.informer({ group: '', version: 'v1', resource });
    const c = new ResourceQuotaController(ctx.client, ctx.informer(QUOTAS), [core('pods'), core('services'), core('persistentvolumeclaims'), core('configmaps'), core('secrets')], ctx.clock, ctx.logger);
    return { start: () => c.loop.start(), dispose: () => c.dispose() };
  },
};
