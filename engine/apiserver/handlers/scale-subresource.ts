/**
 * The `scale` subresource (autoscaling/v1 Scale) of Deployments, ReplicaSets, StatefulSets,
 * ReplicationControllers and custom resources with a scale subresource. `kubectl scale` PATCHes it.
 */
import { deepCopy, type KubeObject } from '../../api/objects';
import { fieldError } from '../errors/field-errors';
import { apiErrors } from '../errors/status-error';
import type { ApiRequest, ApiResponse } from '../handler-types';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../patch';
import type { ResourceRequestInfo } from '../request/request-info';
import { decodeRequestObject, mediaType, negotiate } from '../request/content-negotiation';
import type { ResourceInfo } from '../resources/resource-catalog';
import type { ServerContext } from '../server-context';
import { formatLabelSelector } from '../selectors';
import { writeOptions } from './request-options';
import { jsonResponse } from './response';

interface ScalePaths {
  specReplicas: string[];
  statusReplicas: string[];
  labelSelector?: string[];
}

function scalePaths(info: ResourceInfo, ctx: ServerContext): ScalePaths {
  if (info.crd) {
    const paths = ctx.crdScalePaths(info);
    if (paths) return paths;
  }
  return { specReplicas: ['spec', 'replicas'], statusReplicas: ['status', 'replicas'] };
}

const getPath = (obj: unknown, path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);

function toScale(info: ResourceInfo, obj: KubeObject, paths: ScalePaths): KubeObject {
  const m = obj.metadata ?? {};
  let selector: string | undefined;
  if (paths.labelSelector) selector = getPath(obj, paths.labelSelector) as string | undefined;
  else {
    const sel = getPath(obj, ['spec', 'selector']);
    // ReplicationController selectors are plain maps; apps kinds use LabelSelector.
    if (sel && typeof sel === 'object') selector = info.kind === 'ReplicationController' ? formatLabelSelector({ matchLabels: sel as Record<string, string> }) : formatLabelSelector(sel as never);
  }
  const status: Record<string, unknown> = { replicas: (getPath(obj, paths.statusReplicas) as number | undefined) ?? 0 };
  if (selector) status['selector'] = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: (getPath(obj, paths.specReplicas) as number | undefined) ?? 0 },
    status,
  };
}

export async function handleScale(ctx: ServerContext, info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
  const neg = negotiate(req.headers['accept'], false);
  const registry = ctx.registry(info);
  const paths = scalePaths(info, ctx);
  if (ri.verb === 'get') return jsonResponse(200, toScale(info, await registry.get(ri.namespace, ri.name), paths), neg.encoding);
  if (ri.verb !== 'update' && ri.verb !== 'patch') throw apiErrors.methodNotSupported(registry.groupResource, ri.verb);

  const opts = writeOptions(req, 'scale');
  const result = await registry.update(ri.namespace, ri.name, opts, (current) => {
    if (!current) throw apiErrors.notFound(registry.groupResource, ri.name);
    const scale = toScale(info, current, paths);
    let desired: KubeObject;
    if (ri.verb === 'update') desired = decodeRequestObject(req, { apiVersion: 'autoscaling/v1', kind: 'Scale' });
    else {
      const type = mediaType(req.headers['content-type']);
      const text = req.body ?? '';
      if (type === 'application/json-patch+json') desired = applyJsonPatch(scale, text) as KubeObject;
      else if (type === 'application/merge-patch+json') desired = applyMergePatch(scale, text) as KubeObject;
      else if (type === 'application/strategic-merge-patch+json') desired = applyStrategicMergePatch(scale, text, () => ({})) as KubeObject;
      else throw apiErrors.unsupportedMediaType(type, ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']);
    }
    const rv = desired.metadata?.resourceVersion;
    if (rv && rv !== current.metadata?.resourceVersion) throw apiErrors.conflict(registry.groupResource, ri.name);
    const replicas = (desired['spec'] as { replicas?: unknown } | undefined)?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
      throw apiErrors.invalid({ group: 'autoscaling', kind: 'Scale' }, ri.name, [fieldError.invalid('spec.replicas', replicas ?? null, 'must be an integer')]);
    }
    if (replicas < 0) {
      throw apiErrors.invalid({ group: 'autoscaling', kind: 'Scale' }, ri.name, [fieldError.invalid('spec.replicas', replicas, 'must be greater than or equal to 0')]);
    }
    const next = deepCopy(current);
    let node = next as Record<string, unknown>;
    for (const k of paths.specReplicas.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[paths.specReplicas.at(-1) as string] = replicas;
    return next;
  });
  return jsonResponse(200, toScale(info, result.object, paths), neg.encoding);
}
