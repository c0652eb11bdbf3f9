/**
 * One parsed kubectl command line, ready to run: the context, the REST and discovery clients, the flags, and the
 * effective namespace (`-n`, else the kubeconfig context's, else `default`).
 */
import type { KubectlContext } from './context';
import type { Discovery } from './discovery';
import { bool, str, type FlagSpec, type ParsedFlags } from './flags';
import type { Rest } from './rest';

export interface Invocation {
  ctx: KubectlContext;
  rest: Rest;
  discovery: Discovery;
  flags: ParsedFlags;
  args: string[];
  /** `kubectl get`, `kubectl rollout status` — for usage messages. */
  commandPath: string;
  namespace: string;
  /** `-n` given explicitly (kubectl then checks manifests' namespaces against it). */
  namespaceExplicit: boolean;
  allNamespaces: boolean;
}

export interface CommandDef {
  name: string;
  aliases?: string[];
  flags: FlagSpec[];
  /** Subcommands (`rollout status`, `create namespace`); a command with both runs `run` when none matches. */
  subcommands?: CommandDef[];
  run?(inv: Invocation): Promise<number>;
}

export function makeInvocation(ctx: KubectlContext, rest: Rest, discovery: Discovery, flags: ParsedFlags, commandPath: string): Invocation {
  const ns = str(flags, 'namespace');
  return {
    ctx,
    rest,
    discovery,
    flags,
    args: flags.args,
    commandPath,
    namespace: ns !== '' ? ns : (ctx.namespace ?? 'default'),
    namespaceExplicit: ns !== '',
    allNamespaces: flags.values.has('all-namespaces') && bool(flags, 'all-namespaces'),
  };
}
