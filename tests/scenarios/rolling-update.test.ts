/**
 * #4 acceptance 1 (invariants): a Deployment of 4 nginx:1.25 replicas rolls to nginx:1.27 with the default
 * RollingUpdate strategy (maxSurge 25 % → 1, rounded up; maxUnavailable 25 % → 1, rounded down). At every watch
 * notification of the rollout, the pods that are not terminating number at most 5 and at least 3 of them are Ready —
 * the guarantee upstream's deployment controller gives (terminating pods are outside its count, as in
 * ReplicaSet status.replicas). Then the revision annotations: 1 → 2, and an undo makes the old template revision 3.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' };
const REPLICASETS = { group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default' };

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const ready = (p: KubeObject) => ((p['status'] as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
const imageOf = (o: KubeObject) => ((o['spec'] as { template: { spec: { containers: Array<{ image: string }> } } }).template.spec.containers[0]!.image);

describe('Deployment rolling update', () => {
  it('keeps ≥ 3 ready and ≤ 5 pods throughout 1.25 → 1.27, numbers revisions 1, 2 and an undo 3', async () => {
    sim = await startSimCluster({ nodes: 3, seed: 21 });
    const s = sim;
    await s.admin.create(DEPLOYMENTS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 4,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
      },
    });
    const readyCount = async () => (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'app=web' })).items.filter((p) => ready(p) && !p.metadata?.deletionTimestamp).length;
    await s.advanceUntil(async () => (await readyCount()) === 4, 120_000);

    // Track every pod the rollout touches, checking the invariant at each notification.
    const pods = new Map<string, KubeObject>();
    for (const p of (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'app=web' })).items) pods.set(p.metadata!.name!, p);
    let minReady = Infinity;
    let maxTotal = 0;
    let notifications = 0;
    const list = await s.admin.list({ ...PODS, namespace: 'default' });
    const watch = await s.admin.watch({ ...PODS, namespace: 'default' }, { labelSelector: 'app=web', resourceVersion: list.metadata.resourceVersion }, (e) => {
      if (e.type === 'DELETED') pods.delete(e.object.metadata!.name!);
      else pods.set(e.object.metadata!.name!, e.object);
      const live = [...pods.values()].filter((p) => !p.metadata?.deletionTimestamp);
      minReady = Math.min(minReady, live.filter(ready).length);
      maxTotal = Math.max(maxTotal, live.length);
      notifications++;
    }, () => {});

    await s.admin.patch({ ...DEPLOYMENTS, name: 'web' }, 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } });
    await s.advanceUntil(async () => {
      const d = await s.admin.get({ ...DEPLOYMENTS, name: 'web' });
      const st = (d['status'] ?? {}) as { updatedReplicas?: number; availableReplicas?: number; replicas?: number; observedGeneration?: number };
      return st.observedGeneration === d.metadata?.generation && st.updatedReplicas === 4 && st.availableReplicas === 4 && st.replicas === 4;
    }, 300_000);
    watch.dispose();

    expect(notifications).toBeGreaterThan(10);
    expect(minReady).toBeGreaterThanOrEqual(3);
    expect(maxTotal).toBeLessThanOrEqual(5);
    expect(maxTotal).toBe(5); // the surge was used
    const live = [...pods.values()].filter((p) => !p.metadata?.deletionTimestamp);
    expect(live.map((p) => ((p['spec'] as { containers: Array<{ image: string }> }).containers[0]!.image))).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27', 'nginx:1.27']);

    const revisions = async () =>
      Object.fromEntries(
        (await s.admin.list(REPLICASETS)).items.map((rs) => [rs.metadata?.annotations?.['deployment.kubernetes.io/revision'], `${imageOf(rs)} ×${(rs['spec'] as { replicas: number }).replicas}`]),
      );
    expect(await revisions()).toEqual({ '1': 'nginx:1.25 ×0', '2': 'nginx:1.27 ×4' });
    const d = await s.admin.get({ ...DEPLOYMENTS, name: 'web' });
    expect(d.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const conditions = ((d['status'] as { conditions: Array<{ type: string; status: string; reason: string }> }).conditions).map((c) => [c.type, c.status, c.reason]);
    expect(conditions).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);

    // kubectl rollout undo: the Deployment's template becomes revision 1's again; that ReplicaSet becomes revision 3.
    const rs1 = (await s.admin.list(REPLICASETS)).items.find((rs) => rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] === '1')!;
    const template = structuredClone((rs1['spec'] as { template: KubeObject }).template) as { metadata: { labels: Record<string, string> } };
    delete template.metadata.labels['pod-template-hash'];
    await s.admin.patch({ ...DEPLOYMENTS, name: 'web' }, 'json', [{ op: 'replace', path: '/spec/template', value: template }]);
    await s.advanceUntil(async () => (await readyCount()) === 4 && Object.keys(await revisions()).includes('3'), 300_000);
    await s.advance(30_000);
    expect(await revisions()).toEqual({ '2': 'nginx:1.27 ×0', '3': 'nginx:1.25 ×4' });
  });
});
