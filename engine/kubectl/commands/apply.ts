/** `kubectl apply -f` — per object in file order: result lines on stdout, collected errors on stderr at the end. */
import { applyOne } from '../apply/apply-manifests';
import { diffManifests } from '../apply/diff-manifests';
import { readSources } from '../file-sources';
import { bool, list, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError } from '../kubectl-error';
import { parseManifests } from '../manifests';
import { printCollected } from '../print-errors';

const APPLY_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
  { name: 'server-side', kind: 'bool', default: false },
  { name: 'force-conflicts', kind: 'bool', default: false },
  { name: 'dry-run', kind: 'string', default: 'none' },
  { name: 'field-manager', kind: 'string', default: '' },
  { name: 'output', short: 'o', kind: 'string', default: '' },
  { name: 'validate', kind: 'string', default: 'strict' },
  { name: 'overwrite', kind: 'bool', default: true },
  { name: 'recursive', short: 'R', kind: 'bool', default: false },
  { name: 'selector', short: 'l', kind: 'string', default: '' },
  { name: 'prune', kind: 'bool', default: false },
  { name: 'force', kind: 'bool', default: false },
  { name: 'wait', kind: 'bool', default: false },
];

export const applyCommand: CommandDef = { name: 'apply', flags: APPLY_FLAGS, run: runApply };

async function runApply(inv: Invocation): Promise<number> {
  const files = list(inv.flags, 'filename');
  if (files.length === 0) throw new KubectlError(`error: must specify one of -f and -k\n`, true);
  const dryRun = str(inv.flags, 'dry-run');
  if (!['none', 'client', 'server', 'unchanged'].includes(dryRun)) throw new KubectlError(`Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`);
  const serverSide = bool(inv.flags, 'server-side');
  const errors: string[] = [];
  let printed = 0;
  for (const { source, text } of readSources(inv.ctx, files)) {
    const docs = parseManifests(text, source);
    for (const doc of docs) {
      const r = await applyOne(inv.rest, inv.discovery, doc.object, inv.namespace, inv.namespaceExplicit, source, {
        serverSide,
        dryRun: dryRun === 'server',
        forceConflicts: bool(inv.flags, 'force-conflicts'),
        fieldManager: str(inv.flags, 'field-manager') || undefined,
      });
      if (r.outcome) {
        printed++;
        inv.ctx.stdout(str(inv.flags, 'output') === 'name' ? `${r.message.split(' ')[0]}\n` : `${r.message}\n`);
      } else errors.push(r.message);
    }
  }
  if (printed === 0 && errors.length === 0) throw new KubectlError('no objects passed to apply');
  printCollected(inv.ctx.stderr, errors);
  return errors.length > 0 ? 1 : 0;
}

/** `kubectl diff -f` — prints the differences; exits 1 when there are any (like diff(1)), 0 when none. */
export const diffCommand: CommandDef = {
  name: 'diff',
  flags: [
    { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
    { name: 'server-side', kind: 'bool', default: false },
    { name: 'force-conflicts', kind: 'bool', default: false },
    { name: 'field-manager', kind: 'string', default: '' },
  ],
  async run(inv) {
    const files = list(inv.flags, 'filename');
    if (files.length === 0) throw new KubectlError(`error: must specify one of -f and -k\n`, true);
    let out = '';
    for (const { text } of readSources(inv.ctx, files)) {
      out += await diffManifests({ ...inv.ctx, namespace: inv.namespace }, text, { namespace: inv.namespaceExplicit ? inv.namespace : undefined, serverSide: bool(inv.flags, 'server-side'), forceConflicts: bool(inv.flags, 'force-conflicts') });
    }
    inv.ctx.stdout(out);
    return out === '' ? 0 : 1;
  },
};
