/**
 * The busybox applets (plus curl and perl's pi one-liner) simulated containers can run. Each is a process over
 * virtual time writing busybox's real output and error texts; exit codes follow busybox (1 on error, 127 from
 * the shell for unknown commands).
 */
import { STATUS_TEXT } from '../http-message';
import { piDigits } from '../pi-digits';
import { readTar, TarFormatError, writeTar, type TarEntry } from '../ustar';
import { decodeUtf8, encodeUtf8, utf8Length } from '../utf8';
import { FS_ERROR_TEXT, normalizePath } from '../virtual-fs';
import { httpFetch } from './http-client';
import type { Proc } from './process-effects';
import type { ShellHost } from './shell-host';
import type { ShellIo } from './shell-io';
import { Shell } from './shell-interpreter';

export interface CommandContext {
  argv: string[];
  io: ShellIo;
  host: ShellHost;
  env: Map<string, string>;
  cwd: string;
  shell: Shell;
}

export type CommandFn = (ctx: CommandContext) => Proc<number>;

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15 };

/** busybox sleep: `N[.M][smhd]`, several summed, or `infinity`. */
export function parseSleepSeconds(args: string[]): number | undefined {
  let total = 0;
  for (const a of args) {
    if (a === 'inf' || a === 'infinity') return Infinity;
    const m = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(a);
    if (m === null) return undefined;
    total += Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  }
  return total;
}

/** `date`'s default format in UTC: `Mon Nov 23 20:34:23 UTC 2026`. */
export function formatDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function unescapeEcho(text: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i] as string;
    if (n === 'c') return { text: out, stop: true };
    out += { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', e: '\x1b', '0': '\0' }[n] ?? `\\${n}`;
  }
  return { text: out, stop: false };
}

function* echo({ argv, io }: CommandContext): Proc<number> {
  let args = argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] !== undefined && /^-[neE]+$/.test(args[0])) {
    for (const f of args[0].slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
    args = args.slice(1);
  }
  const joined = args.join(' ');
  const r = escapes ? unescapeEcho(joined) : { text: joined, stop: false };
  io.stdout(r.text + (newline && !r.stop ? '\n' : ''));
  return 0;
}

function* printf({ argv, io }: CommandContext): Proc<number> {
  const format = argv[1];
  if (format === undefined) {
    io.stderr('printf: usage: printf FORMAT [ARGUMENT...]\n');
    return 1;
  }
  const args = argv.slice(2);
  let out = '';
  do {
    out += unescapeEcho(format).text.replace(/%([-0-9]*)([sdx%])/g, (_m, width: string, conv: string) => {
      if (conv === '%') return '%';
      const a = args.shift() ?? '';
      const v = conv === 'd' ? String(Math.trunc(Number(a) || 0)) : conv === 'x' ? (Math.trunc(Number(a) || 0)).toString(16) : a;
      const w = Number(width.replace('-', '')) || 0;
      return width.startsWith('-') ? v.padEnd(w) : v.padStart(w);
    });
  } while (args.length > 0 && /%[sdx]/.test(format));
  io.stdout(out);
  return 0;
}

function* sleep({ argv, io, host }: CommandContext): Proc<number> {
  const seconds = parseSleepSeconds(argv.slice(1));
  if (argv.length < 2 || seconds === undefined) {
    io.stderr(argv.length < 2 ? 'BusyBox v1.36.1 multi-call binary.\n\nUsage: sleep [N]...\n' : `sleep: invalid number '${argv.slice(1).find((a) => parseSleepSeconds([a]) === undefined)}'\n`);
    return 1;
  }
  if (seconds === Infinity) yield { start: () => ({ dispose() {} }) };
  yield host.sleep(seconds * 1000);
  return 0;
}

function* touch({ argv, io, host, cwd }: CommandContext): Proc<number> {
  let status = 0;
  for (const a of argv.slice(1).filter((x) => !x.startsWith('-'))) {
    const err = host.fs.touch(normalizePath(a, cwd));
    if (err !== undefined) {
      io.stderr(`touch: ${a}: ${FS_ERROR_TEXT[err]}\n`);
      status = 1;
    }
  }
  return status;
}

function* rm({ argv, io, host, cwd }: CommandContext): Proc<number> {
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  const force = flags.includes('f');
  const recursive = /[rR]/.test(flags);
  let status = 0;
  for (const a of argv.slice(1).filter((x) => !x.startsWith('-'))) {
    const err = host.fs.remove(normalizePath(a, cwd), recursive);
    if (err === undefined || (err === 'ENOENT' && force)) continue;
    io.stderr(err === 'EISDIR' ? `rm: '${a}' is a directory\n` : `rm: can't remove '${a}': ${FS_ERROR_TEXT[err]}\n`);
    status = 1;
  }
  return status;
}

function* cat({ argv, io, host, cwd }: CommandContext): Proc<number> {
  const files = argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  if (files.length === 0) files.push('-');
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      io.stdout(yield* io.stdin.readAll());
      continue;
    }
    const content = host.fs.readFile(normalizePath(f, cwd));
    if (typeof content === 'string' && content !== 'EISDIR' && content !== 'ENOENT') io.stdout(content);
    else {
      io.stderr(content === 'EISDIR' ? `cat: read error: Is a directory\n` : `cat: can't open '${f}': ${FS_ERROR_TEXT[content as 'ENOENT']}\n`);
      status = 1;
    }
  }
  return status;
}

function* mkdir({ argv, io, host, cwd }: CommandContext): Proc<number> {
  const parents = argv.includes('-p');
  let status = 0;
  for (const a of argv.slice(1).filter((x) => !x.startsWith('-'))) {
    const path = normalizePath(a, cwd);
    const err = parents ? host.fs.mkdirp(path) : host.fs.mkdir(path);
    if (err !== undefined) {
      io.stderr(`mkdir: can't create directory '${a}': ${FS_ERROR_TEXT[err]}\n`);
      status = 1;
    }
  }
  return status;
}

function* ls({ argv, io, host, cwd }: CommandContext): Proc<number> {
  const all = argv.some((a) => /^-[a-zA-Z]*a/.test(a));
  const long = argv.some((a) => /^-[a-zA-Z]*l/.test(a));
  const paths = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (paths.length === 0) paths.push('.');
  let status = 0;
  for (const p of paths) {
    const abs = normalizePath(p, cwd);
    const entry = host.fs.stat(abs);
    if (entry === undefined) {
      io.stderr(`ls: ${p}: No such file or directory\n`);
      status = 1;
      continue;
    }
    if (paths.length > 1 && entry.type === 'dir') io.stdout(`${p}:\n`);
    const names = entry.type === 'dir' ? (host.fs.list(abs) as string[]) : [p];
    const shown = names.filter((n) => all || !n.startsWith('.'));
    if (long) {
      for (const n of shown) {
        const e = entry.type === 'dir' ? host.fs.stat(`${abs}/${n}`) : entry;
        const size = e?.type === 'file' ? utf8Length(e.content) : 4096;
        io.stdout(`${e?.type === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--'}    1 root     root     ${String(size).padStart(8)} ${formatDate(e?.mtime ?? 0).slice(4, 16)} ${n}\n`);
      }
    } else if (io.tty) io.stdout(shown.length > 0 ? `${shown.join('  ')}\n` : '');
    else for (const n of shown) io.stdout(`${n}\n`);
  }
  return status;
}

function* ps({ io, host }: CommandContext): Proc<number> {
  io.stdout('PID   USER     TIME  COMMAND\n');
  for (const p of host.processes()) io.stdout(`${String(p.pid).padStart(5)} ${p.user.padEnd(8)} ${'0:00'.padStart(5)} ${p.command}\n`);
  return 0;
}

function* kill({ argv, io, host }: CommandContext): Proc<number> {
  let signal = 'TERM';
  const rest: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-s') signal = (argv[++i] ?? 'TERM').replace(/^SIG/, '');
    else if (a === '-l') {
      io.stdout(`${Object.keys(SIGNALS).join(' ')}\n`);
      return 0;
    } else if (/^-[0-9]+$/.test(a)) signal = Object.keys(SIGNALS).find((k) => SIGNALS[k] === Number(a.slice(1))) ?? a.slice(1);
    else if (/^-[A-Z]+$/.test(a)) signal = a.slice(1).replace(/^SIG/, '');
    else rest.push(a);
  }
  let status = 0;
  for (const p of rest) {
    if (!host.kill(Number(p), signal)) {
      io.stderr(`sh: can't kill pid ${p}: No such process\n`);
      status = 1;
    }
  }
  return status;
}

function* env({ argv, io, env: vars }: CommandContext): Proc<number> {
  if (argv.length > 1) {
    io.stderr('env: running a command through env is not simulated\n');
    return 1;
  }
  for (const [k, v] of vars) io.stdout(`${k}=${v}\n`);
  return 0;
}

function* wget({ argv, io, host, cwd }: CommandContext): Proc<number> {
  let quiet = false;
  let output: string | undefined;
  let timeoutSeconds = 900;
  let url: string | undefined;
  let spider = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-q') quiet = true;
    else if (a === '-O') output = argv[++i];
    else if (a.startsWith('-O')) output = a.slice(2);
    else if (a === '-T') timeoutSeconds = Number(argv[++i]);
    else if (a === '--spider') spider = true;
    else if (a === '-qO-') {
      quiet = true;
      output = '-';
    } else if (!a.startsWith('-')) url = a;
  }
  if (url === undefined) {
    io.stderr('BusyBox v1.36.1 multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n');
    return 1;
  }
  const r = yield* httpFetch(host, url, 'Wget', timeoutSeconds * 1000);
  if (r.kind === 'bad-url') {
    io.stderr(`wget: not an http or ftp url: ${url}\n`);
    return 1;
  }
  if (r.kind === 'bad-address') {
    io.stderr(`wget: bad address '${r.host}'\n`);
    return 1;
  }
  if (!quiet) io.stderr(`Connecting to ${url.replace(/^http:\/\//, '').split('/')[0]} (${r.ip}:${r.port})\n`);
  if (r.kind === 'refused') {
    io.stderr(`wget: can't connect to remote host (${r.ip}): Connection refused\n`);
    return 1;
  }
  if (r.kind === 'timeout') {
    io.stderr('wget: download timed out\n');
    return 1;
  }
  if (r.response.status >= 400) {
    io.stderr(`wget: server returned error: HTTP/1.1 ${r.response.status} ${STATUS_TEXT[r.response.status] ?? ''}\n`);
    return 1;
  }
  if (spider) {
    if (!quiet) io.stderr('remote file exists\n');
    return 0;
  }
  const pathPart = url.replace(/^http:\/\//, '').split('?')[0] ?? '';
  const target = output ?? (pathPart.includes('/') && !pathPart.endsWith('/') ? (pathPart.split('/').pop() as string) : 'index.html');
  if (target === '-') {
    if (!quiet) io.stderr('writing to stdout\n');
    io.stdout(r.response.body);
  } else {
    if (!quiet) io.stderr(`saving to '${target}'\n`);
    const err = host.fs.writeFile(normalizePath(target, cwd), r.response.body);
    if (err !== undefined) {
      io.stderr(`wget: can't open '${target}': ${FS_ERROR_TEXT[err]}\n`);
      return 1;
    }
  }
  if (!quiet) {
    const size = utf8Length(r.response.body);
    io.stderr(`${target === '-' ? '-' : target.padEnd(20)} 100% |********************************|  ${size}  0:00:00 ETA\n`);
    io.stderr(target === '-' ? 'written to stdout\n' : `'${target}' saved\n`);
  }
  return 0;
}


function* curl({ argv, io, host }: CommandContext): Proc<number> {
  const silent = argv.some((a) => /^-[a-zA-Z]*s/.test(a));
  const fail = argv.some((a) => /^-[a-zA-Z]*f/.test(a));
  const url = argv.slice(1).find((a) => !a.startsWith('-'));
  if (url === undefined) {
    io.stderr("curl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const r = yield* httpFetch(host, url, 'curl/8.5.0', 300_000);
  if (r.kind === 'bad-url') {
    if (!silent) io.stderr(`curl: (3) URL using bad/illegal format or missing URL\n`);
    return 3;
  }
  if (r.kind === 'bad-address') {
    if (!silent) io.stderr(`curl: (6) Could not resolve host: ${r.host}\n`);
    return 6;
  }
  if (r.kind === 'refused') {
    if (!silent) io.stderr(`curl: (7) Failed to connect to ${r.ip} port ${r.port} after 0 ms: Couldn't connect to server\n`);
    return 7;
  }
  if (r.kind === 'timeout') {
    if (!silent) io.stderr(`curl: (28) Operation timed out\n`);
    return 28;
  }
  if (fail && r.response.status >= 400) {
    if (!silent) io.stderr(`curl: (22) The requested URL returned error: ${r.response.status}\n`);
    return 22;
  }
  io.stdout(r.response.body);
  return 0;
}

/**
 * BusyBox 1.36 nslookup: asks the pod's nameserver (first `nameserver` of /etc/resolv.conf) through the search
 * path; prints each record under the owner name that answered (`Name:\t<fqdn>` / `Address: <ip>` per A record,
 * `<fqdn>\tservice = <prio> <weight> <port> <target>` per SRV record). `-type=`/`-query=` picks A (default) or SRV.
 */
function* nslookup({ argv, io, host }: CommandContext): Proc<number> {
  const options = argv.slice(1).filter((a) => a.startsWith('-'));
  const name = argv.slice(1).find((a) => !a.startsWith('-'));
  const typeOption = options.map((o) => /^-(?:type|query|q|t)=(\w+)$/i.exec(o)?.[1]).find((t) => t !== undefined);
  const type = (typeOption ?? 'a').toUpperCase();
  if (name === undefined || (type !== 'A' && type !== 'SRV')) {
    if (name !== undefined) io.stderr(`nslookup: invalid query type "${typeOption}"\n`);
    else io.stderr('BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n');
    return 1;
  }
  const resolv = host.fs.readFile('/etc/resolv.conf');
  const server = (typeof resolv === 'string' ? /^nameserver\s+(\S+)/m.exec(resolv)?.[1] : undefined) ?? '10.96.0.10';
  io.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  const answer = host.network.query(name, type);
  if (answer === undefined) {
    io.stdout(`** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  if (type === 'SRV') for (const r of answer.srv) io.stdout(`${answer.name}\tservice = ${r.priority} ${r.weight} ${r.port} ${r.target}\n`);
  else for (const ip of answer.addresses) io.stdout(`Name:\t${answer.name}\nAddress: ${ip}\n`);
  io.stdout('\n');
  return 0;
}

function* nc({ argv, io, host }: CommandContext): Proc<number> {
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  const [target, port] = argv.slice(1).filter((a) => !a.startsWith('-') && !/^[0-9]+$/.test(a) || false).concat(argv.slice(1).filter((a) => /^[0-9]+$/.test(a)));
  if (!flags.includes('z') || target === undefined || port === undefined) {
    io.stderr('nc: only `nc -z HOST PORT` is simulated\n');
    return 1;
  }
  const ip = /^[0-9.]+$/.test(target) ? target : host.network.resolve(target);
  if (ip === undefined) {
    io.stderr(`nc: bad address '${target}'\n`);
    return 1;
  }
  const conn = host.network.connect(ip, Number(port));
  if (conn === undefined) {
    if (flags.includes('v')) io.stderr(`nc: ${target} (${ip}:${port}): Connection refused\n`);
    return 1;
  }
  conn.end();
  if (flags.includes('v')) io.stderr(`${target} (${ip}:${port}) open\n`);
  return 0;
}

/**
 * tar: `c`reate to stdout or `x`tract from stdin (`f -`), `-C DIR`, `t` to list, `v` verbose; `m` accepted
 * (mtimes are set to now anyway). kubectl cp runs `tar cf - PATH` and `tar -xmf - [-C DIR]`.
 */
function* tar({ argv, io, host, cwd }: CommandContext): Proc<number> {
  let mode: 'c' | 'x' | 't' | undefined;
  let file: string | undefined;
  let dir = cwd;
  let verbose = false;
  const operands: string[] = [];
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-C') {
      dir = normalizePath(args[++i] ?? '.', cwd);
      continue;
    }
    const bundle = i === 0 && !a.startsWith('-') ? a : a.startsWith('-') && !a.startsWith('--') ? a.slice(1) : undefined;
    if (bundle === undefined) {
      if (!a.startsWith('--')) operands.push(a);
      continue;
    }
    for (const f of bundle) {
      if (f === 'c' || f === 'x' || f === 't') mode = f;
      else if (f === 'v') verbose = true;
      else if (f === 'f') file = args[++i];
      else if (f === 'z' || f === 'j') {
        io.stderr('tar: compression is not simulated\n');
        return 1;
      }
    }
  }
  if (mode === undefined) {
    io.stderr('tar: need -c, -x or -t\n');
    return 1;
  }
  if (mode === 'c') {
    const entries: TarEntry[] = [];
    let status = 0;
    for (const op of operands) {
      const abs = normalizePath(op, dir);
      const found = host.fs.walk(abs);
      if (found.length === 0) {
        io.stderr(`tar: ${op}: No such file or directory\n`);
        status = 1;
        continue;
      }
      const stripped = op.replace(/^\/+/, '');
      if (stripped !== op) io.stderr("tar: removing leading '/' from member names\n");
      for (const p of found) {
        const e = host.fs.stat(p);
        if (e === undefined) continue;
        const rel = (stripped + p.slice(abs.length)).replace(/^\/+/, '') || '.';
        entries.push({ path: rel, type: e.type, content: e.content, mtime: Math.floor(e.mtime / 1000), mode: e.type === 'dir' ? 0o755 : 0o644 });
        if (verbose) io.stderr(`${rel}${e.type === 'dir' ? '/' : ''}\n`);
      }
    }
    const bytes = writeTar(entries);
    if (file === undefined || file === '-') io.stdout(decodeUtf8(bytes));
    else host.fs.writeFile(normalizePath(file, cwd), decodeUtf8(bytes));
    return status;
  }
  let data: string;
  if (file === undefined || file === '-') data = yield* io.stdin.readAll();
  else {
    const content = host.fs.readFile(normalizePath(file, cwd));
    if (content === 'ENOENT' || content === 'EISDIR') {
      io.stderr(`tar: can't open '${file}': ${FS_ERROR_TEXT[content]}\n`);
      return 1;
    }
    data = content;
  }
  let entries: TarEntry[];
  try {
    entries = readTar(encodeUtf8(data));
  } catch (e) {
    if (!(e instanceof TarFormatError)) throw e;
    io.stderr(`${e.message}\n`);
    return 1;
  }
  if (mode === 't') {
    for (const e of entries) io.stdout(`${e.path}${e.type === 'dir' ? '/' : ''}\n`);
    return 0;
  }
  for (const e of entries) {
    const target = normalizePath(e.path, dir);
    const err = e.type === 'dir' ? host.fs.mkdirp(target) : (host.fs.mkdirp(target.split('/').slice(0, -1).join('/') || '/') ?? host.fs.writeFile(target, e.content));
    if (err !== undefined) {
      io.stderr(`tar: can't open '${e.path}': ${FS_ERROR_TEXT[err]}\n`);
      return 1;
    }
    if (verbose) io.stdout(`${e.path}\n`);
  }
  return 0;
}

/** Only `print bpi(N)` (the docs' pi Job), `print "text"` and the image's default `-de0` (debugger: quits at EOF) are simulated. */
function* perl({ argv, io }: CommandContext): Proc<number> {
  if (argv.includes('-de0')) {
    io.stdout("\nLoading DB routines from perl5db.pl version 1.77\nEditor support available.\n\nEnter h or 'h h' for help, or 'man perldebug' for more help.\n\nmain::(-e:1):\t0\n");
    yield* io.stdin.readAll();
    return 0;
  }
  const eIndex = argv.findIndex((a, i) => i > 0 && /^-[a-zA-Z]*e$/.test(a));
  const script = eIndex > 0 ? argv[eIndex + 1] : undefined;
  const newline = eIndex > 0 && (argv[eIndex] as string).includes('l');
  const pi = script === undefined ? null : /^\s*print\s+bpi\(\s*([0-9]+)\s*\)\s*;?\s*$/.exec(script);
  if (pi !== null && pi !== undefined) {
    if (!argv.some((a) => a.startsWith('-Mbignum') || a.startsWith('-MMath::BigFloat'))) {
      io.stderr('Undefined subroutine &main::bpi called at -e line 1.\n');
      return 255;
    }
    io.stdout(piDigits(Number(pi[1])) + (newline ? '\n' : ''));
    return 0;
  }
  const text = script === undefined ? null : /^\s*print\s+(?:"([^"]*)"|'([^']*)')\s*;?\s*$/.exec(script);
  if (text !== null && text !== undefined) {
    io.stdout(unescapeEcho(text[1] ?? text[2] ?? '').text + (newline ? '\n' : ''));
    return 0;
  }
  io.stderr('perl: only `print bpi(N)` and `print "text"` one-liners are simulated\n');
  return 255;
}

function* test({ argv, io, host, cwd }: CommandContext): Proc<number> {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      io.stderr('sh: missing ]\n');
      return 2;
    }
    args = args.slice(0, -1);
  }
  const evalTest = (a: string[]): boolean => {
    if (a[0] === '!') return !evalTest(a.slice(1));
    if (a.length === 0) return false;
    if (a.length === 1) return (a[0] as string) !== '';
    if (a.length === 2) {
      const [op, v] = a as [string, string];
      const e = host.fs.stat(normalizePath(v, cwd));
      switch (op) {
        case '-z': return v === '';
        case '-n': return v !== '';
        case '-e': return e !== undefined;
        case '-f': return e?.type === 'file';
        case '-d': return e?.type === 'dir';
        case '-s': return e?.type === 'file' && e.content !== '';
        case '-r': case '-w': case '-x': return e !== undefined;
        default: return false;
      }
    }
    const [l, op, r] = a as [string, string, string];
    switch (op) {
      case '=': case '==': return l === r;
      case '!=': return l !== r;
      case '-eq': return Number(l) === Number(r);
      case '-ne': return Number(l) !== Number(r);
      case '-lt': return Number(l) < Number(r);
      case '-le': return Number(l) <= Number(r);
      case '-gt': return Number(l) > Number(r);
      case '-ge': return Number(l) >= Number(r);
      default: return false;
    }
  };
  return evalTest(args) ? 0 : 1;
}

function* grep({ argv, io, host, cwd }: CommandContext): Proc<number> {
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  const [pattern, ...files] = argv.slice(1).filter((a) => !a.startsWith('-'));
  if (pattern === undefined) {
    io.stderr('BusyBox v1.36.1 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n');
    return 2;
  }
  const re = new RegExp(flags.includes('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern, flags.includes('i') ? 'i' : '');
  const inputs: string[] = [];
  if (files.length === 0) inputs.push(yield* io.stdin.readAll());
  for (const f of files) {
    const c = host.fs.readFile(normalizePath(f, cwd));
    if (c === 'ENOENT' || c === 'EISDIR') {
      io.stderr(`grep: ${f}: ${FS_ERROR_TEXT[c]}\n`);
      continue;
    }
    inputs.push(c);
  }
  let matched = false;
  for (const text of inputs) {
    for (const line of text.split('\n').slice(0, text.endsWith('\n') ? -1 : undefined)) {
      if (re.test(line) !== flags.includes('v')) {
        matched = true;
        if (!flags.includes('q')) io.stdout(`${line}\n`);
      }
    }
  }
  return matched ? 0 : 1;
}

function* headTail({ argv, io, host, cwd }: CommandContext): Proc<number> {
  const isTail = argv[0] === 'tail';
  let count = 10;
  let bytesFrom: number | undefined;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '-n') count = Number(argv[++i]);
    else if (/^-n?[0-9]+$/.test(a)) count = Number(a.replace(/^-n?/, ''));
    else if (/^-c\+?[0-9]+$/.test(a)) bytesFrom = Number(a.replace(/^-c\+?/, ''));
    else if (a === '-c') bytesFrom = Number((argv[++i] ?? '1').replace('+', ''));
    else if (a === '-f') continue;
    else files.push(a);
  }
  let text = files.length === 0 ? yield* io.stdin.readAll() : '';
  for (const f of files) {
    const c = host.fs.readFile(normalizePath(f, cwd));
    if (c === 'ENOENT' || c === 'EISDIR') {
      io.stderr(`${argv[0]}: can't open '${f}': ${FS_ERROR_TEXT[c]}\n`);
      return 1;
    }
    text += c;
  }
  if (isTail && bytesFrom !== undefined) {
    io.stdout(decodeUtf8(encodeUtf8(text).subarray(Math.max(0, bytesFrom - 1))));
    return 0;
  }
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const picked = isTail ? lines.slice(Math.max(0, lines.length - count)) : lines.slice(0, count);
  io.stdout(picked.map((l) => `${l}\n`).join(''));
  return 0;
}

function* wc({ argv, io, host, cwd }: CommandContext): Proc<number> {
  const file = argv.slice(1).find((a) => !a.startsWith('-'));
  const text = file === undefined ? yield* io.stdin.readAll() : host.fs.readFile(normalizePath(file, cwd));
  const lines = (text.match(/\n/g) ?? []).length;
  const flags = argv.slice(1).filter((a) => a.startsWith('-')).join('');
  if (flags.includes('l')) io.stdout(`${lines}${file ? ` ${file}` : ''}\n`);
  else io.stdout(`${String(lines).padStart(7)} ${String(text.split(/\s+/).filter(Boolean).length).padStart(7)} ${String(utf8Length(text)).padStart(7)}${file ? ` ${file}` : ''}\n`);
  return 0;
}

function* sh(ctx: CommandContext): Proc<number> {
  const { argv, io, host, env } = ctx;
  const cIndex = argv.indexOf('-c');
  if (cIndex > 0) {
    const script = argv[cIndex + 1];
    if (script === undefined) {
      io.stderr('sh: -c requires an argument\n');
      return 2;
    }
    const child = new Shell(host, env, ctx.shell.pid, argv.slice(cIndex + 3), argv[cIndex + 2] ?? 'sh');
    child.cwd = ctx.cwd;
    return yield* child.runText(script, io);
  }
  const child = new Shell(host, env, ctx.shell.pid, [], (argv[0] ?? 'sh').split('/').pop());
  child.cwd = ctx.cwd;
  const scriptFile = argv.slice(1).find((a) => !a.startsWith('-'));
  if (scriptFile !== undefined) {
    const text = host.fs.readFile(normalizePath(scriptFile, ctx.cwd));
    if (text === 'ENOENT' || text === 'EISDIR') {
      io.stderr(`sh: can't open '${scriptFile}': ${FS_ERROR_TEXT[text]}\n`);
      return 2;
    }
    return yield* child.runText(text, io);
  }
  return yield* child.interactive(io);
}
const simple = (out: (ctx: CommandContext) => string, code = 0): CommandFn =>
  function* (ctx) {
    ctx.io.stdout(out(ctx));
    return code;
  };

export const COMMANDS: Record<string, CommandFn> = {
  sh,
  ash: sh,
  bash: sh,
  echo,
  printf,
  sleep,
  touch,
  rm,
  cat,
  mkdir,
  ls,
  ps,
  kill,
  env,
  printenv: env,
  wget,
  curl,
  nslookup,
  nc,
  tar,
  perl,
  'perl5.40.0': perl,
  test,
  '[': test,
  grep,
  head: headTail,
  tail: headTail,
  wc,
  date: simple(({ host }) => `${formatDate(host.now())}\n`),
  true: simple(() => ''),
  false: simple(() => '', 1),
  hostname: simple(({ host }) => `${host.hostname}\n`),
  whoami: simple(() => 'root\n'),
  id: simple(() => 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n'),
  uname: simple(({ argv }) => (argv.includes('-a') ? 'Linux cluster-lab 6.6.0 #1 SMP x86_64 GNU/Linux\n' : 'Linux\n')),
};
