/**
 * Merging an applied configuration into the live object (structured-merge-diff TypedValue.Merge) and removing
 * what an applier stopped applying (Updater.prune with addBackOwnedItems / addBackDanglingItems).
 */
import { deepClone, isJsonObject, type JsonObject } from '../json-value';
import type { FieldSet } from './field-set';
import { isAssociative, listItemPathElement, type ListMeta, type ListMetaLookup } from './list-meta';
import { pathElementKey, type PathElement } from './path-element';

/**
 * Config values win; granular maps merge per field; associative lists merge per item key while keeping the
 * live order (config items shared with live keep live's position, new config items follow the config item
 * before them); atomic lists and maps are replaced whole. A config `null` removes the field.
 */
export function mergeObjects(live: unknown, config: unknown, lookup: ListMetaLookup): unknown {
  return mergeValue(live, config, [], lookup);
}

function mergeValue(l: unknown, r: unknown, names: string[], lookup: ListMetaLookup): unknown {
  if (r === undefined) return deepClone(l);
  if (Array.isArray(r) && Array.isArray(l)) {
    const meta = lookup(names);
    return isAssociative(meta) ? mergeList(l, r, names, lookup, meta) : deepClone(r);
  }
  if (isJsonObject(r) && isJsonObject(l)) {
    if (names.length > 0 && lookup(names).mapType === 'atomic') return deepClone(r);
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(l)) if (v !== undefined) out[k] = deepClone(v);
    for (const [k, v] of Object.entries(r)) {
      if (v === undefined) continue;
      if (v === null) {
        delete out[k];
        continue;
      }
      out[k] = mergeValue(l[k], v, [...names, k], lookup);
    }
    return out;
  }
  return deepClone(r);
}

/** mergingWalker.visitListItems: walk both lists, emitting live items in place and shared ones in config order. */
function mergeList(l: unknown[], r: unknown[], names: string[], lookup: ListMetaLookup, meta: ListMeta): unknown[] {
  const keyOf = (x: unknown): string => pathElementKey(listItemPathElement(x, meta));
  const lKeys = l.map(keyOf);
  const rKeys = r.map(keyOf);
  const lByKey = new Map<string, unknown>();
  lKeys.forEach((k, i) => lByKey.set(k, l[i]));
  const rByKey = new Map<string, unknown>();
  rKeys.forEach((k, i) => rByKey.set(k, r[i]));
  const shared = rKeys.filter((k) => lByKey.has(k));
  let sharedIdx = 0;
  const nextShared = (): string | undefined => shared[sharedIdx];
  const merged = new Set<string>();
  const out: unknown[] = [];
  const mergeItem = (k: string): unknown => mergeValue(lByKey.get(k), rByKey.get(k), names, lookup);
  let li = 0;
  let ri = 0;
  while (li < l.length || ri < r.length) {
    if (li < l.length && ri < r.length) {
      const lk = lKeys[li] as string;
      if (lk === rKeys[ri]) {
        merged.add(lk);
        out.push(mergeItem(lk));
        li++;
        ri++;
        if (nextShared() === lk) sharedIdx++;
        continue;
      }
      if (rByKey.has(lk) && nextShared() !== undefined && nextShared() !== lk) {
        li++;
        continue;
      }
    }
    if (li < l.length) {
      const lk = lKeys[li] as string;
      if (!rByKey.has(lk)) {
        out.push(deepClone(l[li]));
        li++;
        continue;
      }
      if (merged.has(lk)) {
        li++;
        continue;
      }
    }
    if (ri < r.length) {
      const rk = rKeys[ri] as string;
      merged.add(rk);
      out.push(mergeItem(rk));
      ri++;
      if (nextShared() === rk) sharedIdx++;
    }
  }
  return out;
}

/**
 * Removes from `merged` the fields an applier applied last time (`lastApplied`) that nobody owns any more
 * (`owned`, every manager's set including the applier's new one). A removed node goes with its subtree;
 * fields never applied by this applier are left alone. An object left empty by the removal is dropped, as the
 * round trip through the Go type drops an emptied `omitempty` map such as metadata.labels.
 */
export function pruneUnowned(merged: unknown, lastApplied: FieldSet, owned: FieldSet, lookup: ListMetaLookup): unknown {
  const out = deepClone(merged);
  pruneNode(out, [], [], lastApplied, owned, lookup);
  return out;
}

function pruneNode(v: unknown, path: PathElement[], names: string[], last: FieldSet, owned: FieldSet, lookup: ListMetaLookup): void {
  const shouldRemove = (p: PathElement[]): boolean | 'descend' => {
    if (!last.hasPrefix(p)) return false;
    if (!owned.hasPrefix(p)) return true;
    return 'descend';
  };
  if (Array.isArray(v)) {
    const meta = lookup(names);
    if (!isAssociative(meta)) return;
    for (let i = v.length - 1; i >= 0; i--) {
      const p = [...path, listItemPathElement(v[i], meta)];
      const verdict = shouldRemove(p);
      if (verdict === true) v.splice(i, 1);
      else if (verdict === 'descend') pruneNode(v[i], p, names, last, owned, lookup);
    }
    return;
  }
  if (isJsonObject(v)) {
    if (path.length > 0 && lookup(names).mapType === 'atomic') return;
    for (const k of Object.keys(v)) {
      const p = [...path, { field: k }];
      const verdict = shouldRemove(p);
      if (verdict === true) delete v[k];
      else if (verdict === 'descend') {
        const child = v[k];
        const wasEmpty = isJsonObject(child) && Object.keys(child).length === 0;
        pruneNode(child, p, [...names, k], last, owned, lookup);
        if (!wasEmpty && isJsonObject(child) && Object.keys(child).length === 0) delete v[k];
      }
    }
  }
}
