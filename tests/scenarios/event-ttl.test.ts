/** kube-apiserver's --event-ttl (1 h): an Event goes an hour after its last write; a repeat keeps it alive. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { rfc3339 } from '../../engine/base/clock';
import { EVENTS, startSimCluster, type SimCluster } from '../support/sim-cluster';

let sim: SimCluster;
beforeEach(async () => {
  sim = await startSimCluster({ nodes: 1, zones: ['zone-a'] });
});
afterEach(async () => {
  await sim.close();
});

const event = (name: string, at: number) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name },
  involvedObject: { kind: 'ConfigMap', namespace: 'default', name: 'settings', apiVersion: 'v1' },
  reason: 'Checked',
  message: 'read by the lab',
  source: { component: 'lab' },
  firstTimestamp: rfc3339(at),
  lastTimestamp: rfc3339(at),
  count: 1,
  type: 'Normal',
});

it('deletes Events an hour after their last write, and keeps one written again meanwhile', async () => {
  const ref = { ...EVENTS, namespace: 'default' };
  await sim.admin.create(ref, event('old', sim.clock.now()));
  await sim.admin.create(ref, event('repeated', sim.clock.now()));
  await sim.advance(40 * 60_000, 60_000);
  await sim.admin.patch({ ...ref, name: 'repeated' }, 'merge', { count: 2, lastTimestamp: rfc3339(sim.clock.now()) });
  await sim.advance(21 * 60_000, 60_000);
  await expect(sim.admin.get({ ...ref, name: 'old' })).rejects.toMatchObject({ code: 404 });
  expect((await sim.admin.get({ ...ref, name: 'repeated' }))['count']).toBe(2);
  await sim.advance(40 * 60_000, 60_000);
  await expect(sim.admin.get({ ...ref, name: 'repeated' })).rejects.toMatchObject({ code: 404 });
});
