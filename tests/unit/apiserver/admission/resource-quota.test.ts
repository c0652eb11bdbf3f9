import { describe, expect, it } from 'vitest';
import { resourceQuota } from '../../../../engine/apiserver/admission/resource-quota/resource-quota';
import type { AdmissionAttributes } from '../../../../engine/apiserver/admission/types';
import type { KubeObject } from '../../../../engine/api/objects';
import { FakeAdmissionContext, podCreate, rejection, type StoredRef } from './fake-admission-context';

/** A quota the controller has synced: status.hard mirrors spec.hard. */
const quota = (name: string, hard: Record<string, string>, used: Record<string, string>, spec: Record<string, unknown> = {}): StoredRef => ({
  group: '',
  resource: 'resourcequotas',
  object: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'dev', resourceVersion: '5' }, spec: { hard, ...spec }, status: { hard, used } },
});

const resources = (requests?: Record<string, string>, limits?: Record<string, string>) => ({
  ...(requests ? { requests } : {}),
  ...(limits ? { limits } : {}),
});

const pod = (name: string, containers: { name: string; resources?: unknown }[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'dev' },
  spec: { containers },
});

const usedOf = (ctx: FakeAdmissionContext, name: string) => ctx.statusWrites.filter((w) => w.name === name).map((w) => (w.object.status as { used: unknown }).used);

describe('ResourceQuota: compute resources', () => {
  const compute = quota(
    'quota',
    { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' },
    { 'requests.cpu': '0', 'requests.memory': '0', 'limits.cpu': '0', 'limits.memory': '0' },
  );

  it('requires every container to state what a cpu/memory quota tracks', async () => {
    const s = await rejection(() => resourceQuota.validate?.(podCreate('dev', pod('nginx', [{ name: 'nginx' }])), new FakeAdmissionContext([compute])));
    // The message kubectl shows for a bare nginx pod under a compute quota.
    expect(s).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message:
        'pods "nginx" is forbidden: failed quota: quota: must specify limits.cpu for: nginx; limits.memory for: nginx; requests.cpu for: nginx; requests.memory for: nginx',
    });
  });

  it('lists the containers missing each resource', async () => {
    const p = pod('two', [
      { name: 'b', resources: resources({ cpu: '100m', memory: '1Mi' }, { cpu: '100m', memory: '1Mi' }) },
      { name: 'z', resources: resources({ cpu: '100m' }, { cpu: '100m' }) },
      { name: 'a', resources: resources({ cpu: '100m' }, { cpu: '100m' }) },
    ]);
    const s = await rejection(() => resourceQuota.validate?.(podCreate('dev', p), new FakeAdmissionContext([compute])));
    expect(s.message).toBe('pods "two" is forbidden: failed quota: quota: must specify limits.memory for: a,z; requests.memory for: a,z');
  });

  it('rejects a pod that would exceed the quota with requested/used/limited', async () => {
    // docs: quota-memory-cpu-namespace — 600Mi used of 1Gi, a pod asking for 700Mi.
    const q = quota('mem-cpu-demo', { 'requests.memory': '1Gi' }, { 'requests.memory': '600Mi' });
    const p = pod('quota-mem-cpu-demo-2', [{ name: 'c', resources: resources({ memory: '700Mi' }) }]);
    const s = await rejection(() => resourceQuota.validate?.(podCreate('dev', p), new FakeAdmissionContext([q])));
    expect(s.message).toBe(
      'pods "quota-mem-cpu-demo-2" is forbidden: exceeded quota: mem-cpu-demo, requested: requests.memory=700Mi, used: requests.memory=600Mi, limited: requests.memory=1Gi',
    );
  });

  it('names every exceeded resource, sorted', async () => {
    const q = quota('q', { 'requests.cpu': '1', 'limits.cpu': '1', pods: '10' }, { 'requests.cpu': '800m', 'limits.cpu': '900m', pods: '1' });
    const p = pod('p', [{ name: 'c', resources: resources({ cpu: '300m' }, { cpu: '300m' }) }]);
    const s = await rejection(() => resourceQuota.validate?.(podCreate('dev', p), new FakeAdmissionContext([q])));
    expect(s.message).toBe(
      'pods "p" is forbidden: exceeded quota: q, requested: limits.cpu=300m,requests.cpu=300m, used: limits.cpu=900m,requests.cpu=800m, limited: limits.cpu=1,requests.cpu=1',
    );
  });

  it('records the new usage in status.used, in upstream quantity formats', async () => {
    const ctx = new FakeAdmissionContext([compute]);
    const p = pod('ok', [{ name: 'c', resources: resources({ cpu: '500m', memory: '512Mi' }, { cpu: '1', memory: '1Gi' }) }]);
    await resourceQuota.validate?.(podCreate('dev', p), ctx);
    expect(usedOf(ctx, 'quota')).toEqual([{ 'limits.cpu': '1', 'limits.memory': '1Gi', 'requests.cpu': '500m', 'requests.memory': '512Mi' }]);
    const again = pod('ok2', [{ name: 'c', resources: resources({ cpu: '1', memory: '256Mi' }, { cpu: '500m', memory: '512Mi' }) }]);
    await expect(rejection(() => resourceQuota.validate?.(podCreate('dev', again), ctx))).resolves.toMatchObject({
      message: 'pods "ok2" is forbidden: exceeded quota: quota, requested: requests.cpu=1, used: requests.cpu=500m, limited: requests.cpu=1',
    });
    const fits = pod('ok3', [{ name: 'c', resources: resources({ cpu: '500m', memory: '256Mi' }, { cpu: '500m', memory: '512Mi' }) }]);
    await resourceQuota.validate?.(podCreate('dev', fits), ctx);
    expect(usedOf(ctx, 'quota')[1]).toEqual({ 'limits.cpu': '1500m', 'limits.memory': '1536Mi', 'requests.cpu': '1', 'requests.memory': '768Mi' });
  });

  it('does not write status on a dry run', async () => {
    const ctx = new FakeAdmissionContext([compute]);
    const p = pod('dry', [{ name: 'c', resources: resources({ cpu: '500m', memory: '512Mi' }, { cpu: '1', memory: '1Gi' }) }]);
    await resourceQuota.validate?.(podCreate('dev', p, { dryRun: true }), ctx);
    expect(ctx.statusWrites).toEqual([]);
  });

  it('rejects while the quota has no usage for a tracked resource', async () => {
    const q = quota('fresh', { 'requests.cpu': '1', pods: '5' }, {});
    const p = pod('p', [{ name: 'c', resources: resources({ cpu: '100m' }) }]);
    const s = await rejection(() => resourceQuota.validate?.(podCreate('dev', p), new FakeAdmissionContext([q])));
    expect(s.message).toBe('pods "p" is forbidden: status unknown for quota: fresh, resources: pods,requests.cpu');
  });

  it('respects scopes: a BestEffort quota ignores pods that ask for resources', async () => {
    const q = quota('besteffort', { pods: '0' }, { pods: '0' }, { scopes: ['BestEffort'] });
    const burstable = pod('b', [{ name: 'c', resources: resources({ cpu: '100m' }) }]);
    await expect(resourceQuota.validate?.(podCreate('dev', burstable), new FakeAdmissionContext([q]))).resolves.toBeUndefined();
    const s = await rejection(() => resourceQuota.validate?.(podCreate('dev', pod('be', [{ name: 'c' }])), new FakeAdmissionContext([q])));
    expect(s.message).toBe('pods "be" is forbidden: exceeded quota: besteffort, requested: pods=1, used: pods=0, limited: pods=0');
  });

  it('matches PriorityClass scope selectors', async () => {
    const q = quota('pods-high', { pods: '0' }, { pods: '0' }, {
      scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] },
    });
    const low: KubeObject = { metadata: { name: 'low' }, spec: { priorityClassName: 'low', containers: [{ name: 'c' }] } };
    await expect(resourceQuota.validate?.(podCreate('dev', low), new FakeAdmissionContext([q]))).resolves.toBeUndefined();
    const high: KubeObject = { metadata: { name: 'high' }, spec: { priorityClassName: 'high', containers: [{ name: 'c' }] } };
    const s = await rejection(() => resourceQuota.validate?.(podCreate('dev', high), new FakeAdmissionContext([q])));
    expect(s.message).toBe('pods "high" is forbidden: exceeded quota: pods-high, requested: pods=1, used: pods=0, limited: pods=0');
  });
});

describe('ResourceQuota: object counts', () => {
  const attrs = (kind: string, resource: string, name: string, over: Partial<AdmissionAttributes> = {}): AdmissionAttributes =>
    podCreate('dev', { apiVersion: 'v1', kind, metadata: { name, namespace: 'dev' } }, { kind, resource, ...over });

  it('counts configmaps under count/configmaps and the legacy name', async () => {
    const q = quota('object-counts', { 'count/configmaps': '2', configmaps: '5' }, { 'count/configmaps': '2', configmaps: '2' });
    const s = await rejection(() => resourceQuota.validate?.(attrs('ConfigMap', 'configmaps', 'cm3'), new FakeAdmissionContext([q])));
    expect(s.message).toBe('configmaps "cm3" is forbidden: exceeded quota: object-counts, requested: count/configmaps=1, used: count/configmaps=2, limited: count/configmaps=2');
  });

  it('counts grouped resources as count/<resource>.<group>', async () => {
    const q = quota('apps', { 'count/deployments.apps': '1' }, { 'count/deployments.apps': '0' });
    const ctx = new FakeAdmissionContext([q]);
    await resourceQuota.validate?.(attrs('Deployment', 'deployments', 'web', { group: 'apps' }), ctx);
    expect(usedOf(ctx, 'apps')).toEqual([{ 'count/deployments.apps': '1' }]);
    const s = await rejection(() => resourceQuota.validate?.(attrs('Deployment', 'deployments', 'api', { group: 'apps' }), ctx));
    expect(s.message).toBe('deployments.apps "api" is forbidden: exceeded quota: apps, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1');
  });

  it('charges object counts on create only, and never charges events', async () => {
    const q = quota('q', { 'count/secrets': '0', 'count/events': '0' }, { 'count/secrets': '0', 'count/events': '0' });
    const ctx = new FakeAdmissionContext([q]);
    const old = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'dev', resourceVersion: '3' } };
    await resourceQuota.validate?.(attrs('Secret', 'secrets', 's', { operation: 'UPDATE', oldObject: old }), ctx);
    await resourceQuota.validate?.(attrs('Event', 'events', 'e'), ctx);
    expect(ctx.statusWrites).toEqual([]);
  });

  it('charges services for node ports and load balancers, and updates only for the difference', async () => {
    const q = quota('svc', { services: '10', 'services.nodeports': '1', 'services.loadbalancers': '0' }, { services: '0', 'services.nodeports': '0', 'services.loadbalancers': '0' });
    const svc = (type: string, ports: number): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'dev', resourceVersion: '9' },
      spec: { type, ports: Array.from({ length: ports }, (_, i) => ({ port: 80 + i })) },
    });
    const s = await rejection(() => resourceQuota.validate?.(podCreate('dev', svc('NodePort', 2), { kind: 'Service', resource: 'services' }), new FakeAdmissionContext([q])));
    expect(s.message).toBe('services "web" is forbidden: exceeded quota: svc, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1');

    const ctx = new FakeAdmissionContext([q]);
    await resourceQuota.validate?.(podCreate('dev', svc('ClusterIP', 1), { kind: 'Service', resource: 'services', operation: 'UPDATE', oldObject: svc('ClusterIP', 1) }), ctx);
    expect(ctx.statusWrites).toEqual([]);
    const lb = await rejection(() =>
      resourceQuota.validate?.(podCreate('dev', svc('LoadBalancer', 1), { kind: 'Service', resource: 'services', operation: 'UPDATE', oldObject: svc('ClusterIP', 1) }), ctx),
    );
    expect(lb.message).toBe('services "web" is forbidden: exceeded quota: svc, requested: services.loadbalancers=1, used: services.loadbalancers=0, limited: services.loadbalancers=0');
  });

  it('charges claims for storage, also per storage class', async () => {
    const q = quota(
      'storage',
      { 'requests.storage': '10Gi', 'gold.storageclass.storage.k8s.io/requests.storage': '1Gi' },
      { 'requests.storage': '0', 'gold.storageclass.storage.k8s.io/requests.storage': '0' },
    );
    const claim: KubeObject = { metadata: { name: 'data' }, spec: { storageClassName: 'gold', resources: { requests: { storage: '2Gi' } } } };
    const s = await rejection(() =>
      resourceQuota.validate?.(podCreate('dev', claim, { kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims' }), new FakeAdmissionContext([q])),
    );
    expect(s.message).toBe(
      'persistentvolumeclaims "data" is forbidden: exceeded quota: storage, requested: gold.storageclass.storage.k8s.io/requests.storage=2Gi, used: gold.storageclass.storage.k8s.io/requests.storage=0, limited: gold.storageclass.storage.k8s.io/requests.storage=1Gi',
    );
  });
});
