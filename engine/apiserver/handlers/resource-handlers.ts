/**
 * The verbs on a resource (k8s.io/apiserver/pkg/endpoints/handlers): get, list, watch, create, update, patch,
 * delete, deletecollection — decoding, response forms (object, Table, PartialObjectMetadata) and status codes.
 */
import type { KubeObject } from '../../api/objects';
import { apiErrors } from '../errors/status-error';
import type { ApiRequest, ApiResponse } from '../handler-types';
import type { ResourceRequestInfo } from '../request/request-info';
import { decodeApplyPatch, decodeRequestObject, mediaType, negotiate, type Negotiated } from '../request/content-negotiation';
import { listObjects, startWatch, type ObjectFilter, type WatchEventType } from '../registry/list-watch';
import type { ObjectRegistry } from '../registry/object-registry';
import type { ResourceInfo } from '../resources/resource-catalog';
import type { ServerContext } from '../server-context';
import { deleteOptions, queryInt, queryValue, validateListOptions, writeOptions } from './request-options';
import { jsonResponse } from './response';
import type { ResponseConverter } from './response-converter';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, type PatchMetaLookup } from '../patch';
import { parseFieldSelector, parseLabelSelector } from '../selectors';

/** kube-apiserver's --min-request-timeout default (1800 s): the base of a watch's default duration. */
const MIN_REQUEST_TIMEOUT_MS = 1800 * 1000;

export interface PatchSupport {
  strategicLookup(info: ResourceInfo): PatchMetaLookup | undefined;
}

/** The kind a resource URL decodes bodies into (names protobuf decode errors as upstream does). */
function targetOf(info: ResourceInfo) {
  return { apiVersion: info.group === '' ? info.version : `${info.group}/${info.version}`, kind: info.kind };
}

export class ResourceHandlers {
  constructor(
    private readonly ctx: ServerContext,
    private readonly convert: ResponseConverter,
    private readonly patchSupport: PatchSupport,
  ) {}

  private filterFor(info: ResourceInfo, req: ApiRequest, name: string): ObjectFilter {
    const labels = parseLabelSelector(queryValue(req, 'labelSelector') ?? '');
    const fields = parseFieldSelector(queryValue(req, 'fieldSelector') ?? '', info.kindKey);
    return {
      matches: (obj: KubeObject) => (name === '' || obj.metadata?.name === name) && labels.matches(obj) && fields.matches(obj),
    };
  }

  async get(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    const neg = negotiate(req.headers['accept'], true);
    const obj = await this.ctx.registry(info).get(ri.namespace, ri.name);
    return jsonResponse(200, this.convert.single(info, obj, neg, req), neg.encoding);
  }

  async list(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    validateListOptions(req, false);
    const neg = negotiate(req.headers['accept'], true);
    const limit = queryInt(req, 'limit');
    const page = await listObjects(this.ctx.store, this.ctx.registry(info), {
      namespace: ri.namespace,
      filter: this.filterFor(info, req, ''),
      selective: (queryValue(req, 'labelSelector') ?? '') !== '' || (queryValue(req, 'fieldSelector') ?? '') !== '',
      limit,
      continueToken: queryValue(req, 'continue'),
      resourceVersion: queryValue(req, 'resourceVersion'),
      resourceVersionMatch: queryValue(req, 'resourceVersionMatch'),
    });
    return jsonResponse(200, this.convert.list(info, page, neg, req), neg.encoding);
  }

  async watch(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    validateListOptions(req, true);
    const neg = negotiate(req.headers['accept'], true);
    const registry = this.ctx.registry(info);
    const filter = this.filterFor(info, req, ri.name);
    const sendInitial = queryValue(req, 'sendInitialEvents') === 'true';
    const allowBookmarks = queryValue(req, 'allowWatchBookmarks') === 'true';
    // Upstream (handlers/get.go): timeoutSeconds, or when absent/0 minRequestTimeout × (1 + rand) — every watch
    // ends within 30–60 minutes, so clients re-watch from their resourceVersion (and meet compaction as a 410).
    const requestedMs = (queryInt(req, 'timeoutSeconds') ?? 0) * 1000;
    const timeoutMs = requestedMs > 0 ? requestedMs : MIN_REQUEST_TIMEOUT_MS * (this.ctx.clock.random.next() + 1);
    const encoder = this.convert.watchEncoder(info, neg, req);
    // Validate parameters before answering 200 (a bad resourceVersion is a 400, not an in-stream error).
    const rvText = queryValue(req, 'resourceVersion');
    if (rvText !== undefined && rvText !== '' && !/^\d+$/.test(rvText)) throw apiErrors.badRequest(`invalid resource version: ${rvText}`);
    return {
      kind: 'watch',
      status: 200,
      contentType: neg.encoding === 'yaml' ? 'application/yaml' : 'application/json',
      start: (sink) => {
        let disposed = false;
        let subscription: { dispose(): void } | undefined;
        // An in-process client asking for plain JSON objects takes them as they are (see WatchSink.sendObject).
        const direct = sink.sendObject !== undefined && neg.form === 'object' && neg.encoding === 'json';
        const timer = this.ctx.clock.setTimer(timeoutMs, () => finish());
        /** Releases timer and subscription once; true the first time. */
        const stop = (): boolean => {
          if (disposed) return false;
          disposed = true;
          timer.dispose();
          subscription?.dispose();
          return true;
        };
        const finish = () => {
          if (stop()) sink.end();
        };
        startWatch(
          this.ctx.store,
          registry,
          { namespace: ri.namespace, filter, resourceVersion: rvText, allowBookmarks, sendInitialEvents: sendInitial },
          {
            event: (type: WatchEventType, object, source) => {
              if (disposed) return;
              if (direct && type !== 'ERROR') sink.sendObject!(type, object as Record<string, unknown>);
              else sink.send(encoder(type, object, source));
            },
            end: finish,
          },
        ).then(
          (s) => {
            if (disposed) s.dispose();
            else subscription = s;
          },
          (err: unknown) => {
            const status = (err as { status?: unknown }).status ?? apiErrors.internal(String(err)).status;
            sink.send(JSON.stringify({ type: 'ERROR', object: status }) + '\n');
            finish();
          },
        );
        return { dispose: () => void stop() };
      },
    };
  }

  async create(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    const neg = negotiate(req.headers['accept'], false);
    const opts = writeOptions(req, '');
    const body = decodeRequestObject(req, targetOf(info));
    const result = await this.ctx.registry(info).create(ri.namespace, body, opts);
    return jsonResponse(201, result.object, neg.encoding, result.warnings);
  }

  async update(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    const neg = negotiate(req.headers['accept'], false);
    const opts = writeOptions(req, ri.subresource);
    const body = decodeRequestObject(req, targetOf(info));
    const registry = this.ctx.registry(info);
    const result = await registry.update(ri.namespace, ri.name, opts, () => body, {
      allowCreate: allowsCreateOnUpdate(info) && ri.subresource === '',
    });
    return jsonResponse(result.created ? 201 : 200, result.object, neg.encoding, result.warnings);
  }

  async patch(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    const neg = negotiate(req.headers['accept'], false);
    const registry = this.ctx.registry(info);
    const type = mediaType(req.headers['content-type']);
    const patchText = req.body ?? '';
    if (type === 'application/apply-patch+yaml') {
      return this.apply(info, ri, req, registry, neg);
    }
    const apply = this.patchApplier(info, type, patchText);
    const opts = writeOptions(req, ri.subresource);
    const result = await registry.update(ri.namespace, ri.name, opts, (current) => {
      if (current === undefined) throw apiErrors.notFound(registry.groupResource, ri.name);
      const patched = apply(current) as KubeObject;
      if (patched === null || typeof patched !== 'object' || Array.isArray(patched)) throw apiErrors.badRequest('patched object is not a JSON object');
      return patched;
    });
    return jsonResponse(200, result.object, neg.encoding, result.warnings);
  }

  private patchApplier(info: ResourceInfo, type: string, patchText: string): (current: KubeObject) => unknown {
    switch (type) {
      case 'application/json-patch+json':
        return (current) => applyJsonPatch(current, patchText);
      case 'application/merge-patch+json':
        return (current) => applyMergePatch(current, patchText);
      case 'application/strategic-merge-patch+json': {
        const lookup = this.patchSupport.strategicLookup(info);
        if (!lookup) {
          throw apiErrors.unsupportedMediaType(type, ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']);
        }
        return (current) => applyStrategicMergePatch(current, patchText, lookup);
      }
      default:
        throw apiErrors.unsupportedMediaType(type, [
          'application/json-patch+json',
          'application/merge-patch+json',
          'application/strategic-merge-patch+json',
          'application/apply-patch+yaml',
        ]);
    }
  }

  /** Server-side apply: the body is a partial object in YAML or JSON; `fieldManager` is required. */
  private async apply(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest, registry: ObjectRegistry, neg: Negotiated): Promise<ApiResponse> {
    const opts = writeOptions(req, ri.subresource);
    const manager = opts.fieldManager;
    const force = queryValue(req, 'force') === 'true';
    const applied = decodeApplyPatch(req.body);
    const result = await registry.update(
      ri.namespace,
      ri.name,
      opts,
      (current) => this.ctx.applyFields(info, current, applied, manager, force, ri.subresource),
      { allowCreate: ri.subresource === '', isApply: true },
    );
    return jsonResponse(result.created ? 201 : 200, result.object, neg.encoding, result.warnings);
  }

  async delete(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    const neg = negotiate(req.headers['accept'], false);
    const opts = deleteOptions(req);
    const registry = this.ctx.registry(info);
    const result = await registry.delete(ri.namespace, ri.name, opts);
    if (!result.deleted) {
      const accepted = opts.propagationPolicy === 'Background' || opts.propagationPolicy === 'Foreground';
      return jsonResponse(accepted ? 202 : 200, result.object, neg.encoding);
    }
    return jsonResponse(200, this.deletedBody(info, result.object), neg.encoding);
  }

  /**
   * What a completed delete answers: most registries return the deleted object; upstream returns a Status for
   * kinds whose store sets ReturnDeletedObject=false (the default). kubectl prints `<kind> "<name>" deleted` from either.
   */
  private deletedBody(info: ResourceInfo, obj: KubeObject): unknown {
    if (RETURNS_DELETED_OBJECT.has(info.kindKey) || info.crd) return obj;
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: obj.metadata?.name, group: info.group || undefined, kind: info.plural, uid: obj.metadata?.uid },
    };
  }

  async deleteCollection(info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
    const neg = negotiate(req.headers['accept'], false);
    const registry = this.ctx.registry(info);
    const opts = deleteOptions(req);
    const page = await listObjects(this.ctx.store, registry, { namespace: ri.namespace, filter: this.filterFor(info, req, '') });
    const items: KubeObject[] = [];
    for (const obj of page.items) {
      try {
        const r = await registry.delete(obj.metadata?.namespace ?? '', obj.metadata?.name ?? '', opts);
        items.push(r.object);
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
      }
    }
    return jsonResponse(200, { kind: `${info.kind}List`, apiVersion: registry.apiVersion, metadata: { resourceVersion: String(this.ctx.store.currentRevision()) }, items }, neg.encoding);
  }
}

/** Kinds whose registry returns the deleted object (upstream: ReturnDeletedObject true). */
const RETURNS_DELETED_OBJECT = new Set(['core/Pod', 'core/Service', 'core/Namespace', 'core/Node', 'core/PersistentVolume', 'core/PersistentVolumeClaim', 'apiextensions.k8s.io/CustomResourceDefinition']);

/** Strategies with AllowCreateOnUpdate() true upstream. */
function allowsCreateOnUpdate(info: ResourceInfo): boolean {
  return ['core/Endpoints', 'core/Event', 'events.k8s.io/Event', 'coordination.k8s.io/Lease', 'core/LimitRange', 'rbac.authorization.k8s.io/Role', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/RoleBinding', 'rbac.authorization.k8s.io/ClusterRoleBinding', 'discovery.k8s.io/EndpointSlice'].includes(info.kindKey);
}

