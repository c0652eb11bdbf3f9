/**
 * The Kubernetes API server of Cluster Lab: routes a platform-free ApiRequest to discovery, OpenAPI, health,
 * or a resource verb on the registry. Transports (HTTPS endpoint, in-process client, app bridge) call `handle`.
 */
import type { Logger } from '../base/logger';
import { apiErrors, StatusError } from './errors/status-error';
import type { ApiHandler, ApiRequest, ApiResponse } from './handler-types';
import {
  aggregatedDiscoveryDocument,
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  apiGroupDocument,
  apiGroupListDocument,
  apiResourceListDocument,
  apiVersionsDocument,
  groupsInOrder,
  wantsAggregatedDiscovery,
} from './discovery/discovery-documents';
import { handleBinding, handleEviction, handlePodStream, type PodStreams } from './handlers/pod-subresources';
import { ResourceHandlers } from './handlers/resource-handlers';
import { errorResponse, jsonResponse, textResponse } from './handlers/response';
import { handleReview, handleTokenRequest } from './handlers/review-handlers';
import { handleScale } from './handlers/scale-subresource';
import { handleNamespaceFinalize } from './handlers/namespace-finalize';
import { handleMetrics } from './metrics/metrics-handler';
import { METRICS_GROUP } from './metrics/metrics-resources';
import type { MetricsSource } from './metrics/metrics-source';
import { parseRequestInfo, type NonResourceRequestInfo, type ResourceRequestInfo } from './request/request-info';
import { BUILTIN_GROUP_ORDER, type ResourceInfo } from './resources/resource-catalog';
import type { ServerContext } from './server-context';
import { serverVersion } from './server-version';

export interface OpenApiEndpoint {
  /** Answers /openapi/v2, /openapi/v3 and /openapi/v3/<gv> for the current catalog. */
  serve(path: string, query: Record<string, string[]>): ApiResponse | undefined;
}

export class ApiServer implements ApiHandler {
  private readonly logger: Logger;

  constructor(
    private readonly ctx: ServerContext,
    private readonly resources: ResourceHandlers,
    private readonly openapi: OpenApiEndpoint,
    private readonly podStreams: PodStreams,
    private readonly serverAddress: () => string,
    /** metrics.k8s.io's source; undefined when the lab serves no metrics API. */
    private readonly metrics?: MetricsSource,
  ) {
    this.logger = ctx.logger.child('apiserver');
  }

  async handle(req: ApiRequest): Promise<ApiResponse> {
    try {
      const info = parseRequestInfo(req.method, req.path, req.query);
      return info.isResourceRequest ? await this.resource(info, req) : await this.nonResource(info, req);
    } catch (err) {
      if (err instanceof StatusError) return errorResponse(err);
      this.logger.error('request failed', { method: req.method, path: req.path, error: String((err as Error)?.stack ?? err) });
      return errorResponse(apiErrors.internal(String((err as Error)?.message ?? err)));
    }
  }

  private async nonResource(info: NonResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    const path = info.path.replace(/\/+$/, '') || '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') throw apiErrors.methodNotSupported({ group: '', resource: '' }, req.method);
    if (info.discovery) return this.discovery(info.discovery, req);
    switch (path) {
      case '/version':
        return jsonResponse(200, serverVersion());
      case '/healthz':
      case '/livez':
      case '/readyz':
        return textResponse(200, 'ok');
      case '/':
        return jsonResponse(200, { paths: this.rootPaths() });
    }
    if (/^\/(healthz|livez|readyz)\/[a-z0-9-]+$/.test(path)) return textResponse(200, 'ok');
    if (path.startsWith('/openapi/')) {
      const res = this.openapi.serve(path, req.query);
      if (res) return res;
    }
    throw apiErrors.pathNotFound();
  }

  private rootPaths(): string[] {
    const paths = new Set(['/api', '/api/v1', '/apis', '/healthz', '/livez', '/readyz', '/openapi/v2', '/openapi/v3', '/version']);
    for (const g of groupsInOrder(this.ctx.catalog.all(), BUILTIN_GROUP_ORDER)) {
      if (g.group === '') continue;
      paths.add(`/apis/${g.group}`);
      for (const v of g.versions) paths.add(`/apis/${g.group}/${v}`);
    }
    return [...paths].sort();
  }

  private discovery(d: NonNullable<NonResourceRequestInfo['discovery']>, req: ApiRequest): ApiResponse {
    const resources = this.ctx.catalog.all();
    const groups = groupsInOrder(resources, BUILTIN_GROUP_ORDER);
    if (d.version === undefined && d.group === undefined) {
      if (wantsAggregatedDiscovery(req.headers['accept'])) {
        const res = jsonResponse(200, aggregatedDiscoveryDocument(groups, resources, d.prefix === 'api'));
        res.contentType = AGGREGATED_DISCOVERY_CONTENT_TYPE;
        return res;
      }
      return jsonResponse(200, d.prefix === 'api' ? apiVersionsDocument(this.serverAddress()) : apiGroupListDocument(groups));
    }
    const group = d.prefix === 'api' ? '' : (d.group ?? '');
    // Discovery of a group or version nobody serves also ends at http.NotFound (the CRD handler's group and
    // version discovery delegate what they do not know).
    const g = groups.find((x) => x.group === group);
    if (!g) return goNotFound();
    if (d.version === undefined) return jsonResponse(200, apiGroupDocument(g));
    if (!g.versions.includes(d.version)) return goNotFound();
    return jsonResponse(200, apiResourceListDocument(group, d.version, resources));
  }

  private async resource(ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    const info = this.ctx.catalog.lookup(ri.group, ri.version, ri.resource);
    if (!info) {
      // No web service claims an unserved group-version: the request falls through the delegation chain
      // (aggregator → kube-apiserver → apiextensions' CRD handler) to Go's http.NotFound. A served
      // group-version answers its go-restful 404 Status.
      if (!this.servesGroupVersion(ri.group, ri.version)) return goNotFound();
      throw apiErrors.pathNotFound();
    }
    if (!info.namespaced && ri.namespace !== '' && info.plural !== 'namespaces') throw apiErrors.pathNotFound();
    const warnings = info.deprecationWarning ? [info.deprecationWarning] : [];
    const res = await this.dispatch(info, ri, req);
    if (warnings.length > 0 && res.kind === 'body') {
      const existing = res.headers?.['warning'];
      const mine = warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', ');
      res.headers = { ...res.headers, warning: existing ? `${mine}, ${existing}` : mine };
    }
    return res;
  }

  private servesGroupVersion(group: string, version: string): boolean {
    return this.ctx.catalog.all().some((r) => r.group === group && r.version === version);
  }

  /**
   * go-restful routing: a resource registers its collection path for list/watch (GET), create (POST) and
   * deletecollection (DELETE), and its item path for get (GET), update (PUT), patch (PATCH) and delete (DELETE).
   * A path with no route is a 404; a routed path asked with another method is a 405.
   */
  private checkRoute(info: ResourceInfo, ri: ResourceRequestInfo): void {
    const verbs = info.createOnly ? ['create'] : info.verbs;
    const onItem = ri.name !== '';
    // A namespaced resource's all-namespaces path (/api/v1/pods) is routed for list and watch only.
    const allNamespaces = info.namespaced && ri.namespace === '';
    const pathVerbs = allNamespaces ? (onItem ? [] : ['list', 'watch']) : onItem ? ['get', 'update', 'patch', 'delete'] : ['list', 'watch', 'create', 'deletecollection'];
    const routed = pathVerbs.filter((v) => verbs.includes(v));
    if (routed.length === 0) throw apiErrors.pathNotFound();
    const wanted = ri.verb === 'watch' ? (onItem ? 'get' : 'watch') : ri.verb;
    const ok = routed.includes(wanted) || (wanted === 'watch' && routed.includes('list')) || (wanted === 'list' && routed.includes('watch'));
    if (!ok) throw apiErrors.methodNotAllowed();
  }

  private async dispatch(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    if (ri.subresource !== '') return this.subresource(info, ri, req);
    this.checkRoute(info, ri);
    if (info.createOnly) return handleReview(info, req);
    if (info.kind === 'Binding' && ri.verb === 'create') return handleBinding(this.ctx, this.podInfo(), ri.namespace, undefined, req);
    if (!info.verbs.includes(ri.verb)) throw apiErrors.methodNotSupported({ group: info.group, resource: info.plural }, ri.verb);
    if (info.group === METRICS_GROUP && this.metrics) return handleMetrics(this.ctx, this.metrics, ri, req);
    if (info.virtual) return this.virtualResource(info, ri);
    switch (ri.verb) {
      case 'get':
        return this.resources.get(info, ri, req);
      case 'list':
        return this.resources.list(info, ri, req);
      case 'watch':
        return this.resources.watch(info, ri, req);
      case 'create':
        return this.resources.create(info, ri, req);
      case 'update':
        return this.resources.update(info, ri, req);
      case 'patch':
        return this.resources.patch(info, ri, req);
      case 'delete':
        return this.resources.delete(info, ri, req);
      case 'deletecollection':
        return this.resources.deleteCollection(info, ri, req);
    }
  }

  private podInfo(): ResourceInfo {
    const info = this.ctx.catalog.lookup('', 'v1', 'pods');
    if (!info) throw apiErrors.internal('pods are not served');
    return info;
  }

  private async subresource(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    const sub = info.subresources.find((s) => s.name === ri.subresource);
    const gr = { group: info.group, resource: `${info.plural}/${ri.subresource}` };
    if (!sub) throw apiErrors.pathNotFound();
    if (!sub.verbs.includes(ri.verb)) throw apiErrors.methodNotAllowed();
    switch (ri.subresource) {
      case 'status':
      case 'ephemeralcontainers':
      case 'resize':
        if (ri.verb === 'get') return this.resources.get(info, ri, req);
        if (ri.verb === 'update') return this.resources.update(info, ri, req);
        return this.resources.patch(info, ri, req);
      case 'scale':
        return handleScale(this.ctx, info, ri, req);
      case 'binding':
        return handleBinding(this.ctx, info, ri.namespace, ri.name, req);
      case 'eviction':
        return handleEviction(this.ctx, info, ri, req);
      case 'log':
      case 'exec':
      case 'attach':
      case 'portforward':
      case 'proxy':
        return handlePodStream(this.ctx, info, ri, req, this.podStreams);
      case 'token':
        return handleTokenRequest(this.ctx, info, ri, req);
      case 'finalize':
        return handleNamespaceFinalize(this.ctx, info, ri, req);
    }
    throw apiErrors.methodNotSupported(gr, ri.verb);
  }

  /** ComponentStatus: computed on read from the lab's own components (deprecated upstream, still served). */
  private virtualResource(info: ResourceInfo, ri: ResourceRequestInfo): ApiResponse {
    const items = ['controller-manager', 'scheduler', 'etcd-0'].map((name) => ({
      kind: 'ComponentStatus',
      apiVersion: 'v1',
      metadata: { name },
      conditions: [{ type: 'Healthy', status: 'True', message: 'ok' }],
    }));
    if (ri.verb === 'get') {
      const item = items.find((i) => i.metadata.name === ri.name);
      if (!item) throw apiErrors.notFound({ group: '', resource: info.plural }, ri.name);
      return jsonResponse(200, item);
    }
    return jsonResponse(200, { kind: 'ComponentStatusList', apiVersion: 'v1', metadata: {}, items });
  }
}

/** Go's http.NotFound, where a request falls off the end of the delegation chain (notfoundhandler). */
function goNotFound(): ApiResponse {
  return { ...textResponse(404, '404 page not found\n'), headers: { 'x-content-type-options': 'nosniff' } };
}
