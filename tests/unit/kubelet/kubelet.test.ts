import { describe, expect, it } from 'vitest';
import { PODS, START, podSpec, start } from './kubelet-harness';

describe('Kubelet', () => {
  it('registers the node with the upstream conditions and startup events, and renews its Lease every 10 s', async () => {
    const e = await start();
    const node = (await e.cluster.adminClient.get({ group: '', version: 'v1', resource: 'nodes', name: 'node-1' })) as any;
    const ready = node.status.conditions.find((c: any) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
    expect(node.status.conditions.map((c: any) => c.reason)).toEqual(['KubeletHasSufficientMemory', 'KubeletHasNoDiskPressure', 'KubeletHasSufficientPID', 'KubeletReady']);
    expect(node.status.nodeInfo.kubeletVersion).toBe('v1.32.4');
    expect(node.status.daemonEndpoints.kubeletEndpoint.Port).toBe(10250);
    expect(node.metadata.labels['topology.kubernetes.io/zone']).toBe('zone-a');
    const evs = await e.events('node-1');
    expect(evs.map((x) => x.reason)).toEqual(['Starting', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeAllocatableEnforced', 'NodeReady']);
    expect(evs[1]?.message).toBe('Node node-1 status is now: NodeHasSufficientMemory');
    const lease = (ref: string) => e.cluster.adminClient.get({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease', name: ref }) as Promise<any>;
    const first = (await lease('node-1')).spec;
    expect(first).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
    await e.advance(10_000);
    const second = (await lease('node-1')).spec;
    expect(Date.parse(second.renewTime) - Date.parse(first.renewTime)).toBe(10_000);
  });

  it('runs a pod: ContainerCreating, then Running with a pod IP from the podCIDR, with Pulling/Pulled/Created/Started', async () => {
    const e = await start();
    await e.cluster.adminClient.create(PODS, podSpec('nginx', [{ name: 'nginx', image: 'nginx' }]));
    await e.advance(200);
    let pod = await e.pod('nginx');
    expect(pod.status.containerStatuses[0].state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    await e.advance(3000);
    pod = await e.pod('nginx');
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.podIP).toMatch(/^10\.244\.\d+\.(\d+)$/);
    expect(pod.status.podIP).not.toMatch(/\.(0|1)$/);
    expect(pod.status.containerStatuses[0]).toMatchObject({ ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:latest' });
    expect(pod.status.conditions.map((c: any) => [c.type, c.status])).toEqual([
      ['PodReadyToStartContainers', 'True'],
      ['Initialized', 'True'],
      ['Ready', 'True'],
      ['ContainersReady', 'True'],
      ['PodScheduled', 'True'],
    ]);
    const evs = await e.events('nginx');
    expect(evs.map((x) => x.reason)).toEqual(['Pulling', 'Pulled', 'Created', 'Started']);
    expect(evs[1]?.message).toBe('Successfully pulled image "nginx" in 1.2s (1.2s including waiting). Image size: 1005 bytes.');
    expect(evs[2]?.message).toBe('Created container: nginx');
    expect(evs[3]?.message).toBe('Started container nginx');
  });

  it('CrashLoopBackOff: restarts after 10, 20, 40, 80, 160, 300, 300 s', async () => {
    const e = await start();
    e.runtime.behaviours['crash'] = { exitAfterMs: 0, exitCode: 1 };
    e.runtime.images.set('docker.io/library/crash:latest', { ref: 'docker.io/library/crash:latest', id: 'x', digest: 'd', sizeBytes: 1 });
    await e.cluster.adminClient.create(PODS, podSpec('crash', [{ name: 'c', image: 'crash', imagePullPolicy: 'IfNotPresent' }]));
    await e.advance(20 * 60_000);
    const starts = e.runtime.listContainers().map((s) => s.startedAt - START).filter((t) => t >= 0);
    const gaps = starts.slice(1).map((t, i) => (t - (starts[i] ?? 0)) / 1000);
    expect(gaps.slice(1, 8).map((g) => Math.round(g))).toEqual([10, 20, 40, 80, 160, 300, 300]);
    const pod = await e.pod('crash');
    expect(pod.status.containerStatuses[0].state.waiting?.reason ?? 'Running-now').toMatch(/CrashLoopBackOff|Running-now/);
    const backoff = (await e.events('crash')).find((x) => x.reason === 'BackOff');
    expect(backoff?.message).toBe(`Back-off restarting failed container c in pod crash_default(${pod.metadata?.uid})`);
  });

  it('exec liveness (docs pod): Unhealthy from 35 s, Killing at 45 s, restarted', async () => {
    const e = await start();
    e.runtime.behaviours['registry.k8s.io/busybox'] = {
      // `sleep 30; rm` removes the file just after 30 s, so the probe at 30 s still finds it.
      exec: (_cmd, ms) => (ms <= 30_000 ? { exitCode: 0, stdout: '', stderr: '' } : { exitCode: 1, stdout: '', stderr: "cat: can't open '/tmp/healthy': No such file or directory\n" }),
    };
    await e.cluster.adminClient.create(
      PODS,
      podSpec('liveness-exec', [{ name: 'liveness', image: 'registry.k8s.io/busybox', args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'], livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } }]),
    );
    await e.advance(2000);
    expect((await e.pod('liveness-exec')).status.containerStatuses[0].state.running).toBeDefined();
    const startedAt = e.runtime.listContainers()[0]?.startedAt ?? 0;
    await e.advance(60_000);
    const evs = await e.events('liveness-exec');
    const unhealthy = evs.find((x) => x.reason === 'Unhealthy');
    expect(unhealthy?.message).toBe("Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory\n");
    expect(unhealthy?.count).toBe(3);
    expect(evs.find((x) => x.reason === 'Killing')?.message).toBe('Container liveness failed liveness probe, will be restarted');
    const firstFail = e.runtime.execs.find((x) => x.at - startedAt > 30_000);
    expect(Math.round(((firstFail?.at ?? 0) - startedAt) / 1000)).toBe(35);
    const pod = await e.pod('liveness-exec');
    expect(pod.status.containerStatuses[0].restartCount).toBe(1);
  });

  it('graceful deletion: preStop, Killing "Stopping container", then the final DELETE', async () => {
    const e = await start();
    e.runtime.behaviours['web'] = { ignoresTerm: true };
    e.runtime.images.set('docker.io/library/web:latest', { ref: 'docker.io/library/web:latest', id: 'x', digest: 'd', sizeBytes: 1 });
    await e.cluster.adminClient.create(PODS, podSpec('web', [{ name: 'web', image: 'web', imagePullPolicy: 'Never', lifecycle: { preStop: { sleep: { seconds: 5 } } } }]));
    await e.advance(2000);
    expect((await e.pod('web')).status.phase).toBe('Running');
    await e.cluster.adminClient.delete({ ...PODS, name: 'web' });
    await e.advance(20_000);
    expect((await e.pod('web')).metadata?.deletionTimestamp).toBeTruthy();
    await e.advance(20_000); // 5 s preStop + 25 s TERM→KILL
    await expect(e.pod('web')).rejects.toMatchObject({ code: 404 });
    expect((await e.events('web')).map((x) => x.reason)).toContain('Killing');
    expect((await e.events('web')).find((x) => x.reason === 'Killing')?.message).toBe('Stopping container web');
  });

  it('ErrImagePull, then ImagePullBackOff', async () => {
    const e = await start();
    await e.cluster.adminClient.create(PODS, podSpec('bad', [{ name: 'bad', image: 'missing-image:1.0' }]));
    await e.advance(2000);
    let st = (await e.pod('bad')).status.containerStatuses[0].state.waiting;
    expect(st.reason).toBe('ErrImagePull');
    expect(st.message).toMatch(/^Failed to pull image "missing-image:1.0": /);
    await e.advance(20_000);
    st = (await e.pod('bad')).status.containerStatuses[0].state.waiting;
    expect(['ImagePullBackOff', 'ErrImagePull']).toContain(st.reason);
    const evs = await e.events('bad');
    expect(evs.some((x) => x.reason === 'BackOff' && x.message === 'Back-off pulling image "missing-image:1.0"')).toBe(true);
    expect(evs.some((x) => x.reason === 'Failed' && x.message === 'Error: ErrImagePull')).toBe(true);
  });

  it('CreateContainerConfigError for a missing ConfigMap key source', async () => {
    const e = await start();
    e.runtime.images.set('docker.io/library/app:latest', { ref: 'docker.io/library/app:latest', id: 'x', digest: 'd', sizeBytes: 1 });
    await e.cluster.adminClient.create(PODS, podSpec('cfg', [{ name: 'app', image: 'app', imagePullPolicy: 'IfNotPresent', env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'nope', key: 'k' } } }] }]));
    await e.advance(2000);
    const st = (await e.pod('cfg')).status.containerStatuses[0].state.waiting;
    expect(st).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "nope" not found' });
    expect((await e.events('cfg')).some((x) => x.reason === 'Failed' && x.message === 'Error: configmap "nope" not found')).toBe(true);
  });
});
