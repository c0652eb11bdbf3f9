/**
 * ResourceQuota (k8s.io/apiserver/pkg/admission/plugin/resourcequota, CheckRequest): a validating plugin that,
 * for a namespaced create or update, finds the namespace's quotas that track something the object is charged
 * for, rejects the request when the object omits a required cpu/memory value, when a matching quota's usage
 * is not yet known, or when the charge would push usage past `status.hard`; otherwise it records the new usage
 * in each quota's `status.used` (not on dry runs). Hard limits are read from status, which the quota
 * controller copies from spec — a quota it has not synced yet enforces nothing.
 */
import { deepCopy, type KubeObject } from '../../../api/objects';
import { admissionForbidden } from '../admission-errors';
import {
  addLists,
  exceededKeys,
  fromResourceList,
  isZeroList,
  mask,
  negativeKeys,
  prettyPrint,
  subtractNonNegative,
  toResourceList,
  type ResourceList,
} from '../resource-list';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from '../types';
import type { QuotaEvaluator, ScopeSelectorRequirement } from './evaluator';
import { evaluatorFor, isIgnoredByQuota } from './evaluators';

interface QuotaJson extends KubeObject {
  spec?: { scopes?: string[]; scopeSelector?: { matchExpressions?: ScopeSelectorRequirement[] } };
  status?: { hard?: Record<string, string>; used?: Record<string, string> };
}

function scopeSelectors(q: QuotaJson): ScopeSelectorRequirement[] {
  return [...(q.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })), ...(q.spec?.scopeSelector?.matchExpressions ?? [])];
}

/** generic.Matches: the quota tracks something this kind is charged for, and the object is inside every scope. */
function quotaMatches(ev: QuotaEvaluator, q: QuotaJson, obj: KubeObject): boolean {
  const tracked = ev.matchingResources(Object.keys(q.status?.hard ?? {}));
  return tracked.length > 0 && scopeSelectors(q).every((s) => ev.matchesScope(s, obj));
}

/** `requested`/`used`/`limited` for the resources that went over. */
function exceededError(a: AdmissionAttributes, name: string, requested: ResourceList, used: ResourceList, hard: ResourceList, keys: string[]): Error {
  return admissionForbidden(
    a,
    `exceeded quota: ${name}, requested: ${prettyPrint(mask(requested, keys))}, used: ${prettyPrint(mask(used, keys))}, limited: ${prettyPrint(mask(hard, keys))}`,
  );
}

/** Adds the charge to a quota's usage; the resources that would exceed its hard limits, if any. */
function charge(q: QuotaJson, delta: ResourceList): { used: ResourceList; requested: ResourceList; newUsed: ResourceList; hard: ResourceList; exceeded: string[] } {
  const hard = toResourceList(q.status?.hard);
  const used = toResourceList(q.status?.used);
  const requested = mask(delta, hard.keys());
  const newUsed = addLists(used, requested);
  const exceeded = exceededKeys(mask(newUsed, requested.keys()), hard);
  return { used, requested, newUsed, hard, exceeded };
}

async function checkRequest(a: AdmissionAttributes, ctx: AdmissionContext, ev: QuotaEvaluator): Promise<void> {
  const obj = a.object as KubeObject;
  const quotas = ((await ctx.list('', 'resourcequotas', a.namespace)) as QuotaJson[])
    .slice()
    .sort((x, y) => ((x.metadata?.name ?? '') < (y.metadata?.name ?? '') ? -1 : 1));

  const interesting: QuotaJson[] = [];
  for (const q of quotas) {
    if (!quotaMatches(ev, q, obj)) continue;
    const name = q.metadata?.name ?? '';
    const restricted = ev.matchingResources(Object.keys(q.status?.hard ?? {}));
    const missing = ev.constraints(restricted, obj);
    if (missing !== undefined) throw admissionForbidden(a, `failed quota: ${name}: ${missing}`);
    const used = q.status?.used ?? {};
    const unknown = restricted.filter((r) => !(r in used));
    if (unknown.length > 0) {
      throw admissionForbidden(a, `status unknown for quota: ${name}, resources: ${restricted.slice().sort().join(',')}`);
    }
    interesting.push(q);
  }

  // The object is charged in its own namespace even when the body left metadata.namespace empty.
  const measured: KubeObject = obj.metadata?.namespace ? obj : { ...obj, metadata: { ...obj.metadata, namespace: a.namespace } };
  let delta = ev.usage(measured, ctx.now());
  const negative = negativeKeys(delta);
  if (negative.length > 0) throw admissionForbidden(a, `quota usage is negative for resource(s): ${negative.sort().join(',')}`);
  if (a.operation === 'UPDATE') {
    if (a.oldObject === undefined) throw admissionForbidden(a, 'unable to get previous usage since prior version of object was not found');
    // A stored previous version is charged only the difference; a create-on-update pays in full.
    if (a.oldObject.metadata?.resourceVersion) delta = subtractNonNegative(delta, ev.usage(a.oldObject, ctx.now()));
  }
  if (isZeroList(delta) || interesting.length === 0) return;

  for (const q of interesting) {
    const c = charge(q, delta);
    if (c.exceeded.length > 0) throw exceededError(a, q.metadata?.name ?? '', c.requested, c.used, c.hard, c.exceeded);
  }
  if (a.dryRun) return;

  for (const q of interesting) {
    const name = q.metadata?.name ?? '';
    if (isZeroList(charge(q, delta).requested)) continue;
    // Charged against the freshest copy, as upstream's retry on conflict does; a quota that filled up
    // in the meantime still rejects the request.
    await ctx.updateStatus('', 'resourcequotas', a.namespace, name, (fresh) => {
      const c = charge(fresh as QuotaJson, delta);
      if (c.exceeded.length > 0) throw exceededError(a, name, c.requested, c.used, c.hard, c.exceeded);
      const next = deepCopy(fresh);
      next.status = { ...((next.status ?? {}) as Record<string, unknown>), used: fromResourceList(c.newUsed) };
      return next;
    });
  }
}

export const resourceQuota: AdmissionPlugin = {
  name: 'ResourceQuota',
  async validate(a, ctx) {
    if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
    if (a.subresource !== '' || a.namespace === '' || a.object === undefined) return;
    if (isIgnoredByQuota(a.group, a.resource)) return;
    const ev = evaluatorFor(a.group, a.resource);
    if (!ev.handles(a)) return;
    await checkRequest(a, ctx, ev);
  },
};
