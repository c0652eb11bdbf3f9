/**
 * #4 acceptance 5: kube-controller-manager in HA. Three replicas contend for kube-system/kube-controller-manager;
 * killing the leader (a KillLeader Fault) hands over to a standby once the lease expires, visibly in the Lease
 * (holderIdentity, leaseTransitions) and in a LeaderElection event, and no ReplicaSet or Pod is created twice.
 *
 * Upstream timing (client-go leaderelection): a standby takes the lock only after it has seen the record unchanged
 * for leaseDurationSeconds (15 s) by its own clock, polling every 2–4.4 s; the leader renews every 2 s. So a
 * hand-over lands between 15 s and ~24 s after the dead leader's last renewal — never before the lease expired.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { startSimCluster, PODS, type SimCluster } from '../support/sim-cluster';

const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };
const REPLICASETS = { group: 'apps', version: 'v1', resource: 'replicasets' };
const FAULTS = { group: 'lab.clusterlab.dev', version: 'v1', resource: 'faults' };

interface LeaseSpec {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: string;
  renewTime: string;
  leaseTransitions: number;
}

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function kcmLease(s: SimCluster): Promise<LeaseSpec> {
  const lease = await s.admin.get({ ...LEASES, namespace: 'kube-system', name: 'kube-controller-manager' });
  return lease['spec'] as LeaseSpec;
}

function deployment(replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
    },
  };
}

describe('controller-manager leader election', () => {
  it('hands over to a standby after the lease expires, counts the transition, and creates nothing twice', async () => {
    sim = await startSimCluster({ nodes: 2, controllerManagers: 3, seed: 7 });
    const s = sim;
    const first = await kcmLease(s);
    expect(first.holderIdentity).toMatch(/^control-plane_[0-9a-f-]{36}$/);
    expect(first.leaseDurationSeconds).toBe(15);
    expect(first.leaseTransitions).toBe(0);
    expect(s.cluster.controllerManagers.map((r) => r.state)).toEqual(['leading', 'candidate', 'candidate']);

    // Renewals every 2 s while alive; the standbys stay standbys.
    await s.advance(20_000);
    const renewed = await kcmLease(s);
    expect(renewed.holderIdentity).toBe(first.holderIdentity);
    expect(Date.parse(renewed.renewTime)).toBeGreaterThan(Date.parse(first.renewTime));
    expect(s.clock.now() - Date.parse(renewed.renewTime)).toBeLessThanOrEqual(2_000);

    await s.admin.create({ ...DEPLOYMENTS, namespace: 'default' }, deployment(3));
    await s.advanceUntil(async () => (await s.admin.list({ ...PODS, namespace: 'default' })).items.length === 3, 30_000);
    const pods = await s.record(PODS, { labelSelector: 'app=web' });
    const replicaSets = await s.record(REPLICASETS);

    // Kill the leader, and give the controllers work that only a leader can do.
    await s.admin.create(FAULTS, { apiVersion: 'lab.clusterlab.dev/v1', kind: 'Fault', metadata: { name: 'kill-kcm' }, spec: { type: 'KillLeader', target: { component: 'kube-controller-manager' } } });
    await s.advanceUntil(() => s.cluster.controllerManagers[0]!.state === 'killed', 5_000, 100);
    const killedAt = s.clock.now();
    const lastRenewal = Date.parse((await kcmLease(s)).renewTime);
    await s.admin.patch({ ...DEPLOYMENTS, namespace: 'default', name: 'web' }, 'merge', { spec: { replicas: 6 } });

    // Nobody acts while the dead leader's lease is still valid.
    await s.advance(12_000, 500);
    expect((await s.admin.list({ ...PODS, namespace: 'default' })).items).toHaveLength(3);
    expect((await kcmLease(s)).holderIdentity).toBe(first.holderIdentity);

    await s.advanceUntil(async () => (await kcmLease(s)).holderIdentity !== first.holderIdentity, 30_000, 200);
    const next = await kcmLease(s);
    // Reported, not asserted beyond upstream's bounds: the seed fixes the jitter.
    console.log(`leader hand-over: ${(Date.parse(next.acquireTime) - killedAt) / 1000} s after the kill, ${(Date.parse(next.acquireTime) - lastRenewal) / 1000} s after the last renewal`);
    expect(next.holderIdentity).toMatch(/^control-plane[23]_[0-9a-f-]{36}$/);
    expect(next.leaseTransitions).toBe(1);
    expect(Date.parse(next.acquireTime)).toBeGreaterThanOrEqual(lastRenewal + 15_000);
    expect(Date.parse(next.acquireTime) - lastRenewal).toBeLessThanOrEqual(15_000 + 2 * 4_400);
    const events = (await s.admin.list({ group: '', version: 'v1', resource: 'events', namespace: 'kube-system' }, { fieldSelector: 'involvedObject.name=kube-controller-manager' })).items;
    const becameLeader = events.filter((e) => e['reason'] === 'LeaderElection').map((e) => e['message']);
    expect(becameLeader).toEqual([`${first.holderIdentity} became leader`, `${next.holderIdentity} became leader`]);
    expect(events.every((e) => (e['source'] as { component?: string }).component === 'kube-controller-manager')).toBe(true);

    // The new leader finishes the scale-up exactly once.
    await s.advanceUntil(async () => (await s.admin.list({ ...PODS, namespace: 'default' })).items.length === 6, 30_000);
    await s.advance(10_000);
    expect((await s.admin.list({ ...PODS, namespace: 'default' })).items).toHaveLength(6);
    expect((await s.admin.list({ ...REPLICASETS, namespace: 'default' })).items).toHaveLength(1);
    expect(pods.events.filter((e) => e.type === 'ADDED')).toHaveLength(3);
    expect(pods.events.filter((e) => e.type === 'DELETED')).toHaveLength(0);
    expect(replicaSets.events.filter((e) => e.type === 'ADDED')).toHaveLength(0);
    pods.stop();
    replicaSets.stop();

    // Healing the Fault restarts the killed process as a standby; the leader keeps the lease.
    await s.admin.delete({ ...FAULTS, name: 'kill-kcm' });
    await s.advance(10_000);
    expect(s.cluster.controllerManagers[0]!.state).toBe('candidate');
    expect((await kcmLease(s)).holderIdentity).toBe(next.holderIdentity);
  });

  it('the scheduler elects a leader through kube-system/kube-scheduler and binds pods only while leading', async () => {
    sim = await startSimCluster({ nodes: 1, schedulers: 2, seed: 3 });
    const s = sim;
    const lease = (await s.admin.get({ ...LEASES, namespace: 'kube-system', name: 'kube-scheduler' }))['spec'] as LeaseSpec;
    expect(lease.holderIdentity).toMatch(/^control-plane_/);
    expect(s.cluster.schedulers.map((r) => r.state)).toEqual(['leading', 'candidate']);
    await s.admin.create({ ...FAULTS }, { apiVersion: 'lab.clusterlab.dev/v1', kind: 'Fault', metadata: { name: 'kill-sched' }, spec: { type: 'KillLeader', target: { component: 'kube-scheduler' } } });
    await s.advance(1_000);
    await s.admin.create({ ...PODS, namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } });
    await s.advance(5_000);
    expect(((await s.pod('default', 'p'))['spec'] as { nodeName?: string }).nodeName).toBeUndefined();
    await s.advanceUntil(async () => Boolean(((await s.pod('default', 'p'))['spec'] as { nodeName?: string }).nodeName), 30_000, 500);
    expect(s.cluster.schedulers[1]!.state).toBe('leading');
    const events = (await s.admin.list({ group: '', version: 'v1', resource: 'events', namespace: 'kube-system' }, { fieldSelector: 'involvedObject.name=kube-scheduler' })).items;
    expect(events.map((e) => [e['reason'], (e['source'] as { component?: string }).component])).toEqual([
      ['LeaderElection', 'default-scheduler'],
      ['LeaderElection', 'default-scheduler'],
    ]);
  });
});
