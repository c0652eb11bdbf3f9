/**
 * Turns a URL path into what the request is about, like k8s.io/apiserver's RequestInfoFactory:
 * /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}, /apis/{group}/{version}/..., the legacy
 * /api/v1/watch/... form, and non-resource paths (/version, /healthz, /openapi/..., discovery).
 */

export type ResourceVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ResourceRequestInfo {
  isResourceRequest: true;
  verb: ResourceVerb;
  group: string;
  version: string;
  /** Namespace from the path ('' for cluster-scoped or all-namespaces requests). */
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
  /** Extra path segments after the subresource (pods/proxy/...). */
  parts: string[];
}

export interface NonResourceRequestInfo {
  isResourceRequest: false;
  path: string;
  /** For discovery paths: /api → {api:'api'}, /apis/apps → {group:'apps'}, /apis/apps/v1 → {group, version}. */
  discovery?: { prefix: 'api' | 'apis'; group?: string; version?: string };
}

export type RequestInfo = ResourceRequestInfo | NonResourceRequestInfo;

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(method: string, path: string, query: Record<string, string[]>): RequestInfo {
  const segments = path.split('/').filter((s) => s !== '');
  const prefix = segments[0];
  if (prefix !== 'api' && prefix !== 'apis') return { isResourceRequest: false, path };

  let rest: string[];
  let group = '';
  let version: string | undefined;
  if (prefix === 'api') {
    version = segments[1];
    if (version === undefined) return { isResourceRequest: false, path, discovery: { prefix: 'api' } };
    rest = segments.slice(2);
  } else {
    group = segments[1] ?? '';
    version = segments[2];
    if (group === '') return { isResourceRequest: false, path, discovery: { prefix: 'apis' } };
    if (version === undefined) return { isResourceRequest: false, path, discovery: { prefix: 'apis', group } };
    rest = segments.slice(3);
  }
  if (rest.length === 0) return { isResourceRequest: false, path, discovery: { prefix, group, version } };

  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }

  let namespace = '';
  // Upstream's rule: /namespaces/{ns}/{x}/... is a namespaced request for resource x, unless x is one of the
  // namespace's own subresources (status, finalize); /namespaces/{name} is the namespace object itself.
  if (rest[0] === 'namespaces' && rest.length > 1) {
    namespace = rest[1] ?? '';
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2] ?? '')) rest = rest.slice(2);
  }
  const [resource = '', name = '', subresource = '', ...parts] = rest;

  let verb: ResourceVerb;
  const watchParam = (query['watch']?.[0] ?? '').toLowerCase();
  const isWatch = legacyWatch || watchParam === 'true' || watchParam === '1';
  switch (method) {
    case 'POST':
      verb = 'create';
      break;
    case 'PUT':
      verb = 'update';
      break;
    case 'PATCH':
      verb = 'patch';
      break;
    case 'DELETE':
      verb = name === '' ? 'deletecollection' : 'delete';
      break;
    default:
      verb = isWatch ? 'watch' : name === '' ? 'list' : 'get';
  }
  // A watch of a single object is a list+watch filtered by name (kubectl get -w pod/x uses fieldSelector).
  if (isWatch && method === 'GET') verb = 'watch';
  return { isResourceRequest: true, verb, group, version, namespace, resource, name, subresource, parts };
}
