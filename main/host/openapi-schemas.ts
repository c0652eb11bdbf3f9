/**
 * `schemas.get`: one JSON schema per served kind for monaco-yaml, taken from the API server's own OpenAPI v3
 * documents (/openapi/v3 → /openapi/v3/<group-version>), so custom resources (the lab.clusterlab.dev kinds)
 * get theirs too. Each kind's schema is self-contained: its definition with `$ref`s rewritten into a `$defs`
 * holding only the definitions it reaches.
 */
type Json = unknown;
type Fetch = (path: string) => Promise<Json>;

interface V3Document {
  components?: { schemas?: Record<string, Record<string, unknown>> };
}

const REF_PREFIX = '#/components/schemas/';

function rewriteRefs(value: Json, reached: Set<string>, pending: string[]): Json {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, reached, pending));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) {
      const name = v.slice(REF_PREFIX.length);
      if (!reached.has(name)) {
        reached.add(name);
        pending.push(name);
      }
      out[k] = `#/$defs/${name}`;
    } else out[k] = rewriteRefs(v, reached, pending);
  }
  return out;
}

/** The definition `root` with every reachable definition inlined under `$defs`. */
export function selfContainedSchema(root: string, all: Record<string, Record<string, unknown>>): Record<string, unknown> {
  const reached = new Set<string>([root]);
  const pending: string[] = [];
  const schema = rewriteRefs(all[root], reached, pending) as Record<string, unknown>;
  const defs: Record<string, unknown> = {};
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (all[name] !== undefined) defs[name] = rewriteRefs(all[name], reached, pending);
  }
  // A self-reference (JSONSchemaProps) points back at the root through $defs.
  if (reached.has(root) && JSON.stringify(defs).includes(`"#/$defs/${root}"`)) defs[root] = schema;
  return Object.keys(defs).length > 0 ? { ...schema, $defs: defs } : schema;
}

export async function collectSchemas(fetch: Fetch): Promise<Array<{ apiVersion: string; kind: string; schema: unknown }>> {
  const index = (await fetch('/openapi/v3')) as { paths?: Record<string, { serverRelativeURL?: string }> };
  const out: Array<{ apiVersion: string; kind: string; schema: unknown }> = [];
  const seen = new Set<string>();
  for (const gv of Object.keys(index.paths ?? {})) {
    if (!gv.startsWith('api/') && !gv.startsWith('apis/')) continue;
    const doc = (await fetch(`/openapi/v3/${gv}`)) as V3Document;
    const all = doc.components?.schemas ?? {};
    for (const [name, def] of Object.entries(all)) {
      const gvks = def['x-kubernetes-group-version-kind'] as Array<{ group: string; version: string; kind: string }> | undefined;
      for (const gvk of gvks ?? []) {
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        const id = `${apiVersion}/${gvk.kind}`;
        // Every group-version document carries the shared meta kinds (DeleteOptions, Status…); list objects are not edited.
        if (seen.has(id) || gvk.kind.endsWith('List') || gv !== (gvk.group ? `apis/${apiVersion}` : `api/${apiVersion}`)) continue;
        seen.add(id);
        out.push({ apiVersion, kind: gvk.kind, schema: selfContainedSchema(name, all) });
      }
    }
  }
  return out;
}
