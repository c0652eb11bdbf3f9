import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/api/objects';
import { FAULTS, FaultController, HEAL_FINALIZER, type FaultKubelet } from '../../../engine/lab';
import { eventsFor, runningPod, type Harness } from '../controllers/node/cluster-harness';
import { startLabHarness } from './lab-harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

function fakeKubelets(nodes: string[]) {
  const calls: string[] = [];
  const kubelets = new Map<string, FaultKubelet>();
  for (const n of nodes) {
    kubelets.set(n, {
      stop: () => void calls.push(`${n} stop`),
      start: async () => void calls.push(`${n} start`),
      setPartitioned: (on) => void calls.push(`${n} partitioned ${on}`),
      setMemoryPressure: (b) => void calls.push(`${n} memory ${b}`),
      crashContainer: (uid, c, code) => {
        calls.push(`${n} crash ${uid.length > 0} ${c} ${code}`);
        return c === 'app';
      },
    });
  }
  return { calls, targets: { kubelet: (n: string) => kubelets.get(n) } };
}

async function setup() {
  h = await startLabHarness();
  const fake = fakeKubelets(['node-1', 'node-2']);
  const controller = new FaultController(h.client, h.informer(FAULTS), fake.targets, h.clock, h.logger);
  await h.sync();
  controller.loop.start();
  return fake;
}

const fault = (name: string, spec: Record<string, unknown>) => h.client.create(FAULTS, { apiVersion: 'lab.clusterlab.dev/v1', kind: 'Fault', metadata: { name }, spec });
const getFault = (name: string) => h.client.get<KubeObject>({ ...FAULTS, name });

describe('FaultController', () => {
  it('StopKubelet: finalizer first, then stop; deleting runs the heal before the object goes', async () => {
    const { calls } = await setup();
    await fault('down', { type: 'StopKubelet', target: { node: 'node-1' } });
    await h.settle();
    const f = await getFault('down');
    expect(f.metadata?.finalizers).toEqual([HEAL_FINALIZER]);
    expect(f.status).toMatchObject({ active: true, target: 'node/node-1', observedGeneration: 1 });
    expect(calls).toEqual(['node-1 stop']);
    await h.client.delete({ ...FAULTS, name: 'down' });
    await h.settle();
    expect(calls).toEqual(['node-1 stop', 'node-1 start']);
    await expect(getFault('down')).rejects.toMatchObject({ code: 404 });
  });

  it('PartitionNode and FillMemory set and clear their effect', async () => {
    const { calls } = await setup();
    await fault('cut', { type: 'PartitionNode', target: { node: 'node-2' } });
    await fault('fill', { type: 'FillMemory', target: { node: 'node-1' }, memoryBytes: 7_000_000_000 });
    await h.settle();
    expect(calls.sort()).toEqual(['node-1 memory 7000000000', 'node-2 partitioned true']);
    await h.client.delete({ ...FAULTS, name: 'cut' });
    await h.client.delete({ ...FAULTS, name: 'fill' });
    await h.settle();
    expect(calls.slice(2).sort()).toEqual(['node-1 memory undefined', 'node-2 partitioned false']);
  });

  it('CrashContainer crashes once with the default exit code; inactive afterwards', async () => {
    const { calls } = await setup();
    await runningPod(h, 'web', 'node-2');
    await fault('crash', { type: 'CrashContainer', target: { namespace: 'default', pod: 'web', container: 'app' } });
    await h.settle();
    await h.advance(5_000);
    expect(calls).toEqual(['node-2 crash true app 1']);
    expect((await getFault('crash')).status).toMatchObject({ active: false, target: 'pod/default/web/app', conditions: [{ type: 'Applied', status: 'True', reason: 'Applied' }] });
  });

  it('an invalid target gets a condition and a Warning event, and nothing is applied', async () => {
    const { calls } = await setup();
    await fault('ghost', { type: 'StopKubelet', target: { node: 'node-9' } });
    await h.settle();
    expect((await getFault('ghost')).status).toMatchObject({
      active: false,
      conditions: [{ type: 'Applied', status: 'False', reason: 'InvalidTarget', message: 'no kubelet runs on node "node-9"' }],
    });
    expect((await eventsFor(h, 'ghost')).map((e) => [e.type, e.reason, e.message])).toEqual([['Warning', 'InvalidTarget', 'no kubelet runs on node "node-9"']]);
    expect(calls).toEqual([]);
    // Deleting it still works (the finalizer has nothing to heal).
    await h.client.delete({ ...FAULTS, name: 'ghost' });
    await h.settle();
    await expect(getFault('ghost')).rejects.toMatchObject({ code: 404 });
  });
});
