/**
 * Labels, annotations and label selectors as k8s.io/apimachinery/pkg/apis/meta/v1/validation and
 * pkg/api/validation/objectmeta.go check them. Upstream iterates Go maps (random order); we use the
 * object's key order, which is deterministic and matches for single errors.
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { fieldError, type FieldError, type FieldPath } from '../errors/field-errors';
import { byteLength, isQualifiedName, isValidLabelValue } from './names';

export const TOTAL_ANNOTATION_SIZE_LIMIT_B = 256 * 1024;

export function validateLabelName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((m) => fieldError.invalid(path, name, m));
}

export function validateLabels(labels: Record<string, string> | undefined | null, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    errs.push(...validateLabelName(k, path));
    for (const m of isValidLabelValue(v)) errs.push(fieldError.invalid(path, v, m));
  }
  return errs;
}

export function validateAnnotations(annotations: Record<string, string> | undefined | null, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations ?? {})) {
    // QualifiedName, except that case does not matter.
    for (const m of isQualifiedName(k.toLowerCase())) errs.push(fieldError.invalid(path, k, m));
    total += byteLength(k) + byteLength(v ?? '');
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT_B) errs.push(fieldError.tooLong(path, '', TOTAL_ANNOTATION_SIZE_LIMIT_B));
  return errs;
}

export interface LabelSelectorValidationOptions {
  allowInvalidLabelValueInSelector?: boolean;
  allowUnknownOperatorInRequirement?: boolean;
}

export function validateLabelSelectorRequirement(
  req: LabelSelectorRequirement,
  opts: LabelSelectorValidationOptions,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  const values = req.values ?? [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(fieldError.required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(fieldError.forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      if (!opts.allowUnknownOperatorInRequirement) errs.push(fieldError.invalid(path.child('operator'), req.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(req.key ?? '', path.child('key')));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const m of isValidLabelValue(v)) errs.push(fieldError.invalid(path.child('values').index(i), v, m));
    });
  }
  return errs;
}

/** metav1validation.ValidateLabelSelector; a missing selector is valid here (callers require it themselves). */
export function validateLabelSelector(
  sel: LabelSelector | undefined | null,
  path: FieldPath,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  if (sel === undefined || sel === null) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateLabelSelectorRequirement(expr, opts, path.child('matchExpressions').index(i)));
  });
  return errs;
}

/**
 * metav1.LabelSelectorAsSelector(...).Matches(labels): true when every matchLabels pair and every
 * expression holds. An empty selector ({}) matches everything; callers treat a nil selector separately.
 */
export function labelSelectorMatches(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  const have = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (have[k] !== v) return false;
  }
  for (const expr of sel.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(have, expr.key);
    const value = have[expr.key];
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
        if (!present || !values.includes(value as string)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(value as string)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** LabelSelectorAsSelector(sel).Empty(): no requirements at all. */
export function labelSelectorIsEmpty(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}
