/**
 * From API answers back to the text the learner typed: where, in a multi-document YAML file, the field a
 * Status cause names lives (`spec.template.spec.containers[0].image`, `metadata.labels[app]`, field.Path's
 * String() forms), and where the YAML itself is broken. Positions are 1-based lines and columns, as editor
 * markers use. A path whose tail is not in the text points at its nearest existing parent.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';

export interface TextRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Diagnostic {
  range: TextRange;
  severity: 'error' | 'warning';
  message: string;
  field?: string;
}

/** field.Path.String() split into steps: names, `[n]` indexes and `[key]` map keys. */
export function parseFieldPath(path: string): Array<string | number> {
  const steps: Array<string | number> = [];
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) steps.push(m[1]);
    else if (m[2] !== undefined) steps.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return steps;
}

function rangeOf(node: { range?: [number, number, number] | null } | null | undefined, lines: LineCounter): TextRange | undefined {
  const r = node?.range;
  if (!r) return undefined;
  const start = lines.linePos(r[0]);
  const end = lines.linePos(Math.max(r[0], r[1]));
  return { startLine: start.line, startColumn: start.col, endLine: end.line, endColumn: end.col };
}

/** The value node at `fieldPath` in document `documentIndex` (0-based), else its nearest parent's key or value. */
export function fieldRange(yamlText: string, documentIndex: number, fieldPath: string): TextRange | undefined {
  const lines = new LineCounter();
  const docs = parseAllDocuments(yamlText, { lineCounter: lines });
  const doc = Array.isArray(docs) ? docs[documentIndex] : undefined;
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let best: TextRange | undefined = rangeOf(doc.contents as YamlNode | null, lines);
  for (const step of parseFieldPath(fieldPath)) {
    if (isSeq(node) && typeof step === 'number') {
      node = node.items[step];
    } else if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(step));
      if (!pair) break;
      // A missing or empty value: the key is the place to point at.
      best = rangeOf(pair.key as YamlNode, lines) ?? best;
      node = pair.value;
    } else {
      break;
    }
    const here = rangeOf(node as YamlNode | null, lines);
    if (!here) break;
    best = here;
  }
  return best;
}

/** YAML syntax errors of every document, with their positions (document order). */
export function yamlSyntaxDiagnostics(yamlText: string): Diagnostic[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(yamlText, { lineCounter: lines });
  const out: Diagnostic[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    for (const err of doc.errors) {
      const [from, to] = err.pos;
      const a = lines.linePos(from);
      const b = lines.linePos(Math.max(from + 1, to));
      out.push({ range: { startLine: a.line, startColumn: a.col, endLine: b.line, endColumn: b.col }, severity: 'error', message: err.message.split('\n')[0] ?? err.message });
    }
  }
  return out;
}
