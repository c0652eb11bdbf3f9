import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/api/objects';
import { podPrinter } from '../../../engine/apiserver/printers/pod-printers';
import { PODS, podSpec, start, type Env } from './kubelet-harness';

/** kubectl get pods' STATUS column over every version of the pod the watch delivers, without repeats. */
async function recordStatuses(e: Env, name: string): Promise<string[]> {
  const seen: string[] = [];
  await e.cluster.adminClient.watch(PODS, { fieldSelector: `metadata.name=${name}` }, (ev) => {
    if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED') return;
    const cell = String(podPrinter.print(ev.object, e.clock.now()).cells[2]);
    if (seen[seen.length - 1] !== cell) seen.push(cell);
  }, () => {});
  return seen;
}

function printed(e: Env, pod: KubeObject): { status: string; restarts: string; ready: string } {
  const cells = podPrinter.print(pod, e.clock.now()).cells;
  return { ready: String(cells[1]), status: String(cells[2]), restarts: String(cells[3]) };
}

describe('pod lifecycle as kubectl shows it', () => {
  it('Pending → ContainerCreating → Running', async () => {
    const e = await start();
    const statuses = await recordStatuses(e, 'web');
    await e.cluster.adminClient.create(PODS, podSpec('web', [{ name: 'web', image: 'nginx:1.27' }]));
    await e.advance(5000);
    expect(statuses).toEqual(['Pending', 'ContainerCreating', 'Running']);
  });

  it('Init:0/1 → PodInitializing → Running, init container Completed before the app starts', async () => {
    const e = await start();
    e.runtime.behaviours['busybox:1.36'] = { exitAfterMs: 3000, exitCode: 0 };
    const statuses = await recordStatuses(e, 'init');
    await e.cluster.adminClient.create(PODS, podSpec('init', [{ name: 'app', image: 'nginx:1.27' }], { initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3'] }] }));
    await e.advance(10_000);
    expect(statuses).toEqual(['Pending', 'Init:0/1', 'PodInitializing', 'Running']);
    const pod = await e.pod('init');
    expect(pod.status.initContainerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    const init = e.runtime.listContainers().find((c) => c.name === 'setup');
    const app = e.runtime.listContainers().find((c) => c.name === 'app');
    expect((app?.startedAt ?? 0) >= (init?.finishedAt ?? Infinity)).toBe(true);
  });

  it('CrashLoopBackOff with RESTARTS "3 (Ns ago)"', async () => {
    const e = await start();
    e.runtime.behaviours['busybox:1.36'] = { exitAfterMs: 1000, exitCode: 1 };
    await e.cluster.adminClient.create(PODS, podSpec('crash', [{ name: 'c', image: 'busybox:1.36' }]));
    // pull 1.2 s; runs 1 s each: crash at ~2.2, restart at once, crash ~3.2, +10 s, crash, +20 s, crash → 3 restarts by ~37 s
    await e.advance(45_000);
    const pod = await e.pod('crash');
    const p = printed(e, pod);
    expect(p.status).toBe('CrashLoopBackOff');
    expect(p.restarts).toMatch(/^3 \(\d+s ago\)$/);
    expect(pod.status.containerStatuses[0].state.waiting.message).toBe(`back-off 40s restarting failed container=c pod=crash_default(${pod.metadata?.uid})`);
    expect(pod.status.containerStatuses[0].lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(pod.status.phase).toBe('Running');
  });

  it('readiness: Ready follows the probe, with "Readiness probe failed: HTTP probe failed with statuscode: 500"', async () => {
    const e = await start();
    let healthy = true;
    e.runtime.behaviours['nginx:1.27'] = { http: () => (healthy ? 200 : 500) };
    await e.cluster.adminClient.create(PODS, podSpec('ready', [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5 } }]));
    await e.advance(3000);
    expect(printed(e, await e.pod('ready')).ready).toBe('1/1');
    healthy = false;
    await e.advance(16_000);
    expect(printed(e, await e.pod('ready')).ready).toBe('0/1');
    const ready = (await e.pod('ready')).status.conditions.find((c: any) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' });
    expect((await e.events('ready')).find((x) => x.reason === 'Unhealthy')?.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 500');
    healthy = true;
    await e.advance(6000);
    expect(printed(e, await e.pod('ready')).ready).toBe('1/1');
  });

  it('liveness httpGet: restart after failureThreshold × periodSeconds of failures', async () => {
    const e = await start();
    let healthy = true;
    e.runtime.behaviours['nginx:1.27'] = { http: () => (healthy ? 200 : 500) };
    await e.cluster.adminClient.create(PODS, podSpec('live', [{ name: 'web', image: 'nginx:1.27', livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 10, failureThreshold: 3 } }]));
    await e.advance(3000);
    healthy = false;
    const failingFrom = e.clock.now();
    await e.advance(25_000);
    expect((await e.pod('live')).status.containerStatuses[0].restartCount).toBe(0);
    await e.advance(10_000);
    const [first, second] = e.runtime.listContainers().filter((c) => c.name === 'web');
    expect(second).toBeDefined();
    expect(Math.round(((first?.finishedAt ?? 0) - failingFrom) / 1000)).toBeGreaterThanOrEqual(27);
    expect(Math.round(((first?.finishedAt ?? 0) - failingFrom) / 1000)).toBeLessThanOrEqual(30);
    expect((await e.pod('live')).status.containerStatuses[0].restartCount).toBe(1);
  });

  it('environment, volumes, resolv.conf and /etc/hosts handed to the runtime', async () => {
    const e = await start();
    const ns = 'default';
    await e.cluster.adminClient.create({ group: '', version: 'v1', resource: 'configmaps', namespace: ns }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { color: 'blue', 'app.conf': 'x=1' } });
    await e.cluster.adminClient.create({ group: '', version: 'v1', resource: 'secrets', namespace: ns }, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec' }, data: { password: Buffer.from('s3cret').toString('base64') } });
    await e.advance(100);
    await e.cluster.adminClient.create(
      PODS,
      podSpec('env', [
        {
          name: 'app',
          image: 'nginx:1.27',
          command: ['echo', '$(GREETING) $(COLOR)'],
          envFrom: [{ configMapRef: { name: 'cfg' }, prefix: 'CFG_' }],
          env: [
            { name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'color' } } },
            { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
            { name: 'GREETING', value: 'hello' },
            { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
            { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
            { name: 'MISSING', valueFrom: { configMapKeyRef: { name: 'absent', key: 'k', optional: true } } },
          ],
          volumeMounts: [{ name: 'conf', mountPath: '/etc/app' }],
        },
      ], { volumes: [{ name: 'conf', configMap: { name: 'cfg' } }] }),
    );
    await e.advance(3000);
    const id = e.kubelet.containerId((await e.pod('env')).metadata?.uid ?? '', 'app', false) ?? '';
    const config = e.runtime.config(id);
    const env = Object.fromEntries((config?.env ?? []).map((x) => [x.name, x.value]));
    expect(env).toMatchObject({ CFG_color: 'blue', COLOR: 'blue', PASSWORD: 's3cret', GREETING: 'hello', POD_NAME: 'env', KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' });
    expect(env['POD_IP']).toMatch(/^10\.244\.\d+\./);
    expect(env).not.toHaveProperty('MISSING');
    expect(config?.command).toEqual(['echo', '$(GREETING) $(COLOR)'.replace('$(GREETING)', 'hello').replace('$(COLOR)', 'blue')]);
    expect(config?.mounts.find((m) => m.containerPath === '/etc/app')?.files).toEqual({ color: 'blue', 'app.conf': 'x=1' });
    const token = config?.mounts.find((m) => m.containerPath === '/var/run/secrets/kubernetes.io/serviceaccount');
    expect(Object.keys(token?.files ?? {}).sort()).toEqual(['ca.crt', 'namespace', 'token']);
    expect(token?.files['namespace']).toBe('default');
    const sandbox = [...e.runtime.sandboxes.values()][0];
    expect(sandbox?.resolvConf).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(sandbox?.hostsFile).toContain(`${sandbox?.ip}\tenv\n`);
  });

  it('force delete: the kubelet kills the containers of a pod that vanished', async () => {
    const e = await start();
    await e.cluster.adminClient.create(PODS, podSpec('gone', [{ name: 'web', image: 'nginx:1.27' }]));
    await e.advance(3000);
    await e.cluster.adminClient.delete({ ...PODS, name: 'gone' }, { gracePeriodSeconds: 0 });
    await e.advance(5000);
    expect(e.runtime.listContainers().every((c) => c.state === 'exited')).toBe(true);
    expect(e.runtime.sandboxes.size).toBe(0);
  });

  it('memory pressure: MemoryPressure True and a BestEffort pod Evicted with the upstream message', async () => {
    const e = await start();
    await e.cluster.adminClient.create(PODS, podSpec('hog', [{ name: 'hog', image: 'nginx:1.27' }]));
    await e.advance(3000);
    e.kubelet.setMemoryPressure(16 * 1024 ** 3 - 50 * 1024 ** 2);
    await e.advance(11_000);
    const node = (await e.cluster.adminClient.get({ group: '', version: 'v1', resource: 'nodes', name: 'node-1' })) as any;
    expect(node.status.conditions.find((c: any) => c.type === 'MemoryPressure')).toMatchObject({ status: 'True', reason: 'KubeletHasInsufficientMemory', message: 'kubelet has insufficient memory available' });
    const pod = await e.pod('hog');
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
    expect(pod.status.message).toMatch(/^The node was low on resource: memory\. Threshold quantity: 100Mi, available: \d+(Ki|Mi)\. Container hog was using 10Mi, request is 0, has larger consumption of memory\. $/);
  });

  it('a partitioned kubelet posts nothing (no lease renewals) while containers keep running; it resumes after', async () => {
    const e = await start();
    await e.cluster.adminClient.create(PODS, podSpec('p', [{ name: 'web', image: 'nginx:1.27' }]));
    await e.advance(3000);
    const lease = async () => ((await e.cluster.adminClient.get({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease', name: 'node-1' })) as any).spec.renewTime;
    e.kubelet.setPartitioned(true);
    expect(e.kubelet.reachable()).toBe(false);
    const before = await lease();
    await e.advance(60_000);
    expect(await lease()).toBe(before);
    expect(e.runtime.listContainers().filter((c) => c.state === 'running')).toHaveLength(1);
    e.kubelet.setPartitioned(false);
    await e.advance(10_000);
    expect(await lease()).not.toBe(before);
  });
});
