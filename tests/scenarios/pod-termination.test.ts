/**
 * Issue #3 acceptance 2, "pod termination" (the notes' 9 steps): a graceful DELETE leaves the pod Terminating with
 * deletionTimestamp for up to its 30 s grace period; the preStop hook runs first, then TERM, then KILL at the
 * deadline; the kubelet's final DELETE removes the object.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const running = (p: KubeObject) => (p['status'] as { phase?: string }).phase === 'Running';

let sim: SimCluster;
beforeEach(async () => {
  sim = await startSimCluster({ nodes: 1, zones: ['zone-a'] });
});
afterEach(async () => {
  await sim.close();
});

async function createAndRun(name: string, spec: Record<string, unknown>): Promise<void> {
  await sim.admin.create({ ...PODS, namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec });
  await sim.advanceUntil(async () => running(await sim.pod('default', name)), 60_000);
}

async function gone(name: string): Promise<boolean> {
  try {
    await sim.pod('default', name);
    return false;
  } catch (err) {
    return (err as { code?: number }).code === 404;
  }
}

describe('pod termination', () => {
  it('a shell that ignores TERM stays Terminating for the whole 30 s grace period, then is killed and deleted', async () => {
    await createAndRun('sleeper', { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 3600'] }] });
    await sim.admin.delete({ ...PODS, namespace: 'default', name: 'sleeper' });
    await sim.settle();
    const deleting = await sim.pod('default', 'sleeper');
    expect(deleting.metadata?.deletionTimestamp).toBeDefined();
    expect(deleting.metadata?.deletionGracePeriodSeconds).toBe(30);
    const took = await sim.advanceUntil(() => gone('sleeper'), 60_000, 1000);
    expect(took).toBeGreaterThanOrEqual(29_000);
    expect(took).toBeLessThanOrEqual(32_000);
    const killing = (await sim.eventsFor('default', 'sleeper')).find((e) => e['reason'] === 'Killing');
    expect(killing?.['message']).toBe('Stopping container app');
  });

  it('nginx quits on its stop signal at once, so the pod goes long before the deadline', async () => {
    await createAndRun('web', { containers: [{ name: 'nginx', image: 'nginx' }] });
    await sim.admin.delete({ ...PODS, namespace: 'default', name: 'web' });
    const took = await sim.advanceUntil(() => gone('web'), 60_000, 500);
    expect(took).toBeLessThan(5_000);
  });

  it('runs the preStop hook before TERM: a 10 s sleep hook delays the container stop by 10 s', async () => {
    await createAndRun('hooked', {
      containers: [{ name: 'nginx', image: 'nginx', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'echo bye > /tmp/bye; sleep 10'] } } } }],
    });
    const uid = (await sim.pod('default', 'hooked')).metadata!.uid!;
    const kubelet = sim.cluster.nodes.kubelet('node-1')!;
    const containerId = kubelet.containerId(uid, 'nginx', false)!;
    await sim.admin.delete({ ...PODS, namespace: 'default', name: 'hooked' });
    await sim.advance(5_000, 500);
    // Mid-hook: the container still runs and the hook's first command already ran.
    expect(kubelet.runtime.containerStatus(containerId)?.state).toBe('running');
    expect((await kubelet.runtime.execSync(containerId, ['cat', '/tmp/bye'], 1)).stdout).toBe('bye\n');
    const took = (await sim.advanceUntil(() => gone('hooked'), 60_000, 500)) + 5_000;
    expect(took).toBeGreaterThanOrEqual(10_000);
    expect(took).toBeLessThan(15_000);
  });
});
