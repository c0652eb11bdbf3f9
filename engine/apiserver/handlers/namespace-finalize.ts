/**
 * PUT namespaces/{name}/finalize: the namespace controller removes its `kubernetes` finalizer from
 * spec.finalizers once the namespace is empty; a terminating namespace with no finalizers left is deleted.
 */
import { deepCopy } from '../../api/objects';
import type { ApiRequest, ApiResponse } from '../handler-types';
import type { ResourceRequestInfo } from '../request/request-info';
import { decodeRequestObject } from '../request/content-negotiation';
import type { ResourceInfo } from '../resources/resource-catalog';
import type { ServerContext } from '../server-context';
import { writeOptions } from './request-options';
import { jsonResponse } from './response';

export async function handleNamespaceFinalize(ctx: ServerContext, info: ResourceInfo, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
  const body = decodeRequestObject(req, { apiVersion: 'v1', kind: 'Namespace' });
  const finalizers = ((body['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? []).slice();
  const result = await ctx.registry(info).update(ri.name, ri.name, writeOptions(req, 'finalize'), (current) => {
    const next = deepCopy(current ?? body);
    next['spec'] = { ...(next['spec'] as object), finalizers };
    if (finalizers.length === 0) delete (next['spec'] as { finalizers?: string[] }).finalizers;
    return next;
  });
  return jsonResponse(200, result.object);
}
