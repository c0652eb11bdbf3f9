/**
 * The text hashutil.DeepHashObject feeds to FNV for a PodTemplateSpec: go-spew's `%#v` (dump.ForHash config:
 * SortKeys, DisableMethods, SpewKeys) over the Go struct decoded from the template's JSON. Every struct field
 * is printed, in Go declaration order, as `Name:(type)value`; absent JSON fields print their Go zero value
 * (`(*int64)<nil>`, `([]v1.Volume)<nil>`, `(string)`); slice elements, map keys/values and dereferenced
 * pointers omit their type (`<*>` marks a pointer whose type is omitted); map keys are sorted.
 *
 * Types whose Go representation is not a plain projection of their JSON (a non-zero metav1.Time, a
 * resource.Quantity's cached internals, managedFields) throw UnsupportedGoValue: the caller then cannot claim
 * upstream's exact hash.
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
      throw new UnsupportedGoValue('resource.Quantity');
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
