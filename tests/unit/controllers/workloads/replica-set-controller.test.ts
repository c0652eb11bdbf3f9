import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { Logger, silentSink } from '../../../../engine/base/logger';
import { Informer } from '../../../../engine/client/informer';
import { REPLICATION_CONTROLLER_KIND, ReplicaSetController } from '../../../../engine/controllers/replica-set-controller';
import { PODS, REPLICASETS, startHarness, type Harness } from './workload-harness';

/** rand.String's alphabet (k8s.io/apimachinery/pkg/util/rand): generateName appends 5 of these. */
const GENERATED_SUFFIX = /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

function replicaSet(replicas: number, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
      ...extra,
    },
  };
}

describe('ReplicaSetController', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ controllers: 'rs' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('creates the missing pods via generateName with a ControllerRef, and records SuccessfulCreate', async () => {
    const rs = await h.admin.create(REPLICASETS, replicaSet(3));
    await h.settle();
    const pods = await h.pods();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata?.name).toMatch(GENERATED_SUFFIX);
      expect(p.metadata?.generateName).toBe('web-');
      expect(p.metadata?.labels).toEqual({ app: 'web' });
      expect(p.metadata?.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata?.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    const events = (await h.events()).filter((e) => e.reason === 'SuccessfulCreate');
    expect(events.map((e) => e.message).sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata?.name}`).sort());
    expect(events.every((e) => e.component === 'replicaset-controller' && e.involved === 'ReplicaSet/web' && e.type === 'Normal')).toBe(true);

    const status = (await h.get(REPLICASETS, 'web')).status as Record<string, unknown>;
    expect(status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
  });

  it('counts ready and available pods, availability waiting minReadySeconds on the virtual clock', async () => {
    await h.admin.create(REPLICASETS, replicaSet(2, { minReadySeconds: 10 }));
    await h.settle();
    await h.runAll();
    let status = (await h.get(REPLICASETS, 'web')).status as Record<string, number>;
    expect(status.readyReplicas).toBe(2);
    expect(status.availableReplicas).toBeUndefined();
    await h.advance(11_000);
    status = (await h.get(REPLICASETS, 'web')).status as Record<string, number>;
    expect(status.availableReplicas).toBe(2);
  });

  it('scales down by ActivePodsWithRanks: unassigned, then pending, then not ready, then doubled-up pods go first', async () => {
    await h.admin.create(REPLICASETS, replicaSet(5));
    await h.settle();
    const pods = await h.pods();
    const [unassigned, pending, notReady, doubled1, alone] = pods as [KubeObject, KubeObject, KubeObject, KubeObject, KubeObject];
    // `unassigned` stays unbound; `pending` is bound but reports nothing.
    await h.admin.create({ ...PODS, name: pending.metadata?.name, subresource: 'binding' }, {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name: pending.metadata?.name },
      target: { kind: 'Node', name: 'node-3' },
    });
    await h.markRunning(notReady, { node: 'node-3', ready: false });
    await h.markRunning(doubled1, { node: 'node-1' });
    await h.markRunning(alone, { node: 'node-2' });
    await h.settle();

    const victims = async (n: number) => {
      await h.admin.patch({ ...REPLICASETS, name: 'web' }, 'merge', { spec: { replicas: n } });
      await h.settle();
      const deleting = (await h.pods()).filter((p) => p.metadata?.deletionTimestamp || !p.metadata);
      const left = new Set((await h.pods()).filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name));
      return { deleting: deleting.map((p) => p.metadata?.name), left };
    };
    let r = await victims(4);
    expect(r.left.has(unassigned.metadata?.name)).toBe(false);
    await h.reap();
    r = await victims(3);
    expect(r.left.has(pending.metadata?.name)).toBe(false);
    await h.reap();
    r = await victims(2);
    expect(r.left.has(notReady.metadata?.name)).toBe(false);
    await h.reap();
    expect([...r.left].sort()).toEqual([doubled1.metadata?.name, alone.metadata?.name].sort());
    const deleted = (await h.events()).filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
    expect(deleted).toEqual([`Deleted pod: ${unassigned.metadata?.name}`, `Deleted pod: ${pending.metadata?.name}`, `Deleted pod: ${notReady.metadata?.name}`]);
  });

  it('adopts a matching orphan instead of creating, and releases a pod whose labels stop matching', async () => {
    await h.admin.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    const rs = await h.admin.create(REPLICASETS, replicaSet(2));
    await h.settle();
    const pods = await h.pods();
    expect(pods).toHaveLength(2);
    const stray = await h.get(PODS, 'stray');
    expect(stray.metadata?.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata?.uid, controller: true, blockOwnerDeletion: true },
    ]);

    await h.admin.patch({ ...PODS, name: 'stray' }, 'merge', { metadata: { labels: { app: 'debug' } } });
    await h.settle();
    const released = await h.get(PODS, 'stray');
    expect(released.metadata?.ownerReferences ?? []).toEqual([]);
    // The ReplicaSet replaces it.
    const owned = (await h.pods('app=web')).filter((p) => p.metadata?.ownerReferences?.[0]?.uid === rs.metadata?.uid);
    expect(owned).toHaveLength(2);
  });

  it('creates a burst in slow-start batches and waits for its expectations', async () => {
    await h.admin.create(REPLICASETS, replicaSet(20));
    await h.settle();
    expect(await h.pods()).toHaveLength(20);
    expect(h.rsController.expectations.satisfied('default/web')).toBe(true);
  });

  it('reports ReplicaFailure with the API error while creates fail, and FailedCreate events', async () => {
    await h.admin.create({ group: '', version: 'v1', resource: 'resourcequotas', namespace: 'default' }, {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'pods' },
      spec: { hard: { pods: '1' } },
    });
    // Plays the resource-quota controller, which fills status before admission enforces it.
    await h.admin.patch({ group: '', version: 'v1', resource: 'resourcequotas', namespace: 'default', name: 'pods', subresource: 'status' }, 'merge', {
      status: { hard: { pods: '1' }, used: { pods: '0' } },
    });
    await h.settle();
    await h.admin.create(REPLICASETS, replicaSet(3));
    await h.advance(2000, 500);
    const status = (await h.get(REPLICASETS, 'web')).status as { conditions?: Array<Record<string, string>> };
    const failed = (await h.events()).filter((e) => e.reason === 'FailedCreate');
    expect((await h.pods()).length).toBeLessThan(3);
    expect(status.conditions).toEqual([
      expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: expect.stringMatching(/^pods ".*" is forbidden: /) }),
    ]);
    expect(failed[0]?.message).toMatch(/^Error creating: pods ".*" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1$/);
    expect(failed[0]?.type).toBe('Warning');
  });

  it('runs ReplicationControllers too (map selector, replication-controller events)', async () => {
    const rcs = new Informer(h.client, REPLICATION_CONTROLLER_KIND.ref, h.clock);
    const pods = new Informer(h.client, { group: '', version: 'v1', resource: 'pods' }, h.clock);
    const rcController = new ReplicaSetController(h.client, rcs, pods, h.clock, new Logger(silentSink, 'test', () => h.clock.now()), REPLICATION_CONTROLLER_KIND);
    await Promise.all([rcs.start(), pods.start()]);
    rcController.start();
    try {
      const rc = await h.admin.create({ group: '', version: 'v1', resource: 'replicationcontrollers', namespace: 'default' }, {
        apiVersion: 'v1',
        kind: 'ReplicationController',
        metadata: { name: 'legacy' },
        spec: { replicas: 2, selector: { app: 'legacy' }, template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
      });
      await h.settle();
      const owned = await h.pods('app=legacy');
      expect(owned).toHaveLength(2);
      expect(owned[0]?.metadata?.ownerReferences?.[0]).toEqual({ apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', uid: rc.metadata?.uid, controller: true, blockOwnerDeletion: true });
      const events = (await h.events()).filter((e) => e.involved === 'ReplicationController/legacy');
      expect(events.map((e) => `${e.component} ${e.reason}`)).toEqual(['replication-controller SuccessfulCreate', 'replication-controller SuccessfulCreate']);
    } finally {
      rcController.loop.dispose();
      rcs.dispose();
      pods.dispose();
    }
  });
});
