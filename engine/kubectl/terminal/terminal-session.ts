/**
 * The in-app terminal behind xterm: a prompt, line editing and history (LineEditor), Tab completion, and the
 * commands `kubectl`/`k`, `etcdctl get`, `clear`, `help`, `history`. One command runs at a time; keys typed
 * meanwhile are queued (a multi-line paste runs line by line) except Ctrl-C, which aborts the running command
 * (`get -w`, `logs -f`, `rollout status`, a delete's wait). Output goes to xterm with `\r\n` line ends.
 */
import type { Disposable } from '../../base/disposable';
import type { Clock } from '../../base/clock';
import type { ApiHandler } from '../../apiserver/handler-types';
import type { Store } from '../../store/types';
import { discoveryFor } from '../discovery-cache';
import { runKubectl } from '../run-kubectl';
import type { AbortSignalLike } from '../context';
import { completions, SHELL_COMMANDS } from './completion';
import { runEtcdctl } from './etcdctl';
import { runNodeNetworkCommand } from './node-network';
import { LineEditor, splitKeys } from './line-editor';
import { splitWords } from './shell-words';

export interface TerminalSessionOptions {
  handler: ApiHandler;
  clock: Clock;
  store: Store;
  /** kube-proxy's mode (default iptables), for iptables-save / iptables -S / ipvsadm -Ln. */
  proxyMode?: 'iptables' | 'ipvs' | 'userspace';
  write(data: string): void;
  cols: number;
  rows: number;
  onExit?(code: number): void;
  /** The kubeconfig server URL shown by `cluster-info` (optional). */
  server?: string;
}

export const PROMPT = '\x1b[1;32m$\x1b[0m ';
const PROMPT_WIDTH = 2;

const HELP = `Cluster Lab terminal

  kubectl <command> …   the in-app kubectl (alias: k); output matches kubectl 1.32 against this cluster
  etcdctl get <key> [--prefix] [--keys-only] [--limit=N]
                        read the cluster's store, keys as /registry/<resource>/<namespace>/<name>
                        (values print as JSON: the lab stores JSON where Kubernetes stores protobuf)
  iptables-save [-t nat|filter], iptables [-t nat|filter] -S [CHAIN], ipvsadm -Ln
                        kube-proxy's rules as a node shows them, for this cluster's proxy mode
  clear                 clear the screen (also Ctrl-L)
  history               commands typed in this session
  help                  this text

Keys: ↑/↓ history, Tab completion, Ctrl-C interrupts a running command (get -w, logs -f, rollout status),
Ctrl-A/Ctrl-E line start/end, Ctrl-U/Ctrl-K cut, Ctrl-W delete word.
Not available in-app: interactive exec (-i/-t), kubectl edit, port-forward, proxy, files on disk (-f path);
use "Use your own kubectl" for those.
`;

class Abort implements AbortSignalLike {
  aborted = false;
  private listeners = new Set<() => void>();
  onAbort(cb: () => void): Disposable {
    this.listeners.add(cb);
    return { dispose: () => this.listeners.delete(cb) };
  }
  fire(): void {
    if (this.aborted) return;
    this.aborted = true;
    for (const cb of [...this.listeners]) cb();
    this.listeners.clear();
  }
}

export class TerminalSession implements Disposable {
  private readonly editor = new LineEditor();
  private cols: number;
  private running: Abort | undefined;
  private queue: string[] = [];
  private completing = false;
  private disposed = false;

  constructor(private readonly opts: TerminalSessionOptions) {
    this.cols = opts.cols;
    this.opts.write(PROMPT);
  }

  resize(cols: number, _rows: number): void {
    this.cols = cols;
  }

  dispose(): void {
    this.disposed = true;
    this.running?.fire();
    this.queue = [];
  }

  input(data: string): void {
    if (this.disposed) return;
    for (const key of splitKeys(data)) {
      if (this.running || this.completing) {
        if (key === '\x03' && this.running) {
          this.queue = [];
          this.running.fire();
        } else if (!this.completing || key !== '\t') this.queue.push(key);
        continue;
      }
      this.handleKey(key);
    }
  }

  private handleKey(key: string): void {
    const action = this.editor.key(key);
    switch (action.kind) {
      case 'redraw':
        this.redraw();
        break;
      case 'interrupt':
        this.opts.write(`^C\r\n${PROMPT}`);
        this.cursorRow = 0;
        break;
      case 'clear-screen':
        this.opts.write('\x1b[H\x1b[2J');
        this.redraw();
        break;
      case 'eof':
        this.opts.onExit?.(0);
        break;
      case 'complete':
        this.complete();
        break;
      case 'submit':
        this.opts.write('\r\n');
        this.cursorRow = 0;
        this.execute(action.line);
        break;
      case 'none':
        break;
    }
  }

  /** Row of the cursor within the (possibly wrapped) input line, as last drawn. */
  private cursorRow = 0;

  /**
   * Rewrites the input line: up to its first row, clear to the end of the screen, prompt and buffer, then the
   * cursor to its column (long lines wrap at the terminal width).
   */
  private redraw(): void {
    const cols = Math.max(1, this.cols);
    const buf = this.editor.buffer;
    let s = this.cursorRow > 0 ? `\x1b[${this.cursorRow}A` : '';
    s += `\r\x1b[J${PROMPT}${buf}`;
    const endPos = PROMPT_WIDTH + buf.length;
    const cursorPos = PROMPT_WIDTH + this.editor.cursor;
    // xterm leaves the cursor in the last column after filling a row exactly; a space + CR forces the wrap.
    if (endPos > 0 && endPos % cols === 0) s += ' \r';
    const endRow = Math.floor(endPos / cols);
    const row = Math.floor(cursorPos / cols);
    if (endRow > row) s += `\x1b[${endRow - row}A`;
    s += `\x1b[${(cursorPos % cols) + 1}G`;
    this.cursorRow = row;
    this.opts.write(s);
  }

  private out = (s: string): void => {
    if (!this.disposed) this.opts.write(s.replace(/\r?\n/g, '\r\n'));
  };

  private execute(line: string): void {
    const run = this.runLine(line).catch((e: unknown) => {
      this.out(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    });
    void run.then(() => {
      this.running = undefined;
      if (this.disposed) return;
      this.opts.write(PROMPT);
      this.drainQueue();
    });
  }

  private drainQueue(): void {
    while (this.queue.length > 0 && !this.running && !this.completing) this.handleKey(this.queue.shift() as string);
  }

  private async runLine(line: string): Promise<void> {
    const { words, unterminated } = splitWords(line);
    if (unterminated) {
      this.out('error: unterminated quoted string\n');
      return;
    }
    if (words.length === 0) return;
    const [cmd, ...args] = words as [string, ...string[]];
    const abort = new Abort();
    this.running = abort;
    switch (cmd) {
      case 'kubectl':
      case 'k':
        await runKubectl(args, { handler: this.opts.handler, clock: this.opts.clock, stdout: this.out, stderr: this.out, signal: abort, columns: this.cols, tty: true, server: this.opts.server });
        if (abort.aborted) this.out('^C\n');
        return;
      case 'etcdctl':
        await runEtcdctl(args, this.opts.store, this.out, this.out);
        return;
      case 'iptables-save':
      case 'iptables':
      case 'ipvsadm':
        await runNodeNetworkCommand(cmd, args, { handler: this.opts.handler, clock: this.opts.clock, mode: this.opts.proxyMode ?? 'iptables', out: this.out, err: this.out });
        return;
      case 'clear':
        this.opts.write('\x1b[H\x1b[2J');
        return;
      case 'help':
        this.out(HELP);
        return;
      case 'history':
        this.out(this.editor.entries.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join(''));
        return;
      default:
        this.out(`${cmd}: command not found (try: ${SHELL_COMMANDS.join(', ')})\n`);
    }
  }

  private complete(): void {
    const line = this.editor.buffer.slice(0, this.editor.cursor);
    const { rest, discovery } = discoveryFor({ handler: this.opts.handler });
    this.completing = true;
    void completions(line, { rest, discovery, store: this.opts.store, defaultNamespace: 'default' })
      .then(({ word, candidates }) => {
        if (this.disposed) return;
        if (candidates.length === 1) {
          const c = candidates[0] as string;
          this.editor.insert(c.slice(word.length) + (c.endsWith('/') || c.endsWith('=') ? '' : ' '));
          this.redraw();
        } else if (candidates.length > 1) {
          const common = commonPrefix(candidates);
          if (common.length > word.length) {
            this.editor.insert(common.slice(word.length));
            this.redraw();
          } else {
            this.opts.write(`\r\n${columns(candidates, this.cols)}`);
            this.cursorRow = 0;
            this.redraw();
          }
        }
      })
      .catch(() => undefined)
      .finally(() => {
        this.completing = false;
        this.drainQueue();
      });
  }
}

function commonPrefix(list: string[]): string {
  let p = list[0] ?? '';
  for (const s of list) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Candidates laid out in columns, as bash lists them. */
function columns(list: string[], width: number): string {
  const w = Math.max(...list.map((s) => s.length)) + 2;
  const perRow = Math.max(1, Math.floor(width / w));
  let out = '';
  for (let i = 0; i < list.length; i += perRow) out += `${list.slice(i, i + perRow).map((s) => s.padEnd(w)).join('').trimEnd()}\r\n`;
  return out;
}
