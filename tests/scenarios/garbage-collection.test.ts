/**
 * #4 acceptance 4 and 6 on a whole cluster under the virtual clock:
 * - foreground deletion keeps the Deployment, with metadata.finalizers [foregroundDeletion] and a
 *   deletionTimestamp, until its ReplicaSet and Pods are gone (the pods carry blockOwnerDeletion);
 * - orphan deletion leaves the ReplicaSet running with its ownerReferences removed;
 * - background deletion removes the Deployment at once and the collector removes the rest afterwards;
 * - the notes' dependency case: a Deployment whose pods reference a missing Secret sits in
 *   CreateContainerConfigError and starts by itself once the Secret exists.
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

function deployment(name: string, container: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ...container }] } },
    },
  };
}

async function deployed(s: SimCluster, name: string): Promise<void> {
  await s.admin.create(DEPLOYMENTS, deployment(name));
  await s.advanceUntil(async () => (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: `app=${name}` })).items.length === 2, 60_000);
}

const podsOf = async (s: SimCluster, app: string) => (await s.admin.list({ ...PODS, namespace: 'default' }, { labelSelector: `app=${app}` })).items;
const replicaSetsOf = async (s: SimCluster, app: string) => (await s.admin.list(REPLICASETS, { labelSelector: `app=${app}` })).items;

describe('garbage collection', () => {
  it('foreground: the Deployment waits with the foregroundDeletion finalizer until its ReplicaSet and Pods are gone', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 4 });
    const s = sim;
    await deployed(s, 'fg');
    const rs = (await replicaSetsOf(s, 'fg'))[0]!;
    expect(rs.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'fg', controller: true, blockOwnerDeletion: true });

    await s.admin.delete({ ...DEPLOYMENTS, name: 'fg' }, { propagationPolicy: 'Foreground' });
    const during = await s.admin.get({ ...DEPLOYMENTS, name: 'fg' });
    expect(during.metadata?.finalizers).toEqual(['foregroundDeletion']);
    expect(during.metadata?.deletionTimestamp).toBeDefined();

    // While any dependent remains, the owner stays.
    let sawOwnerWithDependents = false;
    await s.advanceUntil(async () => {
      const owner = await s.admin.get({ ...DEPLOYMENTS, name: 'fg' }).catch(() => undefined);
      const dependents = (await replicaSetsOf(s, 'fg')).length + (await podsOf(s, 'fg')).length;
      if (owner && dependents > 0) sawOwnerWithDependents = true;
      if (!owner) expect(dependents).toBe(0);
      return owner === undefined;
    }, 120_000, 250);
    expect(sawOwnerWithDependents).toBe(true);
    expect(await replicaSetsOf(s, 'fg')).toHaveLength(0);
    expect(await podsOf(s, 'fg')).toHaveLength(0);
  });

  it('orphan: the ReplicaSet keeps running with its ownerReferences removed', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 5 });
    const s = sim;
    await deployed(s, 'orph');
    await s.admin.delete({ ...DEPLOYMENTS, name: 'orph' }, { propagationPolicy: 'Orphan' });
    await s.advance(30_000);
    await expect(s.admin.get({ ...DEPLOYMENTS, name: 'orph' })).rejects.toMatchObject({ code: 404 });
    const rss = await replicaSetsOf(s, 'orph');
    expect(rss).toHaveLength(1);
    expect(rss[0]!.metadata?.ownerReferences ?? []).toEqual([]);
    const pods = await podsOf(s, 'orph');
    expect(pods).toHaveLength(2);
    // The pods still belong to the ReplicaSet, which was not deleted.
    expect(pods.every((p) => p.metadata?.ownerReferences?.[0]?.name === rss[0]!.metadata?.name)).toBe(true);
  });

  it('background: the Deployment goes at once, the collector removes its ReplicaSet and Pods after', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 6 });
    const s = sim;
    await deployed(s, 'bg');
    await s.admin.delete({ ...DEPLOYMENTS, name: 'bg' }, { propagationPolicy: 'Background' });
    await expect(s.admin.get({ ...DEPLOYMENTS, name: 'bg' })).rejects.toMatchObject({ code: 404 });
    expect((await replicaSetsOf(s, 'bg')).length + (await podsOf(s, 'bg')).length).toBeGreaterThan(0);
    await s.advanceUntil(async () => (await replicaSetsOf(s, 'bg')).length === 0 && (await podsOf(s, 'bg')).length === 0, 120_000, 250);
  });

  it("the notes' dependency case: pods wait in CreateContainerConfigError for a missing Secret and start once it exists", async () => {
    sim = await startSimCluster({ nodes: 2, seed: 8 });
    const s = sim;
    await s.admin.create(DEPLOYMENTS, deployment('needs-secret', { env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'db-secret', key: 'password' } } }] }));
    const waiting = async () =>
      (await podsOf(s, 'needs-secret')).map((p) => (p['status'] as { containerStatuses?: Array<{ state?: { waiting?: { reason?: string; message?: string } } }> }).containerStatuses?.[0]?.state?.waiting);
    await s.advanceUntil(async () => {
      const w = await waiting();
      return w.length === 2 && w.every((x) => x?.reason === 'CreateContainerConfigError');
    }, 120_000);
    expect((await waiting())[0]?.message).toBe('secret "db-secret" not found');
    await s.advance(30_000);
    expect((await waiting()).every((x) => x?.reason === 'CreateContainerConfigError')).toBe(true);

    await s.admin.create({ group: '', version: 'v1', resource: 'secrets', namespace: 'default' }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-secret' }, stringData: { password: 's3cret' } });
    await s.advanceUntil(async () => {
      const pods = await podsOf(s, 'needs-secret');
      return pods.length === 2 && pods.every((p) => (p['status'] as { phase?: string }).phase === 'Running');
    }, 120_000);
  });
});
