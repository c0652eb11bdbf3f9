/**
 * The JSON value model the patch engines share, with the Go-side distinctions upstream relies on:
 * json decoding in the API server keeps integers as int64 and everything else as float64
 * (UnmarshalCaseSensitivePreserveInts), so `1` and `1.5` are values of different Go types.
 */

export type JsonObject = { [key: string]: unknown };

export function isJsonObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Structural equality of two JSON values (key order ignored, list order significant). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => jsonEqual(v, b[i]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const ak = Object.keys(a);
    if (ak.length !== Object.keys(b).length) return false;
    return ak.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** The Go dynamic type a decoded JSON value has in the API server (reflect.TypeOf). */
export type GoJsonType = 'nil' | 'bool' | 'int64' | 'float64' | 'string' | 'slice' | 'map';

export function goJsonType(v: unknown): GoJsonType {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'slice';
  return 'map';
}

/** Go's reflect.Type.String() for a decoded JSON value, as mergepatch.ErrBadArgType prints it. */
export function goTypeName(v: unknown): string {
  switch (goJsonType(v)) {
    case 'nil':
      return '%!s(<nil>)';
    case 'slice':
      return '[]interface {}';
    case 'map':
      return 'map[string]interface {}';
    default:
      return goJsonType(v);
  }
}

/** fmt's `%v` of a decoded JSON value: `map[a:1 b:[x y]]`, `<nil>`, floats in %g form. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return goFormatNumber(v);
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  const obj = v as JsonObject;
  const keys = Object.keys(obj).sort();
  return `map[${keys.map((k) => `${k}:${goFormat(obj[k])}`).join(' ')}]`;
}

function goFormatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  // %v of a float64 is %g with the shortest representation; exponent form below 1e-4 and from 1e21.
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [mant, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '').padStart(2, '0');
    return `${mant}e${sign}${digits}`;
  }
  return String(n);
}

export function deepClone<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(deepClone) as unknown as T;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v as JsonObject)) if (x !== undefined) out[k] = deepClone(x);
  return out as T;
}
