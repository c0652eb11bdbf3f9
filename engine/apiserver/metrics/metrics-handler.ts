/**
 * metrics.k8s.io/v1beta1 as metrics-server answers it: NodeMetrics / PodMetrics built from the MetricsSource,
 * labelled with their node's / pod's labels (so `kubectl top … -l` selects), for objects that still exist.
 */
import type { KubeObject } from '../../api/objects';
import { rfc3339 } from '../../base/clock';
import { apiErrors } from '../errors/status-error';
import type { ApiRequest, ApiResponse } from '../handler-types';
import { jsonResponse } from '../handlers/response';
import type { ResourceRequestInfo } from '../request/request-info';
import { parseLabelSelector } from '../selectors';
import type { ServerContext } from '../server-context';
import type { MetricsSource } from './metrics-source';
import { cpuQuantity, memoryQuantity, windowDuration } from './metrics-quantity';
import { METRICS_GROUP, METRICS_VERSION } from './metrics-resources';

const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;

export async function handleMetrics(ctx: ServerContext, source: MetricsSource, ri: ResourceRequestInfo, req: ApiRequest): Promise<ApiResponse> {
  const selectorText = req.query['labelSelector']?.[0] ?? '';
  const selector = parseLabelSelector(selectorText);
  const fieldName = metadataNameFromFieldSelector(req.query['fieldSelector']?.[0] ?? '');
  const now = rfc3339(ctx.clock.now());
  const items = ri.resource === 'nodes' ? await nodeMetrics(ctx, source, now) : await podMetrics(ctx, source, ri.namespace, now);
  if (ri.verb === 'get') {
    const item = items.find((i) => i.metadata?.name === ri.name);
    if (!item) throw apiErrors.notFound({ group: METRICS_GROUP, resource: ri.resource === 'nodes' ? 'nodemetrics' : 'podmetrics' }, ri.name);
    return jsonResponse(200, item);
  }
  const selected = items.filter((i) => selector.matches(i) && (fieldName === undefined || i.metadata?.name === fieldName));
  return jsonResponse(200, { kind: ri.resource === 'nodes' ? 'NodeMetricsList' : 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items: selected });
}

/** metrics-server accepts field selectors on metadata.name (and metadata.namespace, implied by the path). */
function metadataNameFromFieldSelector(text: string): string | undefined {
  const m = /(?:^|,)metadata\.name==?([^,]*)/.exec(text);
  return m ? m[1] : undefined;
}

async function objectsByKey(ctx: ServerContext, plural: string, namespace: string): Promise<Map<string, KubeObject>> {
  const registry = ctx.registryFor('', plural);
  const out = new Map<string, KubeObject>();
  if (!registry) return out;
  const listed = await ctx.store.list(registry.prefix(namespace));
  for (const item of listed.items) {
    const o = item.object as KubeObject;
    out.set(`${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`, o);
  }
  return out;
}

async function nodeMetrics(ctx: ServerContext, source: MetricsSource, now: string): Promise<KubeObject[]> {
  const nodes = await objectsByKey(ctx, 'nodes', '');
  const out: KubeObject[] = [];
  for (const s of source.nodeMetrics()) {
    const node = nodes.get(`/${s.node}`);
    if (!node) continue;
    out.push({
      kind: 'NodeMetrics',
      apiVersion: API_VERSION,
      metadata: { name: s.node, creationTimestamp: now, labels: { ...node.metadata?.labels } },
      timestamp: rfc3339(s.timestamp),
      window: windowDuration(s.windowSeconds),
      usage: { cpu: cpuQuantity(s.cpuNanoCores), memory: memoryQuantity(s.memoryBytes) },
    });
  }
  return out.sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
}

async function podMetrics(ctx: ServerContext, source: MetricsSource, namespace: string, now: string): Promise<KubeObject[]> {
  const pods = await objectsByKey(ctx, 'pods', namespace);
  const out: KubeObject[] = [];
  for (const s of source.podMetrics(namespace === '' ? undefined : namespace)) {
    const pod = pods.get(`${s.namespace}/${s.pod}`);
    if (!pod) continue;
    out.push({
      kind: 'PodMetrics',
      apiVersion: API_VERSION,
      metadata: { name: s.pod, namespace: s.namespace, creationTimestamp: now, labels: { ...pod.metadata?.labels } },
      timestamp: rfc3339(s.timestamp),
      window: windowDuration(s.windowSeconds),
      containers: s.containers.map((c) => ({ name: c.name, usage: { cpu: cpuQuantity(c.cpuNanoCores), memory: memoryQuantity(c.memoryBytes) } })),
    });
  }
  const key = (o: KubeObject) => `${o.metadata?.namespace}/${o.metadata?.name}`;
  return out.sort((a, b) => key(a).localeCompare(key(b)));
}
