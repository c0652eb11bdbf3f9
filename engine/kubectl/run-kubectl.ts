/**
 * kubectl's entry point: finds the (sub)command cobra-style (global flags may come first), parses its flags,
 * runs it and prints any error the way kubectl's CheckErr does. Returns the exit code.
 */
import type { KubectlContext } from './context';
import { discoveryFor } from './discovery-cache';
import { FlagError, GLOBAL_FLAGS, parseFlags } from './flags';
import { makeInvocation, type CommandDef } from './invocation';
import { errorText, KubectlError } from './kubectl-error';
import { COMMANDS, COMMAND_ORDER } from './commands';

export async function runKubectl(argv: string[], ctx: KubectlContext): Promise<number> {
  const { rest, discovery } = discoveryFor(ctx);
  // Discovery is re-read per command: CRDs come and go between commands (kubectl's cache has a TTL and is
  // invalidated when a resource is not found; re-reading keeps answers exact).
  discovery.invalidate();
  const split = splitCommand(argv);
  if (!split) {
    ctx.stdout(ROOT_HELP);
    return 0;
  }
  const top = COMMANDS.get(split.name);
  if (!top && NOT_IN_APP.has(split.name)) {
    ctx.stderr(`error: kubectl ${split.name} is not available in the in-app terminal; use your own kubectl (see "Use your own kubectl")\n`);
    return 1;
  }
  if (!top) {
    ctx.stderr(unknownCommand(split.name));
    return 1;
  }
  let def: CommandDef = top;
  let path = `kubectl ${def.name}`;
  let rest2 = split.rest;
  // Subcommand: the first non-flag word, if it names one.
  while (def.subcommands) {
    const idx = firstPositional(rest2, def.flags);
    const word = idx >= 0 ? rest2[idx] : undefined;
    const sub: CommandDef | undefined = word === undefined ? undefined : def.subcommands.find((s) => s.name === word || s.aliases?.includes(word));
    if (!sub) break;
    rest2 = [...rest2.slice(0, idx), ...rest2.slice(idx + 1)];
    def = sub;
    path += ` ${sub.name}`;
  }
  try {
    let flags;
    try {
      flags = parseFlags([...split.globals, ...rest2], def.flags);
    } catch (e) {
      if (e instanceof FlagError) {
        ctx.stderr(`Error: ${e.message}\nSee '${path} --help' for usage.\n`);
        return 1;
      }
      throw e;
    }
    if (flags.values.get('help') === true) {
      // kubectl prints the command's help and does nothing else; the in-app kubectl has no help pages.
      ctx.stdout(`${path}: see https://kubernetes.io/docs/reference/kubectl/generated/${path.replace(/ /g, '_').replace('kubectl_', 'kubectl_')}/ for this command's help.\n`);
      return 0;
    }
    if (!def.run) {
      ctx.stderr(`error: unknown command ${JSON.stringify(flags.args[0] ?? '')}\nSee '${path} -h' for help and examples\n`);
      return 1;
    }
    return await def.run(makeInvocation(ctx, rest, discovery, flags, path));
  } catch (e) {
    ctx.stderr(errorText(e));
    return e instanceof KubectlError ? e.exitCode : 1;
  }
}

/** kubectl commands the in-app kubectl does not offer (they need a TTY, local files or a local proxy). */
const NOT_IN_APP = new Set(['edit', 'attach', 'port-forward', 'proxy', 'cp', 'debug', 'replace', 'autoscale', 'certificate', 'kustomize', 'completion', 'plugin', 'alpha', 'events', 'options']);

/** Global flags before the command word are kept and re-parsed with the command's own flags. */
function splitCommand(argv: readonly string[]): { name: string; globals: string[]; rest: string[] } | undefined {
  const globals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('-')) return { name: a, globals, rest: argv.slice(i + 1) };
    globals.push(a);
    const spec = a.startsWith('--') ? GLOBAL_FLAGS.find((g) => g.name === a.slice(2)) : GLOBAL_FLAGS.find((g) => g.short === a.slice(1));
    if (spec && spec.kind !== 'bool' && !a.includes('=') && i + 1 < argv.length) globals.push(argv[++i] as string);
  }
  return undefined;
}

function firstPositional(args: readonly string[], flags: CommandDef['flags']): number {
  const all = [...flags, ...GLOBAL_FLAGS];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (a.includes('=')) continue;
    const spec = a.startsWith('--') ? all.find((g) => g.name === a.slice(2)) : all.find((g) => g.short === a.slice(-1));
    if (spec && spec.kind !== 'bool') i++;
  }
  return -1;
}

/** cobra's unknown-command error with its suggestions (Levenshtein ≤ 2 or a prefix), in kubectl's command order. */
function unknownCommand(name: string): string {
  const suggestions = COMMAND_ORDER.filter((c) => levenshtein(name.toLowerCase(), c) <= 2 || c.startsWith(name.toLowerCase()));
  let s = `Error: unknown command ${JSON.stringify(name)} for "kubectl"\n`;
  if (suggestions.length > 0) s += `\nDid you mean this?\n${suggestions.map((c) => `\t${c}\n`).join('')}\n`;
  return s;
}

function levenshtein(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] as number;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] as number;
      d[j] = Math.min((d[j] as number) + 1, (d[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length] as number;
}

const ROOT_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;
