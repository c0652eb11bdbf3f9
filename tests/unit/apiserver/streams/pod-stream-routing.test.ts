/**
 * The API server's half of the pod streams (handlePodStream), by upstream's order of checks: log options,
 * then container, then node — and the metrics API's presence following its source, as with and without
 * metrics-server (upstream: kube-apiserver serves metrics.k8s.io only through the aggregated APIService).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { createApiServer } from '../../../../engine/apiserver/assembly/create-api-server';
import type { ApiHandler, ApiRequest, ApiResponse } from '../../../../engine/apiserver/handler-types';
import { kubeletPodStreams } from '../../../../engine/apiserver/streams/kubelet-pod-streams';
import { Logger } from '../../../../engine/base/logger';
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { MvccStore } from '../../../../engine/store/mvcc-store';
import { FakeRuntime, fakeDirectory } from './fake-kubelet';

const ADMIN = { name: 'admin', groups: ['system:masters'] };

async function server(withMetrics: boolean): Promise<ApiHandler> {
  const clock = new VirtualClock({ startMs: Date.UTC(2026, 10, 23), seed: 1 });
  const { server } = await createApiServer({
    store: new MvccStore(),
    clock,
    logger: new Logger(() => undefined, 't', () => clock.now(), 'error'),
    podStreams: kubeletPodStreams(fakeDirectory(new FakeRuntime(), 'node-1', { reachable: () => true })),
    metrics: withMetrics ? { nodeMetrics: () => [], podMetrics: () => [] } : undefined,
  });
  return server;
}

function req(method: ApiRequest['method'], path: string, query: Record<string, string[]> = {}, body?: unknown): ApiRequest {
  return { method, path, query, headers: { 'content-type': 'application/json', accept: 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), user: ADMIN };
}

const parsed = (res: ApiResponse) => (res.kind === 'body' ? { status: res.status, body: res.body.startsWith('{') ? (JSON.parse(res.body) as KubeObject) : res.body } : { status: 0, body: res.kind });

describe('pod streams before a node is assigned', () => {
  let api: ApiHandler;
  beforeAll(async () => {
    api = await server(false);
    await api.handle(req('POST', '/api/v1/namespaces', {}, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }));
    await api.handle(req('POST', '/api/v1/namespaces/default/serviceaccounts', {}, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } }));
    const created = await api.handle(
      req('POST', '/api/v1/namespaces/default/pods', {}, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx' }] } }),
    );
    expect(parsed(created).status).toBe(201);
  });

  it('a log is an empty 200 (LogLocation has no location)', async () => {
    expect(parsed(await api.handle(req('GET', '/api/v1/namespaces/default/pods/web/log', { container: ['a'] })))).toEqual({ status: 200, body: '' });
  });

  it('the container is checked before the node', async () => {
    expect(parsed(await api.handle(req('GET', '/api/v1/namespaces/default/pods/web/log'))).body).toMatchObject({
      code: 400,
      message: 'a container name must be specified for pod web, choose one of: [a b]',
    });
    expect(parsed(await api.handle(req('POST', '/api/v1/namespaces/default/pods/web/exec', { container: ['x'], command: ['ls'], stdout: ['true'] }))).body).toMatchObject({
      code: 400,
      message: 'container x is not valid for pod web',
    });
  });

  it('exec, attach and portforward answer that the pod has no host', async () => {
    const cases: Array<[string, Record<string, string[]>]> = [
      ['exec', { container: ['a'], command: ['ls'], stdout: ['true'] }],
      ['attach', { container: ['a'], stdout: ['true'] }],
      ['portforward', { ports: ['80'] }],
    ];
    for (const [sub, query] of cases) {
      expect(parsed(await api.handle(req('POST', `/api/v1/namespaces/default/pods/web/${sub}`, query))).body).toMatchObject({
        code: 400,
        reason: 'BadRequest',
        message: 'pod web does not have a host assigned',
      });
    }
  });
});

describe('metrics.k8s.io follows its source', () => {
  it('is not served (a plain 404, absent from discovery) without one', async () => {
    const api = await server(false);
    expect(parsed(await api.handle(req('GET', '/apis/metrics.k8s.io/v1beta1/nodes'))).status).toBe(404);
    const groups = parsed(await api.handle(req('GET', '/apis'))).body as { groups?: Array<{ name: string }> };
    expect(groups.groups?.map((g) => g.name)).not.toContain('metrics.k8s.io');
  });

  it('serves NodeMetricsList / PodMetricsList and its APIResourceList with one', async () => {
    const api = await server(true);
    expect(parsed(await api.handle(req('GET', '/apis/metrics.k8s.io/v1beta1/nodes'))).body).toEqual({ kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items: [] });
    expect(parsed(await api.handle(req('GET', '/apis/metrics.k8s.io/v1beta1/namespaces/default/pods/web'))).body).toMatchObject({
      code: 404,
      message: 'podmetrics.metrics.k8s.io "web" not found',
    });
    const list = parsed(await api.handle(req('GET', '/apis/metrics.k8s.io/v1beta1'))).body as { resources?: Array<{ name: string; kind: string; namespaced: boolean; verbs: string[] }> };
    expect(list.resources?.map((r) => [r.name, r.kind, r.namespaced, r.verbs])).toEqual([
      ['nodes', 'NodeMetrics', false, ['get', 'list']],
      ['pods', 'PodMetrics', true, ['get', 'list']],
    ]);
    expect(parsed(await api.handle(req('GET', '/openapi/v3'))).status).toBe(200);
    expect(parsed(await api.handle(req('GET', '/openapi/v2'))).status).toBe(200);
  });
});
