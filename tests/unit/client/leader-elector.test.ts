/**
 * LeaderElector against a whole cluster's API server on the virtual clock: client-go's timings (renew every 2 s,
 * renew deadline 10 s, lease 15 s) and the fence — a leader that cannot renew stops writing before its lease can
 * expire for anyone else.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiHandler, ApiRequest } from '../../../engine/apiserver/handler-types';
import { Logger } from '../../../engine/base/logger';
import { ApiClient } from '../../../engine/client/api-client';
import { fencedHandler, FencedError } from '../../../engine/client/leader-election/fenced-handler';
import { LeaderElector } from '../../../engine/client/leader-election/leader-elector';
import { ADMIN_USER } from '../../../engine/cluster/lab-cluster';
import { startSimCluster, type SimCluster } from '../../support/sim-cluster';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const LEASE = { namespace: 'default', name: 'my-component' };

/** The API server, except that lease writes fail while `cut` is set (a partition between elector and server). */
function cuttable(inner: ApiHandler) {
  const state = { cut: false };
  const handler: ApiHandler = {
    handle: (req: ApiRequest) => (state.cut && req.path.includes('/leases') ? Promise.reject(new Error('connection refused')) : inner.handle(req)),
  };
  return { handler, state };
}

describe('LeaderElector', () => {
  it('creates the Lease, renews it every 2 s, and loses leadership 10 s after renewals start failing; the fence closes first', async () => {
    sim = await startSimCluster({ nodes: 1, seed: 11 });
    const s = sim;
    const { handler, state } = cuttable(s.cluster.apiServer);
    const client = new ApiClient(handler, ADMIN_USER, 'test');
    const logger = new Logger(() => {}, 'test', () => s.clock.now());
    const elector = new LeaderElector({ client, clock: s.clock, logger, lease: LEASE, identity: 'me_1', eventComponent: 'test-component' });
    let stoppedAt: number | undefined;
    elector.onStoppedLeading(() => (stoppedAt = s.clock.now()));
    expect(await elector.run()).toBe(true);
    expect(elector.isLeader()).toBe(true);
    const writes = new ApiClient(fencedHandler(s.cluster.apiServer, () => elector.mayAct(), () => elector.identity), ADMIN_USER, 'test');

    const lease = await s.admin.get({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', ...LEASE });
    expect(lease['spec']).toMatchObject({ holderIdentity: 'me_1', leaseDurationSeconds: 15, leaseTransitions: 0 });
    const renewTimes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await s.advance(2_000, 100);
      const l = await s.admin.get({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', ...LEASE });
      renewTimes.add((l['spec'] as { renewTime: string }).renewTime);
    }
    expect(renewTimes.size).toBe(5);

    await writes.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'while-leading' } });
    state.cut = true;
    const cutAt = s.clock.now();
    await s.advance(9_000, 100);
    expect(elector.isLeader()).toBe(true);
    await s.advance(3_000, 100);
    // The fence closed once the last successful renewal was 10 s old; leadership ended at the renew deadline.
    await expect(writes.create({ group: '', version: 'v1', resource: 'configmaps', namespace: 'default' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-deadline' } })).rejects.toBeInstanceOf(FencedError);
    expect(stoppedAt).toBeDefined();
    expect(stoppedAt! - cutAt).toBeGreaterThan(8_000);
    expect(stoppedAt! - cutAt).toBeLessThanOrEqual(12_000);
    expect(elector.isLeader()).toBe(false);
    elector.dispose();
  });

  it('a candidate waits until it has seen the record unchanged for the lease duration, then takes it and counts a transition', async () => {
    sim = await startSimCluster({ nodes: 1, seed: 5 });
    const s = sim;
    const logger = new Logger(() => {}, 'test', () => s.clock.now());
    const holder = new LeaderElector({ client: new ApiClient(s.cluster.apiServer, ADMIN_USER, 'a'), clock: s.clock, logger, lease: LEASE, identity: 'a_1', eventComponent: 'x' });
    const candidate = new LeaderElector({ client: new ApiClient(s.cluster.apiServer, ADMIN_USER, 'b'), clock: s.clock, logger, lease: LEASE, identity: 'b_1', eventComponent: 'x' });
    expect(await holder.run()).toBe(true);
    expect(await candidate.run()).toBe(false);
    await s.advance(30_000, 200);
    expect(candidate.isLeader()).toBe(false);
    holder.dispose(); // the process dies: no more renewals
    const diedAt = s.clock.now();
    await s.advanceUntil(() => candidate.isLeader(), 40_000, 100);
    const lease = await s.admin.get({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', ...LEASE });
    const spec = lease['spec'] as { holderIdentity: string; leaseTransitions: number; acquireTime: string };
    expect(spec.holderIdentity).toBe('b_1');
    expect(spec.leaseTransitions).toBe(1);
    const waited = Date.parse(spec.acquireTime) - diedAt;
    expect(waited).toBeGreaterThanOrEqual(15_000 - 2_000);
    expect(waited).toBeLessThanOrEqual(15_000 + 2 * 4_400);
    candidate.dispose();
  });
});
