/**
 * kubectl's error printing (k8s.io/kubectl/pkg/cmd/util/helpers.go checkErr/StandardErrorMessage): API errors
 * as `Error from server (<Reason>): <message>`, Invalid with its causes, anything else as `error: <message>`.
 * Every failure exits 1 (DefaultErrorExitCode).
 */
import { StatusError } from '../apiserver/errors/status-error';

/** An error kubectl prints verbatim (already carries its `error: ` / `Error: ` prefix and trailing text). */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly verbatim = false,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** A usage error: cobra's `Error: <msg>\nSee 'kubectl <cmd> --help' for usage.` */
export function usageError(command: string, message: string): KubectlError {
  return new KubectlError(`Error: ${message}\nSee '${command} --help' for usage.\n`, true);
}

/** cmdutil.UsageErrorf: `error: <msg>\nSee '<cmd> -h' for help and examples` */
export function usageErrorf(command: string, message: string): KubectlError {
  return new KubectlError(`error: ${message}\nSee '${command} -h' for help and examples\n`, true);
}

export function errorText(err: unknown): string {
  if (err instanceof KubectlError) return err.verbatim ? err.message : `error: ${err.message}\n`;
  if (err instanceof StatusError) return `${statusErrorMessage(err)}\n`;
  return `error: ${err instanceof Error ? err.message : String(err)}\n`;
}

export function statusErrorMessage(err: StatusError): string {
  const s = err.status;
  if (s.reason === 'Invalid' && s.details) {
    const d = s.details;
    const head = d.kind || d.name ? `The ${d.kind ?? ''} ${JSON.stringify(d.name ?? '')} is invalid` : 'The request is invalid';
    const causes = (d.causes ?? []).map((c) => `${c.field ?? ''}: ${c.message ?? ''}`);
    if (causes.length === 0) return `error: ${head}`;
    if (causes.length === 1) return `${head}: ${causes[0]}`;
    return `${head}: \n${causes.map((c) => `* ${c}`).join('\n')}`;
  }
  if (s.reason === 'Unauthorized') return `error: You must be logged in to the server (${s.message ?? ''})`;
  if (s.reason) return `Error from server (${s.reason}): ${err.message}`;
  return `Error from server: ${err.message}`;
}
