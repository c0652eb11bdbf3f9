/**
 * The objects a mutating command (label, annotate, patch, scale, set image, rollout, cordon…) works on:
 * `TYPE NAME…`, `TYPE/NAME…`, or `TYPE` with `-l` / `--all`, each fetched as JSON.
 */
import { StatusError } from '../apiserver/errors/status-error';
import { resourcePath, type ResourceMapping } from './discovery';
import type { Invocation } from './invocation';
import type { Json } from './rest';
import { resolveResourceArgs } from './resource-args';
import { listError } from './commands/get';

export interface TargetObject {
  mapping: ResourceMapping;
  namespace: string | undefined;
  name: string;
  /** The object, or the API error fetching it. */
  object?: Json;
  error?: StatusError;
}

export async function targetObjects(inv: Invocation, args: readonly string[], opts: { selector?: string; all?: boolean } = {}): Promise<TargetObject[]> {
  const resolved = await resolveResourceArgs(inv.discovery, args);
  const out: TargetObject[] = [];
  for (const req of resolved.requests) {
    const ns = req.mapping.namespaced ? inv.namespace : undefined;
    if (req.names.length > 0) {
      for (const name of req.names) {
        try {
          out.push({ mapping: req.mapping, namespace: ns, name, object: await inv.rest.json<Json>({ method: 'GET', path: resourcePath(req.mapping, ns, name) }) });
        } catch (e) {
          if (!(e instanceof StatusError)) throw e;
          out.push({ mapping: req.mapping, namespace: ns, name, error: e });
        }
      }
      continue;
    }
    if (!opts.selector && !opts.all) continue;
    const listNs = inv.allNamespaces ? undefined : ns;
    let list: Json;
    try {
      list = await inv.rest.json<Json>({ method: 'GET', path: resourcePath(req.mapping, listNs), query: { labelSelector: opts.selector || undefined } });
    } catch (e) {
      throw listError(e, req.mapping, opts.selector ?? '', '');
    }
    for (const item of (list['items'] as Json[] | undefined) ?? []) {
      const meta = item['metadata'] as Json;
      out.push({ mapping: req.mapping, namespace: meta['namespace'] as string | undefined, name: meta['name'] as string, object: { apiVersion: list['apiVersion'], kind: String(list['kind']).replace(/List$/, ''), ...item } });
    }
  }
  return out;
}
