/**
 * The text hashutil.DeepHashObject feeds to FNV for a PodTemplateSpec: go-spew's `%#v` (dump.ForHash config:
 * SortKeys, DisableMethods, SpewKeys) over the Go struct decoded from the template's JSON. Every struct field
 * is printed, in Go declaration order, as `Name:(type)value`; absent JSON fields print their Go zero value
 * (`(*int64)<nil>`, `([]v1.Volume)<nil>`, `(string)`); slice elements, map keys/values and dereferenced
 * pointers omit their type (`<*>` marks a pointer whose type is omitted); map keys are sorted.
 *
 * resource.Quantity prints its in-memory fields as ParseQuantity's int64 fast path sets them. Values whose Go
 * representation is not modelled (a non-zero metav1.Time, a quantity on the inf.Dec path, managedFields)
 * throw UnsupportedGoValue: the caller then cannot claim upstream's exact hash.
 */
import { GO_NAMED, GO_STRUCTS } from './go-pod-template-types';

export class UnsupportedGoValue extends Error {}

interface GoField {
  goName: string;
  jsonName: string;
  type: string;
}

const fieldCache = new Map<string, GoField[]>();

function fieldsOf(type: string): GoField[] | undefined {
  const cached = fieldCache.get(type);
  if (cached) return cached;
  const spec = GO_STRUCTS[type];
  if (spec === undefined) return undefined;
  const fields = spec.split('|').map((f) => {
    const [goName = '', jsonName = '', t = ''] = f.split(' ');
    return { goName, jsonName, type: t };
  });
  fieldCache.set(type, fields);
  return fields;
}

const ZERO_TIME = '{Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}}';

const DECIMAL_SUFFIXES: Record<string, number> = { '': 0, n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * A resource.Quantity as ParseQuantity (apimachinery v0.32) leaves it in memory — the informer decodes every
 * quantity through it: {i: int64Amount{value, scale}, d: infDecAmount{nil}, s: the string itself when it is
 * already canonical, Format}. Only the int64 fast path is modelled; a quantity that needs inf.Dec throws.
 */
function formatQuantity(json: unknown): string {
  const str = typeof json === 'number' ? String(json) : typeof json === 'string' ? json.trim() : '';
  const render = (value: bigint, scale: number, cached: string, format: string) =>
    `{i:(resource.int64Amount){value:(int64)${value} scale:(resource.Scale)${scale}} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)${cached} Format:(resource.Format)${format}}`;
  if (str === '0') return render(0n, 0, '0', 'DecimalSI');
  const m = /^([+-]?)0*(\d*)(?:\.(\d*))?([eEinumkKMGTP]*[+-]?\d*)$/.exec(str);
  if (!m || str === '') throw new UnsupportedGoValue(`quantity ${str}`);
  const [, sign = '', numRaw = '', denom = '', suffix = ''] = m;
  const num = numRaw === '' ? '0' : numRaw;
  let exponent: number;
  let format: string;
  if (suffix in DECIMAL_SUFFIXES) {
    exponent = DECIMAL_SUFFIXES[suffix] as number;
    format = 'DecimalSI';
  } else if (suffix in BINARY_SUFFIXES) {
    exponent = BINARY_SUFFIXES[suffix] as number;
    format = 'BinarySI';
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    exponent = Number.parseInt(suffix.slice(1), 10);
    format = 'DecimalExponent';
  } else {
    throw new UnsupportedGoValue(`quantity suffix ${suffix}`);
  }
  let scale = 0;
  let mantissa = 1n;
  let precision: number;
  if (format === 'BinarySI') {
    if (exponent < 0 || denom.length > 0) throw new UnsupportedGoValue(`quantity ${str} (inf.Dec path)`);
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  scale -= denom.length;
  if (precision < 0 || scale < -9) throw new UnsupportedGoValue(`quantity ${str} (inf.Dec path)`);
  const shifted = num + denom;
  const value = BigInt(shifted);
  let result = value * mantissa;
  if (value > INT64_MAX || result > INT64_MAX) throw new UnsupportedGoValue(`quantity ${str} (inf.Dec path)`);
  if (sign === '-') result = -result;
  if (result < INT64_MIN) throw new UnsupportedGoValue(`quantity ${str} (inf.Dec path)`);
  const canonical =
    format === 'BinarySI' ? exponent % 10 === 0 && (value & 7n) !== 0n : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
  return render(result, scale, canonical ? str : '', format);
}

function isNil(v: unknown): boolean {
  return v === undefined || v === null;
}

function formatPtr(type: string, value: unknown, ignoreType: boolean): string {
  if (isNil(value)) return ignoreType ? '<nil>' : `(${type})<nil>`;
  const elem = type.slice(1);
  return (ignoreType ? '<*>' : `(${type})`) + format(elem, value, true);
}

function formatScalar(underlying: string, value: unknown): string {
  switch (underlying) {
    case 'string':
      return typeof value === 'string' ? value : '';
    case 'bool':
      return value === true ? 'true' : 'false';
    case 'int32':
    case 'int64':
    case 'int':
    case 'uint64':
    case 'byte':
      return String(typeof value === 'number' ? value : 0);
    case 'float64':
      return String(typeof value === 'number' ? value : 0);
    default:
      throw new UnsupportedGoValue(`no Go layout for ${underlying}`);
  }
}

function format(type: string, value: unknown, ignoreType: boolean): string {
  if (type.startsWith('*')) return formatPtr(type, value, ignoreType);
  const prefix = ignoreType ? '' : `(${type})`;
  switch (type) {
    case 'v1.Time':
      if (!isNil(value) && value !== '') throw new UnsupportedGoValue('non-zero metav1.Time');
      return prefix + ZERO_TIME;
    case 'intstr.IntOrString': {
      const isString = typeof value === 'string';
      const intVal = typeof value === 'number' ? value : 0;
      return `${prefix}{Type:(intstr.Type)${isString ? 1 : 0} IntVal:(int32)${intVal} StrVal:(string)${isString ? value : ''}}`;
    }
    case 'resource.Quantity':
      return prefix + formatQuantity(value);
    case 'v1.ManagedFieldsEntry':
      throw new UnsupportedGoValue('managedFields');
  }
  const underlying = GO_NAMED[type] ?? type;
  if (underlying.startsWith('[]')) {
    if (isNil(value)) return `${prefix}<nil>`;
    const elem = underlying.slice(2);
    return `${prefix}[${(value as unknown[]).map((e) => format(elem, e, true)).join(' ')}]`;
  }
  const map = /^map\[([^\]]+)\](.+)$/.exec(underlying);
  if (map) {
    if (isNil(value)) return `${prefix}<nil>`;
    const [, keyType = '', valueType = ''] = map;
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `${prefix}map[${entries.map(([k, v]) => `${format(keyType, k, true)}:${format(valueType, v, true)}`).join(' ')}]`;
  }
  const fields = fieldsOf(type);
  if (fields) {
    const obj = (isNil(value) ? {} : value) as Record<string, unknown>;
    const parts = fields.map((f) => `${f.goName}:${format(f.type, f.jsonName === ',inline' ? obj : obj[f.jsonName], false)}`);
    return `${prefix}{${parts.join(' ')}}`;
  }
  return prefix + formatScalar(underlying, value);
}

/** `%#v` of a v1.PodTemplateSpec value given as its JSON. */
export function spewPodTemplateSpec(template: unknown): string {
  return format('v1.PodTemplateSpec', template, false);
}
