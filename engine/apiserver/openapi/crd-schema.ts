/**
 * Custom resources in the OpenAPI documents: a CRD version's `openAPIV3Schema` becomes a definition named like
 * upstream's (reversed group, then version and kind: `stable.example.com` + `v1` + `CronTab` →
 * `com.example.stable.v1.CronTab`), with the standard `apiVersion`/`kind`/`metadata` properties and the GVK
 * extension so kubectl explain and field validation find it, plus the matching `<name>List` definition.
 */
import type { Schema } from './schema';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const API_VERSION_DOC = 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC = 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';

export function customResourceDefinitionName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

/** `{ [name]: schema, [name + 'List']: listSchema }` for one served CRD version. */
export function customResourceDefinitions(group: string, version: string, kind: string, openAPIV3Schema: Schema | undefined): Record<string, Schema> {
  const name = customResourceDefinitionName(group, version, kind);
  const base: Schema = openAPIV3Schema ? (JSON.parse(JSON.stringify(openAPIV3Schema)) as Schema) : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const properties: Record<string, Schema> = { ...(base.properties ?? {}) };
  properties.apiVersion = { description: API_VERSION_DOC, type: 'string' };
  properties.kind = { description: KIND_DOC, type: 'string' };
  properties.metadata = { description: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata", $ref: `#/definitions/${META}.ObjectMeta` };
  const definition: Schema = { ...base, type: 'object', properties, 'x-kubernetes-group-version-kind': [{ group, kind, version }] };
  const list: Schema = {
    description: `${kind}List is a list of ${kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { description: API_VERSION_DOC, type: 'string' },
      items: { description: `List of ${kind.toLowerCase()}s. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`, type: 'array', items: { $ref: `#/definitions/${name}` } },
      kind: { description: KIND_DOC, type: 'string' },
      metadata: { description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds', $ref: `#/definitions/${META}.ListMeta` },
    },
    'x-kubernetes-group-version-kind': [{ group, kind: `${kind}List`, version }],
  };
  return { [name]: definition, [`${name}List`]: list };
}
