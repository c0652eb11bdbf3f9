/**
 * Builds the /openapi/v2 (Swagger 2.0) document and the per-group-version /openapi/v3 documents from the
 * served resources. A v3 document holds the operations of one group-version and, in components.schemas, every
 * definition reachable from them — that is where `kubectl explain` finds a kind (by
 * `x-kubernetes-group-version-kind`) and where kubectl's field-validation probe finds PATCH operations.
 */
import { builtinDefinitions, definitionForKind, type Definitions } from './definitions';
import { groupVersionPath, routesFor, type Operation, type QueryParameter, type Route } from './operations';
import type { Schema, ServedResource } from './schema';
import { reachableDefinitions, toV3Schema } from './v3-schema';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'];
const PATH_PARAM_DESCRIPTION = { namespace: 'object name and auth scope, such as for teams and projects', name: 'name of the resource' } as const;

function routesOf(resources: readonly ServedResource[], defs: Definitions): Route[] {
  const routes: Route[] = [];
  for (const r of resources) {
    const definition = r.definition ?? definitionForKind(r.group, r.version, r.kind, defs);
    if (!definition) continue;
    routes.push(...routesFor(r, definition));
  }
  return routes;
}

function responseDefinition(op: Operation): string {
  return op.response === 'watch' ? `${META}.WatchEvent` : op.response;
}

function referencedDefinitions(routes: readonly Route[]): Set<string> {
  const names = new Set<string>();
  for (const route of routes) {
    for (const op of route.operations) {
      names.add(responseDefinition(op));
      if (op.body === 'patch') names.add(`${META}.Patch`);
      else if (op.body) names.add(op.body);
    }
  }
  return names;
}

function sortedRecord<T>(entries: Iterable<[string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ---- Swagger 2.0 ----

function v2Parameter(q: QueryParameter): Record<string, unknown> {
  return { uniqueItems: true, type: q.type, description: q.description, name: q.name, in: 'query' };
}

function v2Operation(op: Operation): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = [];
  if (op.body) {
    parameters.push({ name: 'body', in: 'body', required: op.body !== 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', schema: { $ref: `#/definitions/${op.body === 'patch' ? `${META}.Patch` : op.body}` } });
  }
  parameters.push(...op.query.map(v2Parameter));
  const ok = { description: 'OK', schema: { $ref: `#/definitions/${responseDefinition(op)}` } };
  const responses: Record<string, unknown> = { '200': ok, '401': { description: 'Unauthorized' } };
  if (op.action === 'post') Object.assign(responses, { '201': { ...ok, description: 'Created' }, '202': { ...ok, description: 'Accepted' } });
  if (op.action === 'put' || op.action === 'patch') responses['201'] = { ...ok, description: 'Created' };
  if (op.action === 'delete') responses['202'] = { ...ok, description: 'Accepted' };
  return {
    description: op.description,
    consumes: op.body === 'patch' ? PATCH_TYPES : ['*/*'],
    produces: op.response === 'watch' || op.action === 'list'
      ? ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch']
      : ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'],
    schemes: ['https'],
    tags: [op.tag],
    operationId: op.operationId,
    parameters,
    responses,
    'x-kubernetes-action': op.action,
    'x-kubernetes-group-version-kind': op.gvk,
  };
}

function pathParameters(route: Route, style: 'v2' | 'v3'): Record<string, unknown>[] {
  const params: Record<string, unknown>[] = route.pathParams.map((p) => style === 'v2'
    ? { uniqueItems: true, type: 'string', description: PATH_PARAM_DESCRIPTION[p], name: p, in: 'path', required: true }
    : { description: PATH_PARAM_DESCRIPTION[p], in: 'path', name: p, required: true, schema: { type: 'string', uniqueItems: true } });
  const pretty = 'If \'true\', then the output is pretty printed. Defaults to \'false\' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).';
  params.push(style === 'v2'
    ? { uniqueItems: true, type: 'string', description: pretty, name: 'pretty', in: 'query' }
    : { description: pretty, in: 'query', name: 'pretty', schema: { type: 'string', uniqueItems: true } });
  return params;
}

export function buildV2Document(resources: readonly ServedResource[], defs: Definitions = builtinDefinitions): Record<string, unknown> {
  const routes = routesOf(resources, defs);
  const paths = sortedRecord(routes.map((route): [string, unknown] => {
    const item: Record<string, unknown> = {};
    for (const op of route.operations) item[op.method] = v2Operation(op);
    item.parameters = pathParameters(route, 'v2');
    return [route.path, item];
  }));
  const names = reachableDefinitions(referencedDefinitions(routes), defs);
  return {
    swagger: '2.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    definitions: sortedRecord([...names].map((n): [string, Schema] => [n, defs[n]!])),
    securityDefinitions: { BearerToken: { description: 'Bearer Token authentication', type: 'apiKey', name: 'authorization', in: 'header' } },
    security: [{ BearerToken: [] }],
  };
}

// ---- OpenAPI 3.0 ----

function v3Ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

function v3Content(schema: Schema, watch: boolean): Record<string, unknown> {
  const types = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
  if (watch) types.push('application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch');
  return Object.fromEntries(types.map((t) => [t, { schema }]));
}

function v3Operation(op: Operation): Record<string, unknown> {
  const out: Record<string, unknown> = {
    tags: [op.tag],
    description: op.description,
    operationId: op.operationId,
    parameters: op.query.map((q) => ({ name: q.name, in: 'query', description: q.description, schema: { type: q.type, uniqueItems: true } })),
  };
  if (op.body === 'patch') {
    out.requestBody = { content: Object.fromEntries(PATCH_TYPES.map((t) => [t, { schema: v3Ref(`${META}.Patch`) }])), required: true };
  } else if (op.body) {
    out.requestBody = { content: { '*/*': { schema: v3Ref(op.body) } }, required: op.body !== `${META}.DeleteOptions` };
  }
  const content = v3Content(v3Ref(responseDefinition(op)), op.response === 'watch' || op.action === 'list');
  const responses: Record<string, unknown> = { '200': { description: 'OK', content } };
  if (op.action === 'post') Object.assign(responses, { '201': { description: 'Created', content }, '202': { description: 'Accepted', content } });
  if (op.action === 'put' || op.action === 'patch') responses['201'] = { description: 'Created', content };
  if (op.action === 'delete') responses['202'] = { description: 'Accepted', content };
  responses['401'] = { description: 'Unauthorized' };
  out.responses = responses;
  out['x-kubernetes-action'] = op.action;
  out['x-kubernetes-group-version-kind'] = op.gvk;
  return out;
}

/** One OpenAPI 3.0 document per group-version path (`api/v1`, `apis/apps/v1`, …). */
export function buildV3Documents(resources: readonly ServedResource[], defs: Definitions = builtinDefinitions): Map<string, Record<string, unknown>> {
  const byGroupVersion = new Map<string, ServedResource[]>();
  for (const r of resources) {
    const key = groupVersionPath(r.group, r.version);
    byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), r]);
  }
  const documents = new Map<string, Record<string, unknown>>();
  for (const key of [...byGroupVersion.keys()].sort()) {
    const routes = routesOf(byGroupVersion.get(key)!, defs);
    const paths = sortedRecord(routes.map((route): [string, unknown] => {
      const item: Record<string, unknown> = {};
      for (const op of route.operations) item[op.method] = v3Operation(op);
      item.parameters = pathParameters(route, 'v3');
      return [route.path, item];
    }));
    const names = reachableDefinitions(referencedDefinitions(routes), defs);
    documents.set(key, {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: 'v1.32.0' },
      paths,
      components: {
        schemas: sortedRecord([...names].map((n): [string, Schema] => [n, toV3Schema(n, defs[n]!)])),
        securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
      },
      security: [{ BearerToken: [] }],
    });
  }
  return documents;
}
