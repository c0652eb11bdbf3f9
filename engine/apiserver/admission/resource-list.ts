/**
 * ResourceList arithmetic after k8s.io/apiserver/pkg/quota/v1/resources.go, over parsed quantities.
 * Lists are Maps keyed by resource name; JSON `{cpu: "500m"}` converts with `toResourceList`/`fromResourceList`.
 */
import { addQuantity, compareQuantity, formatQuantity, isZeroQuantity, parseQuantity, quantitySign, subQuantity, zeroQuantity, type Quantity } from './quantity';

export type ResourceList = Map<string, Quantity>;

/** Reads a JSON resource list (`{cpu: "500m", memory: "1Gi"}`); absent or malformed input gives an empty list. */
export function toResourceList(json: unknown): ResourceList {
  const out: ResourceList = new Map();
  if (json === null || typeof json !== 'object') return out;
  for (const [k, v] of Object.entries(json as Record<string, unknown>)) {
    if (typeof v === 'string' || typeof v === 'number') out.set(k, parseQuantity(v));
  }
  return out;
}

/** Writes canonical strings, keys sorted as Go's JSON encoder sorts map keys. */
export function fromResourceList(list: ResourceList): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...list.keys()].sort()) out[k] = formatQuantity(list.get(k) as Quantity);
  return out;
}

/** quota.Add: every key of either list; shared keys summed. */
export function addLists(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map(a);
  for (const [k, v] of b) {
    const mine = out.get(k);
    out.set(k, mine === undefined ? v : addQuantity(mine, v));
  }
  return out;
}

/** In-place addResourceList (LimitRanger / resource helpers): accumulate `b` into `into`. */
export function accumulate(into: ResourceList, b: ResourceList): void {
  for (const [k, v] of b) {
    const mine = into.get(k);
    into.set(k, mine === undefined ? v : addQuantity(mine, v));
  }
}

/** In-place maxResourceList: each key of `b` raised in `into` to at least b's value. */
export function raiseTo(into: ResourceList, b: ResourceList): void {
  for (const [k, v] of b) {
    const mine = into.get(k);
    if (mine === undefined || compareQuantity(v, mine) > 0) into.set(k, v);
  }
}

/** quota.SubtractWithNonNegativeResult: each key of either list, max(a - b, 0). */
export function subtractNonNegative(a: ResourceList, b: ResourceList): ResourceList {
  const out: ResourceList = new Map();
  for (const [k, v] of a) {
    const other = b.get(k);
    let diff = other === undefined ? v : subQuantity(v, other);
    if (quantitySign(diff) < 0) diff = zeroQuantity();
    out.set(k, diff);
  }
  for (const k of b.keys()) if (!out.has(k)) out.set(k, zeroQuantity());
  return out;
}

/** quota.Mask: only the named keys. */
export function mask(list: ResourceList, names: Iterable<string>): ResourceList {
  const out: ResourceList = new Map();
  for (const n of names) {
    const v = list.get(n);
    if (v !== undefined) out.set(n, v);
  }
  return out;
}

/** quota.LessThanOrEqual: every key of `a` that `b` also has must not exceed it; returns the keys that do. */
export function exceededKeys(a: ResourceList, b: ResourceList): string[] {
  const out: string[] = [];
  for (const [k, v] of a) {
    const limit = b.get(k);
    if (limit !== undefined && compareQuantity(v, limit) > 0) out.push(k);
  }
  return out;
}

export const isZeroList = (list: ResourceList): boolean => [...list.values()].every(isZeroQuantity);

export const negativeKeys = (list: ResourceList): string[] => [...list].filter(([, v]) => quantitySign(v) < 0).map(([k]) => k);

/** resourcequota's prettyPrint: `k=v` sorted by key, joined with commas. */
export function prettyPrint(list: ResourceList): string {
  return [...list.keys()]
    .sort()
    .map((k) => `${k}=${formatQuantity(list.get(k) as Quantity)}`)
    .join(',');
}

