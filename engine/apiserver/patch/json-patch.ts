/**
 * RFC 6902 JSON Patch with the behaviour of gopkg.in/evanphx/json-patch.v4, the library the 1.32 API server
 * applies `application/json-patch+json` bodies with. v4 quirks are kept on purpose because clients observe
 * them: `replace` of a missing object member adds it, `copy` from a missing member writes null, negative
 * array indexes count from the end for add/remove, and a whole-document path ("") is rejected.
 *
 * Errors: an undecodable body → 400 with Go's decoder message; more than 10000 operations → 413; any
 * operation that does not apply → 422 with upstream's generic message (the detail is dropped upstream too).
 */
import { parseGoJson } from '../request/go-json-syntax';
import { badPatch, patchTooLarge, unprocessablePatch } from './patch-errors';
import { deepClone, isJsonObject, type JsonObject } from './json-value';

const MAX_OPERATIONS = 10000;

/** Applies `patchText` to a copy of `doc`; `doc` is not modified. */
export function applyJsonPatch(doc: unknown, patchText: string): unknown {
  const ops = decodePatch(patchText);
  if (ops.length > MAX_OPERATIONS) {
    throw patchTooLarge(`The allowed maximum operations in a JSON patch is ${MAX_OPERATIONS}, got ${ops.length}`);
  }
  const root = { doc: deepClone(doc) };
  for (const op of ops) {
    if (!applyOperation(root, op)) throw unprocessablePatch();
  }
  return root.doc;
}

type Operation = JsonObject | null;

function decodePatch(text: string): Operation[] {
  const parsed = parseGoJson(text);
  if (!parsed.ok) throw badPatch(parsed.message);
  const v = parsed.value;
  if (v === null) return [];
  if (!Array.isArray(v)) throw badPatch(`json: cannot unmarshal ${goDecodeKind(v)} into Go value of type jsonpatch.Patch`);
  return v.map((op) => {
    if (op === null || isJsonObject(op)) return op;
    throw badPatch(`json: cannot unmarshal ${goDecodeKind(op)} into Go value of type jsonpatch.Operation`);
  });
}

/** encoding/json's name for the JSON kind it could not decode. */
function goDecodeKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v; // object, string, number
}

/** The container (object or array) a pointer's last token lives in, and that token decoded. */
interface Location {
  container: JsonObject | unknown[];
  key: string;
}

function decodeToken(t: string): string {
  return t.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Go's strconv.Atoi: optional sign then decimal digits. */
function atoi(s: string): number | undefined {
  return /^[+-]?\d+$/.test(s) ? Number(s) : undefined;
}

function findObject(root: { doc: unknown }, path: string): Location | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let current: unknown = root.doc;
  for (const part of split.slice(1, -1)) {
    const next = getChild(current, decodeToken(part));
    if (next === undefined || next === null || typeof next !== 'object') return undefined;
    current = next;
  }
  if (current === null || typeof current !== 'object') return undefined;
  return { container: current as JsonObject | unknown[], key: decodeToken(split[split.length - 1] as string) };
}

/** Reads a member; undefined when missing (or, for arrays, when the index is unusable). */
function getChild(container: unknown, key: string): unknown {
  if (Array.isArray(container)) {
    const idx = atoi(key);
    if (idx === undefined || idx < 0 || idx >= container.length) return undefined;
    return container[idx];
  }
  if (isJsonObject(container)) return Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
  return undefined;
}

function add(loc: Location, value: unknown): boolean {
  const { container, key } = loc;
  if (!Array.isArray(container)) {
    container[key] = value;
    return true;
  }
  if (key === '-') {
    container.push(value);
    return true;
  }
  let idx = atoi(key);
  const size = container.length + 1;
  if (idx === undefined || idx >= size || idx < -size) return false;
  if (idx < 0) idx += size;
  container.splice(idx, 0, value);
  return true;
}

function remove(loc: Location): boolean {
  const { container, key } = loc;
  if (!Array.isArray(container)) {
    if (!Object.prototype.hasOwnProperty.call(container, key)) return false;
    delete container[key];
    return true;
  }
  let idx = atoi(key);
  if (idx === undefined || idx >= container.length || idx < -container.length) return false;
  if (idx < 0) idx += container.length;
  container.splice(idx, 1);
  return true;
}

function stringField(op: JsonObject, name: string): string | undefined {
  const v = op[name];
  return typeof v === 'string' ? v : undefined;
}

/** The operation's value; a missing or null value is null (v4 adds a JSON null). */
function opValue(op: JsonObject): unknown {
  return op['value'] ?? null;
}

function applyOperation(root: { doc: unknown }, op: Operation): boolean {
  const kind = op === null ? undefined : op['op'];
  if (op === null) return false;
  const path = stringField(op, 'path');
  switch (kind) {
    case 'add': {
      if (path === undefined) return false;
      const loc = findObject(root, path);
      return loc !== undefined && add(loc, deepClone(opValue(op)));
    }
    case 'remove': {
      if (path === undefined) return false;
      const loc = findObject(root, path);
      return loc !== undefined && remove(loc);
    }
    case 'replace': {
      if (path === undefined) return false;
      const loc = findObject(root, path);
      if (loc === undefined) return false;
      if (Array.isArray(loc.container)) {
        const idx = atoi(loc.key);
        if (idx === undefined || idx < 0 || idx >= loc.container.length) return false;
        loc.container[idx] = deepClone(opValue(op));
      } else {
        loc.container[loc.key] = deepClone(opValue(op));
      }
      return true;
    }
    case 'move': {
      const from = stringField(op, 'from');
      if (from === undefined) return false;
      const src = findObject(root, from);
      if (src === undefined) return false;
      if (Array.isArray(src.container) && getChild(src.container, src.key) === undefined) return false;
      const value = Array.isArray(src.container) ? getChild(src.container, src.key) : src.container[src.key];
      if (!remove(src)) return false;
      if (path === undefined) return false;
      const dst = findObject(root, path);
      return dst !== undefined && add(dst, value);
    }
    case 'copy': {
      const from = stringField(op, 'from');
      if (from === undefined) return false;
      const src = findObject(root, from);
      if (src === undefined) return false;
      if (Array.isArray(src.container) && getChild(src.container, src.key) === undefined) return false;
      const value = getChild(src.container, src.key) ?? null;
      if (path === undefined) return false;
      const dst = findObject(root, path);
      return dst !== undefined && add(dst, deepClone(value));
    }
    case 'test': {
      if (path === undefined) return false;
      const loc = findObject(root, path);
      if (loc === undefined) return false;
      if (Array.isArray(loc.container) && getChild(loc.container, loc.key) === undefined) return false;
      const actual = getChild(loc.container, loc.key) ?? null;
      const expected = op['value'];
      if (actual === null) return expected === null || expected === undefined;
      if (expected === undefined) return false;
      return v4Equal(actual, expected);
    }
    default:
      return false;
  }
}

/**
 * v4's lazyNode.equal: arrays compare element-wise, but an object only needs each of ITS keys to be present
 * and equal in the other (a test value with extra members still passes).
 */
function v4Equal(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(actual)) {
    return Array.isArray(expected) && actual.length === expected.length && actual.every((v, i) => v4Equal(v, expected[i]));
  }
  if (isJsonObject(actual)) {
    if (!isJsonObject(expected)) return false;
    return Object.keys(actual).every((k) => {
      if (!Object.prototype.hasOwnProperty.call(expected, k)) return false;
      const a = actual[k];
      const b = expected[k];
      if (a === null && b === null) return true;
      return a !== null && b !== null && v4Equal(a, b);
    });
  }
  return actual === expected;
}
