import { afterEach, describe, expect, it } from 'vitest';
import { DEPLOYMENTS, NGINX_DEPLOYMENT, startHarness, type Harness } from './workload-harness';

/**
 * The Deployment and ReplicaSet controllers with the lab's own scheduler and simulated kubelets: pods bind,
 * start and report readiness by themselves, and a node that stops reporting has its pods replaced elsewhere.
 */
describe('Deployment on simulated nodes', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const livePods = async (hh: Harness) => (await hh.pods()).filter((p) => !p.metadata?.deletionTimestamp);
  const nodeOf = (p: { spec?: unknown }) => (p.spec as { nodeName?: string }).nodeName;

  it('becomes available, and replaces the pods of a node whose kubelet stopped on healthy nodes', async () => {
    h = await startHarness({ pods: 'simulated' });
    const hh = h;
    await hh.admin.create(DEPLOYMENTS, NGINX_DEPLOYMENT);
    await hh.advance(30_000);
    const status = (await hh.get(DEPLOYMENTS, 'nginx-deployment')).status as Record<string, number>;
    expect(status.availableReplicas).toBe(3);

    const failed = nodeOf((await livePods(hh))[0] as never) ?? '';
    expect(failed).not.toBe('');
    hh.cluster.nodes.faultTargets.kubelet(failed)?.stop();
    // Node monitor grace (40 s), then NoExecute eviction (default toleration 300 s), then rescheduling.
    await hh.advance(420_000, 5000);
    const live = await livePods(hh);
    expect(live).toHaveLength(3);
    expect(live.every((p) => nodeOf(p as never) !== undefined && nodeOf(p as never) !== failed)).toBe(true);
    const after = (await hh.get(DEPLOYMENTS, 'nginx-deployment')).status as Record<string, number>;
    expect(after.availableReplicas).toBe(3);
  }, 120_000);

  it('completes a rolling update driven by real pod readiness, one pod at a time', async () => {
    h = await startHarness({ pods: 'simulated' });
    const hh = h;
    await hh.admin.create(DEPLOYMENTS, NGINX_DEPLOYMENT);
    await hh.advance(30_000);
    await hh.admin.patch({ ...DEPLOYMENTS, name: 'nginx-deployment' }, 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.16.1' }] } } } });
    await hh.advance(120_000);
    const d = await hh.get(DEPLOYMENTS, 'nginx-deployment');
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    const conditions = (d.status as { conditions: Array<{ type: string; reason: string }> }).conditions.map((c) => `${c.type}/${c.reason}`);
    expect(conditions).toEqual(['Available/MinimumReplicasAvailable', 'Progressing/NewReplicaSetAvailable']);
    const scaling = (await hh.events()).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message.replace(/nginx-deployment-\w+/, 'RS'));
    expect(scaling).toEqual([
      'Scaled up replica set RS from 0 to 3',
      'Scaled up replica set RS from 0 to 1',
      'Scaled down replica set RS from 3 to 2',
      'Scaled up replica set RS from 1 to 2',
      'Scaled down replica set RS from 2 to 1',
      'Scaled up replica set RS from 2 to 3',
      'Scaled down replica set RS from 1 to 0',
    ]);
  }, 120_000);
});
