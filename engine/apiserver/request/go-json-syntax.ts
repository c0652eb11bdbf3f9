/**
 * Parses JSON and, when the text is malformed, reports the error as Go's encoding/json scanner words it
 * (`invalid character 'x' looking for beginning of value`, `unexpected end of JSON input`), because the
 * API server copies that text into the 400 it returns for a malformed patch body.
 */

export type GoJsonParse = { ok: true; value: unknown } | { ok: false; message: string };

export function parseGoJson(text: string): GoJsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, message: goSyntaxError(text) };
  }
}

/** Go's quoteChar: the offending character in single quotes, escaped like strconv.Quote. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

class Scan {
  i = 0;
  constructor(readonly s: string) {}
  fail(context: string): never {
    if (this.i >= this.s.length) throw new SyntaxMessage('unexpected end of JSON input');
    throw new SyntaxMessage(`invalid character ${quoteChar(this.s[this.i] as string)} ${context}`);
  }
  ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i] as string)) this.i++;
  }
  peek(): string | undefined {
    return this.s[this.i];
  }
}

class SyntaxMessage {
  constructor(readonly message: string) {}
}

function goSyntaxError(text: string): string {
  const sc = new Scan(text);
  try {
    sc.ws();
    value(sc);
    sc.ws();
    if (sc.i < text.length) sc.fail('after top-level value');
    return 'unexpected end of JSON input';
  } catch (e) {
    if (e instanceof SyntaxMessage) return e.message;
    throw e;
  }
}

function value(sc: Scan): void {
  const c = sc.peek();
  if (c === '{') return object(sc);
  if (c === '[') return array(sc);
  if (c === '"') return string(sc);
  if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number(sc);
  for (const lit of ['true', 'false', 'null']) {
    if (c === lit[0]) {
      sc.i++;
      for (let k = 1; k < lit.length; k++) {
        if (sc.peek() !== lit[k]) sc.fail(`in literal ${lit} (expecting '${lit[k]}')`);
        sc.i++;
      }
      return;
    }
  }
  sc.fail('looking for beginning of value');
}

function object(sc: Scan): void {
  sc.i++;
  sc.ws();
  if (sc.peek() === '}') {
    sc.i++;
    return;
  }
  for (;;) {
    sc.ws();
    if (sc.peek() !== '"') sc.fail('looking for beginning of object key string');
    string(sc);
    sc.ws();
    if (sc.peek() !== ':') sc.fail('after object key');
    sc.i++;
    sc.ws();
    value(sc);
    sc.ws();
    const c = sc.peek();
    if (c === ',') {
      sc.i++;
      continue;
    }
    if (c === '}') {
      sc.i++;
      return;
    }
    sc.fail('after object key:value pair');
  }
}

function array(sc: Scan): void {
  sc.i++;
  sc.ws();
  if (sc.peek() === ']') {
    sc.i++;
    return;
  }
  for (;;) {
    sc.ws();
    value(sc);
    sc.ws();
    const c = sc.peek();
    if (c === ',') {
      sc.i++;
      continue;
    }
    if (c === ']') {
      sc.i++;
      return;
    }
    sc.fail('after array element');
  }
}

function string(sc: Scan): void {
  sc.i++;
  for (;;) {
    const c = sc.peek();
    if (c === undefined) sc.fail('in string literal');
    if (c === '"') {
      sc.i++;
      return;
    }
    if (c === '\\') {
      sc.i++;
      const e = sc.peek();
      if (e === 'u') {
        sc.i++;
        for (let k = 0; k < 4; k++) {
          if (!/[0-9a-fA-F]/.test(sc.peek() ?? '')) sc.fail('in \\u hexadecimal character escape');
          sc.i++;
        }
        continue;
      }
      if (e === undefined || !'"\\/bfnrt'.includes(e)) sc.fail('in string escape code');
      sc.i++;
      continue;
    }
    if ((c as string).charCodeAt(0) < 0x20) sc.fail('in string literal');
    sc.i++;
  }
}

function number(sc: Scan): void {
  const digit = (): boolean => {
    const c = sc.peek();
    return c !== undefined && c >= '0' && c <= '9';
  };
  if (sc.peek() === '-') {
    sc.i++;
    if (!digit()) sc.fail('in numeric literal');
  }
  if (sc.peek() === '0') sc.i++;
  else while (digit()) sc.i++;
  if (sc.peek() === '.') {
    sc.i++;
    if (!digit()) sc.fail('after decimal point in numeric literal');
    while (digit()) sc.i++;
  }
  if (sc.peek() === 'e' || sc.peek() === 'E') {
    sc.i++;
    if (sc.peek() === '+' || sc.peek() === '-') sc.i++;
    if (!digit()) sc.fail('in exponent of numeric literal');
    while (digit()) sc.i++;
  }
}
