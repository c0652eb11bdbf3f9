/**
 * `kubectl patch` (kubectl/pkg/cmd/patch): `-p` with `--type` strategic (default), merge or json, sent as is;
 * `patched`, or `patched (no change)` when the object came back unchanged.
 */
import { StatusError } from '../../apiserver/errors/status-error';
import { kindPrefix, resourcePath } from '../discovery';
import { str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError, usageErrorf } from '../kubectl-error';
import type { Json } from '../rest';
import { targetObjects } from '../target-objects';
import { deepEqual } from '../apply/three-way-patch';
import { goYaml } from '../printers/go-yaml';
import { goJson } from '../printers/go-json';
import { parse as parseYaml } from 'yaml';

const CONTENT_TYPES: Record<string, string> = {
  strategic: 'application/strategic-merge-patch+json',
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
};

export const patchCommand: CommandDef = {
  name: 'patch',
  flags: [
    { name: 'patch', short: 'p', kind: 'string', default: '' },
    { name: 'patch-file', kind: 'string', default: '' },
    { name: 'type', kind: 'string', default: 'strategic' },
    { name: 'output', short: 'o', kind: 'string', default: '' },
    { name: 'dry-run', kind: 'string', default: 'none' },
    { name: 'subresource', kind: 'string', default: '' },
    { name: 'field-manager', kind: 'string', default: 'kubectl-patch' },
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
    { name: 'local', kind: 'bool', default: false },
  ] satisfies FlagSpec[],
  async run(inv: Invocation): Promise<number> {
    const type = str(inv.flags, 'type');
    const contentType = CONTENT_TYPES[type];
    if (!contentType) throw new KubectlError(`--type must be one of [json merge strategic], not ${JSON.stringify(type)}`);
    const patchText = str(inv.flags, 'patch');
    if (patchText === '') throw new KubectlError('must specify --patch or --patch-file containing the contents of the patch');
    let body: string;
    try {
      // kubectl accepts YAML or JSON and sends JSON.
      body = JSON.stringify(parseYaml(patchText));
    } catch (e) {
      throw new KubectlError(`unable to parse ${JSON.stringify(patchText)}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const targets = await targetObjects(inv, inv.args);
    if (targets.length === 0) throw usageErrorf(inv.commandPath, 'resource(s) were provided, but no name was specified');
    for (const t of targets) {
      if (t.error) throw t.error;
      const display = `${kindPrefix(t.mapping)}/${t.name}`;
      const sub = str(inv.flags, 'subresource');
      let patched: Json;
      try {
        patched = await inv.rest.json<Json>({
          method: 'PATCH',
          path: resourcePath(t.mapping, t.namespace, t.name, sub || undefined),
          query: { fieldManager: str(inv.flags, 'field-manager'), ...(str(inv.flags, 'dry-run') === 'server' ? { dryRun: 'All' } : {}) },
          contentType,
          body,
        });
      } catch (e) {
        if (e instanceof StatusError && e.code === 415 && type === 'strategic') {
          throw new KubectlError(`application/strategic-merge-patch+json is not supported by ${t.mapping.group}/${t.mapping.version}, Kind=${t.mapping.kind}: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`);
        }
        throw e;
      }
      const o = str(inv.flags, 'output');
      if (o === 'yaml') inv.ctx.stdout(goYaml(patched));
      else if (o === 'json') inv.ctx.stdout(`${goJson(patched, '    ')}\n`);
      else if (o === 'name') inv.ctx.stdout(`${display}\n`);
      else inv.ctx.stdout(`${display} patched${deepEqual(t.object, patched) ? ' (no change)' : ''}\n`);
    }
    return 0;
  },
};
