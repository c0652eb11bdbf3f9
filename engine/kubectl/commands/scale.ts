/**
 * `kubectl scale` (kubectl/pkg/cmd/scale): a merge patch of spec.replicas on the scale subresource, with the
 * optional `--current-replicas` and `--resource-version` preconditions; `scaled`.
 */
import { kindPrefix, resourcePath } from '../discovery';
import { bool, int, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError, statusErrorMessage } from '../kubectl-error';
import { printCollected } from '../print-errors';
import type { Json } from '../rest';
import { targetObjects } from '../target-objects';

export const scaleCommand: CommandDef = {
  name: 'scale',
  flags: [
    { name: 'replicas', kind: 'int', default: -1 },
    { name: 'current-replicas', kind: 'int', default: -1 },
    { name: 'resource-version', kind: 'string', default: '' },
    { name: 'selector', short: 'l', kind: 'string', default: '' },
    { name: 'all', kind: 'bool', default: false },
    { name: 'output', short: 'o', kind: 'string', default: '' },
    { name: 'dry-run', kind: 'string', default: 'none' },
    { name: 'timeout', kind: 'string', default: '0s' },
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
  ] satisfies FlagSpec[],
  async run(inv: Invocation): Promise<number> {
    const replicas = int(inv.flags, 'replicas');
    if (replicas < 0) throw new KubectlError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const targets = await targetObjects(inv, inv.args, { selector: str(inv.flags, 'selector'), all: bool(inv.flags, 'all') });
    if (targets.length === 0) throw new KubectlError('no objects passed to scale');
    const errors: string[] = [];
    for (const t of targets) {
      if (t.error) {
        errors.push(statusErrorMessage(t.error));
        continue;
      }
      if (!t.mapping.subresources.includes('scale')) {
        errors.push(`error: cannot use scale subresource for ${t.mapping.resource}.${t.mapping.group}`);
        continue;
      }
      const current = int(inv.flags, 'current-replicas');
      if (current >= 0) {
        const scale = await inv.rest.json<Json>({ method: 'GET', path: resourcePath(t.mapping, t.namespace, t.name, 'scale') });
        const actual = ((scale['spec'] as Json | undefined)?.['replicas'] as number | undefined) ?? 0;
        if (actual !== current) {
          errors.push(`error: Expected replicas to be ${current}, was ${actual}`);
          continue;
        }
      }
      const patch: Json = { spec: { replicas } };
      const rv = str(inv.flags, 'resource-version');
      if (rv !== '') patch['metadata'] = { resourceVersion: rv };
      try {
        await inv.rest.json({
          method: 'PATCH',
          path: resourcePath(t.mapping, t.namespace, t.name, 'scale'),
          query: str(inv.flags, 'dry-run') === 'server' ? { dryRun: 'All' } : {},
          contentType: 'application/merge-patch+json',
          body: JSON.stringify(patch),
        });
        const display = `${kindPrefix(t.mapping)}/${t.name}`;
        inv.ctx.stdout(str(inv.flags, 'output') === 'name' ? `${display}\n` : `${display} scaled\n`);
      } catch (e) {
        errors.push(e instanceof Error && 'status' in e ? statusErrorMessage(e as never) : String(e));
      }
    }
    printCollected(inv.ctx.stderr, errors);
    return errors.length > 0 ? 1 : 0;
  },
};
