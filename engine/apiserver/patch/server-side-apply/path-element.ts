/**
 * One step of a field path, as sigs.k8s.io/structured-merge-diff/v4/fieldpath.PathElement: a struct/map field,
 * the key of an associative-list item, the value of a set-list item, or (unused for Kubernetes types) an index.
 * Ordering, `String()` and the fieldsV1 key encoding (`f:`, `k:`, `v:`, `i:`) match upstream.
 */
import { goJsonType, isJsonObject, type JsonObject } from '../json-value';

export type PathElement =
  | { readonly field: string }
  /** Key fields sorted by name. */
  | { readonly key: readonly (readonly [string, unknown])[] }
  | { readonly value: unknown }
  | { readonly index: number };

export type FieldPath = readonly PathElement[];

const rank = (pe: PathElement): number => ('field' in pe ? 0 : 'key' in pe ? 1 : 'value' in pe ? 2 : 3);

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** value.Compare: numbers (numerically), strings, bools, lists, maps, null. */
export function compareValues(a: unknown, b: unknown): number {
  const r = (v: unknown): number => {
    const t = goJsonType(v);
    return t === 'int64' || t === 'float64' ? 0 : t === 'string' ? 1 : t === 'bool' ? 2 : t === 'slice' ? 3 : t === 'map' ? 4 : 5;
  };
  const ra = r(a);
  const rb = r(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 1:
      return compareStrings(a as string, b as string);
    case 2:
      return a === b ? 0 : a === false ? -1 : 1;
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; i < Math.min(la.length, lb.length); i++) {
        const c = compareValues(la[i], lb[i]);
        if (c !== 0) return c;
      }
      return la.length - lb.length < 0 ? -1 : la.length > lb.length ? 1 : 0;
    }
    case 4: {
      const ma = a as JsonObject;
      const mb = b as JsonObject;
      const ka = Object.keys(ma).sort();
      const kb = Object.keys(mb).sort();
      for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
        const c = compareStrings(ka[i] as string, kb[i] as string) || compareValues(ma[ka[i] as string], mb[kb[i] as string]);
        if (c !== 0) return c;
      }
      return ka.length < kb.length ? -1 : ka.length > kb.length ? 1 : 0;
    }
    default:
      return 0;
  }
}

export function comparePathElements(a: PathElement, b: PathElement): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if ('field' in a && 'field' in b) return compareStrings(a.field, b.field);
  if ('key' in a && 'key' in b) {
    for (let i = 0; i < Math.min(a.key.length, b.key.length); i++) {
      const [na, va] = a.key[i] as readonly [string, unknown];
      const [nb, vb] = b.key[i] as readonly [string, unknown];
      const c = compareStrings(na, nb) || compareValues(va, vb);
      if (c !== 0) return c;
    }
    return a.key.length < b.key.length ? -1 : a.key.length > b.key.length ? 1 : 0;
  }
  if ('value' in a && 'value' in b) return compareValues(a.value, b.value);
  if ('index' in a && 'index' in b) return a.index < b.index ? -1 : a.index > b.index ? 1 : 0;
  return 0;
}

/** Go's json.Marshal: JSON with <, >, & and U+2028/2029 escaped, map keys sorted. */
function goJson(v: unknown): string {
  const canonical = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(canonical);
    if (isJsonObject(x)) {
      const out: JsonObject = {};
      for (const k of Object.keys(x).sort()) out[k] = canonical(x[k]);
      return out;
    }
    return x;
  };
  return JSON.stringify(canonical(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The fieldsV1 key of a path element: `f:name`, `k:{"name":"nginx"}`, `v:"value"`, `i:0`. */
export function pathElementKey(pe: PathElement): string {
  if ('field' in pe) return `f:${pe.field}`;
  if ('key' in pe) return `k:${goJson(Object.fromEntries(pe.key))}`;
  if ('value' in pe) return `v:${goJson(pe.value)}`;
  return `i:${pe.index}`;
}

/** Parses a fieldsV1 key; undefined for an unknown prefix (upstream skips those). */
export function parsePathElementKey(s: string): PathElement | undefined {
  const colon = s.indexOf(':');
  if (colon < 0) throw new Error(`missing colon: ${s}`);
  const kind = s.slice(0, colon);
  const rest = s.slice(colon + 1);
  switch (kind) {
    case 'f':
      return { field: rest };
    case 'v':
      return { value: JSON.parse(rest) as unknown };
    case 'i':
      return { index: Number.parseInt(rest, 10) };
    case 'k': {
      const obj = JSON.parse(rest) as JsonObject;
      const entries = Object.keys(obj)
        .sort()
        .map((k) => [k, obj[k]] as const);
      return { key: entries };
    }
    default:
      return undefined;
  }
}

/** value.ToString: strings quoted as Go's %q, numbers and bools as %v. */
function valueString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(',')}]`;
  if (isJsonObject(v)) return `{${Object.keys(v).map((k) => `${k}=${valueString(v[k])}`).join(';')}}`;
  return String(v);
}

/** PathElement.String(): `.name`, `[name="nginx",port=80]`, `[="value"]`, `[0]`. */
export function pathElementString(pe: PathElement): string {
  if ('field' in pe) return `.${pe.field}`;
  if ('key' in pe) return `[${pe.key.map(([n, v]) => `${n}=${valueString(v)}`).join(',')}]`;
  if ('value' in pe) return `[=${valueString(pe.value)}]`;
  return `[${pe.index}]`;
}

export function pathString(path: FieldPath): string {
  return path.map(pathElementString).join('');
}
