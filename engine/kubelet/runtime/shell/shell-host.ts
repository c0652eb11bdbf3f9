/** What a shell needs from the container it runs in. The simulated runtime implements it per container. */
import type { DnsAnswer, DnsType } from '../simulated-network';
import type { Connection } from '../container-runtime';
import type { VirtualFs } from '../virtual-fs';
import type { Proc, Wait } from './process-effects';
import type { ShellIo } from './shell-io';

export interface ShellHost {
  readonly fs: VirtualFs;
  readonly hostname: string;
  /** Virtual ms. */
  now(): number;
  sleep(ms: number): Wait;
  /** Waits at most `ms` for `wait`; resumes with `timedOut` when the time ran out first. */
  withTimeout(wait: Wait, ms: number): Wait;
  /** The image's own program for argv (nginx, agnhost …), when argv[0] names one; undefined otherwise. */
  program(argv: string[], io: ShellIo, env: Map<string, string>): Proc<number> | undefined;
  /** Whether the image has a shell and coreutils (busybox, alpine, debian…); `sh` and the commands fail without. */
  readonly hasShell: boolean;
  processes(): Array<{ pid: number; user: string; command: string }>;
  /** Sends `signal` (`TERM`, `KILL`, `INT`, `HUP`…) to a pid of this container; false when no such process. */
  kill(pid: number, signal: string): boolean;
  /** Starts `run` as a background process (`cmd &`); returns its pid. */
  spawn(command: string, run: () => Proc<number>): number;
  /**
   * Resumes with the exit code once the process has exited (immediately when it is already gone), or with
   * 128 + the signal number when a signal this process traps arrives first (POSIX `wait` is interrupted).
   */
  waitFor(pid: number): Wait;
  /** Marks `signal` as handled (`trap … SIG`) or back to default for this process. */
  setTrap(signal: string, handled: boolean): void;
  /** The oldest trapped signal that arrived and was not yet handled. */
  takeTrappedSignal(): string | undefined;
  readonly network: ShellNetwork;
}

export interface ShellNetwork {
  /** The IP `name` resolves to, via /etc/hosts then the network's DNS; undefined when it does not resolve. */
  resolve(name: string): string | undefined;
  /** A DNS query to the pod's nameserver (as nslookup makes it: no /etc/hosts), or undefined (NXDOMAIN). */
  query(name: string, type: DnsType): DnsAnswer | undefined;
  /** A connection to ip:port, or undefined when refused (nothing listens) or unreachable. */
  connect(ip: string, port: number): Connection | undefined;
}
