/**
 * Runs parsed scripts (shell-syntax.ts) as a busybox ash would, over virtual time. Builtins that change the
 * shell itself (cd, export, exit, exec, set, unset, shift, wait, `:`) live here; everything else is a command in
 * shell-commands.ts or the image's own program (ShellHost.program). Pipelines run their stages one after the
 * other, each reading the previous one's whole output: enough for `… | grep`, `tar cf - x | tail -c+N`.
 */
import { FS_ERROR_TEXT, normalizePath } from '../virtual-fs';
import { ArithmeticError, evaluateArithmetic } from './arithmetic';
import type { Proc } from './process-effects';
import { COMMANDS, type CommandContext } from './shell-commands';
import type { ShellHost } from './shell-host';
import { FixedStdin, type ShellIo } from './shell-io';
import { parseScript, ShellSyntaxError, type Command, type Redirect, type Script, type Word } from './shell-syntax';

/** `exit N` (or `exec` finishing) unwinds to the top of the shell. */
export class ShellExit {
  constructor(readonly code: number) {}
}

export class Shell {
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  status = 0;
  cwd = '/';
  lastBackgroundPid: number | undefined;

  constructor(
    readonly host: ShellHost,
    env: Iterable<[string, string]>,
    readonly pid: number,
    private positional: string[] = [],
    private readonly name: string = 'sh',
  ) {
    for (const [k, v] of env) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    if (!this.vars.has('PATH')) this.vars.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    if (this.vars.has('PWD')) this.cwd = this.vars.get('PWD') as string;
  }

  /** The environment a child process inherits. */
  environment(): Map<string, string> {
    const env = new Map<string, string>();
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) env.set(k, v);
    }
    return env;
  }

  /** `sh -c text`: parse errors print ash's message and exit 2. */
  *runText(text: string, io: ShellIo): Proc<number> {
    let script: Script;
    try {
      script = parseScript(text);
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        io.stderr(`${e.message}\n`);
        return 2;
      }
      throw e;
    }
    return yield* this.top(script, io);
  }

  private *top(script: Script, io: ShellIo): Proc<number> {
    let code: number;
    try {
      code = yield* this.list(script, io);
    } catch (e) {
      if (!(e instanceof ShellExit)) throw e;
      code = e.code;
    }
    const onExit = this.traps.get('EXIT');
    if (onExit !== undefined) {
      this.traps.delete('EXIT');
      this.status = code;
      try {
        yield* this.runText(onExit, io);
      } catch (e) {
        if (!(e instanceof ShellExit)) throw e;
        return e.code;
      }
    }
    return code;
  }

  /** Trap actions by signal name (`TERM`, `INT`, `EXIT`…); '' ignores the signal. */
  readonly traps = new Map<string, string>();

  /** Runs the actions of trapped signals that arrived; as in ash, between commands. */
  private *runTraps(io: ShellIo): Proc<void> {
    for (let sig = this.host.takeTrappedSignal(); sig !== undefined; sig = this.host.takeTrappedSignal()) {
      const action = this.traps.get(sig);
      if (action === undefined || action === '') continue;
      const saved = this.status;
      const script = parseScript(action);
      yield* this.list(script, io);
      this.status = saved;
    }
  }

  /** An interactive shell: prompt (on a tty), read a line, run it, until EOF or `exit`. */
  *interactive(io: ShellIo): Proc<number> {
    for (;;) {
      if (io.tty) io.stdout(this.prompt());
      const line = yield* io.stdin.readLine();
      if (line === undefined) {
        if (io.tty) io.stdout('exit\n');
        return this.status;
      }
      let script: Script;
      try {
        script = parseScript(line);
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e;
        io.stderr(`${e.message}\n`);
        this.status = 2;
        continue;
      }
      try {
        this.status = yield* this.list(script, io);
      } catch (e) {
        if (e instanceof ShellExit) return e.code;
        throw e;
      }
    }
  }

  /** busybox ash's default PS1 `\w \$ ` (`/ # ` for root in /); bash on Debian/Ubuntu images: `root@host:/# `. */
  private prompt(): string {
    const home = this.vars.get('HOME');
    const dir = home !== undefined && home !== '/' && this.cwd.startsWith(home) ? `~${this.cwd.slice(home.length)}` : this.cwd;
    return this.name === 'bash' ? `root@${this.host.hostname}:${dir}# ` : `${dir} # `;
  }

  *list(script: Script, io: ShellIo): Proc<number> {
    for (const item of script) {
      if (item.background) {
        const text = 'sh';
        const child = this.subshell();
        const pid = this.host.spawn(text, () => child.andOrAsProc(item, io));
        this.lastBackgroundPid = pid;
        this.status = 0;
        continue;
      }
      let status = yield* this.pipeline(item.first, io);
      for (const { op, pipeline } of item.rest) {
        if ((op === '&&' && status === 0) || (op === '||' && status !== 0)) status = yield* this.pipeline(pipeline, io);
      }
      this.status = status;
      yield* this.runTraps(io);
    }
    return this.status;
  }

  private *andOrAsProc(item: Script[number], io: ShellIo): Proc<number> {
    return yield* this.top([{ ...item, background: false }], io);
  }

  private subshell(): Shell {
    const child = new Shell(this.host, [], this.pid, [...this.positional], this.name);
    for (const [k, v] of this.vars) child.vars.set(k, v);
    for (const k of this.exported) child.exported.add(k);
    child.cwd = this.cwd;
    child.status = this.status;
    return child;
  }

  private *pipeline(p: Script[number]['first'], io: ShellIo): Proc<number> {
    let status = 0;
    let input: string | undefined;
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      let captured = '';
      const stageIo: ShellIo = {
        stdout: last ? io.stdout : (t) => (captured += t),
        stderr: io.stderr,
        stdin: input !== undefined ? new FixedStdin(input) : io.stdin,
        tty: io.tty && last,
      };
      status = yield* this.command(p.commands[i] as Command, stageIo);
      input = captured;
    }
    return p.negate ? (status === 0 ? 1 : 0) : status;
  }

  private *command(cmd: Command, io: ShellIo): Proc<number> {
    const redirected = yield* this.applyRedirects(cmd.redirects, io);
    if (redirected === undefined) return 1;
    const rio = redirected;
    switch (cmd.kind) {
      case 'simple':
        return yield* this.simple(cmd, rio);
      case 'if':
        for (const clause of cmd.clauses) {
          if ((yield* this.list(clause.cond, rio)) === 0) return yield* this.list(clause.body, rio);
        }
        return cmd.elseBody ? yield* this.list(cmd.elseBody, rio) : 0;
      case 'loop': {
        let status = 0;
        for (;;) {
          const c = yield* this.list(cmd.cond, rio);
          if ((c === 0) === cmd.until) break;
          status = yield* this.list(cmd.body, rio);
        }
        return status;
      }
      case 'for': {
        const items = cmd.items === undefined ? [...this.positional] : yield* this.expandWords(cmd.items, rio);
        let status = 0;
        for (const item of items) {
          this.vars.set(cmd.name, item);
          status = yield* this.list(cmd.body, rio);
        }
        return status;
      }
      case 'group':
        if (!cmd.subshell) return yield* this.list(cmd.body, rio);
        return yield* this.subshell().top(cmd.body, rio);
    }
  }

  /** Applies redirections; undefined (after printing ash's error) when a file cannot be opened. */
  private *applyRedirects(redirects: Redirect[], io: ShellIo): Proc<ShellIo | undefined> {
    let out = io;
    for (const r of redirects) {
      const target = (yield* this.expandWord(r.target, io)).join(' ');
      if (r.op === '>&') {
        const toErr = target === '2';
        const write = toErr ? out.stderr : out.stdout;
        out = r.fd === 2 ? { ...out, stderr: write } : { ...out, stdout: write };
        continue;
      }
      const path = normalizePath(target, this.cwd);
      if (r.op === '<') {
        const content = this.host.fs.readFile(path);
        if (typeof content !== 'string' || path === '/dev/null') {
          if (path === '/dev/null') {
            out = { ...out, stdin: new FixedStdin('') };
            continue;
          }
          io.stderr(`sh: can't open '${target}': ${FS_ERROR_TEXT[content as keyof typeof FS_ERROR_TEXT]}\n`);
          return undefined;
        }
        out = { ...out, stdin: new FixedStdin(content) };
        continue;
      }
      let write: (t: string) => void;
      if (path === '/dev/null') write = () => {};
      else if (path === '/dev/stdout' || path === '/proc/1/fd/1') write = io.stdout;
      else if (path === '/dev/stderr' || path === '/proc/1/fd/2') write = io.stderr;
      else {
        const err = this.host.fs.writeFile(path, '', r.op === '>>');
        if (err !== undefined) {
          io.stderr(`sh: can't create ${target}: ${FS_ERROR_TEXT[err]}\n`);
          return undefined;
        }
        write = (t) => void this.host.fs.writeFile(path, t, true);
      }
      out = r.fd === 2 ? { ...out, stderr: write } : { ...out, stdout: write };
    }
    return out;
  }

  private *simple(cmd: Extract<Command, { kind: 'simple' }>, io: ShellIo): Proc<number> {
    const argv = yield* this.expandWords(cmd.words, io);
    const assigned: Array<[string, string]> = [];
    for (const a of cmd.assigns) assigned.push([a.name, (yield* this.expandWord(a.value, io, false)).join('')]);
    if (argv.length === 0) {
      for (const [k, v] of assigned) this.vars.set(k, v);
      return 0;
    }
    const env = this.environment();
    for (const [k, v] of assigned) env.set(k, v);
    return yield* this.execute(argv, io, env);
  }

  /** Runs argv: a builtin, the image's program, or a command; 127 with ash's message when none. */
  *execute(argv: string[], io: ShellIo, env: Map<string, string>): Proc<number> {
    const name = argv[0] as string;
    const builtin = this.builtin(name);
    if (builtin !== undefined) return yield* builtin.call(this, argv, io);
    const program = this.host.program(argv, io, env);
    if (program !== undefined) return yield* program;
    const base = name.split('/').pop() ?? name;
    const command = this.host.hasShell ? COMMANDS[base] : undefined;
    if (command === undefined) {
      io.stderr(`sh: ${name}: not found\n`);
      return 127;
    }
    const ctx: CommandContext = { argv, io, host: this.host, env, cwd: this.cwd, shell: this };
    return yield* command(ctx);
  }

  private builtin(name: string): ((this: Shell, argv: string[], io: ShellIo) => Proc<number>) | undefined {
    switch (name) {
      case ':':
        return function* () {
          return 0;
        };
      case 'exit':
        return function* (this: Shell, argv) {
          throw new ShellExit(argv[1] === undefined ? this.status : Number(argv[1]) & 255);
        };
      case 'cd':
        return function* (this: Shell, argv, io) {
          const target = normalizePath(argv[1] ?? this.vars.get('HOME') ?? '/', this.cwd);
          const e = this.host.fs.stat(target);
          if (e?.type !== 'dir') {
            io.stderr(`sh: cd: can't cd to ${argv[1] ?? ''}: ${e === undefined ? 'No such file or directory' : 'Not a directory'}\n`);
            return 2;
          }
          this.cwd = target;
          this.vars.set('PWD', target);
          return 0;
        };
      case 'pwd':
        return function* (this: Shell, _argv, io) {
          io.stdout(`${this.cwd}\n`);
          return 0;
        };
      case 'export':
        return function* (this: Shell, argv, io) {
          if (argv.length === 1) {
            for (const [k, v] of this.environment()) io.stdout(`export ${k}='${v}'\n`);
          }
          for (const a of argv.slice(1)) {
            const eq = a.indexOf('=');
            const key = eq < 0 ? a : a.slice(0, eq);
            if (eq >= 0) this.vars.set(key, a.slice(eq + 1));
            this.exported.add(key);
          }
          return 0;
        };
      case 'unset':
        return function* (this: Shell, argv) {
          for (const a of argv.slice(1)) {
            this.vars.delete(a);
            this.exported.delete(a);
          }
          return 0;
        };
      case 'set':
        return function* (this: Shell, argv, io) {
          if (argv.length === 1) for (const [k, v] of [...this.vars].sort()) io.stdout(`${k}='${v}'\n`);
          return 0;
        };
      case 'shift':
        return function* (this: Shell) {
          this.positional.shift();
          return 0;
        };
      case 'exec':
        return function* (this: Shell, argv, io) {
          if (argv.length === 1) return 0;
          throw new ShellExit(yield* this.execute(argv.slice(1), io, this.environment()));
        };
      case 'wait':
        return function* (this: Shell, argv) {
          const pids = argv.length > 1 ? argv.slice(1).map(Number) : this.lastBackgroundPid !== undefined ? [this.lastBackgroundPid] : [];
          let code = 0;
          for (const pid of pids) code = Number(yield this.host.waitFor(pid));
          return code;
        };
      case 'trap':
        return function* (this: Shell, argv, io) {
          if (argv.length === 1) {
            for (const [sig, action] of this.traps) io.stdout(`trap -- '${action}' ${sig}\n`);
            return 0;
          }
          const action = argv[1] as string;
          for (const raw of argv.slice(2)) {
            const sig = signalName(raw);
            if (sig === undefined) {
              io.stderr(`sh: trap: ${raw}: invalid signal specification\n`);
              return 1;
            }
            if (action === '-') this.traps.delete(sig);
            else this.traps.set(sig, action);
            if (sig !== 'EXIT') this.host.setTrap(sig, action !== '-');
          }
          return 0;
        };
      case 'read':
        return function* (this: Shell, argv, io) {
          const line = yield* io.stdin.readLine();
          if (line === undefined) return 1;
          const names = argv.slice(1).filter((a) => !a.startsWith('-'));
          const fields = line.trim().split(/\s+/);
          names.forEach((n, i) => this.vars.set(n, i === names.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '')));
          if (names.length === 0) this.vars.set('REPLY', line);
          return 0;
        };
      default:
        return undefined;
    }
  }

  private *expandWords(words: Word[], io: ShellIo): Proc<string[]> {
    const out: string[] = [];
    for (const w of words) out.push(...(yield* this.expandWord(w, io)));
    return out;
  }

  /** Expands one word into fields: unquoted expansions split on whitespace; `split = false` for assignments. */
  private *expandWord(word: Word, io: ShellIo, split = true): Proc<string[]> {
    const fields: string[] = [];
    let current = '';
    let hasContent = false;
    const addSplittable = (text: string): void => {
      if (!split) {
        current += text;
        return;
      }
      const pieces = text.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0 && (hasContent || current !== '')) {
          fields.push(current);
          current = '';
          hasContent = false;
        }
        current += piece;
      });
    };
    for (const part of word) {
      if (part.kind === 'lit') {
        current += part.text;
        hasContent = hasContent || part.quoted || part.text !== '';
        continue;
      }
      let value: string;
      if (part.kind === 'var') {
        const v = this.variable(part.name);
        value = v === undefined || (v === '' && part.defaultValue !== undefined) ? (part.defaultValue ? (yield* this.expandWord(part.defaultValue, io, false)).join('') : '') : v;
      } else if (part.kind === 'cmdsub') {
        let captured = '';
        const child = this.subshell();
        this.status = yield* child.top(part.script, { ...io, stdout: (t) => (captured += t) });
        value = captured.replace(/\n+$/, '');
      } else {
        try {
          value = String(evaluateArithmetic(part.expr, (n) => this.variable(n)));
        } catch (e) {
          if (!(e instanceof ArithmeticError)) throw e;
          io.stderr(`${e.message}\n`);
          throw new ShellExit(2);
        }
      }
      if (part.quoted) {
        current += value;
        hasContent = true;
      } else addSplittable(value);
    }
    if (current !== '' || hasContent) fields.push(current);
    return split ? fields : [fields.join(' ')];
  }

  private variable(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.pid);
      case '#':
        return String(this.positional.length);
      case '0':
        return this.name;
      case '!':
        return this.lastBackgroundPid === undefined ? '' : String(this.lastBackgroundPid);
      case '@':
      case '*':
        return this.positional.join(' ');
      default:
        if (/^[0-9]+$/.test(name)) return this.positional[Number(name) - 1];
        return this.vars.get(name);
    }
  }
}

const SIGNAL_NAMES: Record<string, string> = { '0': 'EXIT', '1': 'HUP', '2': 'INT', '3': 'QUIT', '9': 'KILL', '10': 'USR1', '12': 'USR2', '15': 'TERM', '28': 'WINCH' };

/** `TERM`, `SIGTERM`, `15` → `TERM`; `EXIT`/`0` → `EXIT`; undefined for unknown names (KILL cannot be trapped but ash accepts it). */
function signalName(raw: string): string | undefined {
  const upper = raw.toUpperCase().replace(/^SIG/, '');
  if (SIGNAL_NAMES[upper] !== undefined) return SIGNAL_NAMES[upper];
  return Object.values(SIGNAL_NAMES).includes(upper) ? upper : undefined;
}
