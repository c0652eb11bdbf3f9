/**
 * `kubectl diff -f` (kubectl/pkg/cmd/diff): for each object, the live state and the state the server would
 * produce (a dry-run of the same apply), both as YAML without managedFields and with Secret values masked,
 * compared with `diff -u -N` under LIVE-/MERGED- directories named `<group>.<version>.<Kind>.<ns>.<name>`.
 */
import { StatusError } from '../../apiserver/errors/status-error';
import { rfc3339 } from '../../base/clock';
import type { KubectlContext } from '../context';
import { discoveryFor } from '../discovery-cache';
import { resourcePath } from '../discovery';
import { parseManifests } from '../manifests';
import { goYaml } from '../printers/go-yaml';
import { Rest, type Json } from '../rest';
import { applyOne, type ApplyOptions } from './apply-manifests';
import { placeObject } from './object-mapping';
import { unifiedDiff } from './unified-diff';
import { withoutManagedFields } from '../commands/get';

export async function diffManifests(ctx: KubectlContext, yaml: string, opts: ApplyOptions): Promise<string> {
  const { rest, discovery } = discoveryFor(ctx);
  discovery.invalidate();
  const ns = opts.namespace ?? ctx.namespace ?? 'default';
  const suffix = (n: number) => String(1_000_000_000 + Math.floor(ctx.clock.random.next() * 1_000_000_000) + n);
  const liveDir = `/tmp/LIVE-${suffix(0)}`;
  const mergedDir = `/tmp/MERGED-${suffix(1)}`;
  const stamp = `${rfc3339(ctx.clock.now()).replace('T', ' ').replace('Z', '')}.000000000 +0000`;
  // kubectl writes every object into LIVE-/MERGED- directories and runs one `diff -u -N` over them: files in name order.
  const files: Array<{ file: string; text: string }> = [];
  for (const doc of parseManifests(yaml, 'STDIN')) {
    const placed = await placeObject(discovery, JSON.parse(JSON.stringify(doc.object)) as Json, ns, opts.namespace !== undefined, 'STDIN');
    const path = resourcePath(placed.mapping, placed.namespace, placed.name);
    let live: Json | undefined;
    try {
      live = await rest.json<Json>({ method: 'GET', path });
    } catch (e) {
      if (!(e instanceof StatusError) || e.code !== 404) throw e;
    }
    const merged = await dryRunMerged(ctx, doc.object, ns, opts);
    const [a, b] = maskSecrets(live, merged);
    const file = `${placed.mapping.group === '' ? '' : `${placed.mapping.group}.`}${placed.mapping.version}.${placed.mapping.kind}.${placed.namespace ? `${placed.namespace}.` : ''}${placed.name}`;
    files.push({ file, text: unifiedDiff(`${liveDir}/${file}`, `${mergedDir}/${file}`, a ? goYaml(withoutManagedFields(a)) : '', b ? goYaml(withoutManagedFields(b)) : '', stamp) });
  }
  return files
    .sort((x, y) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0))
    .map((f) => f.text)
    .join('');
}

/** The object as the server would store it after this apply, via a dry-run request. */
async function dryRunMerged(ctx: KubectlContext, object: Json, ns: string, opts: ApplyOptions): Promise<Json | undefined> {
  const { rest, discovery } = discoveryFor(ctx);
  let captured: Json | undefined;
  const capturing = {
    handle: async (req: Parameters<KubectlContext['handler']['handle']>[0]) => {
      const res = await ctx.handler.handle(req);
      if (res.kind === 'body' && res.status < 300 && (req.method === 'PATCH' || req.method === 'POST')) captured = JSON.parse(res.body) as Json;
      return res;
    },
  };
  const captureRest = new Rest(capturing);
  const r = await applyOne(captureRest, discovery, JSON.parse(JSON.stringify(object)) as Json, ns, opts.namespace !== undefined, 'STDIN', { ...opts, dryRun: true, keepLastApplied: true });
  if (!r.outcome) throw new Error(r.message);
  if (r.outcome === 'unchanged') {
    const placed = await placeObject(discovery, JSON.parse(JSON.stringify(object)) as Json, ns, opts.namespace !== undefined, 'STDIN');
    return rest.json<Json>({ method: 'GET', path: resourcePath(placed.mapping, placed.namespace, placed.name) });
  }
  return captured;
}

/** kubectl diff's Masker: Secret data values become `***`, or `*** (before)` / `*** (after)` where they differ. */
function maskSecrets(live: Json | undefined, merged: Json | undefined): [Json | undefined, Json | undefined] {
  if ((live ?? merged)?.['kind'] !== 'Secret') return [live, merged];
  const a = live ? { ...live } : undefined;
  const b = merged ? { ...merged } : undefined;
  const da = (a?.['data'] ?? {}) as Record<string, string>;
  const db = (b?.['data'] ?? {}) as Record<string, string>;
  const ma: Record<string, string> = {};
  const mb: Record<string, string> = {};
  for (const k of Object.keys(da)) ma[k] = k in db && db[k] !== da[k] ? '*** (before)' : '***';
  for (const k of Object.keys(db)) mb[k] = k in da && db[k] !== da[k] ? '*** (after)' : '***';
  if (a && a['data']) a['data'] = ma;
  if (b && b['data']) b['data'] = mb;
  return [a, b];
}
