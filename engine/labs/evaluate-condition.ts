/**
 * Evaluates a lab Condition against the cluster as the learner would look at it: through the API (objects,
 * Events), the store (keys), and the scheduler's traces. Returns whether it holds, and expected/actual texts for
 * the check report.
 */
import type { KubeObject } from '../api/objects';
import type { ApiClient, ResourceRef } from '../client/api-client';
import type { SchedulingTrace } from '../scheduler/trace/scheduling-trace';
import type { Store } from '../store/types';
import type { Condition } from './lab-types';

export interface ConditionContext {
  client: ApiClient;
  store: Store;
  traces(namespace: string, name: string): SchedulingTrace | undefined;
}

export interface ConditionResult {
  holds: boolean;
  expected?: string;
  actual?: string;
}

const VERSIONS: Record<string, string> = { '': 'v1', autoscaling: 'v2' };

/** `pods` → core/v1; `deployments.apps` → apps/v1; `faults.lab.clusterlab.dev` → lab.clusterlab.dev/v1. */
export function resourceRef(resource: string, namespace?: string): ResourceRef {
  const dot = resource.indexOf('.');
  const plural = dot < 0 ? resource : resource.slice(0, dot);
  const group = dot < 0 ? '' : resource.slice(dot + 1);
  return { group, version: VERSIONS[group] ?? 'v1', resource: plural, namespace };
}

/**
 * A dotted path with `[n]` indexes, `[key=value]` list filters (`status.conditions[type=Ready].status`) and `[name]`
 * map keys that contain dots (`metadata.annotations[deployment.kubernetes.io/revision]`).
 */
export function valueAt(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path)) && cur !== undefined && cur !== null) {
    if (m[1] !== undefined) cur = (cur as Record<string, unknown>)[m[1]];
    else if (m[2] !== undefined && /^\d+$/.test(m[2])) cur = (cur as unknown[])[Number(m[2])];
    else if (m[2] !== undefined && Array.isArray(cur)) {
      const at = m[2].indexOf('=');
      const [k, v] = [m[2].slice(0, at), m[2].slice(at + 1)];
      cur = at < 0 ? undefined : cur.find((item) => String((item as Record<string, unknown>)[k]) === v);
    } else if (m[2] !== undefined && typeof cur === 'object') cur = (cur as Record<string, unknown>)[m[2]];
    else cur = undefined;
  }
  return cur;
}

function describeExpectation(c: Condition): string {
  const what = c.path ? `${c.path}${c.equals !== undefined ? ` = ${String(c.equals)}` : c.contains !== undefined ? ` contains "${c.contains}"` : c.exists === false ? ' absent' : ' set'}` : c.exists === false ? 'none' : 'present';
  const count = c.count?.exactly !== undefined ? `exactly ${c.count.exactly}` : c.count?.atLeast !== undefined ? `at least ${c.count.atLeast}` : c.exists === false ? 'no' : 'at least 1';
  return `${count} ${c.object?.resource}${c.object?.name ? ` ${c.object.name}` : ''}${c.object?.selector ? ` (${c.object.selector})` : ''} with ${what}`;
}

async function objects(ctx: ConditionContext, sel: NonNullable<Condition['object']>): Promise<KubeObject[]> {
  const ref = resourceRef(sel.resource, sel.namespace);
  try {
    if (sel.name) return [await ctx.client.get({ ...ref, name: sel.name })];
    return (await ctx.client.list(ref, sel.selector ? { labelSelector: sel.selector } : {})).items;
  } catch (err) {
    if ((err as { code?: number }).code === 404) return [];
    throw err;
  }
}

export async function evaluateCondition(ctx: ConditionContext, c: Condition): Promise<ConditionResult> {
  if (c.object) {
    const all = await objects(ctx, c.object);
    const matches = all.filter((o) => {
      if (!c.path) return true;
      const v = valueAt(o, c.path);
      if (c.equals !== undefined) return v !== undefined && String(v) === String(c.equals);
      if (c.contains !== undefined) return typeof v === 'string' && v.includes(c.contains);
      return c.exists === false ? v === undefined : v !== undefined;
    });
    const n = c.path || c.exists !== false ? matches.length : all.length;
    let holds: boolean;
    if (c.count?.exactly !== undefined) holds = n === c.count.exactly;
    else if (c.count?.atLeast !== undefined) holds = n >= c.count.atLeast;
    else if (c.exists === false && !c.path) holds = all.length === 0;
    else holds = n >= 1;
    const sample = all[0] && c.path ? ` (first: ${JSON.stringify(valueAt(all[0], c.path)) ?? 'unset'})` : '';
    return { holds, expected: describeExpectation(c), actual: `${n} of ${all.length} match${sample}` };
  }
  if (c.event) {
    const e = c.event;
    const list = await ctx.client.list({ group: '', version: 'v1', resource: 'events', namespace: e.namespace ?? 'default' }, e.involvedName ? { fieldSelector: `involvedObject.name=${e.involvedName}` } : {});
    const found = list.items.filter((ev) => ev['reason'] === e.reason && (e.messageContains === undefined || String(ev['message'] ?? '').includes(e.messageContains)));
    return { holds: found.length > 0, expected: `an Event ${e.reason}${e.involvedName ? ` about ${e.involvedName}` : ''}`, actual: found.length > 0 ? String(found[0]!['message'] ?? '') : `reasons seen: ${[...new Set(list.items.map((ev) => String(ev['reason'])))].join(', ') || 'none'}` };
  }
  if (c.storeKey) {
    const v = await ctx.store.get(c.storeKey);
    return { holds: v !== undefined, expected: `key ${c.storeKey} in the store`, actual: v === undefined ? 'no such key' : `revision ${v.modRevision ?? ''}`.trim() };
  }
  if (c.trace) {
    const t = ctx.traces(c.trace.namespace, c.trace.pod);
    const node = t?.selectedNode;
    const holds = node !== undefined && (c.trace.node === undefined || node === c.trace.node);
    return { holds, expected: `the scheduler placed ${c.trace.pod}${c.trace.node ? ` on ${c.trace.node}` : ''}`, actual: t === undefined ? 'no scheduling attempt yet' : node ? `placed on ${node}` : (t.unschedulable ?? 'not placed') };
  }
  return { holds: false, expected: 'a condition', actual: 'nothing to check' };
}
