import { describe, expect, it } from 'vitest';
import { PODS, podSpec, start } from './kubelet-harness';

const NODES = { group: '', version: 'v1', resource: 'nodes' };

describe('node registration and faults', () => {
  it('creates its Node when none exists, and runs pods only once spec.podCIDR is assigned', async () => {
    const e = await start({ assignPodCidr: false });
    const node = (await e.cluster.adminClient.get({ ...NODES, name: 'node-1' })) as any;
    expect(node.metadata.labels).toMatchObject({
      'kubernetes.io/hostname': 'node-1',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'beta.kubernetes.io/arch': 'amd64',
      'topology.kubernetes.io/zone': 'zone-a',
      'topology.kubernetes.io/region': 'lab',
    });
    expect(node.status.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'node-1' },
    ]);
    expect(node.status.capacity).toMatchObject({ cpu: '4', memory: '16Gi', pods: '110' });
    expect(node.status.allocatable).toEqual(node.status.capacity);
    expect(node.status.nodeInfo).toMatchObject({ containerRuntimeVersion: 'containerd://1.7.24', operatingSystem: 'linux', architecture: 'amd64' });
    expect(node.status.nodeInfo.machineID).toMatch(/^[0-9a-f]{32}$/);

    await e.cluster.adminClient.create(PODS, podSpec('waits', [{ name: 'web', image: 'nginx:1.27' }]));
    await e.advance(5000);
    let cidr = (await e.cluster.adminClient.get({ ...NODES, name: 'node-1' }) as any).spec.podCIDR as string | undefined;
    if (!cidr) {
      // No node IPAM controller in this cluster: the pod waits for a podCIDR, then we play the controller's part.
      const waiting = await e.pod('waits');
      expect(waiting.status.containerStatuses[0].state.waiting.reason).toBe('ContainerCreating');
      expect(waiting.status.podIP).toBeUndefined();
      cidr = '10.244.7.0/24';
      await e.cluster.adminClient.patch({ ...NODES, name: 'node-1' }, 'merge', { spec: { podCIDR: cidr, podCIDRs: [cidr] } });
      await e.advance(5000);
    }
    const running = await e.pod('waits');
    expect(running.status.phase).toBe('Running');
    expect(running.status.podIP).toBe(cidr.replace(/\.0\/\d+$/, '.2'));
    expect(running.status.hostIP).toBe('172.18.0.3');
  });

  it('a stopped kubelet posts nothing: no lease renewals, no status', async () => {
    const e = await start();
    const lease = async () => ((await e.cluster.adminClient.get({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease', name: 'node-1' })) as any).spec.renewTime;
    const before = await lease();
    e.kubelet.stop();
    expect(e.kubelet.reachable()).toBe(false);
    await e.cluster.adminClient.create(PODS, podSpec('ignored', [{ name: 'web', image: 'nginx:1.27' }]));
    await e.advance(60_000);
    expect(await lease()).toBe(before);
    expect((await e.pod('ignored')).status.containerStatuses).toBeUndefined();
  });

  it('a pod whose containers all exit 0 with restartPolicy Never ends Succeeded (kubectl: Completed)', async () => {
    const e = await start();
    e.runtime.behaviours['busybox:1.36'] = { exitAfterMs: 2000, exitCode: 0 };
    await e.cluster.adminClient.create(PODS, podSpec('job', [{ name: 'once', image: 'busybox:1.36' }], { restartPolicy: 'Never' }));
    await e.advance(10_000);
    const pod = await e.pod('job');
    expect(pod.status.phase).toBe('Succeeded');
    expect(pod.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(pod.status.conditions.find((c: any) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(pod.status.conditions.find((c: any) => c.type === 'PodReadyToStartContainers')).toMatchObject({ status: 'False' });
  });

  it('a sidecar (init container with restartPolicy Always) keeps running beside the app', async () => {
    const e = await start();
    await e.cluster.adminClient.create(PODS, podSpec('side', [{ name: 'app', image: 'nginx:1.27' }], { initContainers: [{ name: 'proxy', image: 'envoy:1.0', restartPolicy: 'Always' }] }));
    await e.advance(10_000);
    const pod = await e.pod('side');
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.initContainerStatuses[0]).toMatchObject({ name: 'proxy', started: true, ready: true });
    expect(pod.status.initContainerStatuses[0].state.running).toBeDefined();
    expect(pod.status.conditions.find((c: any) => c.type === 'Initialized')).toMatchObject({ status: 'True' });
  });

  it('a kubelet restarted after stop() adopts the running pods instead of recreating them', async () => {
    const e = await start();
    e.runtime.behaviours['busybox:1.36'] = { exitAfterMs: 60_000, exitCode: 1 };
    await e.cluster.adminClient.create(PODS, podSpec('kept', [{ name: 'web', image: 'nginx:1.27' }, { name: 'job', image: 'busybox:1.36' }]));
    await e.advance(5000);
    const before = await e.pod('kept');
    const uid = before.metadata?.uid ?? '';
    const webId = e.kubelet.containerId(uid, 'web', false);
    e.kubelet.stop();
    await e.advance(30_000);
    const next = await e.restartKubelet(e.kubelet.handOver());
    await e.advance(5000);
    expect(next.containerId(uid, 'web', false)).toBe(webId);
    expect(e.runtime.sandboxes.size).toBe(1);
    expect(e.runtime.listContainers().filter((c) => c.name === 'web')).toHaveLength(1);
    // The busybox container exited while no kubelet ran: the new kubelet restarts it as restart 1.
    await e.advance(40_000);
    const after = await e.pod('kept');
    expect(after.status.podIP).toBe(before.status.podIP);
    expect(after.status.containerStatuses.find((c: any) => c.name === 'job').restartCount).toBe(1);
    expect(after.status.containerStatuses.find((c: any) => c.name === 'web').restartCount).toBe(0);
  });
});
