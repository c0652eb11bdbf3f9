/**
 * Converts a Swagger 2.0 shaped definition (as in definitions.json) to its OpenAPI 3.0 component form, the way
 * kube-openapi's v3 builder renders it: refs point at `#/components/schemas/`, a `$ref` that has sibling
 * keywords (a field description, list metadata) is wrapped as `allOf: [{$ref}]` because siblings of `$ref`
 * are ignored in 3.0, Quantity becomes `oneOf: [string, number]` and IntOrString `oneOf: [integer, string]`.
 */
import type { Schema } from './schema';

const V3_ONE_OF: Readonly<Record<string, Schema['oneOf']>> = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': [{ type: 'string' }, { type: 'number' }],
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': [{ type: 'integer' }, { type: 'string' }],
};

function v3Ref(ref: string): string {
  return ref.replace('#/definitions/', '#/components/schemas/');
}

function convert(schema: Schema): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref') continue;
    if (key === 'items' || key === 'additionalProperties') {
      (out as Record<string, unknown>)[key] = typeof value === 'object' && value !== null ? convert(value as Schema) : value;
    } else if (key === 'properties') {
      const props: Record<string, Schema> = {};
      for (const [name, prop] of Object.entries(value as Record<string, Schema>)) props[name] = convert(prop);
      out.properties = props;
    } else if (key === 'allOf' || key === 'oneOf' || key === 'anyOf') {
      (out as Record<string, unknown>)[key] = (value as Schema[]).map(convert);
    } else {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  if (schema.$ref) {
    const ref = v3Ref(schema.$ref);
    if (Object.keys(out).length === 0) return { $ref: ref };
    return { allOf: [{ $ref: ref }], ...out };
  }
  return out;
}

export function toV3Schema(name: string, definition: Schema): Schema {
  const oneOf = V3_ONE_OF[name];
  if (oneOf) {
    const { type: _type, ...rest } = definition;
    return { ...rest, oneOf };
  }
  return convert(definition);
}

/** All definitions reachable from `roots` (following `$ref` through properties, items, maps, allOf…). */
export function reachableDefinitions(roots: Iterable<string>, defs: Readonly<Record<string, Schema>>): Set<string> {
  const seen = new Set<string>();
  const stack = [...roots];
  const visit = (schema: unknown): void => {
    if (typeof schema !== 'object' || schema === null) return;
    if (Array.isArray(schema)) {
      schema.forEach(visit);
      return;
    }
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string') stack.push(value.slice(value.lastIndexOf('/') + 1));
      else if (key !== 'x-kubernetes-group-version-kind' && key !== 'enum' && key !== 'default') visit(value);
    }
  };
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name) || !defs[name]) continue;
    seen.add(name);
    visit(defs[name]);
  }
  return seen;
}
