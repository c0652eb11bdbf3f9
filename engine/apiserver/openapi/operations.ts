/**
 * The REST operations upstream registers for a served resource, described once and rendered into both the
 * Swagger 2.0 (/openapi/v2) and OpenAPI 3.0 (/openapi/v3/<gv>) documents. Paths, operation ids, actions and
 * query parameters follow k8s.io/apiserver's endpoint installer: every PATCH carries `fieldValidation` (kubectl
 * detects server-side field validation by finding it on the PATCH of the kind's GVK in the v3 document) and
 * every operation carries `x-kubernetes-group-version-kind` as a single object.
 */
import type { GroupVersionKind, ServedResource } from './schema';

export type Action = 'get' | 'list' | 'post' | 'put' | 'patch' | 'delete' | 'deletecollection' | 'watch' | 'watchlist';
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface QueryParameter {
  readonly name: string;
  readonly description: string;
  readonly type: 'string' | 'boolean' | 'integer';
}

export interface Operation {
  readonly method: Method;
  readonly action: Action;
  readonly operationId: string;
  readonly description: string;
  readonly query: readonly QueryParameter[];
  /** Request body definition (create/replace/delete) or 'patch'. */
  readonly body?: string | 'patch';
  /** Response body definition (or 'watch' for a WatchEvent stream). */
  readonly response: string;
  readonly gvk: GroupVersionKind;
  readonly tag: string;
}

export interface Route {
  readonly path: string;
  readonly pathParams: readonly ('namespace' | 'name')[];
  readonly operations: readonly Operation[];
}

const Q = (name: string, type: QueryParameter['type'], description: string): QueryParameter => ({ name, type, description });

const dryRun = Q('dryRun', 'string', 'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed');
const fieldManager = Q('fieldManager', 'string', 'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.');
const fieldValidation = Q('fieldValidation', 'string', 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.');
const force = Q('force', 'boolean', 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.');
const gracePeriodSeconds = Q('gracePeriodSeconds', 'integer', 'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used. Defaults to a per object value if not specified. zero means delete immediately.');
const orphanDependents = Q('orphanDependents', 'boolean', 'Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned. If true/false, the "orphan" finalizer will be added to/removed from the object\'s finalizers list. Either this field or PropagationPolicy may be set, but not both.');
const propagationPolicy = Q('propagationPolicy', 'string', "Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. The default policy is decided by the existing finalizer set in the metadata.finalizers and the resource-specific default policy. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground.");
const listQuery: readonly QueryParameter[] = [
  Q('allowWatchBookmarks', 'boolean', 'allowWatchBookmarks requests watch events with type "BOOKMARK". Servers that do not implement bookmarks may ignore this flag and bookmarks are sent at the server\'s discretion. Clients should not assume bookmarks are returned at any specific interval, nor may they assume the server will send any BOOKMARK event during a session. If this is not a watch, this field is ignored.'),
  Q('continue', 'string', 'The continue option should be set when retrieving more results from the server. Since this value is server defined, clients may only use the continue value from a previous query result with identical query parameters (except for the value of continue) and the server may reject a continue value it does not recognize.'),
  Q('fieldSelector', 'string', 'A selector to restrict the list of returned objects by their fields. Defaults to everything.'),
  Q('labelSelector', 'string', 'A selector to restrict the list of returned objects by their labels. Defaults to everything.'),
  Q('limit', 'integer', 'limit is a maximum number of responses to return for a list call. If more items exist, the server will set the `continue` field on the list metadata to a value that can be used with the same initial query to retrieve the next set of results.'),
  Q('resourceVersion', 'string', 'resourceVersion sets a constraint on what resource versions a request may be served from. See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions for details.\n\nDefaults to unset'),
  Q('resourceVersionMatch', 'string', 'resourceVersionMatch determines how resourceVersion is applied to list calls. It is highly recommended that resourceVersionMatch be set for list calls where resourceVersion is set See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions for details.\n\nDefaults to unset'),
  Q('sendInitialEvents', 'boolean', '`sendInitialEvents=true` may be set together with `watch=true`. In that case, the watch stream will begin with synthetic events to produce the current state of objects in the collection. Once all such events have been sent, a synthetic "Bookmark" event  will be sent.'),
  Q('timeoutSeconds', 'integer', 'Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity.'),
  Q('watch', 'boolean', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion.'),
];
const deleteQuery = [dryRun, gracePeriodSeconds, Q('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean', 'if set to true, it will trigger an unsafe deletion of the resource in case the normal deletion flow fails with a corrupt object error.'), orphanDependents, propagationPolicy];

/** `apps` → `Apps`, `rbac.authorization.k8s.io` → `RbacAuthorization`, `` → `Core` (operation id prefix). */
export function groupIdentifier(group: string): string {
  if (group === '') return 'Core';
  const trimmed = group.replace(/\.k8s\.io$/, '');
  return trimmed.split(/[.-]/).filter(Boolean).map((p) => p[0]!.toUpperCase() + p.slice(1)).join('');
}

/** Document key and tag of a group-version: `api/v1`, `apis/apps/v1`; tag `core_v1`, `apps_v1`. */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

function tagOf(group: string, version: string): string {
  const id = groupIdentifier(group);
  return `${id[0]!.toLowerCase()}${id.slice(1)}_${version}`;
}

const SCALE_GVK: GroupVersionKind = { group: 'autoscaling', kind: 'Scale', version: 'v1' };

/**
 * Routes for one resource. `definition` is the kind's schema name; its list is `<definition>List`.
 * Subresources other than status and scale (log, exec, binding, eviction, …) are not described: kubectl's
 * schema-driven features do not read them.
 */
export function routesFor(resource: ServedResource, definition: string): Route[] {
  const { group, version, kind, plural, namespaced } = resource;
  const verbs = new Set(resource.verbs);
  const gvk: GroupVersionKind = { group, kind, version };
  const tag = tagOf(group, version);
  const V = `${groupIdentifier(group)}${version[0]!.toUpperCase()}${version.slice(1)}`;
  const ns = namespaced ? 'Namespaced' : '';
  const base = `/${groupVersionPath(group, version)}`;
  const collection = namespaced ? `${base}/namespaces/{namespace}/${plural}` : `${base}/${plural}`;
  const item = `${collection}/{name}`;
  const collectionParams: Route['pathParams'] = namespaced ? ['namespace'] : [];
  const itemParams: Route['pathParams'] = namespaced ? ['namespace', 'name'] : ['name'];
  const list = `${definition}List`;
  const op = (o: Omit<Operation, 'gvk' | 'tag'> & { gvk?: GroupVersionKind }): Operation => ({ gvk, tag, ...o });
  const routes: Route[] = [];

  const collectionOps: Operation[] = [];
  if (verbs.has('list')) collectionOps.push(op({ method: 'get', action: 'list', operationId: `list${V}${ns}${kind}`, description: `list or watch objects of kind ${kind}`, query: listQuery, response: list }));
  if (verbs.has('create')) collectionOps.push(op({ method: 'post', action: 'post', operationId: `create${V}${ns}${kind}`, description: `create a ${kind}`, query: [dryRun, fieldManager, fieldValidation], body: definition, response: definition }));
  if (verbs.has('deletecollection')) collectionOps.push(op({ method: 'delete', action: 'deletecollection', operationId: `delete${V}Collection${ns}${kind}`, description: `delete collection of ${kind}`, query: [...listQuery.filter((q) => q.name !== 'watch' && q.name !== 'allowWatchBookmarks'), ...deleteQuery].sort((a, b) => (a.name < b.name ? -1 : 1)), body: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', response: 'io.k8s.apimachinery.pkg.apis.meta.v1.Status' }));
  if (collectionOps.length > 0) routes.push({ path: collection, pathParams: collectionParams, operations: collectionOps });

  const itemOps: Operation[] = [];
  if (verbs.has('get')) itemOps.push(op({ method: 'get', action: 'get', operationId: `read${V}${ns}${kind}`, description: `read the specified ${kind}`, query: [], response: definition }));
  if (verbs.has('update')) itemOps.push(op({ method: 'put', action: 'put', operationId: `replace${V}${ns}${kind}`, description: `replace the specified ${kind}`, query: [dryRun, fieldManager, fieldValidation], body: definition, response: definition }));
  if (verbs.has('patch')) itemOps.push(op({ method: 'patch', action: 'patch', operationId: `patch${V}${ns}${kind}`, description: `partially update the specified ${kind}`, query: [dryRun, fieldManager, fieldValidation, force], body: 'patch', response: definition }));
  if (verbs.has('delete')) itemOps.push(op({ method: 'delete', action: 'delete', operationId: `delete${V}${ns}${kind}`, description: `delete a ${kind}`, query: deleteQuery, body: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', response: 'io.k8s.apimachinery.pkg.apis.meta.v1.Status' }));
  if (itemOps.length > 0) routes.push({ path: item, pathParams: itemParams, operations: itemOps });

  for (const sub of resource.subresources) {
    if (sub !== 'status' && sub !== 'scale') continue;
    const Sub = sub === 'status' ? 'Status' : 'Scale';
    const subDef = sub === 'status' ? definition : 'io.k8s.api.autoscaling.v1.Scale';
    const subGvk = sub === 'status' ? gvk : SCALE_GVK;
    routes.push({
      path: `${item}/${sub}`,
      pathParams: itemParams,
      operations: [
        op({ method: 'get', action: 'get', operationId: `read${V}${ns}${kind}${Sub}`, description: `read ${sub} of the specified ${kind}`, query: [], response: subDef, gvk: subGvk }),
        op({ method: 'put', action: 'put', operationId: `replace${V}${ns}${kind}${Sub}`, description: `replace ${sub} of the specified ${kind}`, query: [dryRun, fieldManager, fieldValidation], body: subDef, response: subDef, gvk: subGvk }),
        op({ method: 'patch', action: 'patch', operationId: `patch${V}${ns}${kind}${Sub}`, description: `partially update ${sub} of the specified ${kind}`, query: [dryRun, fieldManager, fieldValidation, force], body: 'patch', response: subDef, gvk: subGvk }),
      ],
    });
  }

  if (verbs.has('watch')) {
    const watchBase = namespaced ? `${base}/watch/namespaces/{namespace}/${plural}` : `${base}/watch/${plural}`;
    routes.push({ path: watchBase, pathParams: collectionParams, operations: [op({ method: 'get', action: 'watchlist', operationId: `watch${V}${ns}${kind}List`, description: `watch individual changes to a list of ${kind}. deprecated: use the 'watch' parameter with a list operation instead.`, query: listQuery, response: 'watch' })] });
    routes.push({ path: `${watchBase}/{name}`, pathParams: itemParams, operations: [op({ method: 'get', action: 'watch', operationId: `watch${V}${ns}${kind}`, description: `watch changes to an object of kind ${kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`, query: listQuery, response: 'watch' })] });
  }
  if (namespaced && verbs.has('list')) {
    routes.push({ path: `${base}/${plural}`, pathParams: [], operations: [op({ method: 'get', action: 'list', operationId: `list${V}${kind}ForAllNamespaces`, description: `list or watch objects of kind ${kind}`, query: listQuery, response: list })] });
    if (verbs.has('watch')) routes.push({ path: `${base}/watch/${plural}`, pathParams: [], operations: [op({ method: 'get', action: 'watchlist', operationId: `watch${V}${kind}ListForAllNamespaces`, description: `watch individual changes to a list of ${kind}. deprecated: use the 'watch' parameter with a list operation instead.`, query: listQuery, response: 'watch' })] });
  }
  return routes;
}
