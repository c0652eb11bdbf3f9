/**
 * `kubectl label` and `kubectl annotate` (kubectl/pkg/cmd/label, annotate): `KEY=VALUE` sets, `KEY-` removes;
 * an existing different value needs `--overwrite`; the change goes as a JSON merge patch of metadata;
 * `labeled`/`annotated`, or `not labeled`/`not annotated` when nothing changed.
 */
import { resourcePath, kindPrefix } from '../discovery';
import { bool, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError, statusErrorMessage } from '../kubectl-error';
import { printCollected } from '../print-errors';
import type { Json } from '../rest';
import { targetObjects } from '../target-objects';
import { goJson } from '../printers/go-json';
import { goYaml } from '../printers/go-yaml';
import { deepEqual } from '../apply/three-way-patch';

const FLAGS: FlagSpec[] = [
  { name: 'overwrite', kind: 'bool', default: false },
  { name: 'selector', short: 'l', kind: 'string', default: '' },
  { name: 'all', kind: 'bool', default: false },
  { name: 'all-namespaces', short: 'A', kind: 'bool', default: false },
  { name: 'output', short: 'o', kind: 'string', default: '' },
  { name: 'dry-run', kind: 'string', default: 'none' },
  { name: 'resource-version', kind: 'string', default: '' },
  { name: 'list', kind: 'bool', default: false },
  { name: 'local', kind: 'bool', default: false },
  { name: 'field-manager', kind: 'string', default: '' },
  { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
];

function makeCommand(kind: 'label' | 'annotate'): CommandDef {
  const field = kind === 'label' ? 'labels' : 'annotations';
  const done = kind === 'label' ? 'labeled' : 'annotated';
  return {
    name: kind,
    flags: FLAGS,
    async run(inv: Invocation): Promise<number> {
      const resourceArgs: string[] = [];
      const changes: string[] = [];
      for (const a of inv.args) {
        if ((a.includes('=') || a.endsWith('-')) && (resourceArgs.length > 0 || changes.length > 0)) changes.push(a);
        else resourceArgs.push(a);
      }
      if (resourceArgs.length === 0) throw new KubectlError(`one or more resources must be specified as <resource> <name> or <resource>/<name>`);
      if (changes.length === 0 && !bool(inv.flags, 'list')) throw new KubectlError(`at least one ${kind === 'label' ? 'label' : 'annotation'} update is required`);
      const set: Record<string, string> = {};
      const remove: string[] = [];
      for (const c of changes) {
        if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
        else {
          const eq = c.indexOf('=');
          set[c.slice(0, eq)] = c.slice(eq + 1);
        }
      }
      const targets = await targetObjects(inv, resourceArgs, { selector: str(inv.flags, 'selector'), all: bool(inv.flags, 'all') });
      const errors: string[] = [];
      for (const t of targets) {
        if (t.error || !t.object) {
          errors.push(t.error ? statusErrorMessage(t.error) : 'error: object not found');
          continue;
        }
        const meta = (t.object['metadata'] ?? {}) as Json;
        const before = { ...((meta[field] as Record<string, string> | undefined) ?? {}) };
        if (!bool(inv.flags, 'overwrite')) {
          const clashes = Object.entries(set).filter(([k, v]) => k in before && before[k] !== v);
          if (clashes.length > 0) {
            if (kind === 'label') {
              const [k] = clashes[0] as [string, string];
              throw new KubectlError(`'${k}' already has a value (${before[k]}), and --overwrite is false`);
            }
            throw new KubectlError(`--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${before[k]})`).join('; ')}`);
          }
        }
        const after: Record<string, string> = { ...before, ...set };
        for (const k of remove) delete after[k];
        const display = `${kindPrefix(t.mapping)}/${t.name}`;
        if (deepEqual(before, after)) {
          for (const k of remove) if (!(k in before)) inv.ctx.stdout(`${kind === 'label' ? 'label' : 'annotation'} ${JSON.stringify(k)} not found.\n`);
          report(inv, display, `not ${done}`, t.object);
          continue;
        }
        const patchField: Record<string, string | null> = {};
        for (const [k, v] of Object.entries(after)) if (before[k] !== v) patchField[k] = v;
        for (const k of Object.keys(before)) if (!(k in after)) patchField[k] = null;
        const patch: Json = { metadata: { [field]: patchField } };
        const rv = str(inv.flags, 'resource-version');
        if (rv !== '') (patch['metadata'] as Json)['resourceVersion'] = rv;
        for (const k of remove) if (!(k in before)) inv.ctx.stdout(`${kind === 'label' ? 'label' : 'annotation'} ${JSON.stringify(k)} not found.\n`);
        try {
          const updated = await inv.rest.json<Json>({
            method: 'PATCH',
            path: resourcePath(t.mapping, t.namespace, t.name),
            query: { fieldManager: str(inv.flags, 'field-manager') || `kubectl-${kind}`, ...(str(inv.flags, 'dry-run') === 'server' ? { dryRun: 'All' } : {}) },
            contentType: 'application/merge-patch+json',
            body: JSON.stringify(patch),
          });
          // label.go: "unlabeled" when the object only shrank and --overwrite is off.
          const shrank = kind === 'label' && !bool(inv.flags, 'overwrite') && goJson(after).length < goJson(before).length;
          report(inv, display, shrank ? 'unlabeled' : done, updated);
        } catch (e) {
          errors.push(e instanceof Error && 'status' in e ? statusErrorMessage(e as never) : String(e));
        }
      }
      printCollected(inv.ctx.stderr, errors);
      return errors.length > 0 ? 1 : 0;
    },
  };
}

function report(inv: Invocation, display: string, what: string, obj: Json): void {
  const o = str(inv.flags, 'output');
  if (o === 'yaml') inv.ctx.stdout(goYaml(obj));
  else if (o === 'json') inv.ctx.stdout(`${goJson(obj, '    ')}\n`);
  else if (o === 'name') inv.ctx.stdout(`${display}\n`);
  else {
    const dry = str(inv.flags, 'dry-run');
    inv.ctx.stdout(`${display} ${what}${dry === 'server' ? ' (server dry run)' : dry === 'client' ? ' (dry run)' : ''}\n`);
  }
}

export const labelCommand = makeCommand('label');
export const annotateCommand = makeCommand('annotate');
