/**
 * The built-in OpenAPI definitions (generated at build time by scripts/gen-openapi.ts from kubernetes-types)
 * plus lookups over them. Definitions are Swagger 2.0 shaped: `$ref` values are `#/definitions/<name>`.
 * Custom resource definitions are not here; callers pass them to the functions that accept extra definitions.
 */
import generated from './generated/definitions.json';
import type { Schema } from './schema';

export const builtinDefinitions: Readonly<Record<string, Schema>> = generated as Record<string, Schema>;

/** A definition table: the built-ins, optionally extended with custom resource definitions. */
export type Definitions = Readonly<Record<string, Schema>>;

const REF_PREFIXES = ['#/definitions/', '#/components/schemas/'];

/** `#/definitions/io.k8s.api.core.v1.Pod` → `io.k8s.api.core.v1.Pod`. */
export function refName(ref: string): string {
  for (const prefix of REF_PREFIXES) if (ref.startsWith(prefix)) return ref.slice(prefix.length);
  return ref;
}

/** Follows `$ref` (and single-element `allOf` wrappers, as in v3 documents) to the schema that holds the type. */
export function resolveSchema(schema: Schema, defs: Definitions = builtinDefinitions): Schema {
  let current = schema;
  for (let hops = 0; hops < 32; hops++) {
    if (current.$ref) {
      const target = defs[refName(current.$ref)];
      if (!target) return current;
      current = target;
    } else if (current.allOf?.length === 1 && !current.properties && !current.type) {
      current = current.allOf[0]!;
    } else {
      return current;
    }
  }
  return current;
}

let kindIndex: Map<string, string> | undefined;

/** The definition registered for a group/version/kind via `x-kubernetes-group-version-kind`, if any. */
export function definitionForKind(group: string, version: string, kind: string, defs: Definitions = builtinDefinitions): string | undefined {
  if (defs !== builtinDefinitions) {
    for (const [name, def] of Object.entries(defs)) {
      if (def['x-kubernetes-group-version-kind']?.some((g) => g.group === group && g.version === version && g.kind === kind)) return name;
    }
    return undefined;
  }
  if (!kindIndex) {
    kindIndex = new Map();
    for (const [name, def] of Object.entries(builtinDefinitions)) {
      const gvks = def['x-kubernetes-group-version-kind'] ?? [];
      // Meta kinds (DeleteOptions, WatchEvent) list every group-version; a real kind lists exactly one.
      for (const g of gvks) {
        const key = `${g.group}/${g.version}/${g.kind}`;
        if (!kindIndex.has(key)) kindIndex.set(key, name);
      }
    }
  }
  return kindIndex.get(`${group}/${version}/${kind}`);
}
