/**
 * `kubectl wait --for=condition=C[=value] | --for=delete | --for=jsonpath='{…}'=value TYPE/NAME…`
 * (kubectl/pkg/cmd/wait): checks each object, then watches it until the condition holds or `--timeout`
 * (default 30s, on the cluster's clock) passes; `condition met` per object.
 */
import { StatusError } from '../../apiserver/errors/status-error';
import { groupResource, kindPrefix, resourcePath } from '../discovery';
import { str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError } from '../kubectl-error';
import { evaluate, valueText } from '../printers/jsonpath-template';
import type { Json } from '../rest';
import { targetObjects } from '../target-objects';

function parseDuration(s: string): number {
  let ms = 0;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let m: RegExpExecArray | null;
  let matched = '';
  while ((m = re.exec(s))) {
    matched += m[0];
    ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  }
  if (matched !== s) throw new KubectlError(`invalid argument ${JSON.stringify(s)} for "--timeout" flag: time: invalid duration ${JSON.stringify(s)}`);
  return ms;
}

type Check = (obj: Json | undefined) => boolean;

function condition(forArg: string): { check: Check; deletion: boolean } {
  if (forArg === 'delete') return { check: (o) => o === undefined, deletion: true };
  if (forArg.startsWith('condition=')) {
    const rest = forArg.slice('condition='.length);
    const eq = rest.indexOf('=');
    const name = (eq >= 0 ? rest.slice(0, eq) : rest).toLowerCase();
    const value = (eq >= 0 ? rest.slice(eq + 1) : 'true').toLowerCase();
    return {
      check: (o) => (((o?.['status'] as Json | undefined)?.['conditions'] as Json[] | undefined) ?? []).some((c) => String(c['type']).toLowerCase() === name && String(c['status']).toLowerCase() === value),
      deletion: false,
    };
  }
  if (forArg.startsWith('jsonpath=')) {
    const rest = forArg.slice('jsonpath='.length);
    const close = rest.lastIndexOf('}');
    const path = rest.slice(0, close + 1).replace(/^\{|\}$/g, '');
    const value = rest.slice(close + 1).replace(/^=/, '');
    return { check: (o) => o !== undefined && evaluate(path, o).some((v) => (value === '' ? v !== undefined : valueText(v) === value)), deletion: false };
  }
  if (forArg.startsWith('create')) return { check: (o) => o !== undefined, deletion: false };
  throw new KubectlError(`unrecognized condition: ${JSON.stringify(forArg)}`);
}

export const waitCommand: CommandDef = {
  name: 'wait',
  flags: [
    { name: 'for', kind: 'string', default: '' },
    { name: 'timeout', kind: 'string', default: '30s' },
    { name: 'selector', short: 'l', kind: 'string', default: '' },
    { name: 'all', kind: 'bool', default: false },
    { name: 'all-namespaces', short: 'A', kind: 'bool', default: false },
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
    { name: 'field-selector', kind: 'string', default: '' },
    { name: 'output', short: 'o', kind: 'string', default: '' },
  ] satisfies FlagSpec[],
  async run(inv) {
    const forArg = str(inv.flags, 'for');
    if (forArg === '') throw new KubectlError('--for must be set');
    const { check, deletion } = condition(forArg);
    const timeoutMs = parseDuration(str(inv.flags, 'timeout'));
    const targets = await targetObjects(inv, inv.args, { selector: str(inv.flags, 'selector'), all: inv.flags.values.get('all') === true });
    if (targets.length === 0) throw new KubectlError('no matching resources found');
    for (const t of targets) {
      if (t.error && !(deletion && t.error.code === 404)) throw t.error;
      const display = `${kindPrefix(t.mapping)}/${t.name}`;
      if (check(t.object)) {
        inv.ctx.stdout(`${display} ${deletion ? 'condition met' : 'condition met'}\n`);
        continue;
      }
      const ok = await watchUntil(inv, resourcePath(t.mapping, t.namespace), t.name, (t.object?.['metadata'] as Json | undefined)?.['resourceVersion'] as string | undefined, check, timeoutMs);
      if (!ok) {
        inv.ctx.stderr(`error: timed out waiting for the condition on ${groupResource(t.mapping)}/${t.name}\n`);
        return 1;
      }
      inv.ctx.stdout(`${display} condition met\n`);
    }
    return 0;
  },
};

function watchUntil(inv: Invocation, collection: string, name: string, rv: string | undefined, check: Check, timeoutMs: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    let done = false;
    let sub: { dispose(): void } | undefined;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      timer.dispose();
      abort.dispose();
      sub?.dispose();
      resolve(ok);
    };
    const timer = inv.ctx.clock.setTimer(timeoutMs, () => finish(false));
    const abort = inv.ctx.signal.onAbort(() => finish(false));
    inv.rest
      .stream(
        { method: 'GET', path: collection, query: { watch: 'true', fieldSelector: `metadata.name=${name}`, resourceVersion: rv } },
        (line) => {
          const ev = JSON.parse(line) as { type: string; object: Json };
          if (ev.type === 'DELETED' ? check(undefined) : ev.type !== 'BOOKMARK' && check(ev.object)) finish(true);
        },
        () => finish(false),
      )
      .then((d) => {
        sub = d;
        if (done) d.dispose();
      })
      .catch((e) => {
        if (!(e instanceof StatusError)) inv.ctx.stderr(`error: ${String(e)}\n`);
        finish(false);
      });
  });
}
