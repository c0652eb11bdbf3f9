/**
 * Multi-document YAML/JSON manifests as kubectl's builder reads them: `---`-separated documents, empty ones
 * skipped, each decoded YAML → JSON; a `kind: List` expands to its items. Parse errors name the document as
 * kubectl does (`error parsing <source>: …`).
 */
import { parseAllDocuments } from 'yaml';
import { KubectlError } from './kubectl-error';
import type { Json } from './rest';

export interface ManifestDocument {
  /** Position of the document in the file (0-based), for the editor's per-document results. */
  index: number;
  object: Json;
}

export function parseManifests(text: string, source: string): ManifestDocument[] {
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: false });
  const out: ManifestDocument[] = [];
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) throw new KubectlError(`error parsing ${source}: error converting YAML to JSON: yaml: ${doc.errors[0]?.message ?? 'invalid document'}`);
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) return;
    if (typeof value !== 'object' || Array.isArray(value)) throw new KubectlError(`error validating data: invalid object in ${source}`);
    const obj = normalizeJson(value) as Json;
    if (typeof obj['kind'] === 'string' && (obj['kind'] as string).endsWith('List') && Array.isArray(obj['items'])) {
      for (const item of obj['items'] as Json[]) out.push({ index, object: item });
    } else out.push({ index, object: obj });
  });
  return out;
}

/** YAML 1.1 values to JSON values (dates stay strings; non-string keys become strings). */
function normalizeJson(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (Array.isArray(v)) return v.map(normalizeJson);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) o[String(k)] = normalizeJson(x);
    return o;
  }
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = normalizeJson(x);
    return o;
  }
  return v;
}
