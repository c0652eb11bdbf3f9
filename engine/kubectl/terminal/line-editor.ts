/**
 * The terminal's line discipline as a pure model (readline's core): a buffer with a cursor, history with ↑/↓
 * (the line being typed is kept while browsing), and the editing keys xterm sends. `key()` consumes one key
 * sequence and says what happened; the session renders and acts.
 */
export type EditorAction =
  | { kind: 'redraw' }
  | { kind: 'submit'; line: string }
  | { kind: 'interrupt' }
  | { kind: 'clear-screen' }
  | { kind: 'complete' }
  | { kind: 'eof' }
  | { kind: 'none' };

/** Splits raw xterm input into key sequences (escape sequences whole, everything else per character). */
export function splitKeys(data: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < data.length) {
    const ch = data[i] as string;
    if (ch === '\x1b') {
      const m = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Za-z]|.)?/.exec(data.slice(i));
      const seq = m?.[0] ?? ch;
      keys.push(seq);
      i += seq.length;
      continue;
    }
    const cp = data.codePointAt(i) as number;
    const s = String.fromCodePoint(cp);
    keys.push(s);
    i += s.length;
  }
  return keys;
}

export class LineEditor {
  buffer = '';
  cursor = 0;
  private history: string[] = [];
  /** Index into history while browsing; history.length = the line being typed. */
  private browse = 0;
  private draft = '';

  get entries(): readonly string[] {
    return this.history;
  }

  key(k: string): EditorAction {
    switch (k) {
      case '\r':
      case '\n': {
        const line = this.buffer;
        if (line.trim() !== '' && this.history[this.history.length - 1] !== line) this.history.push(line);
        this.reset();
        return { kind: 'submit', line };
      }
      case '\x03':
        this.reset();
        return { kind: 'interrupt' };
      case '\x0c':
        return { kind: 'clear-screen' };
      case '\t':
        return { kind: 'complete' };
      case '\x04':
        if (this.buffer === '') return { kind: 'eof' };
        return this.deleteForward();
      case '\x7f':
      case '\b':
        if (this.cursor === 0) return { kind: 'none' };
        this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
        this.cursor--;
        return { kind: 'redraw' };
      case '\x1b[3~':
        return this.deleteForward();
      case '\x1b[D':
      case '\x02':
        if (this.cursor > 0) this.cursor--;
        return { kind: 'redraw' };
      case '\x1b[C':
      case '\x06':
        if (this.cursor < this.buffer.length) this.cursor++;
        return { kind: 'redraw' };
      case '\x1b[H':
      case '\x1bOH':
      case '\x1b[1~':
      case '\x01':
        this.cursor = 0;
        return { kind: 'redraw' };
      case '\x1b[F':
      case '\x1bOF':
      case '\x1b[4~':
      case '\x05':
        this.cursor = this.buffer.length;
        return { kind: 'redraw' };
      case '\x15':
        this.buffer = this.buffer.slice(this.cursor);
        this.cursor = 0;
        return { kind: 'redraw' };
      case '\x0b':
        this.buffer = this.buffer.slice(0, this.cursor);
        return { kind: 'redraw' };
      case '\x17': {
        const before = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, '');
        this.buffer = before + this.buffer.slice(this.cursor);
        this.cursor = before.length;
        return { kind: 'redraw' };
      }
      case '\x1b[A':
      case '\x10':
        return this.historyStep(-1);
      case '\x1b[B':
      case '\x0e':
        return this.historyStep(1);
      default:
        if (k.startsWith('\x1b') || (k.length === 1 && k.charCodeAt(0) < 0x20)) return { kind: 'none' };
        this.insert(k);
        return { kind: 'redraw' };
    }
  }

  insert(text: string): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
  }

  private deleteForward(): EditorAction {
    if (this.cursor >= this.buffer.length) return { kind: 'none' };
    this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
    return { kind: 'redraw' };
  }

  private historyStep(delta: -1 | 1): EditorAction {
    const next = this.browse + delta;
    if (next < 0 || next > this.history.length) return { kind: 'none' };
    if (this.browse === this.history.length) this.draft = this.buffer;
    this.browse = next;
    this.buffer = next === this.history.length ? this.draft : (this.history[next] as string);
    this.cursor = this.buffer.length;
    return { kind: 'redraw' };
  }

  private reset(): void {
    this.buffer = '';
    this.cursor = 0;
    this.browse = this.history.length;
    this.draft = '';
  }
}
