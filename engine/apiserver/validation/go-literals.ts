/**
 * Go %#v renderings of the API structs upstream passes as bad values (field.Invalid(path, structValue, …)).
 * Go prints map keys sorted, nil maps/slices as `T(nil)`, and names each struct element's type.
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { GoValue, goQuote } from '../errors/field-errors';

/**
 * field.Error turns a nil bad value (or nil pointer) into the string "null" and then quotes it, so
 * upstream prints `Invalid value: "null"`.
 */
export const GO_NIL = new GoValue('"null"');

/** A bad value for field.Invalid: JSON null/undefined become upstream's quoted "null". */
export function badValueOrNil(v: unknown): unknown {
  return v === undefined || v === null ? GO_NIL : v;
}

export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`).join(', ')}}`;
}

export function goStringSlice(s: readonly string[] | undefined | null): string {
  if (s === undefined || s === null) return '[]string(nil)';
  return `[]string{${s.map(goQuote).join(', ')}}`;
}

function goRequirement(r: LabelSelectorRequirement): string {
  return `v1.LabelSelectorRequirement{Key:${goQuote(r.key ?? '')}, Operator:${goQuote(r.operator ?? '')}, Values:${goStringSlice(r.values)}}`;
}

/** `v1.LabelSelector{MatchLabels:…, MatchExpressions:…}` (a *LabelSelector is dereferenced by field.Error). */
export function goLabelSelector(sel: LabelSelector | undefined | null): GoValue | null {
  if (sel === undefined || sel === null) return null;
  const exprs = sel.matchExpressions;
  const exprText =
    exprs === undefined || exprs === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs.map(goRequirement).join(', ')}}`;
  return new GoValue(`v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`);
}

/** `intstr.IntOrString{Type:0, IntVal:1, StrVal:""}`; an absent value is the zero IntOrString. */
export function goIntOrString(v: number | string | undefined | null): GoValue {
  if (typeof v === 'string') return new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  return new GoValue(`intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`);
}
