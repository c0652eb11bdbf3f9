/**
 * Field sets derived from objects, as structured-merge-diff's typed package derives them:
 * `appliedFieldSet` (TypedValue.ToFieldSet, what an applier owns) and `compareObjects`
 * (TypedValue.Compare, what an update added, modified or removed).
 */
import { isJsonObject, jsonEqual, type JsonObject } from '../json-value';
import { FieldSet } from './field-set';
import { isAssociative, listItemPathElement, type ListMetaLookup } from './list-meta';
import { pathElementKey, type PathElement } from './path-element';

interface Cursor {
  path: PathElement[];
  /** Field names only: the key the lookup is asked with. */
  names: string[];
}

const field = (c: Cursor, name: string): Cursor => ({ path: [...c.path, { field: name }], names: [...c.names, name] });
const item = (c: Cursor, pe: PathElement): Cursor => ({ path: [...c.path, pe], names: c.names });

/**
 * Every field the object sets: scalars, null and empty-object fields, atomic lists and maps as a whole, and
 * each associative-list item (as a member, plus its fields). Granular maps and structs are not members
 * themselves, which is why an applier's fieldsV1 shows `f:labels` without `.`.
 */
export function appliedFieldSet(obj: unknown, lookup: ListMetaLookup): FieldSet {
  const set = new FieldSet();
  walkApplied(obj, { path: [], names: [] }, lookup, set);
  return set;
}

function walkApplied(v: unknown, c: Cursor, lookup: ListMetaLookup, set: FieldSet): void {
  if (Array.isArray(v)) {
    const meta = lookup(c.names);
    if (!isAssociative(meta)) {
      set.insert(c.path);
      return;
    }
    const seen = new Map<string, number>();
    const pes = v.map((x) => listItemPathElement(x, meta));
    for (const pe of pes) seen.set(pathElementKey(pe), (seen.get(pathElementKey(pe)) ?? 0) + 1);
    v.forEach((x, i) => {
      const pe = pes[i] as PathElement;
      const ic = item(c, pe);
      // A duplicated item is owned as a whole, not per field.
      if ((seen.get(pathElementKey(pe)) ?? 0) < 2) walkApplied(x, ic, lookup, set);
      set.insert(ic.path);
    });
    return;
  }
  if (isJsonObject(v)) {
    if (c.path.length > 0 && lookup(c.names).mapType === 'atomic') {
      set.insert(c.path);
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      const fc = field(c, k);
      walkApplied(x, fc, lookup, set);
      if (x === null || (isJsonObject(x) && Object.keys(x).length === 0)) set.insert(fc.path);
    }
    return;
  }
  set.insert(c.path);
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * The difference between two versions of an object. `undefined` means absent; `null` means present and
 * empty, as a Go zero value (a nil list) is. A non-leaf node that appears or disappears is itself added or
 * removed, which is where `.` entries in an updater's fieldsV1 come from.
 */
export function compareObjects(lhs: unknown, rhs: unknown, lookup: ListMetaLookup): Comparison {
  const cmp: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareNode(lhs, rhs, { path: [], names: [] }, lookup, cmp);
  return cmp;
}

const isEmptyish = (v: unknown): boolean =>
  v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isJsonObject(v) && Object.keys(v).length === 0);

/** A leaf (scalar, atomic list or map, or a kind change) is added, removed or modified as a whole. */
function compareLeaf(l: unknown, r: unknown, c: Cursor, cmp: Comparison): void {
  if (l === undefined) cmp.added.insert(c.path);
  else if (r === undefined) cmp.removed.insert(c.path);
  else if (!jsonEqual(l, r)) cmp.modified.insert(c.path);
}

/** Whether `x` may stand on one side of a list (isList) or map comparison: absent, null or the same kind. */
function compatibleSide(x: unknown, isList: boolean): boolean {
  return x === undefined || x === null || (isList ? Array.isArray(x) : isJsonObject(x));
}

function compareNode(l: unknown, r: unknown, c: Cursor, lookup: ListMetaLookup, cmp: Comparison): void {
  const isList = Array.isArray(l) || Array.isArray(r);
  const isMap = isJsonObject(l) || isJsonObject(r);
  if ((!isList && !isMap) || !compatibleSide(l, isList) || !compatibleSide(r, isList)) {
    compareLeaf(l, r, c, cmp);
    return;
  }
  if (isList) {
    const meta = lookup(c.names);
    if (!isAssociative(meta) || (isEmptyish(l) && isEmptyish(r))) {
      compareLeaf(l, r, c, cmp);
      return;
    }
    compareListItems((l ?? []) as unknown[], (r ?? []) as unknown[], c, lookup, meta, cmp);
  } else {
    if ((c.path.length > 0 && lookup(c.names).mapType === 'atomic') || (isEmptyish(l) && isEmptyish(r))) {
      compareLeaf(l, r, c, cmp);
      return;
    }
    const lm = (l ?? {}) as JsonObject;
    const rm = (r ?? {}) as JsonObject;
    // Keys of the left side, then the right side's new ones (same order as iterating a Set of both).
    for (const k of Object.keys(lm)) compareNode(lm[k], rm[k], field(c, k), lookup, cmp);
    for (const k of Object.keys(rm)) if (!Object.prototype.hasOwnProperty.call(lm, k)) compareNode(undefined, rm[k], field(c, k), lookup, cmp);
  }
  if (c.path.length === 0) return;
  if (l === undefined) cmp.added.insert(c.path);
  else if (r === undefined) cmp.removed.insert(c.path);
}

function compareListItems(l: unknown[], r: unknown[], c: Cursor, lookup: ListMetaLookup, meta: ReturnType<ListMetaLookup>, cmp: Comparison): void {
  const index = (list: unknown[]): Map<string, { pe: PathElement; values: unknown[] }> => {
    const m = new Map<string, { pe: PathElement; values: unknown[] }>();
    for (const x of list) {
      let pe: PathElement;
      try {
        pe = listItemPathElement(x, meta);
      } catch {
        continue;
      }
      const k = pathElementKey(pe);
      const e = m.get(k);
      if (e) e.values.push(x);
      else m.set(k, { pe, values: [x] });
    }
    return m;
  };
  const lv = index(l);
  const rv = index(r);
  for (const k of new Set([...lv.keys(), ...rv.keys()])) {
    const le = lv.get(k);
    const re = rv.get(k);
    const pe = (le ?? re)?.pe as PathElement;
    const ln = le?.values ?? [];
    const rn = re?.values ?? [];
    const ic = item(c, pe);
    if (ln.length <= 1 && rn.length <= 1) compareNode(ln[0], rn[0], ic, lookup, cmp);
    else if (ln.length >= 2 && rn.length >= 2) {
      if (!jsonEqual(ln, rn)) cmp.modified.insert(ic.path);
    } else if (ln.length >= 2) cmp.removed.insert(ic.path);
    else cmp.added.insert(ic.path);
  }
}
