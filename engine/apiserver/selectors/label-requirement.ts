/**
 * labels.Requirement: one `key op values` term, its validation (NewRequirement), matching and String().
 * Operators keep upstream's selection.Operator spellings.
 */
import { fieldError, type FieldError } from '../errors/field-errors';
import { isQualifiedName, isValidLabelValue } from '../validation/names';

export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface Requirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** As given (the parser passes them sorted and de-duplicated, like sets.String.List()). */
  readonly values: readonly string[];
}

/** Label sets as objects carry them; a missing map is an empty set. */
export type Labels = Readonly<Record<string, string>>;

/** validateLabelKey: the key's error at `path` (`<nil>` when the parser validates with no path). */
export function validateLabelKey(key: string, path: string): FieldError | undefined {
  const errs = isQualifiedName(key);
  return errs.length > 0 ? fieldError.invalid(path, key, errs.join('; ')) : undefined;
}

/**
 * NewRequirement's checks in upstream order: key, operator/values arity, Gt/Lt integers, then each value.
 * `path` is the parent field path ('' = none), so errors read `key`, `values`, `values[0][app]`.
 */
export function validateRequirement(key: string, op: LabelOperator, values: readonly string[], path = ''): FieldError[] {
  const child = (name: string): string => (path === '' ? name : `${path}.${name}`);
  const errs: FieldError[] = [];
  const keyErr = validateLabelKey(key, child('key'));
  if (keyErr) errs.push(keyErr);
  const valuePath = child('values');
  switch (op) {
    case 'in':
    case 'notin':
      if (values.length === 0) errs.push(fieldError.invalid(valuePath, [...values], "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) errs.push(fieldError.invalid(valuePath, [...values], 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (values.length !== 0) errs.push(fieldError.invalid(valuePath, [...values], 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (values.length !== 1) errs.push(fieldError.invalid(valuePath, [...values], "for 'Gt', 'Lt' operators, exactly one value is required"));
      values.forEach((v, i) => {
        if (parseGoInt64(v) === undefined) {
          errs.push(fieldError.invalid(`${valuePath}[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
        }
      });
      break;
  }
  values.forEach((v, i) => {
    const msgs = isValidLabelValue(v);
    if (msgs.length > 0) errs.push(fieldError.invalid(`${valuePath}[${i}][${key}]`, v, msgs.join('; ')));
  });
  return errs;
}

/** strconv.ParseInt(s, 10, 64): optional sign, decimal digits, within int64. */
export function parseGoInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  return n;
}

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value as string);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has) return false;
      const labelValue = parseGoInt64(value as string);
      if (labelValue === undefined || r.values.length !== 1) return false;
      const bound = parseGoInt64(r.values[0] as string);
      if (bound === undefined) return false;
      return r.operator === 'gt' ? labelValue > bound : labelValue < bound;
    }
  }
}

const OP_TEXT: Record<LabelOperator, string> = {
  '=': '=',
  '==': '==',
  '!=': '!=',
  in: ' in ',
  notin: ' notin ',
  gt: '>',
  lt: '<',
  exists: '',
  '!': '',
};

/** Requirement.String(): `!key`, `key`, `key=v`, `key in (a,b)` — multiple values printed sorted. */
export function requirementString(r: Requirement): string {
  let s = r.operator === '!' ? `!${r.key}` : r.key;
  if (r.operator === 'exists' || r.operator === '!') return s;
  s += OP_TEXT[r.operator];
  const values = r.values.length === 1 ? (r.values[0] as string) : [...r.values].sort(compareGoStrings).join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${s}(${values})` : s + values;
}

/** Go string ordering (bytewise; for the ASCII that label syntax allows, code-unit order is the same). */
export function compareGoStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
