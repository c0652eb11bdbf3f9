/**
 * What one kubectl invocation runs against: the API server (through the same ApiHandler the HTTPS endpoint
 * uses), the cluster's clock, output sinks and an abort signal (Ctrl-C in the terminal ends `get -w`, `logs -f`).
 */
import type { Disposable } from '../base/disposable';
import type { Clock } from '../base/clock';
import type { ApiHandler } from '../apiserver/handler-types';
import type { Status } from '../apiserver/errors/status-error';

export interface AbortSignalLike {
  readonly aborted: boolean;
  onAbort(cb: () => void): Disposable;
}

export interface KubectlContext {
  handler: ApiHandler;
  clock: Clock;
  stdout(s: string): void;
  stderr(s: string): void;
  /** Text for `-f -`; the terminal has none. */
  stdin?: string;
  signal: AbortSignalLike;
  /** The kubeconfig context's namespace (default `default`). */
  namespace?: string;
  /** Terminal width, for commands that wrap (none of the golden ones do). */
  columns?: number;
  /** Output goes to a terminal: kubectl then colours what it colours on a TTY (cluster-info). */
  tty?: boolean;
  /** The kubeconfig's server URL (`cluster-info`, `config view`); default https://127.0.0.1:6443. */
  server?: string;
}

export type KubeStatus = Status;

/** A signal that never aborts, for one-shot calls (the editor's apply). */
export const neverAborted: AbortSignalLike = { aborted: false, onAbort: () => ({ dispose() {} }) };
