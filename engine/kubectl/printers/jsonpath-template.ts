/**
 * kubectl's `-o jsonpath=` and custom-columns templates (k8s.io/client-go/util/jsonpath): literal text with
 * `{expr}` actions, `{range expr}…{end}` loops, `{"\n"}` string literals; strings print raw, other values as
 * compact JSON with sorted keys; several results join with a space. Path evaluation is the API server's
 * jsonpath module (the same subset CRD printer columns use).
 */
import { evaluateJsonPath, parseJsonPath } from '../../apiserver/printers/json-path';
import { goJson } from './go-json';

type Node = { kind: 'text'; text: string } | { kind: 'expr'; expr: string } | { kind: 'range'; expr: string; body: Node[] };

export class TemplateError extends Error {}

export function parseTemplate(template: string): Node[] {
  const tokens: Array<{ kind: 'text' | 'action'; text: string }> = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{', i);
    if (open < 0) {
      tokens.push({ kind: 'text', text: template.slice(i) });
      break;
    }
    if (open > i) tokens.push({ kind: 'text', text: template.slice(i, open) });
    let depth = 0;
    let j = open;
    let quote: string | undefined;
    for (; j < template.length; j++) {
      const ch = template[j];
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = undefined;
      } else if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) break;
    }
    if (j >= template.length) throw new TemplateError(`unclosed action`);
    tokens.push({ kind: 'action', text: template.slice(open + 1, j).trim() });
    i = j + 1;
  }
  const root: Node[] = [];
  const stack: Node[][] = [root];
  for (const t of tokens) {
    const top = stack[stack.length - 1] as Node[];
    if (t.kind === 'text') top.push({ kind: 'text', text: t.text });
    else if (t.text.startsWith('range ')) {
      const node: Node = { kind: 'range', expr: t.text.slice(6).trim(), body: [] };
      top.push(node);
      stack.push(node.body);
    } else if (t.text === 'end') {
      if (stack.length === 1) throw new TemplateError('not in range, nothing to end');
      stack.pop();
    } else if (/^"(?:[^"\\]|\\.)*"$/.test(t.text)) top.push({ kind: 'text', text: JSON.parse(t.text) as string });
    else top.push({ kind: 'expr', expr: t.text });
  }
  return root;
}

/** Evaluates an action's path against `data` (`.items[*].name`, `@`, `$`). */
export function evaluate(expr: string, data: unknown): unknown[] {
  const e = expr.trim();
  if (e === '@' || e === '$' || e === '.' || e === '') return [data];
  return evaluateJsonPath(parseJsonPath(e.startsWith('@') ? e.slice(1) : e), data);
}

export function renderTemplate(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if (n.kind === 'text') out += n.text;
    else if (n.kind === 'expr') out += evaluate(n.expr, data).map(valueText).join(' ');
    else for (const item of flatten(evaluate(n.expr, data))) out += renderTemplate(n.body, item);
  }
  return out;
}

function flatten(values: unknown[]): unknown[] {
  return values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
}

export function valueText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return v === null ? 'null' : '';
  if (typeof v === 'object') return goJson(v);
  return typeof v === 'number' ? goJson(v) : String(v);
}
