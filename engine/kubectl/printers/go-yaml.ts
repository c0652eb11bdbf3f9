/**
 * sigs.k8s.io/yaml's Marshal as kubectl prints `-o yaml`: the object goes through JSON, then go-yaml v2 emits it
 * — map keys sorted, sequences not indented under their key, 2-space indent, strings plain when they read back
 * as the same string, double-quoted when they would read as another type (numbers, booleans, null, timestamps),
 * single-quoted when plain is not allowed, literal blocks (`|`, `|-`) for multi-line text, and plain or
 * single-quoted text folded at spaces past column 80 (libyaml's best_width).
 */
import { byteOrder, goNumber } from './go-json';

const BEST_WIDTH = 80;

export function goYaml(value: unknown): string {
  const out: string[] = [];
  emitValue(value, 0, out, true);
  return out.join('');
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Emits a node that begins a new line at `indent` (document root, under a key, or after `- `). */
function emitValue(v: unknown, indent: number, out: string[], atLineStart: boolean): void {
  const pad = ' '.repeat(indent);
  if (isMap(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(byteOrder);
    if (keys.length === 0) {
      out.push('{}\n');
      return;
    }
    keys.forEach((k, i) => {
      const child = v[k];
      const keyText = scalar(k, indent, true, indent, 0);
      const lead = i === 0 && !atLineStart ? '' : pad;
      if (isMap(child) && Object.keys(child).some((ck) => child[ck] !== undefined)) {
        out.push(`${lead}${keyText}:\n`);
        emitValue(child, indent + 2, out, true);
      } else if (Array.isArray(child) && child.length > 0) {
        out.push(`${lead}${keyText}:\n`);
        emitSequence(child, indent, out);
      } else {
        out.push(`${lead}${keyText}: ${inline(child, indent + 2, indent, indent + [...keyText].length + 2)}\n`);
      }
    });
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push('[]\n');
      return;
    }
    emitSequence(v, indent, out, atLineStart);
    return;
  }
  out.push(`${inline(v, indent, indent, indent)}\n`);
}

function emitSequence(items: unknown[], indent: number, out: string[], firstAtLineStart = true): void {
  const pad = ' '.repeat(indent);
  items.forEach((item, i) => {
    const lead = i === 0 && !firstAtLineStart ? '' : pad;
    if ((isMap(item) && Object.keys(item).length > 0) || (Array.isArray(item) && item.length > 0)) {
      out.push(`${lead}- `);
      emitValue(item, indent + 2, out, false);
    } else {
      out.push(`${lead}- ${inline(item, indent + 2, indent, indent + 2)}\n`);
    }
  });
}

/**
 * A scalar or empty collection on the current line: `indent` is where folded text continues, `parentIndent`
 * the indent of the owning key (block text goes 2 deeper), `column` how many characters precede it on the line.
 */
function inline(v: unknown, indent: number, parentIndent: number, column: number): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goNumber(v);
  if (Array.isArray(v)) return '[]';
  if (isMap(v)) return '{}';
  return scalar(String(v), indent, false, parentIndent, column);
}

function scalar(s: string, indent: number, isKey: boolean, parentIndent: number, column: number): string {
  if (s === '') return '""';
  if (resolvesToNonString(s)) return doubleQuoted(s);
  if (s.includes('\n') && !isKey) {
    if (hasSpecial(s) || /[ \t]\n|[ \t]$/.test(s)) return doubleQuoted(s);
    return literal(s, parentIndent + 2);
  }
  if (hasSpecial(s) || s.includes('\n')) return doubleQuoted(s);
  if (plainAllowed(s)) return isKey ? s : fold(s, indent, column);
  const quoted = `'${s.replace(/'/g, "''")}'`;
  return isKey ? quoted : fold(quoted, indent, column);
}

function literal(s: string, indent: number): string {
  const pad = ' '.repeat(indent);
  const trailing = s.endsWith('\n');
  const chomp = trailing ? (s.endsWith('\n\n') ? '+' : '') : '-';
  const body = trailing ? s.replace(/\n+$/, (m) => (chomp === '+' ? m.slice(1) : '')) : s;
  const indicator = /^\s/.test(s) ? String(2) : '';
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  return `|${indicator}${chomp}\n${lines.join('\n')}`.replace(/\n$/, '') + (chomp === '+' ? '\n' : '');
}

/**
 * libyaml breaks a plain or single-quoted scalar at a single space once the line passed best_width
 * (yaml_emitter_write_plain_scalar: `column > best_width && !is_space(next)`), continuing at `indent`.
 */
function fold(text: string, indent: number, column: number): string {
  let col = column;
  let out = '';
  let prevSpace = false;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    if (ch === ' ') {
      if (!prevSpace && col > BEST_WIDTH && chars[i + 1] !== ' ' && i > 0 && i < chars.length - 1) {
        out += `\n${' '.repeat(indent)}`;
        col = indent;
        prevSpace = true;
        continue;
      }
      prevSpace = true;
    } else prevSpace = false;
    out += ch;
    col++;
  }
  return out;
}

const INDICATORS = '-?:,[]{}#&*!|>\'"%@`';

function plainAllowed(s: string): boolean {
  const first = s[0] as string;
  if (/^\s|\s$/.test(s)) return false;
  if (INDICATORS.includes(first)) {
    if (!('-?:'.includes(first) && s.length > 1 && s[1] !== ' ')) return false;
  }
  if (s.includes(': ') || s.includes(' #') || s.endsWith(':')) return false;
  if (s === '-' || s.startsWith('---') || s.startsWith('...')) return false;
  return true;
}

function hasSpecial(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c === 0x0a || c === 0x09) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) return true;
  }
  return false;
}

/** go-yaml v2's resolve(): would the plain text read back as something other than this string? */
function resolvesToNonString(s: string): boolean {
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/.test(s)) return true;
  if (/^[-+]?(\.inf|\.Inf|\.INF)$/.test(s) || /^(\.nan|\.NaN|\.NAN)$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*$/.test(s)) return true;
  if (/^[-+]?0b[01_]+$/.test(s) || /^[-+]?0x[0-9a-fA-F_]+$/.test(s) || /^[-+]?0o?[0-7_]+$/.test(s)) return true;
  if (/^[-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?$/.test(s) && /[0-9]/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$/.test(s)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d*)?(Z|[-+]\d{1,2}(:\d{2})?)?)?$/.test(s)) return true;
  return false;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 0) out += '\\0';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (c === 0xfeff) out += '\\uFEFF';
    else out += ch;
  }
  return `${out}"`;
}
