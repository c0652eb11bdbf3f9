/**
 * The subset of k8s.io/client-go/util/jsonpath that CRD additionalPrinterColumns use: `.a.b`, `['a.b']`,
 * `.a[0].b` (negative indexes count from the end), `.a[*].b`, and equality filters `[?(@.type=="Ready")]`.
 * Missing keys yield no results (upstream evaluates with AllowMissingKeys).
 */

type Segment =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'filter'; path: Segment[]; value: unknown; negate: boolean };

export class JsonPathError extends Error {}

export function parseJsonPath(path: string): Segment[] {
  let text = path.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1).trim();
  if (text.startsWith('$')) text = text.slice(1);
  const segments: Segment[] = [];
  let i = 0;
  const readName = (): string => {
    let name = '';
    while (i < text.length && /[A-Za-z0-9_\-/]/.test(text[i] as string)) name += text[i++];
    return name;
  };
  if (i < text.length && text[i] !== '.' && text[i] !== '[') {
    segments.push({ kind: 'field', name: readName() });
  }
  while (i < text.length) {
    const ch = text[i];
    if (ch === '.') {
      i++;
      if (text[i] === '*') {
        i++;
        segments.push({ kind: 'wildcard' });
        continue;
      }
      const name = readName();
      if (name === '') {
        if (i >= text.length) break; // a bare `.` is the current object
        throw new JsonPathError(`unrecognized character in jsonpath ${JSON.stringify(path)}`);
      }
      segments.push({ kind: 'field', name });
    } else if (ch === '[') {
      const close = findClose(text, i);
      const inner = text.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === '*') segments.push({ kind: 'wildcard' });
      else if (/^-?\d+$/.test(inner)) segments.push({ kind: 'index', index: Number(inner) });
      else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) segments.push({ kind: 'field', name: inner.slice(1, -1) });
      else if (inner.startsWith('?(') && inner.endsWith(')')) segments.push(parseFilter(inner.slice(2, -1), path));
      else throw new JsonPathError(`invalid array index ${inner}`);
    } else {
      throw new JsonPathError(`unrecognized character in jsonpath ${JSON.stringify(path)}`);
    }
  }
  return segments;
}

function findClose(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new JsonPathError('unclosed array expect ]');
}

function parseFilter(expr: string, path: string): Segment {
  const m = /^@((?:\.[A-Za-z0-9_\-/]+)+)\s*(==|!=)\s*(.+)$/.exec(expr.trim());
  if (m === null) throw new JsonPathError(`unsupported filter in jsonpath ${JSON.stringify(path)}`);
  const raw = (m[3] as string).trim();
  let value: unknown;
  if (/^'.*'$/.test(raw) || /^".*"$/.test(raw)) value = raw.slice(1, -1);
  else if (raw === 'true' || raw === 'false') value = raw === 'true';
  else if (/^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
  else throw new JsonPathError(`unsupported filter value ${raw}`);
  return { kind: 'filter', path: parseJsonPath(m[1] as string), value, negate: m[2] === '!=' };
}

/** All values the path selects, in document order. */
export function evaluateJsonPath(segments: readonly Segment[], root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const seg of segments) {
    const next: unknown[] = [];
    for (const v of current) {
      switch (seg.kind) {
        case 'field':
          if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, seg.name)) {
            next.push((v as Record<string, unknown>)[seg.name]);
          }
          break;
        case 'index':
          if (Array.isArray(v)) {
            const i = seg.index < 0 ? v.length + seg.index : seg.index;
            if (i >= 0 && i < v.length) next.push(v[i]);
          }
          break;
        case 'wildcard':
          if (Array.isArray(v)) next.push(...v);
          else if (v !== null && typeof v === 'object') {
            for (const k of Object.keys(v).sort()) next.push((v as Record<string, unknown>)[k]);
          }
          break;
        case 'filter':
          if (Array.isArray(v)) {
            for (const item of v) {
              const found = evaluateJsonPath(seg.path, item);
              const equal = found.length > 0 && found[0] === seg.value;
              if (found.length > 0 && equal !== seg.negate) next.push(item);
            }
          }
          break;
      }
    }
    current = next;
  }
  return current;
}
