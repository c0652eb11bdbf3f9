/**
 * fields.ParseSelector plus the API server's field label conversion (ConvertFieldLabel), as a list request
 * applies them: terms split on unescaped commas and sorted, `=`/`==`/`!=`, backslash escapes in values, and a
 * per-kind check of the field names. Every failure is a 400 BadRequest with upstream's text.
 */
import type { KubeObject } from '../../api/objects';
import { apiErrors } from '../errors/status-error';
import { compareGoStrings } from './label-requirement';
import { convertFieldLabel, selectableFields } from './selectable-fields';

export interface FieldTerm {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

export interface FieldMatcher {
  matches(obj: KubeObject): boolean;
  readonly empty: boolean;
  toString(): string;
  readonly terms: readonly FieldTerm[];
}

/** fields.EscapeValue. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.UnescapeValue; throws the upstream error text. */
export function unescapeFieldValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw new Error(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw new Error(`invalid field selector: unescaped character in value: ${c}`);
    else out += c;
  }
  if (inSlash) throw new Error('invalid field selector: invalid escape sequence: \\');
  return out;
}

/** splitTerms: split on commas not preceded by an escaping backslash. */
function splitTerms(text: string): string[] {
  if (text === '') return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms;
}

/** splitTerm: the first `!=`, `==` or `=` from the left, in that preference at each position. */
function splitTerm(term: string): { lhs: string; op: '!=' | '==' | '='; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '='] as const) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** fields.ParseSelector without conversion; throws Error with upstream's message. */
export function parseFieldTerms(text: string): FieldTerm[] {
  const parts = splitTerms(text).sort(compareGoStrings);
  const terms: FieldTerm[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (split === undefined) throw new Error(`invalid selector: '${text}'; can't understand '${part}'`);
    const value = unescapeFieldValue(split.rhs);
    terms.push({ field: split.lhs, operator: split.op === '!=' ? '!=' : '=', value });
  }
  return terms;
}

function termString(t: FieldTerm): string {
  return `${t.field}${t.operator}${escapeFieldValue(t.value)}`;
}

/**
 * Parses a `fieldSelector` query value for a kind ('core/Pod', 'apps/ReplicaSet', '<group>/<Kind>' for custom
 * resources) and converts its field labels as the API server does (e.g. Pod `spec.host` → `spec.nodeName`).
 */
export function parseFieldSelector(text: string, kindKey: string): FieldMatcher {
  let terms: FieldTerm[];
  try {
    terms = parseFieldTerms(text).map((t) => {
      const converted = convertFieldLabel(kindKey, t.field, t.value);
      return { ...t, field: converted.field, value: converted.value };
    });
  } catch (e) {
    throw apiErrors.badRequest((e as Error).message);
  }
  return {
    terms,
    empty: terms.length === 0,
    matches(obj) {
      if (terms.length === 0) return true;
      const set = selectableFields(kindKey, obj);
      return terms.every((t) => ((set[t.field] ?? '') === t.value) === (t.operator === '='));
    },
    toString: () => terms.map(termString).join(','),
  };
}
