/**
 * LimitRanger (plugin/pkg/admission/limitranger): on pod create it fills container requests/limits from each
 * LimitRange's Container `defaultRequest`/`default` and records what it set in the `kubernetes.io/limit-ranger`
 * annotation; then it enforces min, max and maxLimitRequestRatio for Container and Pod items, and min/max
 * storage requests for PersistentVolumeClaim items. Pod updates are not checked: containers are immutable.
 */
import type { KubeObject } from '../../api/objects';
import { admissionForbidden, aggregateErrorText } from './admission-errors';
import { podLimits, podRequests } from './pod-resources';
import { formatQuantity, parseQuantity, quantityMilliValue, quantityValue, zeroQuantity, type Quantity } from './quantity';
import { toResourceList, type ResourceList } from './resource-list';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from './types';

const ANNOTATION = 'kubernetes.io/limit-ranger';
/** resource.MaxMilliValue: beyond it, upstream compares whole units rather than milli-units. */
const MAX_MILLI_VALUE = (2n ** 63n - 1n) / 1000n;

interface LimitRangeItem {
  type?: string;
  min?: Record<string, string>;
  max?: Record<string, string>;
  default?: Record<string, string>;
  defaultRequest?: Record<string, string>;
  maxLimitRequestRatio?: Record<string, string>;
}

interface ContainerJson {
  name?: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

function supports(a: AdmissionAttributes): boolean {
  if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return false;
  if (a.subresource !== '' || a.group !== '' || a.object === undefined) return false;
  if (a.kind === 'Pod') return a.operation === 'CREATE';
  return a.kind === 'PersistentVolumeClaim';
}

async function limitRangesFor(a: AdmissionAttributes, ctx: AdmissionContext): Promise<LimitRangeItem[][] | undefined> {
  if (!supports(a)) return undefined;
  // Objects already marked for deletion are left alone.
  if (a.oldObject?.metadata?.deletionTimestamp) return undefined;
  const ranges = await ctx.list('', 'limitranges', a.namespace);
  return ranges.map((lr) => ((lr.spec as { limits?: LimitRangeItem[] } | undefined)?.limits ?? []));
}

const entries = (r: Record<string, string> | undefined): [string, Quantity][] =>
  Object.entries(r ?? {}).map(([k, v]) => [k, parseQuantity(v)]);

/** mergeContainerResources: fills what the container leaves unset; returns the annotation fragments. */
function mergeContainer(c: ContainerJson, defaults: LimitRangeItem[], label: string): string[] {
  const defaultLimits = new Map<string, Quantity>();
  const defaultRequests = new Map<string, Quantity>();
  for (const item of defaults) {
    for (const [k, v] of entries(item.defaultRequest)) defaultRequests.set(k, v);
    for (const [k, v] of entries(item.default)) defaultLimits.set(k, v);
  }
  const setLimits: string[] = [];
  const setRequests: string[] = [];
  for (const [k, v] of defaultLimits) {
    const res = (c.resources ??= {});
    const limits = (res.limits ??= {});
    if (!(k in limits)) {
      limits[k] = formatQuantity(v);
      setLimits.push(k);
    }
  }
  for (const [k, v] of defaultRequests) {
    const res = (c.resources ??= {});
    const requests = (res.requests ??= {});
    if (!(k in requests)) {
      requests[k] = formatQuantity(v);
      setRequests.push(k);
    }
  }
  const out: string[] = [];
  if (setRequests.length > 0) out.push(`${setRequests.sort().join(', ')} request for ${label} ${c.name ?? ''}`);
  if (setLimits.length > 0) out.push(`${setLimits.sort().join(', ')} limit for ${label} ${c.name ?? ''}`);
  return out;
}

function mutatePod(pod: KubeObject, items: LimitRangeItem[]): void {
  const containerItems = items.filter((i) => i.type === 'Container');
  if (containerItems.length === 0) return;
  const spec = (pod.spec ?? {}) as { containers?: ContainerJson[]; initContainers?: ContainerJson[] };
  const notes: string[] = [];
  for (const c of spec.containers ?? []) notes.push(...mergeContainer(c, containerItems, 'container'));
  for (const c of spec.initContainers ?? []) notes.push(...mergeContainer(c, containerItems, 'init container'));
  if (notes.length === 0) return;
  const meta = (pod.metadata ??= {});
  meta.annotations = { ...(meta.annotations ?? {}), [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
}

/** requestLimitEnforcedValues: milli-units when all three fit, whole units otherwise. */
function comparable(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [bigint, bigint, bigint] {
  const zero = zeroQuantity();
  const r = req ?? zero;
  const l = lim ?? zero;
  const whole: [bigint, bigint, bigint] = [quantityValue(r), quantityValue(l), quantityValue(enforced)];
  if (whole.every((v) => v <= MAX_MILLI_VALUE)) return [quantityMilliValue(r), quantityMilliValue(l), quantityMilliValue(enforced)];
  return whole;
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = comparable(req, lim, enforced);
  const min = formatQuantity(enforced);
  if (req === undefined) return `minimum ${name} usage per ${type} is ${min}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${min}, but request is ${formatQuantity(req)}`;
  if (lim !== undefined && l < e) return `minimum ${name} usage per ${type} is ${min}, but limit is ${formatQuantity(lim)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = comparable(req, lim, enforced);
  const max = formatQuantity(enforced);
  if (lim === undefined) return `maximum ${name} usage per ${type} is ${max}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${max}, but limit is ${formatQuantity(lim)}`;
  if (req !== undefined && r > e) return `maximum ${name} usage per ${type} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

/** maxRequestConstraint: PVCs have no limits, so max applies to the request. */
function maxRequestConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList): string | undefined {
  const req = requests.get(name);
  const [r, , e] = comparable(req, undefined, enforced);
  const max = formatQuantity(enforced);
  if (req === undefined) return `maximum ${name} usage per ${type} is ${max}.  No request is specified`;
  if (r > e) return `maximum ${name} usage per ${type} is ${max}, but request is ${formatQuantity(req)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l] = comparable(req, lim, enforced);
  const ratioText = formatQuantity(enforced);
  if (req === undefined || r === 0n) {
    return `${name} max limit to request ratio per ${type} is ${ratioText}, but no request is specified or request is 0`;
  }
  if (lim === undefined || l === 0n) {
    return `${name} max limit to request ratio per ${type} is ${ratioText}, but no limit is specified or limit is 0`;
  }
  const observed = Number(l) / Number(r);
  let compared = observed;
  let allowed = Number(quantityValue(enforced));
  if (quantityValue(enforced) <= MAX_MILLI_VALUE) {
    compared = observed * 1000;
    allowed = Number(quantityMilliValue(enforced));
  }
  if (compared > allowed) {
    return `${name} max limit to request ratio per ${type} is ${ratioText}, but provided ratio is ${observed.toFixed(6)}`;
  }
  return undefined;
}

function checkAll(item: LimitRangeItem, type: string, requests: ResourceList, limits: ResourceList, errs: string[]): void {
  const push = (e: string | undefined): void => {
    if (e !== undefined) errs.push(e);
  };
  for (const [k, v] of entries(item.min)) push(minConstraint(type, k, v, requests, limits));
  for (const [k, v] of entries(item.max)) push(maxConstraint(type, k, v, requests, limits));
  for (const [k, v] of entries(item.maxLimitRequestRatio)) push(ratioConstraint(type, k, v, requests, limits));
}

function validatePod(pod: KubeObject, items: LimitRangeItem[]): string[] {
  const spec = (pod.spec ?? {}) as { containers?: ContainerJson[]; initContainers?: ContainerJson[] };
  const errs: string[] = [];
  for (const item of items) {
    if (item.type === 'Container') {
      for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
        checkAll(item, 'Container', toResourceList(c.resources?.requests), toResourceList(c.resources?.limits), errs);
      }
    }
    if (item.type === 'Pod') {
      checkAll(item, 'Pod', podRequests(spec, { includeOverhead: false }), podLimits(spec, { includeOverhead: false }), errs);
    }
  }
  return errs;
}

function validateClaim(pvc: KubeObject, items: LimitRangeItem[]): string[] {
  const requests = toResourceList((pvc.spec as { resources?: { requests?: unknown } } | undefined)?.resources?.requests);
  const errs: string[] = [];
  for (const item of items) {
    if (item.type !== 'PersistentVolumeClaim') continue;
    for (const [k, v] of entries(item.min)) {
      const e = minConstraint('PersistentVolumeClaim', k, v, requests, new Map());
      if (e !== undefined) errs.push(e);
    }
    for (const [k, v] of entries(item.max)) {
      const e = maxRequestConstraint('PersistentVolumeClaim', k, v, requests);
      if (e !== undefined) errs.push(e);
    }
  }
  return errs;
}

export const limitRanger: AdmissionPlugin = {
  name: 'LimitRanger',
  async admit(a, ctx) {
    const ranges = await limitRangesFor(a, ctx);
    if (ranges === undefined || a.kind !== 'Pod') return;
    for (const items of ranges) mutatePod(a.object as KubeObject, items);
  },
  async validate(a, ctx) {
    const ranges = await limitRangesFor(a, ctx);
    if (ranges === undefined) return;
    // Each LimitRange is checked on its own; the first one with violations rejects the request.
    for (const items of ranges) {
      const errs = a.kind === 'Pod' ? validatePod(a.object as KubeObject, items) : validateClaim(a.object as KubeObject, items);
      if (errs.length > 0) throw admissionForbidden(a, aggregateErrorText(errs));
    }
  },
};
