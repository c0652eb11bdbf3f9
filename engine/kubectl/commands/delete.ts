/**
 * `kubectl delete` (kubectl/pkg/cmd/delete): by names, `-f`, `-l` or `--all`; cascading through
 * propagationPolicy (background by default); `--grace-period`, `--now`, `--force`; then, with `--wait` (the
 * default), waits for each object to be gone by watching it, as kubectl does.
 */
import { StatusError } from '../../apiserver/errors/status-error';
import { placeObject } from '../apply/object-mapping';
import { kindPrefix, resourcePath, type ResourceMapping } from '../discovery';
import { readSources } from '../file-sources';
import { bool, int, list, str, type FlagSpec } from '../flags';
import type { CommandDef, Invocation } from '../invocation';
import { KubectlError, statusErrorMessage } from '../kubectl-error';
import { parseManifests } from '../manifests';
import { printCollected } from '../print-errors';
import type { Json } from '../rest';
import { resolveResourceArgs } from '../resource-args';
import { listError } from './get';
import { waitForDeletion } from '../wait-deletion';

const DELETE_FLAGS: FlagSpec[] = [
  { name: 'filename', short: 'f', kind: 'stringSlice', default: [] },
  { name: 'selector', short: 'l', kind: 'string', default: '' },
  { name: 'field-selector', kind: 'string', default: '' },
  { name: 'all', kind: 'bool', default: false },
  { name: 'all-namespaces', short: 'A', kind: 'bool', default: false },
  { name: 'cascade', kind: 'string', default: 'background' },
  { name: 'grace-period', kind: 'int', default: -1 },
  { name: 'now', kind: 'bool', default: false },
  { name: 'force', kind: 'bool', default: false },
  { name: 'wait', kind: 'bool', default: true },
  { name: 'ignore-not-found', kind: 'bool', default: false },
  { name: 'output', short: 'o', kind: 'string', default: '' },
  { name: 'dry-run', kind: 'string', default: 'none' },
  { name: 'timeout', kind: 'string', default: '0s' },
  { name: 'recursive', short: 'R', kind: 'bool', default: false },
  { name: 'interactive', short: 'i', kind: 'bool', default: false },
];

export const deleteCommand: CommandDef = { name: 'delete', flags: DELETE_FLAGS, run: runDelete };

interface Target {
  mapping: ResourceMapping;
  namespace: string | undefined;
  name: string;
}

async function runDelete(inv: Invocation): Promise<number> {
  const files = list(inv.flags, 'filename');
  const selector = str(inv.flags, 'selector');
  const fieldSelector = str(inv.flags, 'field-selector');
  const all = bool(inv.flags, 'all');
  if (files.length === 0 && inv.args.length === 0) {
    throw new KubectlError(
      `error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n`,
      true,
    );
  }
  const cascade = str(inv.flags, 'cascade');
  const policy = { background: 'Background', foreground: 'Foreground', orphan: 'Orphan', true: 'Background', false: 'Orphan' }[cascade];
  if (!policy) throw new KubectlError(`invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan"`);
  let grace = int(inv.flags, 'grace-period');
  const force = bool(inv.flags, 'force');
  if (bool(inv.flags, 'now')) {
    if (grace !== -1) throw new KubectlError('--now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (force && grace === -1) grace = 0;
  if (force && grace === 0) inv.ctx.stderr('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');

  const errors: string[] = [];
  const targets: Target[] = [];
  if (files.length > 0) {
    for (const { source, text } of readSources(inv.ctx, files)) {
      for (const doc of parseManifests(text, source)) {
        try {
          const p = await placeObject(inv.discovery, doc.object, inv.namespace, inv.namespaceExplicit, source);
          targets.push({ mapping: p.mapping, namespace: p.namespace, name: p.name });
        } catch (e) {
          errors.push(e instanceof Error ? `error: ${e.message}` : String(e));
        }
      }
    }
  } else {
    const resolved = await resolveResourceArgs(inv.discovery, inv.args);
    const named = resolved.requests.some((r) => r.names.length > 0);
    if (named && (selector !== '' || all)) throw new KubectlError('name cannot be provided when a selector is specified');
    if (!named && selector === '' && fieldSelector === '' && !all) throw new KubectlError('resource(s) were provided, but no name was specified');
    for (const req of resolved.requests) {
      if (req.names.length > 0) {
        for (const name of req.names) targets.push({ mapping: req.mapping, namespace: req.mapping.namespaced ? inv.namespace : undefined, name });
        continue;
      }
      const ns = inv.allNamespaces ? undefined : inv.namespace;
      try {
        const list = await inv.rest.json<Json>({ method: 'GET', path: resourcePath(req.mapping, ns), query: { labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined, limit: '500' } });
        for (const item of (list['items'] as Json[] | undefined) ?? []) {
          const meta = item['metadata'] as Json;
          targets.push({ mapping: req.mapping, namespace: meta['namespace'] as string | undefined, name: meta['name'] as string });
        }
      } catch (e) {
        throw listError(e, req.mapping, selector, fieldSelector);
      }
    }
    if (targets.length === 0 && errors.length === 0) {
      // delete.go prints this on stdout, without the namespace (unlike get).
      inv.ctx.stdout('No resources found\n');
      return 0;
    }
  }

  const dryRun = str(inv.flags, 'dry-run');
  const deleted: Array<Target & { uid?: string }> = [];
  for (const t of targets) {
    const body: Json = { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: policy };
    if (grace >= 0) body['gracePeriodSeconds'] = grace;
    const label = `${kindPrefix(t.mapping)} "${t.name}"`;
    try {
      const res = await inv.rest.json<Json>({ method: 'DELETE', path: resourcePath(t.mapping, t.namespace, t.name), query: dryRun === 'server' ? { dryRun: 'All' } : {}, body: JSON.stringify(body) });
      const uid = ((res['metadata'] as Json | undefined)?.['uid'] as string | undefined) ?? ((res['details'] as Json | undefined)?.['uid'] as string | undefined);
      if (str(inv.flags, 'output') === 'name') inv.ctx.stdout(`${kindPrefix(t.mapping)}/${t.name}\n`);
      else inv.ctx.stdout(`${label} ${force && grace === 0 ? 'force deleted' : 'deleted'}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      deleted.push({ ...t, uid });
    } catch (e) {
      if (e instanceof StatusError && e.code === 404 && bool(inv.flags, 'ignore-not-found')) continue;
      errors.push(e instanceof StatusError ? statusErrorMessage(e) : `error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (bool(inv.flags, 'wait') && dryRun !== 'server' && !(force && grace === 0)) {
    for (const d of deleted) {
      const err = await waitForDeletion(inv.rest, inv.ctx.signal, resourcePath(d.mapping, d.namespace), d.name, d.uid);
      if (err) errors.push(err);
    }
  }
  printCollected(inv.ctx.stderr, errors);
  return errors.length > 0 ? 1 : 0;
}
