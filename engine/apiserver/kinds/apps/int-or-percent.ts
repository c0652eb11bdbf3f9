/** IntOrString rules shared by rolling-update strategies (pkg/apis/apps/validation, 1.32). */
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import { goIntOrString, isValidPercent, validateNonnegativeField } from '../../validation';

export type IntOrString = number | string;

function percentValue(v: IntOrString | undefined): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length !== 0) return undefined;
  return Number.parseInt(v.slice(0, -1), 10);
}

/** getIntOrPercentValue: the percent number, or IntValue() (a non-numeric string is 0). */
export function intOrPercentValue(v: IntOrString | undefined): number {
  const pct = percentValue(v);
  if (pct !== undefined) return pct;
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^[+-]?[0-9]+$/.test(v)) return Number.parseInt(v, 10);
  return 0;
}

export function validatePositiveIntOrPercent(v: IntOrString | undefined, path: FieldPath): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => fieldError.invalid(path, goIntOrString(v), m));
  return validateNonnegativeField(v ?? 0, path);
}

export function isNotMoreThan100Percent(v: IntOrString | undefined, path: FieldPath): FieldError[] {
  const pct = percentValue(v);
  return pct === undefined || pct <= 100 ? [] : [fieldError.invalid(path, goIntOrString(v), 'must not be greater than 100%')];
}
