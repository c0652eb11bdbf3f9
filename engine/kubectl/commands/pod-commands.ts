/**
 * Commands that talk to a pod's containers through the API server: `logs` (`-c`, `-f` streaming until abort,
 * `--previous`, `--tail`, `--timestamps`, `--since`) and non-interactive `exec POD [-c C] -- CMD…` (the in-app
 * terminal has no TTY passthrough, so `-i`/`-t` are refused). A pod with several containers and no `-c` uses the
 * `kubectl.kubernetes.io/default-container` annotation or the first container, saying so on stderr as kubectl does.
 */
import { utf8Text } from '../../base/base64';
import { resourcePath } from '../discovery';
import { bool, int, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError, usageErrorf } from '../kubectl-error';
import type { Json } from '../rest';

const POD_PATH = (ns: string, name: string) => `/api/v1/namespaces/${ns}/pods/${name}`;

async function podFor(inv: Invocation, arg: string): Promise<Json> {
  let name = arg;
  if (arg.includes('/')) {
    const [type, n] = arg.split('/') as [string, string];
    const m = await inv.discovery.resolve(type);
    if (m.kind !== 'Pod') {
      const owner = await inv.rest.json<Json>({ method: 'GET', path: resourcePath(m, inv.namespace, n) });
      const sel = (((owner['spec'] as Json | undefined)?.['selector'] as Json | undefined)?.['matchLabels'] ?? {}) as Record<string, string>;
      const selector = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
      const pods = await inv.rest.json<Json>({ method: 'GET', path: `/api/v1/namespaces/${inv.namespace}/pods`, query: { labelSelector: selector } });
      const items = (pods['items'] as Json[] | undefined) ?? [];
      const first = items.sort((a, b) => String((a['metadata'] as Json)['name']).localeCompare(String((b['metadata'] as Json)['name'])))[0];
      if (!first) throw new KubectlError(`timed out waiting for the condition`);
      return first;
    }
    name = n;
  }
  return inv.rest.json<Json>({ method: 'GET', path: POD_PATH(inv.namespace, name) });
}

/** The container to use, printing kubectl's "Defaulted container" notice when it chose among several. */
function chooseContainer(inv: Invocation, pod: Json, requested: string): string {
  if (requested !== '') return requested;
  const spec = pod['spec'] as Json;
  const containers = ((spec['containers'] as Json[] | undefined) ?? []).map((c) => c['name'] as string);
  const inits = ((spec['initContainers'] as Json[] | undefined) ?? []).map((c) => c['name'] as string);
  const annotated = ((pod['metadata'] as Json)['annotations'] as Record<string, string> | undefined)?.['kubectl.kubernetes.io/default-container'];
  if (annotated && [...containers, ...inits].includes(annotated)) return annotated;
  const chosen = containers[0] ?? '';
  if (containers.length + inits.length > 1) {
    const all = [...containers, ...inits.map((n) => `${n} (init)`)].join(', ');
    inv.ctx.stderr(`Defaulted container ${JSON.stringify(chosen)} out of: ${all}\n`);
  }
  return chosen;
}

export const logsCommand: CommandDef = {
  name: 'logs',
  flags: [
    { name: 'container', short: 'c', kind: 'string', default: '' },
    { name: 'follow', short: 'f', kind: 'bool', default: false },
    { name: 'previous', short: 'p', kind: 'bool', default: false },
    { name: 'tail', kind: 'int', default: -1 },
    { name: 'timestamps', kind: 'bool', default: false },
    { name: 'since', kind: 'string', default: '0s' },
    { name: 'limit-bytes', kind: 'int', default: 0 },
    { name: 'all-containers', kind: 'bool', default: false },
    { name: 'selector', short: 'l', kind: 'string', default: '' },
    { name: 'prefix', kind: 'bool', default: false },
  ] satisfies FlagSpec[],
  async run(inv) {
    if (inv.args.length === 0) throw usageErrorf(inv.commandPath, 'expected POD, TYPE/NAME, or --selector');
    let podArg = inv.args[0] as string;
    let container = str(inv.flags, 'container');
    if (inv.args.length === 2) container = inv.args[1] as string;
    if (inv.args.length > 2) throw usageErrorf(inv.commandPath, 'expected POD, TYPE/NAME, or --selector');
    if (podArg.startsWith('pod/') || podArg.startsWith('pods/') || podArg.startsWith('po/')) podArg = podArg.slice(podArg.indexOf('/') + 1);
    const pod = await podFor(inv, podArg);
    const name = (pod['metadata'] as Json)['name'] as string;
    container = chooseContainer(inv, pod, container);
    const query: Record<string, string | undefined> = { container };
    if (bool(inv.flags, 'follow')) query['follow'] = 'true';
    if (bool(inv.flags, 'previous')) query['previous'] = 'true';
    if (int(inv.flags, 'tail') >= 0) query['tailLines'] = String(int(inv.flags, 'tail'));
    if (bool(inv.flags, 'timestamps')) query['timestamps'] = 'true';
    if (int(inv.flags, 'limit-bytes') > 0) query['limitBytes'] = String(int(inv.flags, 'limit-bytes'));
    const since = str(inv.flags, 'since');
    const m = /^(\d+)(s|m|h)$/.exec(since);
    if (m && since !== '0s') query['sinceSeconds'] = String(Number(m[1]) * { s: 1, m: 60, h: 3600 }[m[2] as 's' | 'm' | 'h']);
    const res = await inv.rest.raw({ method: 'GET', path: `${POD_PATH(inv.namespace, name)}/log`, query, accept: 'application/json, */*' });
    if (res.kind === 'body') {
      if (res.status >= 400) {
        // kubectl reads the log stream itself and reports a failed request as a plain error.
        let message = res.body;
        try {
          message = String((JSON.parse(res.body) as Json)['message'] ?? res.body);
        } catch {
          // a non-JSON body is the message
        }
        throw new KubectlError(message);
      }
      inv.ctx.stdout(res.body);
      return 0;
    }
    if (res.kind !== 'watch') throw new KubectlError('unexpected response for logs');
    if (inv.ctx.signal.aborted) return 0;
    return new Promise<number>((resolve) => {
      let done = false;
      // The stream may end while start() runs, before its disposer is returned.
      const held: { sub?: { dispose(): void } } = {};
      const finish = () => {
        if (done) return;
        done = true;
        abort.dispose();
        held.sub?.dispose();
        resolve(0);
      };
      const abort = inv.ctx.signal.onAbort(finish);
      held.sub = res.start({ send: (chunk) => inv.ctx.stdout(chunk), end: finish });
      if (done) held.sub.dispose();
    });
  },
};

export const execCommand: CommandDef = {
  name: 'exec',
  flags: [
    { name: 'container', short: 'c', kind: 'string', default: '' },
    { name: 'stdin', short: 'i', kind: 'bool', default: false },
    { name: 'tty', short: 't', kind: 'bool', default: false },
    { name: 'quiet', short: 'q', kind: 'bool', default: false },
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
    { name: 'pod-running-timeout', kind: 'string', default: '1m0s' },
  ] satisfies FlagSpec[],
  async run(inv) {
    if (inv.args.length === 0) throw usageErrorf(inv.commandPath, 'pod, type/name or --filename must be specified');
    const dash = inv.flags.argsLenAtDash;
    if (dash < 0 || dash === 0) {
      if (inv.args.length > 1) throw usageErrorf(inv.commandPath, 'exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
      throw usageErrorf(inv.commandPath, 'you must specify at least one command for the container');
    }
    if (bool(inv.flags, 'stdin') || bool(inv.flags, 'tty')) throw new KubectlError('interactive exec (-i/-t) is not available in the in-app terminal; run non-interactive commands, or use your own kubectl');
    const command = inv.args.slice(dash);
    if (command.length === 0) throw usageErrorf(inv.commandPath, 'you must specify at least one command for the container');
    let podArg = inv.args[0] as string;
    if (podArg.startsWith('pod/') || podArg.startsWith('pods/') || podArg.startsWith('po/')) podArg = podArg.slice(podArg.indexOf('/') + 1);
    const pod = await podFor(inv, podArg);
    const meta = pod['metadata'] as Json;
    const phase = (pod['status'] as Json | undefined)?.['phase'];
    if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`cannot exec into a container in a completed pod; current phase is ${String(phase)}`);
    const container = chooseContainer(inv, pod, str(inv.flags, 'container'));
    const res = await inv.rest.raw({
      method: 'POST',
      path: `${POD_PATH(inv.namespace, meta['name'] as string)}/exec`,
      query: { command, container, stdout: 'true', stderr: 'true' },
    });
    if (res.kind !== 'upgrade') {
      if (res.kind === 'body' && res.status >= 400) await inv.rest.json({ method: 'POST', path: `${POD_PATH(inv.namespace, meta['name'] as string)}/exec`, query: { command, container, stdout: 'true', stderr: 'true' } });
      throw new KubectlError('unexpected response for exec');
    }
    const stream = res.stream;
    if (stream.kind !== 'remotecommand') throw new KubectlError('unexpected stream for exec');
    return new Promise<number>((resolve) => {
      let done = false;
      // The session may finish while start() runs, before the abort hook exists.
      const held: { abort?: { dispose(): void } } = {};
      const input = stream.start({
        stdout: (d) => inv.ctx.stdout(utf8Text(d)),
        stderr: (d) => inv.ctx.stderr(utf8Text(d)),
        finish: (status) => {
          if (done) return;
          done = true;
          held.abort?.dispose();
          if (status['status'] === 'Success') return resolve(0);
          const causes = ((status['details'] as Json | undefined)?.['causes'] as Json[] | undefined) ?? [];
          const exit = causes.find((c) => c['reason'] === 'ExitCode');
          if (status['reason'] === 'NonZeroExitCode' && exit) {
            const code = Number(exit['message']);
            inv.ctx.stderr(`command terminated with exit code ${code}\n`);
            return resolve(code);
          }
          inv.ctx.stderr(`error: ${String(status['message'] ?? 'exec failed')}\n`);
          resolve(1);
        },
      });
      if (done) return;
      held.abort = inv.ctx.signal.onAbort(() => {
        if (done) return;
        done = true;
        input.close();
        resolve(130);
      });
    });
  },
};
