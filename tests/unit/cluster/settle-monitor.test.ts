/**
 * SettleMonitor on a whole cluster under the virtual clock: a Deployment's rollout keeps it busy (writes), and it
 * settles only once the pods run and `quietMs` passes without writes — Lease heartbeats do not count.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SettleMonitor } from '../../../engine/cluster/settle-monitor';
import { MvccStore } from '../../../engine/store/mvcc-store';
import { VirtualClock } from '../../../engine/base/virtual-clock';
import { PODS, startSimCluster, type SimCluster } from '../../support/sim-cluster';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('SettleMonitor', () => {
  it('resolves only after the rollout has finished and the store stayed quiet, heartbeats aside', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 3 });
    const s = sim;
    const monitor = new SettleMonitor({ store: s.store, clock: s.clock, quietMs: 1_000 });
    await s.advance(8_000);
    expect(monitor.settled).toBe(true);
    await s.admin.create({ group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' }, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
    });
    expect(monitor.settled).toBe(false);
    let settledAt: number | undefined;
    void monitor.whenSettled().then(() => (settledAt = s.clock.now()));
    await s.advanceUntil(() => settledAt !== undefined, 120_000, 250);
    const pods = (await s.admin.list({ ...PODS, namespace: 'default' })).items;
    expect(pods.every((p) => (p['status'] as { phase?: string }).phase === 'Running')).toBe(true);
    // Leases keep renewing, yet it stays settled.
    await s.advance(30_000);
    expect(monitor.settled).toBe(true);
    monitor.dispose();
  });

  it('on a paused clock, settles once the work due now has run', async () => {
    const clock = new VirtualClock({ startMs: 0, seed: 1 });
    clock.pause();
    const store = new MvccStore();
    const monitor = new SettleMonitor({ store, clock, quietMs: 1_000 });
    await store.create('/registry/configmaps/default/a', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default' } });
    let done = false;
    void monitor.whenSettled().then(() => (done = true));
    clock.tick(0);
    await Promise.resolve();
    expect(done).toBe(true);
    monitor.dispose();
  });
});
