/**
 * Strategic-merge-patch and server-side-apply metadata of a field, read from the x-kubernetes-* extensions of
 * the definitions (which carry upstream's patchMergeKey/patchStrategy tags and listType/listMapKey/mapType
 * markers). `path` names fields from the definition's root; arrays and maps are stepped through implicitly,
 * so `['spec', 'containers', 'ports']` is the ports list of a container.
 */
import { builtinDefinitions, resolveSchema, type Definitions } from './definitions';
import type { Schema } from './schema';

export interface PatchMeta {
  mergeKey?: string;
  strategy?: string;
  listType?: 'atomic' | 'set' | 'map';
  mapKeys?: string[];
  mapType?: string;
}

function metaOf(schema: Schema, resolved: Schema): PatchMeta {
  const out: PatchMeta = {};
  const mergeKey = schema['x-kubernetes-patch-merge-key'];
  const strategy = schema['x-kubernetes-patch-strategy'];
  const listType = schema['x-kubernetes-list-type'];
  const mapKeys = schema['x-kubernetes-list-map-keys'];
  const mapType = schema['x-kubernetes-map-type'] ?? resolved['x-kubernetes-map-type'];
  if (mergeKey) out.mergeKey = mergeKey;
  if (strategy) out.strategy = strategy;
  if (listType) out.listType = listType;
  if (mapKeys) out.mapKeys = [...mapKeys];
  if (mapType) out.mapType = mapType;
  return out;
}

/** Metadata of the field at `path`; `{}` when the field is unknown or carries none. */
export function patchMeta(definitionName: string, path: readonly string[], defs: Definitions = builtinDefinitions): PatchMeta {
  const root = defs[definitionName];
  if (!root) return {};
  let field: Schema = root;
  for (const segment of path) {
    let container = resolveSchema(field, defs);
    for (let i = 0; i < 8 && !container.properties; i++) {
      const inner = container.items ?? (typeof container.additionalProperties === 'object' ? container.additionalProperties : undefined);
      if (!inner) break;
      container = resolveSchema(inner, defs);
    }
    const next = container.properties?.[segment];
    if (!next) return {};
    field = next;
  }
  return metaOf(field, resolveSchema(field, defs));
}
