import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { TaintEvictionController } from '../../../../engine/controllers/taint-eviction-controller';
import { NODES, PODS, eventsFor, runningPod, startHarness, type Harness } from './cluster-harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const pod = (name: string) => h.client.get<KubeObject>({ ...PODS, namespace: 'default', name });

async function setup() {
  h = await startHarness({ nodes: 2, zones: [] });
  const controller = new TaintEvictionController(h.client, h.informer(PODS), h.informer(NODES), h.clock, h.logger);
  await h.sync();
  controller.loop.start();
  return controller;
}

const taint = (effect: string, extra: Record<string, unknown> = {}) =>
  h.client.patch({ ...NODES, name: 'node-1' }, 'merge', { spec: { taints: [{ key: 'dedicated', value: 'gpu', effect, ...extra }] } });

describe('TaintEvictionController', () => {
  it('deletes at once a pod that does not tolerate a NoExecute taint, keeps tolerating and NoSchedule-only ones', async () => {
    const controller = await setup();
    await runningPod(h, 'plain', 'node-1');
    await runningPod(h, 'tolerant', 'node-1', [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoExecute' }]);
    await runningPod(h, 'elsewhere', 'node-2');
    await taint('NoExecute');
    await h.advance(1_000);
    expect((await pod('plain')).metadata?.deletionTimestamp).toBeDefined();
    expect((await pod('tolerant')).metadata?.deletionTimestamp).toBeUndefined();
    expect((await pod('elsewhere')).metadata?.deletionTimestamp).toBeUndefined();
    const events = await eventsFor(h, 'plain');
    expect(events.map((e) => [e.type, e.reason, e.message, e.source.component, e.involvedObject.kind])).toContainEqual([
      'Normal',
      'TaintManagerEviction',
      'Marking for deletion Pod default/plain',
      'taint-eviction-controller',
      'Pod',
    ]);
    expect(controller.scheduledEvictions().size).toBe(0);
  });

  it('a NoSchedule taint evicts nothing', async () => {
    await setup();
    await runningPod(h, 'plain', 'node-1');
    await taint('NoSchedule');
    await h.advance(5_000);
    expect((await pod('plain')).metadata?.deletionTimestamp).toBeUndefined();
  });

  it('tolerationSeconds counts from when the taint is seen; removing the taint cancels with an event', async () => {
    const controller = await setup();
    await runningPod(h, 'timed', 'node-1', [{ key: 'dedicated', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }]);
    await taint('NoExecute');
    await h.settle();
    expect([...controller.scheduledEvictions().values()]).toEqual([h.clock.now() + 60_000]);
    await h.advance(30_000);
    await h.client.patch({ ...NODES, name: 'node-1' }, 'merge', { spec: { taints: null } });
    await h.advance(60_000);
    expect((await pod('timed')).metadata?.deletionTimestamp).toBeUndefined();
    expect((await eventsFor(h, 'timed')).map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/timed']);
  });
});
