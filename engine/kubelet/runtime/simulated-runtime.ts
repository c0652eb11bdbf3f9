/**
 * A containerd-like runtime on the virtual clock. Images come from the catalogue (pull time and size are data);
 * each container gets a file system (image files, /etc/hosts|hostname|resolv.conf from the sandbox, volumes) and
 * a main process: the image's program (nginx, agnhost, …) or a command interpreted by the busybox-like shell.
 *
 * Signals follow Linux: the stop signal (the image's STOPSIGNAL, else TERM) kills a process unless it handles it
 * (catalogue `onTerm`/`onStopSignal`, or a shell `trap`, whose action runs once the current command returns)
 * — except PID 1, which the kernel shields from signals it has no handler for.
 * So a busybox `sleep 3600` or `sh -c '…'` pod ignores TERM and dies of KILL after the grace period (137),
 * while nginx quits gracefully (0). A container above its memory limit is OOMKilled (137).
 */
import type { Clock, Random } from '../../base/clock';
import { toDisposable, type Disposable } from '../../base/disposable';
import { Emitter } from '../../base/event';
import {
  ExecTimeoutError,
  ImagePullError,
  type Connection,
  type ContainerConfig,
  type ContainerEvent,
  type ContainerRuntime,
  type ContainerStatus,
  type ExecResult,
  type GrpcHealth,
  type HttpProbeResult,
  type ImageInfo,
  type LogLine,
  type LogQuery,
  type PodSandboxConfig,
  type ProcessSession,
  type ResourceUsage,
} from './container-runtime';
import { formatHttpRequest, parseHttpResponse } from './http-message';
import { defaultImageCatalogue, findImage, findProgram, type ImageCatalogue, type ImageSpec, type InternetHost, type ListenSpec, type ProgramSpec, type SignalReaction } from './image-catalogue';
import { fakeImageId, fakeRepoDigest, parseImageReference } from './image-reference';
import { SimulatedProcessSession } from './process-session';
import { PipeConnection } from './server-connection';
import { serverHandler } from './simulated-servers';
import type { SimulatedNetwork } from './simulated-network';
import { sha256Hex } from './sha256';
import { ProcessRunner, sleepWait, type Proc, type Wait } from './shell/process-effects';
import { COMMANDS } from './shell/shell-commands';
import type { ShellHost, ShellNetwork } from './shell/shell-host';
import { Shell, ShellExit } from './shell/shell-interpreter';
import { FixedStdin, StreamStdin, type ShellIo, type Stdin } from './shell/shell-io';
import { renderTemplate } from './text-template';
import { decodeUtf8, encodeUtf8 } from './utf8';
import { FileTree, VirtualFs } from './virtual-fs';

/** Kept importable from here (tests, older callers); the class belongs to the port. */
export { ExecTimeoutError };

/** The sandbox (pause) image containerd 1.7 uses by default. */
export const SANDBOX_IMAGE = 'registry.k8s.io/pause:3.10';
/** How long a pull of an image that does not exist takes to fail (registry round trips). */
export const FAILED_PULL_MS = 800;
/** Working set of a shell or busybox applet process. */
const SHELL_PROCESS_BYTES = 368_640;
const SIGNAL_NUMBERS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15, WINCH: 28 };

interface Listener {
  containerId: string;
  pid: number;
  spec: ListenSpec;
  startedAt: number;
  connections: Set<PipeConnection>;
}

interface Sandbox {
  id: string;
  config: PodSandboxConfig;
  ready: boolean;
  /** Volumes by name (Mount.volumeName, else the mount's files object), shared by the sandbox's containers. */
  volumes: Map<unknown, FileTree>;
  listeners: Map<number, Listener>;
  containers: Set<string>;
}

interface ProcessRecord {
  pid: number;
  command: string;
  runner: ProcessRunner<number> | undefined;
  io: ShellIo;
  exited: boolean;
  exitCode: number;
  waiters: Array<(code: number) => void>;
  /** Set by a running image program: its reaction to a signal, if it handles it. */
  signalHandler: ((signal: string) => SignalReaction | undefined) | undefined;
  memory: { base: number; rampPerSecond: number; since: number };
  cpuMillicores: number;
  onExit: (code: number) => void;
  /** Signals a shell in this process traps, those that arrived unhandled, and `wait`s to interrupt on arrival. */
  traps: Set<string>;
  pendingSignals: string[];
  signalWakers: Set<(signal: string) => void>;
}

interface Container {
  id: string;
  sandbox: Sandbox;
  config: ContainerConfig;
  image: ImageSpec;
  status: ContainerStatus;
  fs: VirtualFs;
  env: Map<string, string>;
  argv: string[];
  logs: LogLine[];
  partial: { stdout: string; stderr: string };
  followers: Set<(line: LogLine) => void>;
  attached: Set<SimulatedProcessSession>;
  mainStdin: Stdin;
  processes: Map<number, ProcessRecord>;
  nextPid: number;
  jitter: number;
  oomKilled: boolean;
  exitWaiters: Array<() => void>;
}

export class SimulatedRuntime implements ContainerRuntime {
  readonly version = 'containerd://1.7.24';
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly catalogue: ImageCatalogue;
  readonly nodeName: string;
  private readonly images = new Map<string, ImageInfo>();
  private readonly pulls = new Map<string, Promise<ImageInfo>>();
  private readonly sandboxes = new Map<string, Sandbox>();
  private readonly containers = new Map<string, Container>();
  private readonly events = new Emitter<ContainerEvent>();
  readonly onContainerEvent = this.events.event;
  private network: SimulatedNetwork | undefined;
  private idCounter = 0;

  constructor(opts: { clock: Clock; nodeName: string; catalogue?: ImageCatalogue; random?: Random }) {
    this.clock = opts.clock;
    this.nodeName = opts.nodeName;
    this.catalogue = opts.catalogue ?? defaultImageCatalogue();
    this.random = opts.random ?? opts.clock.random;
    const pause = findImage(this.catalogue, SANDBOX_IMAGE);
    if (pause !== undefined) this.images.set(SANDBOX_IMAGE, this.imageInfo(SANDBOX_IMAGE, pause));
  }

  /** Routes traffic to IPs outside this runtime's sandboxes and resolves DNS names (engine/network). */
  setNetwork(network: SimulatedNetwork): void {
    this.network = network;
  }

  private newId(kind: string): string {
    return sha256Hex(`${this.nodeName}/${kind}/${++this.idCounter}`);
  }

  // ---- ImageService -------------------------------------------------------------------------------------

  private imageInfo(ref: string, spec: ImageSpec): ImageInfo {
    const parsed = parseImageReference(ref);
    return { ref, id: fakeImageId(ref), digest: `${parsed.repository}@${parsed.digest ?? fakeRepoDigest(ref)}`, sizeBytes: spec.sizeBytes };
  }

  imageStatus(image: string): ImageInfo | undefined {
    return this.images.get(parseImageReference(image).normalized);
  }

  listImages(): ImageInfo[] {
    return [...this.images.values()];
  }

  pullImage(image: string): Promise<ImageInfo> {
    const ref = parseImageReference(image).normalized;
    const running = this.pulls.get(ref);
    if (running !== undefined) return running;
    const spec = findImage(this.catalogue, ref);
    const promise = new Promise<ImageInfo>((resolve, reject) => {
      if (spec === undefined) {
        this.clock.setTimer(FAILED_PULL_MS, () => {
          this.pulls.delete(ref);
          reject(new ImagePullError(pullErrorMessage(ref, this.catalogue), true));
        });
        return;
      }
      this.clock.setTimer(spec.pullSeconds * 1000, () => {
        this.pulls.delete(ref);
        const info = this.imageInfo(ref, spec);
        this.images.set(ref, info);
        resolve(info);
      });
    });
    this.pulls.set(ref, promise);
    return promise;
  }

  // ---- Sandboxes ---------------------------------------------------------------------------------------

  runPodSandbox(config: PodSandboxConfig): Promise<string> {
    const id = this.newId('sandbox');
    this.sandboxes.set(id, { id, config, ready: true, volumes: new Map(), listeners: new Map(), containers: new Set() });
    return Promise.resolve(id);
  }

  stopPodSandbox(sandboxId: string): Promise<void> {
    const sb = this.sandboxes.get(sandboxId);
    if (sb === undefined) return Promise.resolve();
    for (const cid of sb.containers) {
      const c = this.containers.get(cid);
      if (c?.status.state === 'running') this.killAll(c, 137);
    }
    sb.ready = false;
    return Promise.resolve();
  }

  async removePodSandbox(sandboxId: string): Promise<void> {
    await this.stopPodSandbox(sandboxId);
    const sb = this.sandboxes.get(sandboxId);
    if (sb === undefined) return;
    for (const cid of [...sb.containers]) await this.removeContainer(cid);
    this.sandboxes.delete(sandboxId);
  }

  /** The sandbox that owns `ip` in this runtime (the network layer routes pod IPs with it). */
  sandboxByIp(ip: string): string | undefined {
    for (const sb of this.sandboxes.values()) if (sb.ready && sb.config.ip === ip) return sb.id;
    return undefined;
  }

  // ---- Containers --------------------------------------------------------------------------------------

  createContainer(sandboxId: string, config: ContainerConfig): Promise<string> {
    const sb = this.sandboxes.get(sandboxId);
    if (sb === undefined) return Promise.reject(new Error(`failed to create containerd container: sandbox "${sandboxId}" not found`));
    const ref = parseImageReference(config.image).normalized;
    const info = this.images.get(ref);
    const spec = findImage(this.catalogue, ref);
    if (info === undefined || spec === undefined) return Promise.reject(new Error(`failed to create containerd container: get image info: image "${ref}": not found`));
    const id = this.newId('container');
    const now = this.clock.now();
    const base = { ...(this.catalogue.bases[spec.base]?.files ?? {}), ...spec.files };
    const fs = new VirtualFs(FileTree.from(base, now), () => this.clock.now());
    for (const dir of ['/tmp', '/root', '/etc', '/dev', '/proc', '/var', '/home']) fs.mkdirp(dir, true);
    fs.writeFile('/etc/hostname', `${sb.config.hostname}\n`);
    fs.writeFile('/etc/hosts', sb.config.hostsFile);
    fs.writeFile('/etc/resolv.conf', sb.config.resolvConf);
    fs.writeFile('/dev/termination-log', '');
    for (const m of config.mounts) {
      const key = m.volumeName ?? m.files;
      let tree = sb.volumes.get(key);
      if (tree === undefined) {
        tree = FileTree.from(m.files, now);
        sb.volumes.set(key, tree);
      }
      fs.mount(m.containerPath, tree, m.readOnly);
    }
    const env = new Map<string, string>();
    env.set('PATH', spec.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    env.set('HOSTNAME', sb.config.hostname);
    for (const [k, v] of Object.entries(spec.env)) env.set(k, v);
    for (const { name, value } of config.env) env.set(name, value);
    if (!env.has('HOME')) env.set('HOME', '/root');
    const argv = config.command.length > 0 ? [...config.command, ...config.args] : [...spec.entrypoint, ...(config.args.length > 0 ? config.args : spec.cmd)];
    const c: Container = {
      id,
      sandbox: sb,
      config,
      image: spec,
      status: {
        id,
        name: config.name,
        state: 'created',
        createdAt: now,
        startedAt: 0,
        finishedAt: 0,
        exitCode: 0,
        reason: '',
        message: '',
        image: ref,
        imageRef: info.digest,
      },
      fs,
      env,
      argv,
      logs: [],
      partial: { stdout: '', stderr: '' },
      followers: new Set(),
      attached: new Set(),
      mainStdin: config.stdin ? new StreamStdin() : new FixedStdin(''),
      processes: new Map(),
      nextPid: 1,
      jitter: 1,
      oomKilled: false,
      exitWaiters: [],
    };
    this.containers.set(id, c);
    sb.containers.add(id);
    this.events.fire({ containerId: id, podUid: sb.config.podUid, type: 'created' });
    return Promise.resolve(id);
  }

  startContainer(containerId: string): Promise<void> {
    const c = this.containers.get(containerId);
    if (c === undefined) return Promise.reject(new Error(`container "${containerId}" not found`));
    if (c.status.state !== 'created') return Promise.reject(new Error(`failed to start containerd task "${containerId}": cannot start a container in state ${c.status.state}: unknown`));
    const now = this.clock.now();
    if (!this.isRunnable(c, c.argv[0])) {
      const what = c.argv.length === 0 ? 'no command specified' : `exec: "${c.argv[0]}": executable file not found in $PATH`;
      const message = `failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ${what}: unknown`;
      Object.assign(c.status, { state: 'exited', startedAt: now, finishedAt: now, exitCode: 128, reason: 'ContainerCannotRun', message });
      this.events.fire({ containerId, podUid: c.sandbox.config.podUid, type: 'exited' });
      return Promise.reject(new Error(message));
    }
    c.jitter = 0.92 + 0.16 * this.random.next();
    Object.assign(c.status, { state: 'running', startedAt: now });
    this.events.fire({ containerId, podUid: c.sandbox.config.podUid, type: 'started' });
    const io: ShellIo = { stdout: (t) => this.writeLog(c, 'stdout', t), stderr: (t) => this.writeLog(c, c.config.tty ? 'stdout' : 'stderr', t), stdin: c.mainStdin, tty: c.config.tty };
    const argv = c.argv;
    const cwd = c.config.workingDir ?? c.image.workingDir ?? '/';
    // The main process may finish at once (`true`), so `exited` can follow `started` within this call.
    this.spawn(c, argv.join(' '), io, (host, rec) => this.runArgv(host, rec, c, argv, io, cwd), (code) => this.mainExited(c, code));
    return Promise.resolve();
  }

  stopContainer(containerId: string, timeoutSeconds: number): Promise<void> {
    const c = this.containers.get(containerId);
    if (c === undefined || c.status.state !== 'running') return Promise.resolve();
    return new Promise<void>((resolve) => {
      c.exitWaiters.push(resolve);
      const killTimer = this.clock.setTimer(Math.max(0, timeoutSeconds) * 1000, () => {
        if (c.status.state === 'running') this.signal(c, 1, 'KILL');
      });
      c.exitWaiters.push(() => killTimer.dispose());
      this.signal(c, 1, c.image.stopSignal ?? 'TERM');
    });
  }

  removeContainer(containerId: string): Promise<void> {
    const c = this.containers.get(containerId);
    if (c === undefined) return Promise.resolve();
    if (c.status.state === 'running') this.killAll(c, 137);
    this.containers.delete(containerId);
    c.sandbox.containers.delete(containerId);
    this.events.fire({ containerId, podUid: c.sandbox.config.podUid, type: 'removed' });
    return Promise.resolve();
  }

  containerStatus(containerId: string): ContainerStatus | undefined {
    const c = this.containers.get(containerId);
    return c === undefined ? undefined : { ...c.status };
  }

  listContainers(podUid?: string): ContainerStatus[] {
    return [...this.containers.values()].filter((c) => podUid === undefined || c.sandbox.config.podUid === podUid).map((c) => ({ ...c.status }));
  }

  // ---- Processes ---------------------------------------------------------------------------------------

  private isRunnable(c: Container, argv0: string | undefined): boolean {
    if (argv0 === undefined) return false;
    const base = argv0.split('/').pop() ?? argv0;
    return findProgram(this.catalogue, [argv0]) !== undefined || (c.image.shell && (COMMANDS[base] !== undefined || ['exit', 'cd', 'export', 'exec', ':'].includes(base)));
  }

  private spawn(c: Container, command: string, io: ShellIo, body: (host: ShellHost, rec: ProcessRecord) => Proc<number>, onExit: (code: number) => void): ProcessRecord {
    const rec: ProcessRecord = {
      pid: c.nextPid === 1 ? c.nextPid++ : (c.nextPid += 6),
      command,
      runner: undefined,
      io,
      exited: false,
      exitCode: 0,
      waiters: [],
      signalHandler: undefined,
      memory: { base: SHELL_PROCESS_BYTES, rampPerSecond: 0, since: this.clock.now() },
      cpuMillicores: 0,
      onExit,
      traps: new Set(),
      pendingSignals: [],
      signalWakers: new Set(),
    };
    c.processes.set(rec.pid, rec);
    const host = this.shellHost(c, rec);
    rec.runner = new ProcessRunner(body(host, rec), (result) => {
      if ('error' in result) {
        io.stderr(`${String(result.error)}\n`);
        this.processExited(c, rec, 1);
      } else this.processExited(c, rec, result.value);
    });
    rec.runner.start();
    return rec;
  }

  private *runArgv(host: ShellHost, rec: ProcessRecord, c: Container, argv: string[], io: ShellIo, cwd: string): Proc<number> {
    const shell = new Shell(host, c.env, rec.pid, [], argv[0] ?? 'sh');
    shell.cwd = cwd;
    try {
      return yield* shell.execute(argv, io, c.env);
    } catch (e) {
      if (e instanceof ShellExit) return e.code;
      throw e;
    }
  }

  private processExited(c: Container, rec: ProcessRecord, code: number): void {
    if (rec.exited) return;
    rec.exited = true;
    rec.exitCode = code;
    c.processes.delete(rec.pid);
    for (const [port, l] of c.sandbox.listeners) {
      if (l.containerId === c.id && l.pid === rec.pid) {
        c.sandbox.listeners.delete(port);
        for (const conn of l.connections) conn.abort();
      }
    }
    rec.onExit(code);
    for (const w of rec.waiters.splice(0)) w(code);
  }

  /** Ends a process with `code` without running any more of it. */
  private terminate(c: Container, rec: ProcessRecord, code: number): void {
    if (rec.runner === undefined) this.processExited(c, rec, code);
    else rec.runner.kill(() => this.processExited(c, rec, code));
  }

  /** Delivers a signal as the kernel would (see the file comment); false when no such process. */
  private signal(c: Container, pid: number, signal: string): boolean {
    const rec = c.processes.get(pid);
    if (rec === undefined) return false;
    if (signal === 'KILL') {
      this.terminate(c, rec, 137);
      return true;
    }
    const reaction = rec.signalHandler?.(signal);
    if (reaction !== undefined) {
      const ctx = { now: this.clock.now(), startedAt: rec.memory.since, hostname: c.sandbox.config.hostname, ip: c.sandbox.config.ip };
      for (const line of reaction.stdout ?? []) rec.io.stdout(`${renderTemplate(line, ctx)}\n`);
      for (const line of reaction.stderr ?? []) rec.io.stderr(`${renderTemplate(line, ctx)}\n`);
      this.terminate(c, rec, reaction.exitCode);
      return true;
    }
    if (rec.traps.has(signal)) {
      rec.pendingSignals.push(signal);
      for (const wake of [...rec.signalWakers]) wake(signal);
      return true;
    }
    if (pid === 1) return true;
    this.terminate(c, rec, 128 + (SIGNAL_NUMBERS[signal] ?? 15));
    return true;
  }

  /** Kills every process of the container; the main process's exit code is `code`. */
  private killAll(c: Container, code: number): void {
    const main = c.processes.get(1);
    for (const rec of [...c.processes.values()]) if (rec !== main) this.terminate(c, rec, 137);
    if (main !== undefined) this.terminate(c, main, code);
  }

  private mainExited(c: Container, code: number): void {
    for (const rec of [...c.processes.values()]) this.terminate(c, rec, 137);
    for (const stream of ['stdout', 'stderr'] as const) {
      if (c.partial[stream] !== '') this.pushLine(c, stream, c.partial[stream]);
      c.partial[stream] = '';
    }
    const reason = c.oomKilled ? 'OOMKilled' : code === 0 ? 'Completed' : 'Error';
    Object.assign(c.status, { state: 'exited', finishedAt: this.clock.now(), exitCode: code, reason });
    for (const s of c.attached) s.finish(code);
    c.attached.clear();
    this.events.fire({ containerId: c.id, podUid: c.sandbox.config.podUid, type: 'exited' });
    for (const w of c.exitWaiters.splice(0)) w();
  }

  private memoryOf(c: Container): number {
    const now = this.clock.now();
    let total = 0;
    for (const p of c.processes.values()) total += p.memory.base + (p.memory.rampPerSecond * (now - p.memory.since)) / 1000;
    return total;
  }

  private checkOom(c: Container): void {
    const limit = c.config.memoryLimitBytes;
    if (limit > 0 && c.status.state === 'running' && this.memoryOf(c) > limit) {
      c.oomKilled = true;
      this.killAll(c, 137);
    }
  }

  private shellHost(c: Container, rec: ProcessRecord): ShellHost {
    const clock = this.clock;
    // A process's own sleeps are its life, not cluster work: they do not keep the cluster from settling.
    const setTimer = (ms: number, fn: () => void): Disposable => clock.setTimer(ms, fn, { background: true });
    return {
      fs: c.fs,
      hostname: c.sandbox.config.hostname,
      now: () => clock.now(),
      sleep: (ms) => sleepWait(setTimer, ms),
      withTimeout: (wait, ms) => withTimeout(setTimer, wait, ms),
      program: (argv, io, env) => {
        const spec = findProgram(this.catalogue, argv);
        return spec === undefined ? undefined : this.runProgram(c, rec, spec, argv, io, env);
      },
      hasShell: c.image.shell,
      processes: () => [...c.processes.values()].sort((a, b) => a.pid - b.pid).map((p) => ({ pid: p.pid, user: 'root', command: p.command })),
      kill: (pid, signal) => this.signal(c, pid, signal),
      spawn: (command, run) => this.spawn(c, command, rec.io, () => run(), () => {}).pid,
      waitFor: (pid) => ({
        start: (resume) => {
          const target = c.processes.get(pid);
          if (target === undefined) {
            resume(127);
            return toDisposable(() => {});
          }
          const w = (code: number): void => resume(code);
          const interrupted = (signal: string): void => resume(128 + (SIGNAL_NUMBERS[signal] ?? 15));
          target.waiters.push(w);
          rec.signalWakers.add(interrupted);
          return toDisposable(() => {
            target.waiters = target.waiters.filter((x) => x !== w);
            rec.signalWakers.delete(interrupted);
          });
        },
      }),
      setTrap: (signal, handled) => {
        if (handled) rec.traps.add(signal);
        else rec.traps.delete(signal);
      },
      takeTrappedSignal: () => rec.pendingSignals.shift(),
      network: this.shellNetwork(c),
    };
  }

  /** An image program from the catalogue, run as process `rec`. */
  private *runProgram(c: Container, rec: ProcessRecord, spec: ProgramSpec, argv: string[], io: ShellIo, env: Map<string, string>): Proc<number> {
    const startedAt = this.clock.now();
    const ctx = (extra?: Record<string, string>) => ({ now: this.clock.now(), startedAt, hostname: c.sandbox.config.hostname, ip: c.sandbox.config.ip, extra });
    const nextArg = (argv[1] ?? '').split('/').pop();
    if (spec.onlyWhenNextArg === undefined || spec.onlyWhenNextArg === nextArg) {
      for (const line of spec.startup ?? []) io.stdout(`${renderTemplate(line, ctx())}\n`);
      for (const line of spec.startupStderr ?? []) io.stderr(`${renderTemplate(line, ctx())}\n`);
    }
    if (spec.execArgs) {
      if (argv.length < 2) return 0;
      const shell = new Shell(this.shellHost(c, rec), env, rec.pid);
      return yield* shell.execute(argv.slice(1), io, env);
    }
    rec.signalHandler = (signal) => spec.onStopSignal?.[signal] ?? (signal === 'TERM' ? spec.onTerm : undefined);
    rec.memory = { base: spec.memoryBytes ?? SHELL_PROCESS_BYTES, rampPerSecond: spec.memoryRampBytesPerSecond ?? 0, since: startedAt };
    rec.cpuMillicores = spec.cpuMillicores ?? 0;
    const timers: Disposable[] = [];
    try {
      for (const l of spec.listen ?? []) {
        if (c.sandbox.listeners.has(l.port)) {
          io.stderr(`listen tcp :${l.port}: bind: address already in use\n`);
          return 1;
        }
        c.sandbox.listeners.set(l.port, { containerId: c.id, pid: rec.pid, spec: l, startedAt, connections: new Set() });
      }
      if (spec.every !== undefined) {
        const every = spec.every;
        let n = 0;
        timers.push(
          this.clock.setPeriodic(every.seconds * 1000, () => {
            const line = `${renderTemplate(every.text, ctx({ n: String(++n) }))}\n`;
            if (every.stream === 'stderr') io.stderr(line);
            else io.stdout(line);
          }),
        );
      }
      if (rec.memory.rampPerSecond > 0) timers.push(this.clock.setPeriodic(1000, () => this.checkOom(c)));
      this.checkOom(c);
      if (spec.exit !== undefined) {
        yield sleepWait((ms, fn) => this.clock.setTimer(ms, fn, { background: true }), spec.exit.afterSeconds * 1000);
        for (const line of spec.exit.stdout ?? []) io.stdout(`${renderTemplate(line, ctx())}\n`);
        for (const line of spec.exit.stderr ?? []) io.stderr(`${renderTemplate(line, ctx())}\n`);
        return spec.exit.code;
      }
      yield { start: () => toDisposable(() => {}) };
      return 0;
    } finally {
      for (const t of timers) t.dispose();
    }
  }

  private shellNetwork(c: Container): ShellNetwork {
    const sb = c.sandbox;
    const searchDomains = (): string[] => {
      const resolv = c.fs.readFile('/etc/resolv.conf');
      return typeof resolv === 'string' ? (/^search\s+(.*)$/m.exec(resolv)?.[1]?.trim().split(/\s+/) ?? []) : [];
    };
    return {
      resolve: (name) => {
        if (/^[0-9]+(\.[0-9]+){3}$/.test(name)) return name;
        if (name === 'localhost') return '127.0.0.1';
        const hosts = c.fs.readFile('/etc/hosts');
        if (typeof hosts === 'string' && hosts !== 'ENOENT' && hosts !== 'EISDIR') {
          for (const line of hosts.split('\n')) {
            const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
            if (ip !== undefined && names.includes(name) && ip.includes('.')) return ip;
          }
        }
        const inCluster = this.network?.lookup(name, { sandboxIp: sb.config.ip, searchDomains: searchDomains() });
        return inCluster ?? this.catalogue.internet.find((h) => h.host === name.replace(/\.$/, ''))?.ip;
      },
      // What nslookup asks the DNS server (CoreDNS): no /etc/hosts; names outside the cluster are forwarded upstream.
      query: (name, type) => {
        const answer = this.network?.query(name, type, { sandboxIp: sb.config.ip, searchDomains: searchDomains() });
        if (answer !== undefined || type !== 'A') return answer;
        const outside = this.catalogue.internet.find((h) => h.host === name.replace(/\.$/, ''));
        return outside === undefined ? undefined : { name: outside.host, addresses: [outside.ip], srv: [] };
      },
      connect: (ip, port) => {
        if (ip === '127.0.0.1' || ip === sb.config.ip) return this.openConnection(sb, port, ip === '127.0.0.1' ? '127.0.0.1' : sb.config.ip);
        const outside = this.catalogue.internet.find((h) => h.ip === ip);
        if (outside !== undefined) return this.connectOutside(outside, port, sb.config.ip);
        if (this.network !== undefined) return this.network.connect(ip, port, { sandboxIp: sb.config.ip });
        return this.connectToIp(ip, port, sb.config.ip);
      },
    };
  }

  // ---- Streaming ---------------------------------------------------------------------------------------

  private writeLog(c: Container, stream: 'stdout' | 'stderr', text: string): void {
    for (const s of c.attached) s.emit(stream, text);
    const parts = (c.partial[stream] + text).split('\n');
    c.partial[stream] = parts.pop() ?? '';
    for (const line of parts) this.pushLine(c, stream, line.replace(/\r$/, ''));
  }

  private pushLine(c: Container, stream: 'stdout' | 'stderr', text: string): void {
    const line: LogLine = { time: this.clock.now(), stream, text };
    c.logs.push(line);
    for (const f of c.followers) f(line);
  }

  private runningContainer(containerId: string): Container {
    const c = this.containers.get(containerId);
    if (c === undefined) throw new Error(`container "${containerId}" not found`);
    if (c.status.state !== 'running') throw new Error(`container ${containerId} is not running (state ${c.status.state})`);
    return c;
  }

  private execError(argv0: string | undefined): string {
    return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv0 ?? ''}": executable file not found in $PATH: unknown`;
  }

  execSync(containerId: string, cmd: string[], timeoutSeconds: number): Promise<ExecResult> {
    let c: Container;
    try {
      c = this.runningContainer(containerId);
    } catch (e) {
      return Promise.reject(e);
    }
    if (!this.isRunnable(c, cmd[0])) return Promise.reject(new Error(this.execError(cmd[0])));
    return new Promise<ExecResult>((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      let timer: Disposable | undefined;
      const io: ShellIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: new FixedStdin(''), tty: false };
      const rec = this.spawn(c, cmd.join(' '), io, (host, r) => this.runArgv(host, r, c, cmd, io, c.config.workingDir ?? c.image.workingDir ?? '/'), (exitCode) => {
        timer?.dispose();
        resolve({ exitCode, stdout, stderr });
      });
      if (!rec.exited && timeoutSeconds > 0) {
        timer = this.clock.setTimer(timeoutSeconds * 1000, () => {
          rec.onExit = () => reject(new ExecTimeoutError(`command '${cmd.join(' ')}' timed out after ${timeoutSeconds}s`));
          this.terminate(c, rec, 137);
        });
      }
    });
  }

  exec(containerId: string, cmd: string[], tty: boolean): ProcessSession {
    const c = this.runningContainer(containerId);
    if (!this.isRunnable(c, cmd[0])) throw new Error(this.execError(cmd[0]));
    const holder: { rec?: ProcessRecord } = {};
    const session = new SimulatedProcessSession(tty, () => {
      if (holder.rec !== undefined && !holder.rec.exited) this.terminate(c, holder.rec, 137);
    });
    const io: ShellIo = { stdout: (t) => session.emit('stdout', t), stderr: (t) => session.emit(tty ? 'stdout' : 'stderr', t), stdin: session.stdin, tty };
    holder.rec = this.spawn(c, cmd.join(' '), io, (host, r) => this.runArgv(host, r, c, cmd, io, c.config.workingDir ?? c.image.workingDir ?? '/'), (code) => session.finish(code));
    return session;
  }

  attach(containerId: string): ProcessSession {
    const c = this.runningContainer(containerId);
    const stdin = c.mainStdin;
    const session: SimulatedProcessSession = new SimulatedProcessSession(c.config.tty, () => c.attached.delete(session), c.config.stdin);
    // Input goes to the main process's stdin rather than the session's own buffer.
    session.stdin.push = (data: string) => (stdin instanceof StreamStdin ? stdin.push(data) : undefined);
    session.stdin.close = () => (stdin instanceof StreamStdin ? stdin.close() : undefined);
    c.attached.add(session);
    return session;
  }

  logs(containerId: string, query: LogQuery = {}): LogLine[] {
    const c = this.containers.get(containerId);
    if (c === undefined) return [];
    let lines = query.sinceMs === undefined ? c.logs : c.logs.filter((l) => l.time >= (query.sinceMs as number));
    if (query.tailLines !== undefined) lines = query.tailLines <= 0 ? [] : lines.slice(-query.tailLines);
    return lines.map((l) => ({ ...l }));
  }

  followLogs(containerId: string, onLine: (line: LogLine) => void): Disposable {
    const c = this.containers.get(containerId);
    if (c === undefined) return toDisposable(() => {});
    c.followers.add(onLine);
    return toDisposable(() => c.followers.delete(onLine));
  }

  // ---- Network -----------------------------------------------------------------------------------------

  connect(sandboxId: string, port: number): Connection | undefined {
    const sb = this.sandboxes.get(sandboxId);
    return sb === undefined ? undefined : this.openConnection(sb, port, '127.0.0.1');
  }

  /** A connection to ip:port when `ip` is one of this runtime's sandboxes; `fromIp` shows in access logs. */
  connectToIp(ip: string, port: number, fromIp: string): Connection | undefined {
    const id = this.sandboxByIp(ip);
    const sb = id === undefined ? undefined : this.sandboxes.get(id);
    return sb === undefined ? undefined : this.openConnection(sb, port, fromIp);
  }

  private openConnection(sb: Sandbox, port: number, clientIp: string): Connection | undefined {
    if (!sb.ready) return undefined;
    const l = sb.listeners.get(port);
    const c = l === undefined ? undefined : this.containers.get(l.containerId);
    if (l === undefined || c === undefined) return undefined;
    const handler = serverHandler(l.spec, {
      fs: c.fs,
      now: () => this.clock.now(),
      startedAt: l.startedAt,
      hostname: sb.config.hostname,
      ip: sb.config.ip,
      clientIp,
      log: (line) => this.writeLog(c, 'stdout', `${line}\n`),
    });
    const conn: PipeConnection = new PipeConnection(handler, () => l.connections.delete(conn));
    l.connections.add(conn);
    return conn;
  }

  /** A connection to a catalogue internet host (its servers have no file system and write no logs). */
  private connectOutside(host: InternetHost, port: number, clientIp: string): Connection | undefined {
    const spec = host.listen.find((l) => l.port === port);
    if (spec === undefined) return undefined;
    const handler = serverHandler(spec, {
      fs: new VirtualFs(new FileTree(), () => this.clock.now()),
      now: () => this.clock.now(),
      startedAt: 0,
      hostname: host.host,
      ip: host.ip,
      clientIp,
      log: () => {},
    });
    return new PipeConnection(handler);
  }

  httpGet(sandboxId: string, port: number, path: string, headers: Record<string, string>, timeoutSeconds: number): Promise<HttpProbeResult> {
    const sb = this.sandboxes.get(sandboxId);
    const conn = sb === undefined ? undefined : this.openConnection(sb, port, nodeSideIp(sb.config.ip));
    if (sb === undefined || conn === undefined) return Promise.resolve({ kind: 'refused' });
    return new Promise<HttpProbeResult>((resolve) => {
      let received = '';
      let done = false;
      const finish = (r: HttpProbeResult): void => {
        if (done) return;
        done = true;
        timer.dispose();
        subs.forEach((s) => s.dispose());
        resolve(r);
      };
      const timer = this.clock.setTimer(timeoutSeconds * 1000, () => finish({ kind: 'timeout' }));
      const subs = [
        conn.onData((d) => (received += decodeUtf8(d))),
        conn.onClose(() => {
          const res = parseHttpResponse(received);
          finish(res === undefined ? { kind: 'timeout' } : { kind: 'response', status: res.status, body: res.body });
        }),
      ];
      // The kubelet's prober: Host is the pod IP, User-Agent kube-probe/<major.minor>, Accept */*; custom headers override.
      const base: Record<string, string> = { Host: `${sb.config.ip}:${port}`, 'User-Agent': 'kube-probe/1.32', Accept: '*/*' };
      const all = { ...base, ...headers, Connection: 'close' };
      conn.write(encodeUtf8(formatHttpRequest({ method: 'GET', path, version: 'HTTP/1.1', headers: Object.entries(all), body: '' })));
    });
  }

  tcpProbe(sandboxId: string, port: number, _timeoutSeconds: number): Promise<boolean> {
    const conn = this.connect(sandboxId, port);
    conn?.end();
    return Promise.resolve(conn !== undefined);
  }

  grpcProbe(sandboxId: string, port: number, service: string, _timeoutSeconds: number): Promise<GrpcHealth> {
    const sb = this.sandboxes.get(sandboxId);
    const l = sb?.ready ? sb.listeners.get(port) : undefined;
    if (l === undefined) return Promise.resolve('refused');
    if (l.spec.grpc === undefined) return Promise.resolve('UNKNOWN');
    if (service !== '') return Promise.resolve('SERVICE_UNKNOWN');
    return Promise.resolve(l.spec.grpc.status);
  }

  /**
   * The lab's CrashContainer fault: the container's processes die at once and the main one exits with
   * `exitCode`, as if the application crashed. false when the container is not running.
   */
  crashContainer(containerId: string, exitCode: number): boolean {
    const c = this.containers.get(containerId);
    if (c === undefined || !c.processes.has(1)) return false;
    this.killAll(c, exitCode);
    return true;
  }

  usage(containerId: string): ResourceUsage | undefined {
    const c = this.containers.get(containerId);
    if (c === undefined || c.status.state !== 'running') return undefined;
    let millicores = 0;
    for (const p of c.processes.values()) millicores += p.cpuMillicores;
    return { cpuNanoCores: Math.round(millicores * 1e6 * c.jitter), memoryWorkingSetBytes: Math.round(this.memoryOf(c) * c.jitter) };
  }
}


/** containerd's words for a failed pull of `ref` (a normalized reference). */
export function pullErrorMessage(ref: string, catalogue: ImageCatalogue): string {
  const parsed = parseImageReference(ref);
  const repoKnown = catalogue.images.some((i) => i.repository === parsed.repository);
  const cause = repoKnown
    ? `${ref}: not found`
    : 'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
  return `failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${cause}`;
}

/** The node-side address probes come from: the pod network's gateway (x.y.z.1) of the pod's subnet. */
function nodeSideIp(podIp: string): string {
  const parts = podIp.split('.');
  return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.1` : podIp;
}

function withTimeout(setTimer: (ms: number, fn: () => void) => Disposable, wait: Wait, ms: number): Wait {
  return {
    start: (resume) => {
      let settled = false;
      let timer: Disposable | undefined;
      const inner = wait.start((v) => {
        if (settled) return;
        settled = true;
        timer?.dispose();
        resume(v);
      });
      if (!settled) {
        timer = setTimer(ms, () => {
          if (settled) return;
          settled = true;
          inner.dispose();
          resume('timedOut');
        });
      }
      return toDisposable(() => {
        inner.dispose();
        timer?.dispose();
      });
    },
  };
}
