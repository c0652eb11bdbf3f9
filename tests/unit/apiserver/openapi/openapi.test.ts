import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  OpenAPIService, builtinDefinitions, checkTypes, customResourceDefinitions, definitionForKind, findUnknownFields,
  patchMeta, sha512Hex, strictDecodingError, decodeErrorMessage, type ServedResource, type Schema,
} from '../../../../engine/apiserver/openapi';

const served: ServedResource[] = [
  { group: '', version: 'v1', kind: 'Pod', plural: 'pods', namespaced: true, subresources: ['status'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
  { group: '', version: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false, subresources: ['status'], verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'] },
  { group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, subresources: ['status', 'scale'], verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'] },
];

describe('generated definitions', () => {
  it('Pod spec.containers is an array of Container refs with upstream docs and merge metadata', () => {
    const containers = builtinDefinitions['io.k8s.api.core.v1.PodSpec']!.properties!.containers!;
    expect(containers.type).toBe('array');
    expect(containers.items).toEqual({ $ref: '#/definitions/io.k8s.api.core.v1.Container' });
    expect(containers.description).toBe('List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.');
    expect(containers['x-kubernetes-patch-merge-key']).toBe('name');
    expect(containers['x-kubernetes-patch-strategy']).toBe('merge');
    expect(containers['x-kubernetes-list-type']).toBe('map');
    expect(containers['x-kubernetes-list-map-keys']).toEqual(['name']);
    expect(builtinDefinitions['io.k8s.api.core.v1.Container']!.required).toEqual(['name']);
    expect(builtinDefinitions['io.k8s.api.core.v1.Pod']!['x-kubernetes-group-version-kind']).toEqual([{ group: '', kind: 'Pod', version: 'v1' }]);
    expect(definitionForKind('apps', 'v1', 'Deployment')).toBe('io.k8s.api.apps.v1.Deployment');
    expect(definitionForKind('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition')).toBe('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition');
  });

  it('patch metadata matches upstream types.go tags', () => {
    expect(patchMeta('io.k8s.api.core.v1.Pod', ['spec', 'containers', 'ports'])).toEqual({ mergeKey: 'containerPort', strategy: 'merge', listType: 'map', mapKeys: ['containerPort', 'protocol'] });
    expect(patchMeta('io.k8s.api.core.v1.Pod', ['spec', 'containers', 'env'])).toMatchObject({ mergeKey: 'name', strategy: 'merge' });
    expect(patchMeta('io.k8s.api.core.v1.Pod', ['spec', 'containers', 'volumeMounts'])).toMatchObject({ mergeKey: 'mountPath', strategy: 'merge' });
    expect(patchMeta('io.k8s.api.core.v1.Pod', ['spec', 'volumes'])).toMatchObject({ mergeKey: 'name', strategy: 'merge,retainKeys' });
    expect(patchMeta('io.k8s.api.core.v1.Pod', ['spec', 'tolerations'])).toEqual({ listType: 'atomic' });
    expect(patchMeta('io.k8s.api.core.v1.Pod', ['metadata', 'ownerReferences'])).toEqual({ mergeKey: 'uid', strategy: 'merge', listType: 'map', mapKeys: ['uid'] });
    expect(patchMeta('io.k8s.api.core.v1.Pod', ['metadata', 'finalizers'])).toEqual({ strategy: 'merge', listType: 'set' });
    expect(patchMeta('io.k8s.api.core.v1.Pod', ['status', 'conditions'])).toMatchObject({ mergeKey: 'type', strategy: 'merge' });
    expect(patchMeta('io.k8s.api.apps.v1.Deployment', ['spec', 'selector'])).toEqual({ mapType: 'atomic' });
  });

  it('integer formats agree with upstream (formats in @kubernetes/client-node models)', () => {
    const require = createRequire(import.meta.url);
    const models = require('@kubernetes/client-node/dist/gen/models/all.js') as Record<string, { attributeTypeMap?: { baseName: string; type: string; format: string }[] }>;
    let compared = 0;
    const mismatches: string[] = [];
    for (const [name, def] of Object.entries(builtinDefinitions)) {
      const parts = name.split('.');
      const kind = parts.at(-1)!;
      const version = parts.at(-2)!;
      const model = models[`${version[0]!.toUpperCase()}${version.slice(1)}${kind}`];
      if (!model?.attributeTypeMap || !def.properties) continue;
      for (const attr of model.attributeTypeMap) {
        const prop = def.properties[attr.baseName];
        if (!prop || attr.type !== 'number' || prop.type !== 'integer') continue;
        compared++;
        if (attr.format !== prop.format) mismatches.push(`${name}.${attr.baseName}: ${prop.format} vs ${attr.format}`);
      }
    }
    expect(compared).toBeGreaterThan(150);
    expect(mismatches).toEqual([]);
  });
});

describe('decode checks', () => {
  const deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels: { app: 'web' } },
    spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, foo: 1,
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', imagePullPolic: 'Always', resources: { limits: { cpu: '100m' } } }] } } },
  };

  it('finds unknown fields with upstream paths and builds the Strict message', () => {
    const unknown = findUnknownFields('io.k8s.api.apps.v1.Deployment', deployment);
    expect(unknown).toEqual(['spec.foo', 'spec.template.spec.containers[0].imagePullPolic']);
    expect(decodeErrorMessage('Deployment', 'v1', 'Deployment', strictDecodingError(unknown)))
      .toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo", unknown field "spec.template.spec.containers[0].imagePullPolic"');
  });

  it('reports type mismatches like the Go decoder', () => {
    expect(checkTypes('io.k8s.api.core.v1.Pod', { spec: { containers: 'x' } }))
      .toBe('json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container');
    expect(checkTypes('io.k8s.api.core.v1.Pod', { spec: { containers: [{ name: 'a', command: ['sleep', 1200] }] } }))
      .toBe('json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string');
    expect(checkTypes('io.k8s.api.apps.v1.Deployment', { spec: { template: { spec: { containers: [{ name: 'a', ports: 'x' }] } } } }))
      .toBe('json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.ports of type []v1.ContainerPort');
    expect(checkTypes('io.k8s.api.apps.v1.Deployment', { spec: { replicas: 'two' } }))
      .toBe('json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(checkTypes('io.k8s.api.apps.v1.Deployment', deployment)).toBeUndefined();
  });
});

describe('documents', () => {
  const service = new OpenAPIService(served);
  const q = (s = ''): URLSearchParams => new URLSearchParams(s);

  it('v3 index lists group-versions with the SHA-512 hash of each document', () => {
    const index = JSON.parse(service.handle('/openapi/v3', q())!.body) as { paths: Record<string, { serverRelativeURL: string }> };
    expect(Object.keys(index.paths).sort()).toEqual(['api/v1', 'apis/apps/v1']);
    const url = index.paths['api/v1']!.serverRelativeURL;
    const doc = service.handle('/openapi/v3/api/v1', q(url.split('?')[1]))!;
    expect(url).toBe(`/openapi/v3/api/v1?hash=${createHash('sha512').update(doc.body).digest('hex').toUpperCase()}`);
    expect(doc.headers['Cache-Control']).toBe('public, immutable');
    expect(service.handle('/openapi/v3/api/v1', q('hash=stale'))!.status).toBe(301);
    expect(new OpenAPIService(served).hashOf('api/v1')).toBe(service.hashOf('api/v1'));
  });

  it('every PATCH of Pod in the v3 document offers fieldValidation (kubectl QueryParamVerifierV3)', () => {
    const doc = JSON.parse(service.handle('/openapi/v3/api/v1', q())!.body) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; 'x-kubernetes-group-version-kind'?: unknown }>> };
    const patches = Object.values(doc.paths).map((p) => p.patch).filter((op) => op && JSON.stringify(op['x-kubernetes-group-version-kind']) === JSON.stringify({ group: '', kind: 'Pod', version: 'v1' }));
    expect(patches.length).toBe(2);
    for (const op of patches) expect(op!.parameters!.some((p) => p.name === 'fieldValidation' && p.in === 'query')).toBe(true);
  });

  it('has what kubectl explain pod.spec.containers needs', () => {
    const doc = JSON.parse(service.handle('/openapi/v3/api/v1', q())!.body) as { paths: Record<string, Record<string, { 'x-kubernetes-group-version-kind'?: object }>>; components: { schemas: Record<string, Schema> } };
    const gvk = doc.paths['/api/v1/namespaces/{namespace}/pods']!.get!['x-kubernetes-group-version-kind'];
    expect(gvk).toEqual({ group: '', kind: 'Pod', version: 'v1' });
    const pod = Object.values(doc.components.schemas).find((s) => s['x-kubernetes-group-version-kind']?.some((g) => JSON.stringify(g) === JSON.stringify(gvk)))!;
    const spec = pod.properties!.spec!;
    expect(spec.allOf).toEqual([{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }]);
    const containers = doc.components.schemas['io.k8s.api.core.v1.PodSpec']!.properties!.containers!;
    expect(containers.items).toEqual({ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' });
    expect(doc.components.schemas['io.k8s.api.core.v1.Container']!.properties!.image!.type).toBe('string');
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.api.resource.Quantity']!.oneOf).toEqual([{ type: 'string' }, { type: 'number' }]);
  });

  it('v2 document has paths and definitions', () => {
    const doc = JSON.parse(service.handle('/openapi/v2', q())!.body) as { swagger: string; paths: Record<string, unknown>; definitions: Record<string, unknown> };
    expect(doc.swagger).toBe('2.0');
    expect(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale']).toBeDefined();
    expect(doc.definitions['io.k8s.api.apps.v1.Deployment']).toBeDefined();
  });
});

describe('custom resources', () => {
  it('converts a CRD version schema into an upstream-named definition with strict checks', () => {
    const defs = customResourceDefinitions('stable.example.com', 'v1', 'CronTab', {
      type: 'object',
      properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' }, replicas: { type: 'integer' } } }, extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    });
    expect(Object.keys(defs)).toEqual(['com.example.stable.v1.CronTab', 'com.example.stable.v1.CronTabList']);
    const all = { ...builtinDefinitions, ...defs };
    expect(findUnknownFields('com.example.stable.v1.CronTab', { metadata: { name: 'x' }, spec: { cronSpec: '* * * * *', favoriteColor: 'blue' }, extra: { anything: 1 } }, all))
      .toEqual(['spec.favoriteColor']);
    const service = new OpenAPIService([{ group: 'stable.example.com', version: 'v1', kind: 'CronTab', plural: 'crontabs', namespaced: true, subresources: [], verbs: ['get', 'list', 'patch'], definition: 'com.example.stable.v1.CronTab' }], all);
    const doc = JSON.parse(service.handle('/openapi/v3/apis/stable.example.com/v1', new URLSearchParams())!.body) as { components: { schemas: Record<string, Schema> } };
    expect(doc.components.schemas['com.example.stable.v1.CronTab']!['x-kubernetes-group-version-kind']).toEqual([{ group: 'stable.example.com', kind: 'CronTab', version: 'v1' }]);
  });
});

describe('sha512', () => {
  it('matches node:crypto', () => {
    for (const s of ['', 'abc', 'x'.repeat(112), 'héllo ✓ 😀']) expect(sha512Hex(s)).toBe(createHash('sha512').update(s).digest('hex').toUpperCase());
  });
});
