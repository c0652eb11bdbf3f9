/**
 * ProcessSession for exec/attach. With a tty it acts as the terminal's line discipline: input is echoed,
 * CR ends a line, DEL/backspace erases, Ctrl-D on an empty line is EOF, Ctrl-C discards the line (it does not
 * interrupt a running command: gap), and output `\n` becomes `\r\n`. Output and exit that happen before anyone
 * subscribes (a command that finishes at once) are kept and delivered to the first subscriber.
 */
import type { Event } from '../../base/event';
import type { ProcessSession } from './container-runtime';
import { StreamStdin } from './shell/shell-io';

type Output = { stream: 'stdout' | 'stderr'; data: string };

/** An event that buffers what fires before its first listener and replays it to that listener. */
class BufferedEmitter<T> {
  private listeners: Array<(v: T) => void> = [];
  private pending: T[] | undefined = [];

  readonly event: Event<T> = (listener) => {
    this.listeners.push(listener);
    const replay = this.pending;
    this.pending = undefined;
    for (const v of replay ?? []) listener(v);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  fire(value: T): void {
    if (this.pending !== undefined) this.pending.push(value);
    for (const l of [...this.listeners]) l(value);
  }
}

export class SimulatedProcessSession implements ProcessSession {
  private readonly output = new BufferedEmitter<Output>();
  private readonly exit = new BufferedEmitter<{ exitCode: number }>();
  readonly onOutput = this.output.event;
  readonly onExit = this.exit.event;
  readonly stdin = new StreamStdin();
  private line = '';
  private exited = false;
  cols = 80;
  rows = 24;

  constructor(
    private readonly tty: boolean,
    /** What `close()` does: kill the exec'd process, or detach an attach session. */
    private readonly onClose: () => void,
    private readonly acceptsInput = true,
  ) {}

  /** Output from the process. */
  emit(stream: 'stdout' | 'stderr', data: string): void {
    if (this.exited || data === '') return;
    this.output.fire({ stream, data: this.tty ? data.replace(/\r?\n/g, '\r\n') : data });
  }

  finish(exitCode: number): void {
    if (this.exited) return;
    this.exited = true;
    this.exit.fire({ exitCode });
  }

  writeStdin(data: string): void {
    if (this.exited || !this.acceptsInput) return;
    if (!this.tty) {
      this.stdin.push(data);
      return;
    }
    for (const ch of data) {
      if (ch === '\r' || ch === '\n') {
        this.output.fire({ stream: 'stdout', data: '\r\n' });
        const line = this.line;
        this.line = '';
        this.stdin.push(`${line}\n`);
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line !== '') {
          this.line = [...this.line].slice(0, -1).join('');
          this.output.fire({ stream: 'stdout', data: '\b \b' });
        }
      } else if (ch === '\x04') {
        if (this.line === '') this.stdin.close();
        else {
          this.stdin.push(this.line);
          this.line = '';
        }
      } else if (ch === '\x03') {
        this.line = '';
        this.output.fire({ stream: 'stdout', data: '^C\r\n' });
        this.stdin.push('\n');
      } else {
        this.line += ch;
        this.output.fire({ stream: 'stdout', data: ch });
      }
    }
  }

  closeStdin(): void {
    this.stdin.close();
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
  }

  close(): void {
    if (!this.exited) this.onClose();
  }
}
