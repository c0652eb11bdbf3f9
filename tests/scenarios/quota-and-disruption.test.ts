/**
 * The ResourceQuota controller (status.hard/used, replenishment) and the disruption controller (PDB status that
 * the eviction API enforces) on a whole cluster under the virtual clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const QUOTAS = { group: '', version: 'v1', resource: 'resourcequotas', namespace: 'default' };
const PDBS = { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', namespace: 'default' };
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' };

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const pod = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '200m', memory: '64Mi' }, limits: { cpu: '200m', memory: '64Mi' } } }] },
});

describe('ResourceQuota controller', () => {
  it('publishes hard and used, lets admission enforce it, and gives capacity back when a pod goes', async () => {
    sim = await startSimCluster({ nodes: 1, seed: 12 });
    const s = sim;
    await s.admin.create(QUOTAS, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'small' }, spec: { hard: { pods: '2', 'requests.cpu': '1', configmaps: '5' } } });
    await s.advance(1_000);
    const status = async () => (await s.admin.get({ ...QUOTAS, name: 'small' }))['status'] as { hard: Record<string, string>; used: Record<string, string> };
    // kube-root-ca.crt already lives in every namespace.
    expect(await status()).toEqual({ hard: { configmaps: '5', pods: '2', 'requests.cpu': '1' }, used: { configmaps: '1', pods: '0', 'requests.cpu': '0' } });
    await s.admin.create({ ...PODS, namespace: 'default' }, pod('a'));
    await s.admin.create({ ...PODS, namespace: 'default' }, pod('b'));
    await s.advance(1_000);
    expect((await status()).used).toEqual({ configmaps: '1', pods: '2', 'requests.cpu': '400m' });
    await expect(s.admin.create({ ...PODS, namespace: 'default' }, pod('c'))).rejects.toMatchObject({
      code: 403,
      message: 'pods "c" is forbidden: exceeded quota: small, requested: pods=1, used: pods=2, limited: pods=2',
    });
    await s.admin.delete({ ...PODS, namespace: 'default', name: 'a' }, { gracePeriodSeconds: 0 });
    await s.advanceUntil(async () => (await status()).used['pods'] === '1', 60_000);
    expect((await status()).used['requests.cpu']).toBe('200m');
    await s.admin.create({ ...PODS, namespace: 'default' }, pod('c'));
  });
});

describe('disruption controller', () => {
  it('computes the budget from the pods and their Deployment, and the eviction API honours it', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 13 });
    const s = sim;
    await s.admin.create(DEPLOYMENTS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    await s.admin.create(PDBS, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-pdb' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } });
    await s.admin.create(PDBS, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'other' }, spec: { maxUnavailable: '34%', selector: { matchLabels: { app: 'nothing-yet' } } } });
    const status = async (name: string) => (await s.admin.get({ ...PDBS, name }))['status'] as Record<string, any>;
    await s.advanceUntil(async () => (await status('web-pdb')).currentHealthy === 3, 120_000);
    const st = await status('web-pdb');
    expect(st).toMatchObject({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1, observedGeneration: 1 });
    expect(st['conditions'][0]).toMatchObject({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' });
    expect(await status('other')).toMatchObject({ expectedPods: 0, desiredHealthy: 0, currentHealthy: 0, disruptionsAllowed: 0 });

    const names = (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: 'app=web' })).items.map((p) => p.metadata!.name!);
    const evict = (name: string) => s.admin.create({ ...PODS, namespace: 'default', name, subresource: 'eviction' }, { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: 'default' } });
    await evict(names[0]!);
    await expect(evict(names[1]!)).rejects.toMatchObject({ code: 429, message: "Cannot evict pod as it would violate the pod's disruption budget." });
    // The Deployment replaces the evicted pod; once it is Ready, one disruption is allowed again.
    await s.advanceUntil(async () => (await status('web-pdb')).disruptionsAllowed === 1 && (await status('web-pdb')).currentHealthy === 3, 120_000);
  });
});
