/** The kubelet over the SimulatedRuntime (images behave per its catalogue): the docs' stories end to end. */
import { describe, expect, it } from 'vitest';
import { SimulatedRuntime } from '../../../engine/kubelet/runtime';
import { PODS, podSpec, startWith } from './kubelet-harness';

describe('kubelet over the SimulatedRuntime', () => {
  it('runs nginx: Pulling, Pulled, Created, Started, Running', async () => {
    const e = await startWith((clock) => new SimulatedRuntime({ clock, nodeName: 'node-1' }));
    await e.cluster.adminClient.create(PODS, podSpec('nginx', [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }]));
    await e.advance(30_000);
    const pod = await e.pod('nginx');
    expect(pod.status.phase).toBe('Running');
    expect((await e.events('nginx')).map((x) => x.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
  });

  it('the docs exec-liveness pod fails its probe from ~35 s and is restarted', async () => {
    const e = await startWith((clock) => new SimulatedRuntime({ clock, nodeName: 'node-1' }));
    await e.cluster.adminClient.create(
      PODS,
      podSpec('liveness-exec', [
        {
          name: 'liveness',
          image: 'registry.k8s.io/busybox',
          args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
          livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
        },
      ]),
    );
    await e.advance(20_000);
    const running = await e.pod('liveness-exec');
    expect(running.status.phase).toBe('Running');
    const startedAt = Date.parse(running.status.containerStatuses[0].state.running.startedAt);
    await e.advance(100_000);
    const evs = await e.events('liveness-exec');
    const unhealthy = evs.find((x) => x.reason === 'Unhealthy');
    expect(unhealthy?.message).toMatch(/^Liveness probe failed: cat: (can't open '\/tmp\/healthy'|\/tmp\/healthy): No such file or directory\n?$/);
    expect(evs.find((x) => x.reason === 'Killing')?.message).toBe('Container liveness failed liveness probe, will be restarted');
    const pod = await e.pod('liveness-exec');
    expect(pod.status.containerStatuses[0].restartCount).toBeGreaterThanOrEqual(1);
    const last = pod.status.containerStatuses[0].lastState.terminated;
    // First failure ≈35 s after start, the third (failureThreshold) ≈45 s, then TERM with a 30 s grace period.
    expect((Date.parse(last.finishedAt) - startedAt) / 1000).toBeGreaterThanOrEqual(44);
    expect((Date.parse(last.finishedAt) - startedAt) / 1000).toBeLessThanOrEqual(80);
  });
});
