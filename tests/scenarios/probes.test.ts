/**
 * Issue #3 acceptance 4: probes, with the official docs examples (k8s-examples/pods/probe/) behaving as the
 * "Configure Liveness, Readiness and Startup Probes" tutorial describes, on the virtual clock.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeObject } from '../../engine/api/objects';
import { PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const EXAMPLES = '/work/shared/k8s-examples/pods/probe';
const manifest = (file: string) => parse(readFileSync(`${EXAMPLES}/${file}`, 'utf8')) as KubeObject;

interface ContainerStatus {
  ready: boolean;
  restartCount: number;
  state: { running?: { startedAt: string } };
  lastState: { terminated?: { finishedAt: string; exitCode: number } };
}
const status = (p: KubeObject) => p['status'] as { phase?: string; containerStatuses?: ContainerStatus[] };
const cs = (p: KubeObject) => status(p).containerStatuses?.[0];

let sim: SimCluster;
beforeEach(async () => {
  sim = await startSimCluster({ nodes: 1, zones: ['zone-a'] });
});
afterEach(async () => {
  await sim.close();
});

async function startedAt(name: string): Promise<number> {
  await sim.advanceUntil(async () => cs(await sim.pod('default', name))?.state.running !== undefined, 120_000, 500);
  return Date.parse(cs(await sim.pod('default', name))!.state.running!.startedAt);
}

const eventsOf = async (name: string) => (await sim.eventsFor('default', name)) as Array<KubeObject & { reason: string; message: string; count: number; lastTimestamp: string }>;

describe('the docs probe examples', () => {
  it('exec-liveness: three failed `cat /tmp/healthy` after /tmp/healthy is removed at 30 s, Killing, then a restart', async () => {
    await sim.admin.create({ ...PODS, namespace: 'default' }, manifest('exec-liveness.yaml'));
    const start = await startedAt('liveness-exec');
    await sim.advanceUntil(async () => (cs(await sim.pod('default', 'liveness-exec'))?.restartCount ?? 0) >= 1, 180_000, 1000);
    const events = await eventsOf('liveness-exec');
    const unhealthy = events.find((e) => e.reason === 'Unhealthy')!;
    // The exec prober reports the command's combined output as is, newline included (describe trims it).
    expect(unhealthy.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(unhealthy.count).toBe(3);
    const killing = events.find((e) => e.reason === 'Killing')!;
    expect(killing.message).toBe('Container liveness failed liveness probe, will be restarted');
    // Probes at 5, 10, …: the file is gone at 30 s, so the probes at 35, 40 and 45 s fail and the third kills.
    const killedAfter = (Date.parse(killing.lastTimestamp) - start) / 1000;
    expect(killedAfter).toBeGreaterThanOrEqual(35);
    expect(killedAfter).toBeLessThanOrEqual(50);
    // busybox sh is PID 1 and ignores TERM, so the container dies by KILL at the end of the 30 s grace period.
    const last = cs(await sim.pod('default', 'liveness-exec'))!.lastState.terminated!;
    expect(last.exitCode).toBe(137);
    expect((Date.parse(last.finishedAt) - Date.parse(killing.lastTimestamp)) / 1000).toBeGreaterThanOrEqual(29);
  });

  it('http-liveness: agnhost serves /healthz 200 for 10 s then 500, so it is restarted after three failures', async () => {
    await sim.admin.create({ ...PODS, namespace: 'default' }, manifest('http-liveness.yaml'));
    const start = await startedAt('liveness-http');
    await sim.advanceUntil(async () => (cs(await sim.pod('default', 'liveness-http'))?.restartCount ?? 0) >= 1, 120_000, 1000);
    const events = await eventsOf('liveness-http');
    expect(events.find((e) => e.reason === 'Unhealthy')!.message).toBe('Liveness probe failed: HTTP probe failed with statuscode: 500');
    const killing = events.find((e) => e.reason === 'Killing')!;
    const killedAfter = (Date.parse(killing.lastTimestamp) - start) / 1000;
    // First probe at 3 s, every 3 s; failing from 10 s on: probes at 12, 15 and 18 s fail.
    expect(killedAfter).toBeGreaterThanOrEqual(12);
    expect(killedAfter).toBeLessThanOrEqual(21);
  });

  it('tcp-liveness-readiness: goproxy listens on 8080, Ready after the 15 s initial delay, and keeps running', async () => {
    await sim.admin.create({ ...PODS, namespace: 'default' }, manifest('tcp-liveness-readiness.yaml'));
    const start = await startedAt('goproxy');
    const readyAfter = (await sim.advanceUntil(async () => cs(await sim.pod('default', 'goproxy'))?.ready === true, 60_000, 1000)) / 1000;
    const elapsed = (sim.clock.now() - start) / 1000;
    expect(elapsed).toBeGreaterThanOrEqual(15);
    expect(readyAfter).toBeLessThanOrEqual(25);
    await sim.advance(5 * 60_000, 5000);
    const pod = await sim.pod('default', 'goproxy');
    expect(status(pod).phase).toBe('Running');
    expect(cs(pod)!.ready).toBe(true);
    expect(cs(pod)!.restartCount).toBe(0);
    expect((await eventsOf('goproxy')).filter((e) => e.reason === 'Unhealthy')).toEqual([]);
  });
});
