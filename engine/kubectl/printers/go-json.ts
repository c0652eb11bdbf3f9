/**
 * encoding/json's output for an unstructured object as kubectl prints it (`-o json`: json.MarshalIndent with
 * four spaces; `jsonpath` and last-applied: compact): map keys sorted, `<`, `>`, `&`, U+2028 and U+2029
 * escaped as \u003c…, and a Go float's shortest form.
 */
export function goJson(value: unknown, indent = ''): string {
  return encode(value, indent, '');
}

function encode(v: unknown, indent: string, prefix: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const inner = prefix + indent;
  const nl = indent === '' ? '' : '\n';
  const sep = indent === '' ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${nl}${v.map((x) => inner + encode(x, indent, inner)).join(`,${nl}`)}${nl}${prefix}]`;
  }
  const keys = Object.keys(v as object).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort(byteOrder);
  if (keys.length === 0) return '{}';
  return `{${nl}${keys.map((k) => `${inner}${goString(k)}${sep}${encode((v as Record<string, unknown>)[k], indent, inner)}`).join(`,${nl}`)}${nl}${prefix}}`;
}

/** Go sorts map keys by bytes; for the ASCII keys of Kubernetes objects this is code-unit order. */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** strconv.FormatFloat(f, 'f' or 'e', -1, 64) as encoding/json chooses between them. */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go: e-notation with at least two exponent digits, e.g. 1e-07, 1e+21.
    const [m, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '');
    return `${m}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
  }
  return String(n);
}
