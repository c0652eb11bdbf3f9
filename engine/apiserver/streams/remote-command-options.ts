/**
 * PodExecOptions / PodAttachOptions from an exec or attach query, and the final statuses the kubelet's
 * remotecommand server writes on the error channel (k8s.io/kubelet/pkg/cri/streaming/remotecommand).
 */
import { apiErrors } from '../errors/status-error';
import { boolParam, stringParam, type Query } from './query-params';

export interface RemoteCommandOptions {
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  /** Always false with a TTY: the terminal merges stderr into stdout. */
  stderr: boolean;
  tty: boolean;
}

export function parseRemoteCommandOptions(query: Query, withCommand: boolean): RemoteCommandOptions {
  const tty = boolParam(query, 'tty');
  const opts: RemoteCommandOptions = {
    container: stringParam(query, 'container'),
    command: withCommand ? [...(query['command'] ?? [])] : [],
    stdin: boolParam(query, 'stdin'),
    stdout: boolParam(query, 'stdout'),
    stderr: boolParam(query, 'stderr') && !tty,
    tty,
  };
  if (!opts.stdin && !opts.stdout && !opts.stderr) throw apiErrors.badRequest('you must specify at least 1 of stdin, stdout, stderr');
  return opts;
}

/** The error channel's status after a command exited 0 (json.Marshal of a TypeMeta-less metav1.Status). */
export function successStatus(): Record<string, unknown> {
  return { metadata: {}, status: 'Success' };
}

/**
 * After a non-zero exit: reason NonZeroExitCode and an ExitCode cause, which kubectl turns into
 * `command terminated with exit code N`. The message wraps the CRI runtime's exit error, as containerd words it.
 */
export function nonZeroExitStatus(command: readonly string[], exitCode: number): Record<string, unknown> {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}
