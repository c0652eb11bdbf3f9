/** A process's standard streams. Output is text (UTF-8 on the wire); stdin is read by line or to EOF. */
import type { Disposable } from '../../../base/disposable';
import type { Proc, Wait } from './process-effects';

export interface ShellIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly stdin: Stdin;
  /** stdin/stdout is a terminal (exec -t): the shell prompts, `ls` prints columns. */
  readonly tty: boolean;
}

export interface Stdin {
  /** The next line without its newline; undefined at EOF. */
  readLine(): Proc<string | undefined>;
  /** Everything up to EOF. */
  readAll(): Proc<string>;
}

/** stdin with fixed content, already at EOF afterwards (`execSync`, the right side of a pipe, `< file`). */
export class FixedStdin implements Stdin {
  constructor(private rest: string) {}
  *readLine(): Proc<string | undefined> {
    if (this.rest === '') return undefined;
    const nl = this.rest.indexOf('\n');
    const line = nl < 0 ? this.rest : this.rest.slice(0, nl);
    this.rest = nl < 0 ? '' : this.rest.slice(nl + 1);
    return line;
  }
  *readAll(): Proc<string> {
    const all = this.rest;
    this.rest = '';
    return all;
  }
}

/** stdin fed by a client (exec/attach sessions): data arrives over time, `close()` is EOF. */
export class StreamStdin implements Stdin {
  private buffer = '';
  private closed = false;
  private waiter: (() => void) | undefined;

  push(data: string): void {
    this.buffer += data;
    this.wake();
  }
  close(): void {
    this.closed = true;
    this.wake();
  }
  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
  private more(): Wait {
    return {
      start: (resume): Disposable => {
        this.waiter = () => resume(undefined);
        return { dispose: () => (this.waiter = undefined) };
      },
    };
  }
  *readLine(): Proc<string | undefined> {
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        return line;
      }
      if (this.closed) {
        const rest = this.buffer;
        this.buffer = '';
        return rest === '' ? undefined : rest;
      }
      yield this.more();
    }
  }
  *readAll(): Proc<string> {
    while (!this.closed) yield this.more();
    const all = this.buffer;
    this.buffer = '';
    return all;
  }
}
