/**
 * Field errors as k8s.io/apimachinery/pkg/util/validation/field renders them: `path: Type: "value": detail`.
 * Messages must match upstream byte for byte; kubectl prints them verbatim to the learner.
 */

export type FieldErrorType =
  | 'FieldValueNotFound'
  | 'FieldValueRequired'
  | 'FieldValueDuplicate'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'InternalError'
  | 'FieldValueTypeInvalid';

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueNotFound: 'Not found',
  FieldValueRequired: 'Required value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  InternalError: 'Internal error',
  FieldValueTypeInvalid: 'Invalid value',
};

/**
 * A bad value Go renders with %#v (a struct such as `core.ServicePort{...}` or `rbac.RoleRef{...}`): JSON has
 * no Go type names, so the caller supplies the rendering and it is printed verbatim.
 */
export class GoValue {
  constructor(readonly text: string) {}
}

/** Marker for "no bad value to print" (upstream's omitValue). */
export const OMIT_VALUE: unique symbol = Symbol('omitValue');

export interface FieldError {
  type: FieldErrorType;
  /** Dotted path with indexes and keys, e.g. `spec.containers[0].image`, `metadata.labels[app]`. */
  field: string;
  badValue: unknown;
  detail: string;
}

/** A field path builder, mirroring field.Path: child(), index(), key(). */
export class FieldPath {
  private constructor(private readonly text: string) {}
  static root(name: string): FieldPath {
    return new FieldPath(name);
  }
  static of(...names: string[]): FieldPath {
    return new FieldPath(names.join('.'));
  }
  child(...names: string[]): FieldPath {
    return new FieldPath(this.text === '' ? names.join('.') : `${this.text}.${names.join('.')}`);
  }
  index(i: number): FieldPath {
    return new FieldPath(`${this.text}[${i}]`);
  }
  key(k: string): FieldPath {
    return new FieldPath(`${this.text}[${k}]`);
  }
  toString(): string {
    return this.text;
  }
}

type PathLike = FieldPath | string;
const p = (path: PathLike): string => path.toString();

export const fieldError = {
  required: (path: PathLike, detail = ''): FieldError => ({ type: 'FieldValueRequired', field: p(path), badValue: '', detail }),
  invalid: (path: PathLike, value: unknown, detail = ''): FieldError => ({ type: 'FieldValueInvalid', field: p(path), badValue: value, detail }),
  typeInvalid: (path: PathLike, value: unknown, detail = ''): FieldError => ({ type: 'FieldValueTypeInvalid', field: p(path), badValue: value, detail }),
  duplicate: (path: PathLike, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field: p(path), badValue: value, detail: '' }),
  notFound: (path: PathLike, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field: p(path), badValue: value, detail: '' }),
  forbidden: (path: PathLike, detail: string): FieldError => ({ type: 'FieldValueForbidden', field: p(path), badValue: '', detail }),
  tooLong: (path: PathLike, value: unknown, maxLength: number): FieldError => ({
    type: 'FieldValueTooLong',
    field: p(path),
    badValue: value,
    detail: maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long',
  }),
  tooMany: (path: PathLike, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field: p(path),
    badValue: actual,
    detail: max >= 0 ? `must have at most ${max} items` : 'has too many items',
  }),
  internal: (path: PathLike, err: string): FieldError => ({ type: 'InternalError', field: p(path), badValue: OMIT_VALUE, detail: err }),
  /** `supported values: "A", "B"` in upstream's order. */
  notSupported: (path: PathLike, value: unknown, valid: readonly string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field: p(path),
    badValue: value,
    detail: valid.length > 0 ? `supported values: ${valid.map(goQuote).join(', ')}` : '',
  }),
};

/** Go's %q for the strings we print (ASCII escapes; enough for names, labels and values). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** Go's %#v / %v rendering of a bad value, for the value kinds validation reports. */
function formatBadValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof GoValue) return value.text;
  if (typeof value === 'string') return goQuote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    if (value.every((v) => typeof v === 'string')) return `[]string{${value.map((v) => goQuote(v as string)).join(', ')}}`;
    return `[]interface {}{${value.map(formatBadValue).join(', ')}}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => typeof v === 'string')) {
      return `map[string]string{${entries.map(([k, v]) => `${goQuote(k)}:${goQuote(v as string)}`).join(', ')}}`;
    }
    return `map[string]interface {}{${entries.map(([k, v]) => `${goQuote(k)}:${formatBadValue(v)}`).join(', ')}}`;
  }
  return String(value);
}

/** The body after `field: ` — what a StatusCause's message carries. */
export function fieldErrorBody(e: FieldError): string {
  let s: string;
  const text = TYPE_TEXT[e.type];
  switch (e.type) {
    case 'FieldValueRequired':
    case 'FieldValueForbidden':
    case 'FieldValueTooLong':
    case 'InternalError':
      s = text;
      break;
    default:
      s = e.badValue === OMIT_VALUE ? text : `${text}: ${formatBadValue(e.badValue)}`;
  }
  if (e.detail !== '') s += `: ${e.detail}`;
  return s;
}

export function fieldErrorMessage(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** utilerrors.NewAggregate(...).Error(): one message alone, or `[a, b]`, duplicates removed. */
export function aggregateMessage(errors: readonly FieldError[]): string {
  const seen = new Set<string>();
  const msgs: string[] = [];
  for (const e of errors) {
    const m = fieldErrorMessage(e);
    if (!seen.has(m)) {
      seen.add(m);
      msgs.push(m);
    }
  }
  if (msgs.length === 1) return msgs[0] as string;
  return `[${msgs.join(', ')}]`;
}
