/**
 * Strategic merge patch (`application/strategic-merge-patch+json`) with the semantics of
 * k8s.io/apimachinery/pkg/util/strategicpatch StrategicMergeMapPatch (MergeParallelList and
 * IgnoreUnmatchedNulls both on, as the API server calls it): lists with patchStrategy=merge merge by their
 * patchMergeKey (primitive lists union), other lists and maps replace per their strategy, `null` deletes,
 * and the directives `$patch` (replace|delete|merge), `$retainKeys`, `$deleteFromPrimitiveList/<f>` and
 * `$setElementOrder/<f>` are honoured. Errors are classified as the patch handler's
 * interpretStrategicMergePatchError does (400, 422, or a raw 500).
 */
import type { StatusError } from '../errors';
import { parseGoJson } from '../request/go-json-syntax';
import { badPatch, unclassifiedPatchError, unprocessablePatch } from './patch-errors';
import { deepClone, goFormat, goJsonType, goTypeName, isJsonObject, type JsonObject } from './json-value';

/**
 * Patch metadata of the field at `path` (object field names from the root; list items are transparent, so
 * `['spec','template','spec','containers']` names the containers list and also the fields of its items' parent).
 * `strategy` is the patchStrategy tag value, e.g. `merge`, `replace`, `retainKeys`, `merge,retainKeys`.
 */
export type PatchMetaLookup = (path: readonly string[]) => { mergeKey?: string; strategy?: string };

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

/** mergepatch's sentinel errors, classified by the handler into 400 or 422. */
const BAD_REQUEST_ERRORS = new Set([
  'invalid JSON document',
  'invalid patch format of primitive list',
  'invalid patch format of retainKeys',
  'invalid patch format of setElementOrder list',
  'strategic merge patch format is not supported',
]);
const UNPROCESSABLE_ERRORS = new Set(['lists of lists are not supported', "patch content doesn't match retainKeys list"]);

class MergeError extends Error {}

const fail = (message: string): never => {
  throw new MergeError(message);
};
const errNoMergeKey = (m: JsonObject, key: string): never => fail(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);
const errBadArgType = (expected: string, actual: unknown): never => fail(`expected a ${expected}, but received a ${goTypeName(actual)}`);
const errBadPatchType = (t: unknown, m: JsonObject): never => fail(`unknown patch type: ${goFormat(t)} in map: ${goFormat(m)}`);

/** Applies `patchText` to a copy of `doc`; `doc` is not modified. */
export function applyStrategicMergePatch(doc: unknown, patchText: string, lookup: PatchMetaLookup): unknown {
  const parsed = parseGoJson(patchText);
  if (!parsed.ok) throw badPatch(parsed.message);
  const patch = parsed.value;
  if (patch !== null && !isJsonObject(patch)) {
    throw badPatch(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch === 'boolean' ? 'bool' : typeof patch} into Go value of type map[string]interface {}`);
  }
  const original = isJsonObject(doc) ? deepClone(doc) : {};
  try {
    return mergeMap(original, patch ?? {}, new Schema(lookup, []));
  } catch (e) {
    if (e instanceof MergeError) throw classify(e.message);
    throw e;
  }
}

function classify(message: string): StatusError {
  if (BAD_REQUEST_ERRORS.has(message)) return badPatch(message);
  if (UNPROCESSABLE_ERRORS.has(message)) return unprocessablePatch();
  return unclassifiedPatchError(message);
}

/** A position in the schema: the lookup plus the field path it is asked about. */
class Schema {
  constructor(
    private readonly lookup: PatchMetaLookup,
    readonly path: readonly string[],
  ) {}
  child(key: string): { schema: Schema; mergeKey: string; strategy: string } {
    const path = [...this.path, key];
    const meta = this.lookup(path);
    return { schema: new Schema(this.lookup, path), mergeKey: meta.mergeKey ?? '', strategy: nonRetainKeysStrategy(meta.strategy) };
  }
}

/** extractRetainKeysPatchStrategy: the strategy besides retainKeys (which is driven by the $retainKeys directive). */
function nonRetainKeysStrategy(strategy: string | undefined): string {
  if (strategy === undefined || strategy === '') return '';
  const parts = strategy.split(',');
  if (parts.length === 1) return parts[0] === 'retainKeys' ? '' : (parts[0] as string);
  if (parts.length === 2) {
    if (parts[0] === 'retainKeys') return parts[1] as string;
    if (parts[1] === 'retainKeys') return parts[0] as string;
  }
  return fail(`unexpected patch strategy: [${parts.join(' ')}]`);
}

function mergeMap(original: JsonObject, patch: JsonObject, schema: Schema): JsonObject {
  if (Object.prototype.hasOwnProperty.call(patch, DIRECTIVE)) return handleDirectiveInMergeMap(patch[DIRECTIVE], patch);
  applyRetainKeysDirective(original, patch);
  mergePatchIntoOriginal(original, patch, schema);

  for (const [rawKey, patchV] of Object.entries(patch)) {
    let k = rawKey;
    let isDeleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      k = extractKey(rawKey, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete original[k];
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(original, k) || goJsonType(original[k]) !== goJsonType(patchV)) {
      if (!isDeleteList) {
        discardNullValues(patchV);
        const [v, keep] = removeDirectives(patchV);
        if (keep) original[k] = v;
        else delete original[k];
      }
      continue;
    }
    const current = original[k];
    if (isJsonObject(current)) {
      const { schema: sub, strategy } = schema.child(k);
      original[k] = strategy !== 'replace' ? mergeMap(current, patchV as JsonObject, sub) : patchV;
    } else if (Array.isArray(current)) {
      const { schema: sub, strategy, mergeKey } = schema.child(k);
      original[k] = mergeSliceHandler(current, patchV as unknown[], sub, strategy, mergeKey, isDeleteList);
    } else {
      const [v, keep] = removeDirectives(patchV);
      if (keep) original[k] = v;
      else delete original[k];
    }
  }
  return original;
}

function handleDirectiveInMergeMap(directive: unknown, patch: JsonObject): JsonObject {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === 'delete') return {};
  return errBadPatchType(directive, patch);
}

function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    if (prefix === DELETE_FROM_PRIMITIVE_LIST) fail('invalid patch format of primitive list');
    fail('invalid patch format of setElementOrder list');
  }
  return s.slice(slash + 1);
}

function applyRetainKeysDirective(original: JsonObject, patch: JsonObject): void {
  if (!Object.prototype.hasOwnProperty.call(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) fail('invalid patch format of retainKeys');
  const keep = new Set(retain as unknown[]);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) fail('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** Processes `$setElementOrder/<f>` together with the list `<f>` it orders, then drops both from the patch. */
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, schema: Schema): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) errBadArgType('[]interface {}', order);
    const orderList = order as unknown[];
    const field = extractKey(key, SET_ELEMENT_ORDER);
    const foundOriginal = Object.prototype.hasOwnProperty.call(original, field);
    const foundPatch = Object.prototype.hasOwnProperty.call(patch, field);
    let originalList: unknown[] = [];
    let patchList: unknown[] = [];
    if (foundOriginal) {
      if (!Array.isArray(original[field])) errBadArgType('[]interface {}', original[field]);
      originalList = original[field] as unknown[];
    }
    if (foundPatch) {
      if (!Array.isArray(patch[field])) errBadArgType('[]interface {}', patch[field]);
      patchList = patch[field] as unknown[];
    }
    const { schema: sub, strategy, mergeKey } = schema.child(field);
    validatePatchWithSetOrderList(patchList, orderList, mergeKey);

    let merged: unknown[];
    if (foundOriginal && !foundPatch) merged = originalList;
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patchList)[0] as unknown[];
    else if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, sub, strategy, mergeKey, false);
    else continue;

    const [patchItems, serverOnly] =
      mergeKey === '' ? partitionPrimitives(merged, orderList) : partitionMaps(merged, orderList, mergeKey);
    const kind = sliceElementType(originalList, patchList);
    original[field] = normalizeElementOrder(patchItems, serverOnly, orderList, originalList, mergeKey, kind);
    delete patch[field];
  }
}

function validatePatchWithSetOrderList(list: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || list.length === 0) return;
  const nonDelete = mergeKey !== '' ? extractToDeleteItems(list)[0] : list;
  let p = 0;
  let o = 0;
  while (p < nonDelete.length && o < order.length) {
    const item = nonDelete[p];
    if (isJsonObject(item) && Object.prototype.hasOwnProperty.call(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[o], mergeKey)) p++;
    o++;
  }
  if (p < nonDelete.length && o >= order.length) {
    fail(`The order in patch list:\n${goFormat(list)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`);
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return left === right;
  if (!isJsonObject(left)) return errBadArgType('map[string]interface {}', left);
  if (!isJsonObject(right)) return errBadArgType('map[string]interface {}', right);
  if (!Object.prototype.hasOwnProperty.call(left, mergeKey)) errNoMergeKey(left, mergeKey);
  if (!Object.prototype.hasOwnProperty.call(right, mergeKey)) errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** Drops maps carrying `$patch` (and everything under them); returns [value, keep]. Mutates its input. */
function removeDirectives(obj: unknown): [unknown, boolean] {
  if (isJsonObject(obj)) {
    if (Object.prototype.hasOwnProperty.call(obj, DIRECTIVE)) return [null, false];
    for (const [k, v] of Object.entries(obj)) {
      const [nv, keep] = removeDirectives(v);
      if (keep) obj[k] = nv;
      else delete obj[k];
    }
    return [obj, true];
  }
  if (Array.isArray(obj)) {
    const res: unknown[] = [];
    for (const v of obj) {
      const [nv, keep] = removeDirectives(v);
      if (keep) res.push(nv);
    }
    return [res, true];
  }
  return [obj, true];
}

function discardNullValues(v: unknown): void {
  if (isJsonObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (x === null) delete v[k];
      else discardNullValues(x);
    }
  } else if (Array.isArray(v)) {
    for (const x of v) discardNullValues(x);
  }
}

function mergeSliceHandler(original: unknown[], patch: unknown[], schema: Schema, strategy: string, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, schema, mergeKey, isDeleteList);
  return patch;
}

type ElementKind = 'map' | 'scalar';

/** sliceElementType: every element of every list has the same Go type, which is not a list. */
function sliceElementType(...lists: unknown[][]): ElementKind {
  let prev: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = goJsonType(v);
      if (prev === undefined) {
        prev = t;
        if (t === 'slice') fail('lists of lists are not supported');
      } else if (prev !== t) {
        fail(`list element types are not identical: ${lists.map((l) => goFormat(l)).join(' ')}`);
      }
    }
  }
  if (prev === undefined) fail('no elements in any of the given slices');
  return prev === 'map' ? 'map' : 'scalar';
}

/**
 * mergeSlice. `original` is mutated in place the way Go's slice aliasing mutates the caller's view:
 * deleting items shifts the rest left (leaving stale copies at the end), and items appended while the
 * backing array has room (it has exactly as much room as was deleted, since the API server's original lists
 * come from ToUnstructured with cap == len) are written into it. $setElementOrder handling reads that view
 * as the live order, and the resulting element order depends on it.
 */
function mergeSlice(original: unknown[], patch: unknown[], schema: Schema, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementType(original, patch);
  if (kind !== 'map') {
    if (isDeleteList) return deleteFromSlice(original, patch);
    const merged = deduplicateScalars([...original, ...patch]);
    const [patchItems, serverOnly] = partitionPrimitives(merged, patch);
    return normalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, kind);
  }
  if (mergeKey === '') fail('cannot merge lists without merge key for struct');
  const special = mergeSliceWithSpecialElements(original, patch, mergeKey);
  const serverOrder = special.view.items.slice(0, special.view.len);
  const merged = mergeSliceWithoutSpecialElements(special.view, special.patch, mergeKey, schema);
  const [patchItems, serverOnly] = partitionMaps(merged, special.patch, mergeKey);
  return normalizeElementOrder(patchItems, serverOnly, special.patch, serverOrder, mergeKey, kind);
}

/** A Go slice: the first `len` entries of `items`, whose length is the capacity. */
interface SliceView {
  items: unknown[];
  len: number;
}

/** Applies `$patch: delete|replace` list elements; returns the updated original and the remaining patch items. */
function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): { view: SliceView; patch: unknown[] } {
  const plain: unknown[] = [];
  let replace = false;
  const view: SliceView = { items: original, len: original.length };
  for (const v of patch) {
    const item = v as JsonObject;
    if (!Object.prototype.hasOwnProperty.call(item, DIRECTIVE)) {
      plain.push(v);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === 'delete') {
      if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) errNoMergeKey(item, mergeKey);
      deleteMatchingEntries(view, mergeKey, item[mergeKey]);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      fail('merging lists cannot yet be specified in the patch');
    } else {
      errBadPatchType(directive, item);
    }
  }
  if (replace) return { view: { items: plain, len: plain.length }, patch: [] };
  return { view, patch: plain };
}

/** `append(s[:k], s[k+1:]...)` for every match: an in-place shift within the backing array. */
function deleteMatchingEntries(view: SliceView, mergeKey: string, value: unknown): void {
  for (;;) {
    const at = findByMergeKey(view.items.slice(0, view.len), mergeKey, value);
    if (at < 0) return;
    view.items.copyWithin(at, at + 1, view.len);
    view.len--;
  }
}

function findByMergeKey(list: unknown[], mergeKey: string, value: unknown): number {
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (!isJsonObject(v)) fail(`value for key ${i} is not a map`);
    const m = v as JsonObject;
    if (Object.prototype.hasOwnProperty.call(m, mergeKey) && m[mergeKey] === value) return i;
  }
  return -1;
}

function mergeSliceWithoutSpecialElements(view: SliceView, patch: unknown[], mergeKey: string, schema: Schema): unknown[] {
  let items = view.items;
  let len = view.len;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) errNoMergeKey(item, mergeKey);
    const at = findByMergeKey(items.slice(0, len), mergeKey, item[mergeKey]);
    if (at >= 0) {
      items[at] = mergeMap(items[at] as JsonObject, item, schema);
    } else if (len < items.length) {
      items[len++] = v;
    } else {
      items = [...items.slice(0, len), v];
      len = items.length;
    }
  }
  return items.slice(0, len);
}

function deleteFromSlice(current: unknown[], toDelete: unknown[]): unknown[] {
  const del = new Set(toDelete);
  return current.filter((v) => !del.has(v));
}

/** Upstream's in-place deduplication: a duplicate is overwritten by the last element (order changes). */
function deduplicateScalars(s: unknown[]): unknown[] {
  let length = s.length - 1;
  for (let i = 0; i < length; i++) {
    for (let j = i + 1; j <= length; j++) {
      if (s[i] === s[j]) {
        s[j] = s[length];
        s.length = length;
        length--;
        j--;
      }
    }
  }
  return s;
}

function partitionPrimitives(list: unknown[], by: unknown[]): [unknown[], unknown[]] {
  const inPatch = new Set(by);
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) (inPatch.has(v) ? patch : serverOnly).push(v);
  return [patch, serverOnly];
}

function partitionMaps(list: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const patch: unknown[] = [];
  const serverOnly: unknown[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) errBadArgType('map[string]interface {}', v);
    const m = v as JsonObject;
    if (!Object.prototype.hasOwnProperty.call(m, mergeKey)) errNoMergeKey(m, mergeKey);
    (findByMergeKey(by, mergeKey, m[mergeKey]) >= 0 ? patch : serverOnly).push(v);
  }
  return [patch, serverOnly];
}

function extractToDeleteItems(list: unknown[]): [unknown[], unknown[]] {
  const keep: unknown[] = [];
  const del: unknown[] = [];
  for (const v of list) {
    if (!isJsonObject(v)) errBadArgType('map[string]interface {}', v);
    ((v as JsonObject)[DIRECTIVE] === 'delete' ? del : keep).push(v);
  }
  return [keep, del];
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, kind: ElementKind): number {
  const key = (x: unknown): unknown => (kind === 'map' ? (isJsonObject(x) ? x[mergeKey] : undefined) : x);
  const want = key(item);
  for (let i = 0; i < list.length; i++) if (key(list[i]) === want) return i;
  return -1;
}

/**
 * normalizeElementOrder: sort patch items by the patch order and server-only items by the live order, then
 * interleave them (mergeSortedSlice). Precedence: $setElementOrder / patch order, then live order.
 */
function normalizeElementOrder(patch: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const right = normalizeSliceOrder(patch, patchOrder, mergeKey, kind);
  const less = (l: unknown, r: unknown): boolean => {
    const li = indexIn(serverOrder, l, mergeKey, kind);
    const ri = indexIn(serverOrder, r, mergeKey, kind);
    return li >= 0 && ri >= 0 && li < ri;
  };
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else if (less(left[i], right[j])) out.push(left[i++]);
    else out.push(right[j++]);
  }
  return out;
}

function normalizeSliceOrder(toSort: unknown[], order: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let items = [...toSort];
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    for (const list of [items, order]) {
      for (const item of list) {
        if (!isJsonObject(item)) errBadArgType('map[string]interface {}', item);
        if (!Object.prototype.hasOwnProperty.call(item, mergeKey)) errNoMergeKey(item as JsonObject, mergeKey);
      }
    }
    [items, toDelete] = extractToDeleteItems(items);
  }
  // sort.SliceStable's insertion sort with upstream's comparator, which calls an item that is missing from
  // `order` "less" than anything; kept as is so element order matches the API server's.
  const less = (a: unknown, b: unknown): boolean => {
    const ia = indexIn(order, a, mergeKey, kind);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, kind);
      if (ib >= 0) return ia < ib;
    }
    return true;
  };
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j], items[j - 1]); j--) {
      const t = items[j];
      items[j] = items[j - 1];
      items[j - 1] = t;
    }
  }
  return [...items, ...toDelete];
}
