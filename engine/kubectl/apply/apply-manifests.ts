/**
 * `kubectl apply -f` per document (kubectl/pkg/cmd/apply): client-side — create with the
 * last-applied-configuration annotation when absent, else the three-way patch (strategic for built-in kinds,
 * JSON merge for custom resources), `unchanged` when the patch is empty; or server-side — an apply patch with
 * field manager `kubectl`. With `delete`, `kubectl delete -f` semantics. The editor calls this directly.
 */
import { definitionForKind, patchMeta } from '../../apiserver/openapi';
import { StatusError } from '../../apiserver/errors/status-error';
import type { KubectlContext, KubeStatus } from '../context';
import { resourcePath, type Discovery } from '../discovery';
import { KubectlError, statusErrorMessage } from '../kubectl-error';
import { parseManifests } from '../manifests';
import { goJson } from '../printers/go-json';
import { Rest, type Json } from '../rest';
import { placeObject, type PlacedObject } from './object-mapping';
import { threeWayPatch, type MetaLookup } from './three-way-patch';
import { discoveryFor } from '../discovery-cache';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export interface ApplyOptions {
  namespace?: string;
  dryRun?: boolean;
  serverSide?: boolean;
  delete?: boolean;
  forceConflicts?: boolean;
  fieldManager?: string;
  /** kubectl diff computes its patch without re-annotating (the merged object keeps the old last-applied). */
  keepLastApplied?: boolean;
}

export interface ApplyResult {
  index: number;
  kind?: string;
  name?: string;
  namespace?: string;
  outcome?: string;
  message: string;
  status?: KubeStatus;
}

export const APPLY_CONFLICT_HELP = `Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts`;

export async function applyManifests(ctx: KubectlContext, yaml: string, opts: ApplyOptions): Promise<ApplyResult[]> {
  const { rest, discovery } = discoveryFor(ctx);
  discovery.invalidate();
  let docs;
  try {
    docs = parseManifests(yaml, 'STDIN');
  } catch (e) {
    return [{ index: 0, message: e instanceof Error ? e.message : String(e) }];
  }
  const results: ApplyResult[] = [];
  for (const doc of docs) {
    const r = await applyOne(rest, discovery, doc.object, opts.namespace ?? ctx.namespace ?? 'default', opts.namespace !== undefined, 'STDIN', opts);
    results.push({ index: doc.index, ...r });
  }
  return results;
}

/** One object's apply or delete; errors come back as data (message in kubectl's words, status when from the API). */
export async function applyOne(
  rest: Rest,
  discovery: Discovery,
  object: Json,
  namespace: string,
  namespaceExplicit: boolean,
  source: string,
  opts: ApplyOptions,
): Promise<Omit<ApplyResult, 'index'>> {
  const kind = typeof object['kind'] === 'string' ? object['kind'] : undefined;
  let placed: PlacedObject;
  try {
    placed = await placeObject(discovery, object, namespace, namespaceExplicit, source);
  } catch (e) {
    return { kind, message: errorMessage(e) };
  }
  const base = { kind, name: placed.name, namespace: placed.namespace };
  const dry: Record<string, string> = opts.dryRun ? { dryRun: 'All' } : {};
  const suffix = opts.dryRun ? ' (server dry run)' : '';
  try {
    if (opts.delete) {
      await rest.json({ method: 'DELETE', path: resourcePath(placed.mapping, placed.namespace, placed.name), query: dry, body: JSON.stringify({ kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' }) });
      return { ...base, outcome: 'deleted', message: `${placed.mapping.group === '' ? placed.mapping.kind.toLowerCase() : `${placed.mapping.kind.toLowerCase()}.${placed.mapping.group}`} "${placed.name}" deleted${suffix}` };
    }
    if (opts.serverSide) {
      await rest.json({
        method: 'PATCH',
        path: resourcePath(placed.mapping, placed.namespace, placed.name),
        query: { ...dry, fieldManager: opts.fieldManager ?? 'kubectl', force: opts.forceConflicts ? 'true' : 'false' },
        contentType: 'application/apply-patch+yaml',
        body: JSON.stringify(placed.object),
      });
      return { ...base, outcome: 'serverside-applied', message: `${placed.display} serverside-applied${suffix}` };
    }
    const outcome = await clientSideApply(rest, placed, dry, opts.fieldManager ?? 'kubectl-client-side-apply', source, opts.keepLastApplied === true);
    return { ...base, outcome, message: `${placed.display} ${outcome}${suffix}` };
  } catch (e) {
    if (e instanceof StatusError) {
      let message = statusErrorMessage(e);
      if (opts.serverSide && e.code === 409) message = `error: ${e.message}\n${APPLY_CONFLICT_HELP}`;
      return { ...base, message, status: e.status };
    }
    return { ...base, message: errorMessage(e) };
  }
}

async function clientSideApply(rest: Rest, placed: PlacedObject, dry: Record<string, string>, fieldManager: string, source: string, keepLastApplied: boolean): Promise<string> {
  const path = resourcePath(placed.mapping, placed.namespace, placed.name);
  const modified = modifiedConfiguration(placed.object, !keepLastApplied);
  let current: Json;
  try {
    current = await rest.json<Json>({ method: 'GET', path });
  } catch (e) {
    if (!(e instanceof StatusError) || e.code !== 404) throw e;
    try {
      await rest.json({ method: 'POST', path: resourcePath(placed.mapping, placed.namespace), query: { ...dry, fieldManager }, body: JSON.stringify(modified) });
    } catch (err) {
      throw withSource(err, 'creating', source);
    }
    return 'created';
  }
  const originalText = ((current['metadata'] as Json | undefined)?.['annotations'] as Record<string, string> | undefined)?.[LAST_APPLIED];
  let original: Json | undefined;
  try {
    original = originalText ? (JSON.parse(originalText) as Json) : undefined;
  } catch {
    original = undefined;
  }
  const definition = definitionForKind(placed.mapping.group, placed.mapping.version, placed.mapping.kind);
  const lookup: MetaLookup | undefined = definition ? (p) => patchMeta(definition, p) : undefined;
  const patch = threeWayPatch(original, modified, current, lookup);
  if (Object.keys(patch).length === 0) return 'unchanged';
  await rest.json({
    method: 'PATCH',
    path,
    query: { ...dry, fieldManager },
    contentType: lookup ? 'application/strategic-merge-patch+json' : 'application/merge-patch+json',
    body: JSON.stringify(patch),
  });
  return 'configured';
}

/**
 * util.GetModifiedConfiguration: the object with its annotations minus any old last-applied (an empty map when
 * there were none — it stays in the encoding), and with `annotate` that object encoded compactly with sorted keys
 * plus a newline stored under the last-applied annotation.
 */
export function modifiedConfiguration(object: Json, annotate: boolean): Json {
  const meta = { ...((object['metadata'] as Json | undefined) ?? {}) };
  const annotations = { ...((meta['annotations'] as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  const bare = { ...object, metadata: { ...meta, annotations } };
  if (!annotate) return bare;
  const encoded = `${goJson(bare)}\n`;
  return { ...object, metadata: { ...meta, annotations: { ...annotations, [LAST_APPLIED]: encoded } } };
}

/** cmdutil.AddSourceToErr: `error when <verb> "<source>": <message>` inside the API error. */
export function withSource(e: unknown, verb: string, source: string): unknown {
  if (e instanceof StatusError && source !== '') return new StatusError({ ...e.status, message: `error when ${verb} ${JSON.stringify(source)}: ${e.message}` });
  return e;
}

function errorMessage(e: unknown): string {
  if (e instanceof StatusError) return statusErrorMessage(e);
  if (e instanceof KubectlError) return e.verbatim ? e.message.trimEnd() : `error: ${e.message}`;
  return `error: ${e instanceof Error ? e.message : String(e)}`;
}
