/** validateNodeTaints and validateTaintEffect from pkg/apis/core/validation (1.32). */
import type { Taint } from 'kubernetes-types/core/v1';
import { fieldError, GoValue, goQuote, type FieldError, type FieldPath } from '../../errors/field-errors';
import { isValidLabelValue, validateLabelName } from '../../validation';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export function validateTaintEffect(effect: string | undefined, allowEmpty: boolean, path: FieldPath): FieldError[] {
  const value = effect ?? '';
  if (!allowEmpty && value === '') return [fieldError.required(path)];
  return (TAINT_EFFECTS as readonly string[]).includes(value) ? [] : [fieldError.notSupported(path, value, TAINT_EFFECTS)];
}

/** %#v of a core.Taint, as the duplicate error prints it. */
function taintGoValue(t: Taint): GoValue {
  const added = t.timeAdded ? `time.Date(...)` : '(*v1.Time)(nil)';
  return new GoValue(`core.Taint{Key:${goQuote(t.key ?? '')}, Value:${goQuote(t.value ?? '')}, Effect:${goQuote(t.effect ?? '')}, TimeAdded:${added}}`);
}

export function validateNodeTaints(taints: readonly Taint[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  (taints ?? []).forEach((t, i) => {
    const idx = path.index(i);
    errs.push(...validateLabelName(t.key ?? '', idx.child('key')));
    const valueErrs = isValidLabelValue(t.value ?? '');
    if (valueErrs.length > 0) errs.push(fieldError.invalid(idx.child('value'), t.value ?? '', valueErrs.join(';')));
    errs.push(...validateTaintEffect(t.effect, false, idx.child('effect')));
    const effect = t.effect ?? '';
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(t.key ?? '')) {
      errs.push({ ...fieldError.duplicate(idx, taintGoValue(t)), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    keys.add(t.key ?? '');
    seen.set(effect, keys);
  });
  return errs;
}
