import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/api/objects';
import { VirtualClock } from '../../../engine/base/virtual-clock';
import { CLOCKS, ClockController, ensureClock, virtualClockControl, type ClockControl } from '../../../engine/lab';
import type { Harness } from '../controllers/node/cluster-harness';
import { startLabHarness } from './lab-harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

/** A ClockControl over the test's VirtualClock, recording what the controller asked for. */
function control(): ClockControl & { calls: string[] } {
  let speed = 1;
  let paused = false;
  const calls: string[] = [];
  return {
    calls,
    speed: () => speed,
    paused: () => paused,
    setSpeed: (x) => {
      calls.push(`speed ${x}`);
      speed = x;
    },
    setPaused: (p) => {
      calls.push(`paused ${p}`);
      paused = p;
    },
    now: () => h.clock.now(),
  };
}

async function setup() {
  h = await startLabHarness();
  const port = control();
  const controller = new ClockController(h.client, h.informer(CLOCKS), port, h.clock, h.logger);
  await h.sync();
  controller.start();
  return { port, controller };
}

const getClock = (name = 'cluster') => h.client.get<KubeObject>({ ...CLOCKS, name });

describe('virtualClockControl', () => {
  it('drives a VirtualClock: speed, pause and resume', () => {
    const vc = new VirtualClock({ startMs: 0, seed: 1 });
    const c = virtualClockControl(vc);
    c.setSpeed(8);
    c.setPaused(true);
    expect([c.speed(), c.paused(), vc.speed, vc.isPaused]).toEqual([8, true, 8, true]);
    vc.tick(1000);
    expect(c.now()).toBe(0);
    c.setPaused(false);
    vc.tick(1000);
    expect(c.now()).toBe(8000);
  });
});

describe('ClockController', () => {
  it('ensureClock creates the singleton; spec reaches the port and status reports it', async () => {
    const { port } = await setup();
    await ensureClock(h.client, { speed: 4, paused: false });
    await ensureClock(h.client, { speed: 8, paused: true }); // already there: left alone
    await h.settle();
    expect(port.calls).toEqual(['speed 4']);
    expect((await getClock()).status).toEqual({ now: '2026-11-23T12:00:00Z', speed: 4, paused: false, observedGeneration: 1 });

    await h.client.patch({ ...CLOCKS, name: 'cluster' }, 'merge', { spec: { paused: true } });
    await h.settle();
    expect(port.calls).toEqual(['speed 4', 'paused true']);
    expect((await getClock()).status).toMatchObject({ paused: true, observedGeneration: 2 });
  });

  it('refreshes status.now at most every 10 virtual seconds', async () => {
    await setup();
    await ensureClock(h.client, { speed: 1, paused: false });
    await h.settle();
    const rv = (await getClock()).metadata?.resourceVersion;
    await h.advance(9_000);
    expect((await getClock()).metadata?.resourceVersion).toBe(rv);
    await h.advance(1_000);
    expect(((await getClock()).status as { now: string }).now).toBe('2026-11-23T12:00:10Z');
  });

  it('marks a Clock not named cluster Invalid, and an out-of-range speed too, without touching the port', async () => {
    const { port } = await setup();
    await h.client.create(CLOCKS, { apiVersion: 'lab.clusterlab.dev/v1', kind: 'Clock', metadata: { name: 'other' }, spec: { speed: 2 } });
    await ensureClock(h.client, { speed: 1, paused: false });
    await h.settle();
    expect(((await getClock('other')).status as { conditions: unknown[] }).conditions).toEqual([
      {
        type: 'Invalid',
        status: 'True',
        observedGeneration: 1,
        lastTransitionTime: '2026-11-23T12:00:00Z',
        reason: 'NotTheClusterClock',
        message: 'only the Clock named "cluster" is honoured; this one is ignored',
      },
    ]);
    expect(port.calls).toEqual([]);
    const rejected = await h.client.patch({ ...CLOCKS, name: 'cluster' }, 'merge', { spec: { speed: 500 } }).then(
      () => undefined,
      (err: { code?: number }) => err,
    );
    // An API server that enforces the schema's maximum answers 422; this one accepts and the controller objects.
    if (rejected) return expect(rejected.code).toBe(422);
    await h.settle();
    expect(port.calls).toEqual([]);
    expect(((await getClock()).status as { conditions: Array<{ reason: string; message: string }> }).conditions[0]).toMatchObject({
      reason: 'InvalidSpec',
      message: 'spec.speed: Invalid value: 500: must be between 0.25 and 100',
    });
  });
});
