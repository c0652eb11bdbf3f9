/**
 * metav1.LabelSelectorAsSelector and the printers' FormatLabelSelector / labels.FormatLabels.
 * A missing selector selects nothing; an empty one (no matchLabels, no matchExpressions) selects everything.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { aggregateMessage } from '../errors/field-errors';
import { apiErrors } from '../errors/status-error';
import { compareGoStrings, validateRequirement, type LabelOperator, type Requirement } from './label-requirement';
import { everythingSelector, nothingSelector, selectorFromRequirements, type LabelMatcher } from './label-matcher';

const OPERATORS: Record<string, LabelOperator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** LabelSelectorAsSelector, with its error as a message instead of a thrown StatusError. */
export function labelSelectorRequirements(sel: LabelSelector): { requirements: Requirement[] } | { error: string } {
  const requirements: Requirement[] = [];
  // Go ranges a map in random order; the first invalid entry wins, so report in key order for determinism.
  for (const key of Object.keys(sel.matchLabels ?? {}).sort(compareGoStrings)) {
    const values = [(sel.matchLabels ?? {})[key] as string];
    const errs = validateRequirement(key, '=', values);
    if (errs.length > 0) return { error: aggregateMessage(errs) };
    requirements.push({ key, operator: '=', values });
  }
  for (const expr of sel.matchExpressions ?? []) {
    const op = Object.prototype.hasOwnProperty.call(OPERATORS, expr.operator) ? OPERATORS[expr.operator] : undefined;
    if (op === undefined) return { error: `${JSON.stringify(expr.operator)} is not a valid label selector operator` };
    const values = [...(expr.values ?? [])];
    const errs = validateRequirement(expr.key, op, values);
    if (errs.length > 0) return { error: aggregateMessage(errs) };
    requirements.push({ key: expr.key, operator: op, values });
  }
  return { requirements };
}

/** Throws a 400 BadRequest StatusError when the selector is invalid. */
export function labelSelectorFromMeta(sel: LabelSelector | undefined | null): LabelMatcher {
  if (sel === undefined || sel === null) return nothingSelector();
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) return everythingSelector();
  const result = labelSelectorRequirements(sel);
  if ('error' in result) throw apiErrors.badRequest(result.error);
  return selectorFromRequirements(result.requirements);
}

/** metav1.FormatLabelSelector: the selector's string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(sel: LabelSelector | undefined | null): string {
  if (sel === undefined || sel === null) return '<none>';
  const result = labelSelectorRequirements(sel);
  if ('error' in result) return '<error>';
  const text = selectorFromRequirements(result.requirements).toString();
  return text === '' ? '<none>' : text;
}

/** labels.FormatLabels: `k=v` pairs sorted by key, comma-joined; `<none>` for an empty map. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined | null): string {
  const keys = Object.keys(labels ?? {}).sort(compareGoStrings);
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${(labels ?? {})[k]}`).join(',');
}
