/**
 * #4 acceptance 2 on a whole cluster under the virtual clock — the StatefulSet Basics tutorial's flow
 * (kubernetes.io/docs/tutorials/stateful-application/basic-stateful-set): a headless Service `nginx` and a
 * StatefulSet `web` of 2 with a `www` claim template. web-0 is Running and Ready before web-1 exists; each pod has
 * its own bound claim; deleted pods come back with the same names and claims; scaling down removes the highest
 * ordinal first; a RollingUpdate replaces pods in reverse ordinal order, honouring a partition.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { EVENTS, PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const STS = { group: 'apps', version: 'v1', resource: 'statefulsets', namespace: 'default' };
const SVC = { group: '', version: 'v1', resource: 'services', namespace: 'default' };
const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default' };

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const ready = (p: KubeObject) => (p['status'] as { phase?: string } | undefined)?.phase === 'Running' && ((p['status'] as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

describe('StatefulSet basics', () => {
  it('orders creation, keeps identity and storage, scales down in reverse, rolls updates in reverse with a partition', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 17 });
    const s = sim;
    await s.admin.create(SVC, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx', labels: { app: 'nginx' } }, spec: { ports: [{ port: 80, name: 'web' }], clusterIP: 'None', selector: { app: 'nginx' } } });
    await s.admin.create(STS, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx',
        replicas: 2,
        selector: { matchLabels: { app: 'nginx' } },
        template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }] } },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    // Record every pod notification: web-1 must not appear before web-0 is Running and Ready.
    const list = await s.admin.list({ ...PODS, namespace: 'default' });
    const seen: Array<{ name: string; ready: boolean }> = [];
    const watch = await s.admin.watch({ ...PODS, namespace: 'default' }, { labelSelector: 'app=nginx', resourceVersion: list.metadata.resourceVersion }, (e) => {
      if (e.type !== 'DELETED') seen.push({ name: e.object.metadata!.name!, ready: ready(e.object) });
    }, () => {});
    const pods = async () => (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'app=nginx' })).items;
    await s.advanceUntil(async () => (await pods()).filter(ready).length === 2, 300_000);
    const firstWeb1 = seen.findIndex((e) => e.name === 'web-1');
    expect(firstWeb1).toBeGreaterThan(0);
    expect(seen.slice(0, firstWeb1).some((e) => e.name === 'web-0' && e.ready)).toBe(true);

    const web0 = await s.pod('default', 'web-0');
    expect(web0['spec']).toMatchObject({ hostname: 'web-0', subdomain: 'nginx' });
    expect(web0.metadata?.labels).toMatchObject({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' });
    expect(web0.metadata?.labels?.['controller-revision-hash']).toMatch(/^web-[a-z0-9]+$/);
    const claims = async () => (await s.admin.list(PVCS)).items.map((c) => `${c.metadata?.name}:${(c['status'] as { phase?: string }).phase}:${(c['spec'] as { volumeName?: string }).volumeName}`).sort();
    const boundClaims = await claims();
    expect(boundClaims.map((c) => c.split(':').slice(0, 2).join(':'))).toEqual(['www-web-0:Bound', 'www-web-1:Bound']);
    const events = (await s.admin.list({ ...EVENTS, namespace: 'default' }, { fieldSelector: 'involvedObject.name=web' })).items.map((e) => e['message']);
    expect(events).toEqual(
      expect.arrayContaining(['create Claim www-web-0 Pod web-0 in StatefulSet web success', 'create Pod web-0 in StatefulSet web successful', 'create Claim www-web-1 Pod web-1 in StatefulSet web success', 'create Pod web-1 in StatefulSet web successful']),
    );

    // Delete the pods: they come back with the same names and the same claims (and volumes).
    const uids = (await pods()).map((p) => p.metadata?.uid);
    await s.admin.delete({ ...PODS, namespace: 'default' }, {}, { labelSelector: 'app=nginx' });
    await s.advanceUntil(async () => {
      const now = await pods();
      return now.length === 2 && now.every((p) => ready(p) && !uids.includes(p.metadata?.uid));
    }, 300_000);
    expect((await pods()).map((p) => p.metadata?.name).sort()).toEqual(['web-0', 'web-1']);
    expect(await claims()).toEqual(boundClaims);

    // Scale to 5, then down to 3: web-4 goes before web-3.
    await s.admin.patch({ ...STS, name: 'web' }, 'merge', { spec: { replicas: 5 } });
    await s.advanceUntil(async () => (await pods()).filter(ready).length === 5, 300_000);
    const deletions: string[] = [];
    const list2 = await s.admin.list({ ...PODS, namespace: 'default' });
    const watch2 = await s.admin.watch({ ...PODS, namespace: 'default' }, { labelSelector: 'app=nginx', resourceVersion: list2.metadata.resourceVersion }, (e) => {
      if (e.type === 'DELETED') deletions.push(e.object.metadata!.name!);
    }, () => {});
    await s.admin.patch({ ...STS, name: 'web' }, 'merge', { spec: { replicas: 3 } });
    await s.advanceUntil(async () => (await pods()).length === 3, 300_000);
    watch2.dispose();
    expect(deletions).toEqual(['web-4', 'web-3']);
    expect((await claims()).length).toBe(5); // claims outlive scale-down (whenScaled: Retain)

    // RollingUpdate with partition 2: only web-2 moves; partition 0: web-1 then web-0.
    await s.admin.patch({ ...STS, name: 'web' }, 'merge', { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } } });
    await s.admin.patch({ ...STS, name: 'web' }, 'json', [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'registry.k8s.io/nginx-slim:0.21' }]);
    const image = async (name: string) => ((await s.pod('default', name))['spec'] as { containers: Array<{ image: string }> }).containers[0]!.image;
    await s.advanceUntil(async () => (await image('web-2')) === 'registry.k8s.io/nginx-slim:0.21' && ready(await s.pod('default', 'web-2')), 300_000);
    await s.advance(30_000);
    expect([await image('web-0'), await image('web-1')]).toEqual(['registry.k8s.io/nginx-slim:0.24', 'registry.k8s.io/nginx-slim:0.24']);
    const order: string[] = [];
    const list3 = await s.admin.list({ ...PODS, namespace: 'default' });
    const watch3 = await s.admin.watch({ ...PODS, namespace: 'default' }, { labelSelector: 'app=nginx', resourceVersion: list3.metadata.resourceVersion }, (e) => {
      if (e.type === 'DELETED') order.push(e.object.metadata!.name!);
    }, () => {});
    await s.admin.patch({ ...STS, name: 'web' }, 'merge', { spec: { updateStrategy: { rollingUpdate: { partition: 0 } } } });
    await s.advanceUntil(async () => {
      const st = (await s.admin.get({ ...STS, name: 'web' }))['status'] as { updatedReplicas?: number; readyReplicas?: number; currentRevision?: string; updateRevision?: string };
      return st.updatedReplicas === 3 && st.readyReplicas === 3 && st.currentRevision === st.updateRevision;
    }, 300_000);
    watch3.dispose();
    watch.dispose();
    expect(order).toEqual(['web-1', 'web-0']);
  });
});
