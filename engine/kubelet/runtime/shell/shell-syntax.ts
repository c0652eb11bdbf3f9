/**
 * The POSIX sh subset the simulated containers run (busybox ash as `sh -c` scripts in manifests use it):
 * lists with `;` `&` newlines, `&&` `||`, pipelines, `!`, `if/elif/else/fi`, `while`/`until`, `for … in`,
 * `{ …; }` and `( … )`, assignments, redirections (`>`, `>>`, `<`, `2>&1`), quoting, `$VAR` `${VAR}` `$?`
 * `$$` `$#` `$1…`, `$(…)`/backticks and `$((…))`. Anything else is a syntax error with ash's wording.
 */

export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean; defaultValue?: Word }
  | { kind: 'cmdsub'; script: Script; quoted: boolean }
  | { kind: 'arith'; expr: string; quoted: boolean };
export type Word = WordPart[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export type Command =
  | { kind: 'simple'; assigns: Array<{ name: string; value: Word }>; words: Word[]; redirects: Redirect[] }
  | { kind: 'if'; clauses: Array<{ cond: Script; body: Script }>; elseBody: Script | undefined; redirects: Redirect[] }
  | { kind: 'loop'; until: boolean; cond: Script; body: Script; redirects: Redirect[] }
  | { kind: 'for'; name: string; items: Word[] | undefined; body: Script; redirects: Redirect[] }
  | { kind: 'group'; body: Script; subshell: boolean; redirects: Redirect[] };

export interface Pipeline {
  negate: boolean;
  commands: Command[];
}
export interface AndOr {
  first: Pipeline;
  rest: Array<{ op: '&&' | '||'; pipeline: Pipeline }>;
  background: boolean;
}
export type Script = AndOr[];

/** ash's message, e.g. `sh: syntax error: unexpected "fi"`. */
export class ShellSyntaxError extends Error {}

type Token = { kind: 'word'; word: Word; bare: string | undefined } | { kind: 'op'; op: string } | { kind: 'redir'; fd: number; op: Redirect['op'] };

const OPERATOR_CHARS = ';&|()<>\n';
const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'fi', 'while', 'until', 'do', 'done', 'for', 'in', '{', '}', '!']);

export function parseScript(text: string): Script {
  const parser = new Parser(tokenize(text));
  const script = parser.list(new Set());
  parser.expectEnd();
  return script;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '(' || c === ')') {
      tokens.push({ kind: 'op', op: c === '\n' ? '\n' : c === ';' && src[i + 1] === ';' ? ';;' : c });
      i += c === ';' && src[i + 1] === ';' ? 2 : 1;
      continue;
    }
    if (c === '&' || c === '|') {
      const two = src[i + 1] === c;
      tokens.push({ kind: 'op', op: two ? c + c : c });
      i += two ? 2 : 1;
      continue;
    }
    if (c === '<' || c === '>' || (/[0-9]/.test(c) && /^[0-9]+[<>]/.test(src.slice(i)))) {
      let fd = c === '<' ? 0 : 1;
      if (/[0-9]/.test(c)) {
        const m = /^[0-9]+/.exec(src.slice(i)) as RegExpExecArray;
        fd = Number(m[0]);
        i += m[0].length;
      }
      const ch = src[i] as string;
      let op: Redirect['op'];
      if (ch === '<') {
        op = '<';
        i++;
      } else if (src[i + 1] === '>') {
        op = '>>';
        i += 2;
      } else if (src[i + 1] === '&') {
        op = '>&';
        i += 2;
      } else {
        op = '>';
        i++;
      }
      tokens.push({ kind: 'redir', fd, op });
      continue;
    }
    const [word, next, bare] = readWord(src, i);
    tokens.push({ kind: 'word', word, bare });
    i = next;
  }
  return tokens;
}

/** Reads one word starting at `i`; `bare` is its text when it has no quoting or expansion (for keywords and assignments). */
function readWord(src: string, start: number): [Word, number, string | undefined] {
  const parts: Word = [];
  let lit = '';
  let bare = true;
  const flush = (quoted: boolean): void => {
    if (lit !== '') parts.push({ kind: 'lit', text: lit, quoted });
    lit = '';
  };
  let i = start;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || OPERATOR_CHARS.includes(c)) break;
    if (c === '\\') {
      flush(false);
      lit = src[i + 1] ?? '';
      flush(true);
      bare = false;
      i += 2;
    } else if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
      flush(false);
      parts.push({ kind: 'lit', text: src.slice(i + 1, end), quoted: true });
      bare = false;
      i = end + 1;
    } else if (c === '"') {
      flush(false);
      bare = false;
      i = readDoubleQuoted(src, i + 1, parts);
    } else if (c === '$' || c === '`') {
      const [part, next] = readDollar(src, i, false);
      if (part === undefined) {
        lit += '$';
        i++;
        continue;
      }
      flush(false);
      parts.push(part);
      bare = false;
      i = next;
    } else {
      lit += c;
      i++;
    }
  }
  flush(false);
  const text = parts.map((p) => (p.kind === 'lit' ? p.text : '')).join('');
  return [parts, i, bare ? text : undefined];
}

function readDoubleQuoted(src: string, start: number, parts: Word): number {
  let lit = '';
  let i = start;
  const flush = (): void => {
    parts.push({ kind: 'lit', text: lit, quoted: true });
    lit = '';
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '"') {
      flush();
      return i + 1;
    }
    if (c === '\\' && '$`"\\\n'.includes(src[i + 1] ?? '')) {
      if (src[i + 1] !== '\n') lit += src[i + 1];
      i += 2;
    } else if (c === '$' || c === '`') {
      const [part, next] = readDollar(src, i, true);
      if (part === undefined) {
        lit += '$';
        i++;
        continue;
      }
      flush();
      parts.push(part);
      i = next;
    } else {
      lit += c;
      i++;
    }
  }
  throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
}

/** `$…` or a backtick substitution at `i`; undefined when `$` stands for itself. */
function readDollar(src: string, i: number, quoted: boolean): [WordPart | undefined, number] {
  if (src[i] === '`') {
    const end = src.indexOf('`', i + 1);
    if (end < 0) throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
    return [{ kind: 'cmdsub', script: parseScript(src.slice(i + 1, end)), quoted }, end + 1];
  }
  const next = src[i + 1] ?? '';
  if (src.startsWith('$((', i)) {
    const end = matchParen(src, i + 1);
    const inner = src.slice(i + 3, end);
    if (!inner.endsWith(')')) throw new ShellSyntaxError('sh: syntax error: unexpected ")"');
    return [{ kind: 'arith', expr: inner.slice(0, -1), quoted }, end + 1];
  }
  if (next === '(') {
    const end = matchParen(src, i + 1);
    return [{ kind: 'cmdsub', script: parseScript(src.slice(i + 2, end)), quoted }, end + 1];
  }
  if (next === '{') {
    const end = src.indexOf('}', i + 2);
    if (end < 0) throw new ShellSyntaxError('sh: syntax error: bad substitution');
    const body = src.slice(i + 2, end);
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[?$#@*])(?::?-(.*))?$/s.exec(body);
    if (m === null) throw new ShellSyntaxError(`sh: syntax error: bad substitution`);
    const part: WordPart = { kind: 'var', name: m[1] as string, quoted };
    if (m[2] !== undefined) part.defaultValue = readWord(m[2].replace(/ /g, '\\ '), 0)[0];
    return [part, end + 1];
  }
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?$#@*!])/.exec(src.slice(i + 1));
  if (m === null) return [undefined, i + 1];
  return [{ kind: 'var', name: m[1] as string, quoted }, i + 1 + (m[1] as string).length];
}

/** Index of the `)` closing the `(` at `open`, skipping quotes and nested parentheses. */
function matchParen(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "'") i = src.indexOf("'", i + 1);
    else if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    if (i < 0) break;
  }
  throw new ShellSyntaxError('sh: syntax error: unterminated quoted string');
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private isKeyword(t: Token | undefined, kw: string): boolean {
    return t?.kind === 'word' && t.bare === kw;
  }
  private isOp(t: Token | undefined, op: string): boolean {
    return t?.kind === 'op' && t.op === op;
  }
  private unexpected(t: Token | undefined): ShellSyntaxError {
    if (t === undefined) return new ShellSyntaxError('sh: syntax error: unexpected end of file');
    const text = t.kind === 'op' ? (t.op === '\n' ? 'newline' : t.op) : t.kind === 'word' ? (t.bare ?? 'word') : 'redirection';
    return new ShellSyntaxError(`sh: syntax error: unexpected "${text}"`);
  }
  private skipNewlines(): void {
    while (this.isOp(this.peek(), '\n')) this.pos++;
  }
  private expectKeyword(kw: string): void {
    this.skipNewlines();
    const t = this.peek();
    if (!this.isKeyword(t, kw)) throw this.unexpected(t);
    this.pos++;
  }

  expectEnd(): void {
    this.skipNewlines();
    const t = this.peek();
    if (t !== undefined) throw this.unexpected(t);
  }

  /** A list up to (not including) one of the `terminators` keywords, `)` or the end. */
  list(terminators: Set<string>): Script {
    const script: Script = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t === undefined || this.isOp(t, ')') || (t.kind === 'word' && t.bare !== undefined && terminators.has(t.bare))) return script;
      const andOr = this.andOr();
      const sep = this.peek();
      if (this.isOp(sep, ';') || this.isOp(sep, '\n')) this.pos++;
      else if (this.isOp(sep, '&')) {
        andOr.background = true;
        this.pos++;
      }
      script.push(andOr);
    }
  }

  private andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (!this.isOp(t, '&&') && !this.isOp(t, '||')) break;
      this.pos++;
      this.skipNewlines();
      rest.push({ op: (t as { op: '&&' | '||' }).op, pipeline: this.pipeline() });
    }
    return { first, rest, background: false };
  }

  private pipeline(): Pipeline {
    let negate = false;
    if (this.isKeyword(this.peek(), '!')) {
      negate = true;
      this.pos++;
    }
    const commands = [this.command()];
    while (this.isOp(this.peek(), '|')) {
      this.pos++;
      this.skipNewlines();
      commands.push(this.command());
    }
    return { negate, commands };
  }

  private command(): Command {
    const t = this.peek();
    if (this.isKeyword(t, 'if')) return this.withRedirects(this.ifCommand());
    if (this.isKeyword(t, 'while') || this.isKeyword(t, 'until')) {
      this.pos++;
      const cond = this.list(new Set(['do']));
      this.expectKeyword('do');
      const body = this.list(new Set(['done']));
      this.expectKeyword('done');
      return this.withRedirects({ kind: 'loop', until: this.isKeyword(t, 'until'), cond, body, redirects: [] });
    }
    if (this.isKeyword(t, 'for')) {
      this.pos++;
      const nameTok = this.peek();
      if (nameTok?.kind !== 'word' || nameTok.bare === undefined) throw this.unexpected(nameTok);
      this.pos++;
      let items: Word[] | undefined;
      this.skipNewlines();
      if (this.isKeyword(this.peek(), 'in')) {
        this.pos++;
        items = [];
        for (let w = this.peek(); w?.kind === 'word'; w = this.peek()) {
          items.push(w.word);
          this.pos++;
        }
        if (this.isOp(this.peek(), ';') || this.isOp(this.peek(), '\n')) this.pos++;
      } else if (this.isOp(this.peek(), ';')) this.pos++;
      this.expectKeyword('do');
      const body = this.list(new Set(['done']));
      this.expectKeyword('done');
      return this.withRedirects({ kind: 'for', name: nameTok.bare, items, body, redirects: [] });
    }
    if (this.isKeyword(t, '{')) {
      this.pos++;
      const body = this.list(new Set(['}']));
      this.expectKeyword('}');
      return this.withRedirects({ kind: 'group', body, subshell: false, redirects: [] });
    }
    if (this.isOp(t, '(')) {
      this.pos++;
      const body = this.list(new Set());
      if (!this.isOp(this.peek(), ')')) throw this.unexpected(this.peek());
      this.pos++;
      return this.withRedirects({ kind: 'group', body, subshell: true, redirects: [] });
    }
    return this.simple();
  }

  private ifCommand(): Command {
    this.pos++;
    const clauses: Array<{ cond: Script; body: Script }> = [];
    let elseBody: Script | undefined;
    for (;;) {
      const cond = this.list(new Set(['then']));
      this.expectKeyword('then');
      const body = this.list(new Set(['elif', 'else', 'fi']));
      clauses.push({ cond, body });
      const t = this.peek();
      this.pos++;
      if (this.isKeyword(t, 'elif')) continue;
      if (this.isKeyword(t, 'else')) {
        elseBody = this.list(new Set(['fi']));
        this.expectKeyword('fi');
      } else if (!this.isKeyword(t, 'fi')) throw this.unexpected(t);
      return { kind: 'if', clauses, elseBody, redirects: [] };
    }
  }

  private withRedirects(cmd: Command): Command {
    for (let t = this.peek(); t?.kind === 'redir'; t = this.peek()) cmd.redirects.push(this.redirect());
    return cmd;
  }

  private redirect(): Redirect {
    const t = this.peek() as Extract<Token, { kind: 'redir' }>;
    this.pos++;
    const target = this.peek();
    if (target?.kind !== 'word') throw this.unexpected(target);
    this.pos++;
    return { fd: t.fd, op: t.op, target: target.word };
  }

  private simple(): Command {
    const cmd: Extract<Command, { kind: 'simple' }> = { kind: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'redir') {
        cmd.redirects.push(this.redirect());
        continue;
      }
      if (t?.kind !== 'word') break;
      if (cmd.words.length > 0 || !this.isAssignment(t)) {
        if (cmd.words.length === 0 && t.bare !== undefined && KEYWORDS.has(t.bare) && t.bare !== '{' && t.bare !== '!') throw this.unexpected(t);
        cmd.words.push(t.word);
      } else {
        const first = t.word[0] as Extract<WordPart, { kind: 'lit' }>;
        const eq = first.text.indexOf('=');
        const value: Word = [{ kind: 'lit', text: first.text.slice(eq + 1), quoted: false }, ...t.word.slice(1)];
        cmd.assigns.push({ name: first.text.slice(0, eq), value });
      }
      this.pos++;
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) throw this.unexpected(this.peek());
    return cmd;
  }

  private isAssignment(t: Extract<Token, { kind: 'word' }>): boolean {
    const first = t.word[0];
    return first?.kind === 'lit' && !first.quoted && /^[A-Za-z_][A-Za-z0-9_]*=/.test(first.text);
  }
}
