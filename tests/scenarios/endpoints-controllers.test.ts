/**
 * Issue #3 acceptance (Endpoints part of issue #4): "a readiness failure flips Ready and removes the endpoint";
 * on graceful deletion "the endpoint goes away before the Pod does" — with the real kubelets, runtime and
 * scheduler of the sim cluster and its Endpoints + EndpointSlice controllers (createLabCluster runs them).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EndpointSubset, Pod } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject } from '../../engine/api/objects';
import { Logger } from '../../engine/base/logger';
import { ApiClient, type ResourceRef } from '../../engine/client/api-client';
import { Informer } from '../../engine/client/informer';
import { ADMIN_USER } from '../../engine/cluster/lab-cluster';
import { EndpointsController } from '../../engine/controllers/endpoints-controller';
import { PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const SERVICES: ResourceRef = { group: '', version: 'v1', resource: 'services' };
const ENDPOINTS: ResourceRef = { group: '', version: 'v1', resource: 'endpoints' };
const SLICES: ResourceRef = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };

type Ep = KubeObject & { subsets?: EndpointSubset[] };
type Slice = KubeObject & EndpointSlice;

let sim: SimCluster;
let informers: Informer[];
let loops: Array<{ dispose(): void }>;

beforeEach(async () => {
  sim = await startSimCluster({ nodes: 2, zones: ['zone-a', 'zone-b'] });
  informers = [];
  loops = [];
});
afterEach(async () => {
  for (const l of loops) l.dispose();
  for (const i of informers) i.dispose();
  await sim.close();
});

const nginx = (name: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }] },
});

const webService: KubeObject = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', labels: { tier: 'frontend' } },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] },
};

const endpointsOf = async (name: string) => (await sim.admin.get<Ep>({ ...ENDPOINTS, namespace: 'default', name }));
const slicesOf = async (name: string) =>
  (await sim.admin.list<Slice>({ ...SLICES, namespace: 'default' }, { labelSelector: `kubernetes.io/service-name=${name}` })).items;
const ready = (p: KubeObject) => (p as Pod).status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
const ipOf = async (name: string) => ((await sim.pod('default', name)) as Pod).status?.podIP ?? '';

async function twoReadyNginx(): Promise<void> {
  await sim.admin.create({ ...SERVICES, namespace: 'default' }, webService);
  await sim.admin.create({ ...PODS, namespace: 'default' }, nginx('web-1'));
  await sim.admin.create({ ...PODS, namespace: 'default' }, nginx('web-2'));
  await sim.advanceUntil(async () => ready(await sim.pod('default', 'web-1')) && ready(await sim.pod('default', 'web-2')), 120_000);
  await sim.settle();
}

describe('Endpoints and EndpointSlices follow the pods', () => {
  it('a Service selecting two running nginx pods lists both addresses, port resolved from the named targetPort', async () => {
    await twoReadyNginx();
    const ep = await endpointsOf('web');
    const ips = [await ipOf('web-1'), await ipOf('web-2')].sort();
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0]!.addresses!.map((a) => a.ip)).toEqual(ips);
    expect(ep.subsets![0]!.notReadyAddresses).toBeUndefined();
    expect(ep.subsets![0]!.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    const pod1 = (await sim.pod('default', 'web-1')) as Pod;
    const a1 = ep.subsets![0]!.addresses!.find((a) => a.ip === pod1.status?.podIP)!;
    expect(a1.nodeName).toBe(pod1.spec?.nodeName);
    expect(a1.targetRef).toEqual({ kind: 'Pod', namespace: 'default', name: 'web-1', uid: pod1.metadata?.uid });
    // The Service's labels are copied; it has a ClusterIP, so no headless label.
    expect(ep.metadata?.labels).toEqual({ tier: 'frontend' });

    const slices = await slicesOf('web');
    expect(slices).toHaveLength(1);
    const slice = slices[0]!;
    expect(slice.metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice.metadata?.labels).toEqual({
      tier: 'frontend',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
    const svc = await sim.admin.get({ ...SERVICES, namespace: 'default', name: 'web' });
    expect(slice.metadata?.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Service', name: 'web', uid: svc.metadata?.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(slice.addressType).toBe('IPv4');
    expect(slice.ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    expect(slice.endpoints.map((e) => e.addresses[0]).sort()).toEqual(ips);
    const e1 = slice.endpoints.find((e) => e.targetRef?.name === 'web-1')!;
    expect(e1.conditions).toEqual({ ready: true, serving: true, terminating: false });
    const node = await sim.admin.get({ group: '', version: 'v1', resource: 'nodes', name: pod1.spec?.nodeName });
    expect(e1.zone).toBe(node.metadata?.labels?.['topology.kubernetes.io/zone']);
    expect(e1.nodeName).toBe(pod1.spec?.nodeName);
  });

  it('a failing readiness probe moves the address to notReadyAddresses and marks the slice endpoint not ready', async () => {
    await sim.admin.create({ ...SERVICES, namespace: 'default' }, webService);
    await sim.admin.create({ ...PODS, namespace: 'default' }, nginx('web-1'));
    // Ready while /tmp/ready exists, which the container removes after 30 s.
    await sim.admin.create({ ...PODS, namespace: 'default' }, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'flaky', labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'busybox:1.36',
            args: ['/bin/sh', '-c', 'touch /tmp/ready; sleep 30; rm -f /tmp/ready; sleep 600'],
            ports: [{ name: 'http', containerPort: 80 }],
            readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 2, failureThreshold: 1 },
          },
        ],
      },
    });
    await sim.advanceUntil(async () => ready(await sim.pod('default', 'flaky')) && ready(await sim.pod('default', 'web-1')), 120_000);
    await sim.settle();
    const flakyIP = await ipOf('flaky');
    expect((await endpointsOf('web')).subsets?.flatMap((s) => s.addresses ?? []).map((a) => a.ip)).toContain(flakyIP);

    // Stamp each watch event with the virtual time it arrived at.
    const seen: Array<{ kind: string; at: number; object: KubeObject }> = [];
    const stamp = (kind: string) => (e: { object: KubeObject }) => seen.push({ kind, at: sim.clock.now(), object: e.object });
    const subs = [
      await sim.admin.watch(PODS, { fieldSelector: 'metadata.name=flaky', resourceVersion: '0' }, stamp('pod'), () => {}),
      await sim.admin.watch(ENDPOINTS, { fieldSelector: 'metadata.name=web', resourceVersion: '0' }, stamp('ep'), () => {}),
    ];
    await sim.advanceUntil(async () => !ready(await sim.pod('default', 'flaky')), 60_000, 500);
    await sim.settle();
    for (const sub of subs) sub.dispose();
    // The kubelet's status write and the controller's Endpoints write happen at the same virtual instant.
    const flipped = seen.find((e) => e.kind === 'pod' && !ready(e.object))!;
    const moved = seen.find((e) => e.kind === 'ep' && JSON.stringify((e.object as Ep).subsets?.flatMap((ss) => ss.notReadyAddresses ?? [])).includes(flakyIP))!;
    expect(moved).toBeDefined();
    expect(moved.at).toBe(flipped.at);
    const ep = await endpointsOf('web');
    const readyIPs = ep.subsets!.flatMap((s) => s.addresses ?? []).map((a) => a.ip);
    const notReady = ep.subsets!.flatMap((s) => s.notReadyAddresses ?? []);
    expect(readyIPs).toEqual([await ipOf('web-1')]);
    expect(notReady.map((a) => a.ip)).toEqual([flakyIP]);
    expect(notReady[0]!.targetRef?.name).toBe('flaky');
    // The annotation carries the Ready condition's lastTransitionTime (the latest change since the last sync).
    const flaky = (await sim.pod('default', 'flaky')) as Pod;
    const transition = flaky.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
    expect(ep.metadata?.annotations?.['endpoints.kubernetes.io/last-change-trigger-time']).toBe(transition);

    const e = (await slicesOf('web')).flatMap((s) => s.endpoints).find((x) => x.targetRef?.name === 'flaky')!;
    expect(e.conditions).toEqual({ ready: false, serving: false, terminating: false });
  });

  it('DELETE of an nginx pod: the Endpoints drop its address at a revision before the pod object is deleted', async () => {
    await twoReadyNginx();
    const ip2 = await ipOf('web-2');
    const epWatch = await sim.record(ENDPOINTS, { fieldSelector: 'metadata.name=web' });
    const podWatch = await sim.record(PODS, { fieldSelector: 'metadata.name=web-2' });
    await sim.admin.delete({ ...PODS, namespace: 'default', name: 'web-2' });
    await sim.advanceUntil(async () => podWatch.events.some((e) => e.type === 'DELETED'), 60_000);
    epWatch.stop();
    podWatch.stop();
    const rv = (o: KubeObject) => Number(o.metadata?.resourceVersion);
    const marked = podWatch.events.find((e) => e.type === 'MODIFIED' && e.object.metadata?.deletionTimestamp)!;
    const gone = podWatch.events.find((e) => e.type === 'DELETED')!;
    const dropped = epWatch.events.find((e) => !JSON.stringify((e.object as Ep).subsets ?? []).includes(`"${ip2}"`))!;
    expect(dropped).toBeDefined();
    expect(rv(marked.object)).toBeLessThan(rv(dropped.object));
    expect(rv(dropped.object)).toBeLessThan(rv(gone.object));
    expect((dropped.object as Ep).subsets!.flatMap((s) => s.addresses ?? []).map((a) => a.ip)).toEqual([await ipOf('web-1')]);
  });

  it('DELETE with the default 30 s grace of a pod that ignores SIGTERM: gone from the Endpoints while still Terminating', async () => {
    await sim.admin.create({ ...SERVICES, namespace: 'default' }, webService);
    // sh as PID 1 has no SIGTERM handler: the pod stays Terminating for the whole 30 s grace period.
    await sim.admin.create({ ...PODS, namespace: 'default' }, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'stubborn', labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'busybox:1.36', args: ['/bin/sh', '-c', 'sleep 3600'], ports: [{ name: 'http', containerPort: 80 }] }] },
    });
    await sim.advanceUntil(async () => ready(await sim.pod('default', 'stubborn')), 120_000);
    await sim.settle();
    expect((await endpointsOf('web')).subsets?.[0]?.addresses?.map((a) => a.ip)).toEqual([await ipOf('stubborn')]);

    await sim.admin.delete({ ...PODS, namespace: 'default', name: 'stubborn' });
    await sim.advance(10_000);
    const podObject = await sim.pod('default', 'stubborn');
    const pod = podObject as Pod;
    expect(pod.metadata?.deletionTimestamp).toBeDefined();
    expect(pod.metadata?.deletionGracePeriodSeconds).toBe(30);
    // Upstream 1.32: a terminating pod leaves the Endpoints (publishNotReadyAddresses is false) ...
    expect((await endpointsOf('web')).subsets ?? []).toEqual([]);
    // ... and stays in the slice as terminating, serving as long as it is still Ready.
    const e = (await slicesOf('web')).flatMap((s) => s.endpoints ?? []).find((x) => x.targetRef?.name === 'stubborn');
    expect(e?.conditions).toEqual({ ready: false, serving: ready(podObject), terminating: true });

    await sim.advanceUntil(async () => (await sim.admin.list({ ...PODS, namespace: 'default' })).items.every((p) => p.metadata?.name !== 'stubborn'), 60_000);
    await sim.settle();
    // The last endpoint gone: the slice is emptied (kept as the Service's placeholder).
    expect((await slicesOf('web')).flatMap((s) => s.endpoints ?? [])).toEqual([]);
  });

  it('deleting the Service deletes its Endpoints; the GC removes its slices', async () => {
    await twoReadyNginx();
    await sim.admin.delete({ ...SERVICES, namespace: 'default', name: 'web' });
    await sim.advance(2000);
    await expect(endpointsOf('web')).rejects.toMatchObject({ code: 404 });
    expect(await slicesOf('web')).toEqual([]);
  });

  it('a Service without a selector is left alone; a headless Service gets the headless label', async () => {
    await sim.admin.create({ ...SERVICES, namespace: 'default' }, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'manual' }, spec: { ports: [{ port: 80 }] } });
    await sim.admin.create({ ...SERVICES, namespace: 'default' }, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-headless' },
      spec: { clusterIP: 'None', selector: { app: 'web' }, ports: [{ port: 80 }] },
    });
    await sim.settle();
    await expect(endpointsOf('manual')).rejects.toMatchObject({ code: 404 });
    expect(await slicesOf('manual')).toEqual([]);
    const ep = await endpointsOf('web-headless');
    expect(ep.metadata?.labels).toEqual({ 'service.kubernetes.io/headless': '' });
    expect(ep.subsets ?? []).toEqual([]);
    // No pods yet: one empty placeholder slice.
    const slices = await slicesOf('web-headless');
    expect(slices).toHaveLength(1);
    expect(slices[0]!.endpoints ?? []).toEqual([]);
    expect(slices[0]!.metadata?.labels?.['service.kubernetes.io/headless']).toBe('');
  });

  it('a (re)started Endpoints controller removes Endpoints whose Service is gone, and keeps those of selectorless Services', async () => {
    const manualEndpoints = { apiVersion: 'v1', kind: 'Endpoints', subsets: [{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 80 }] }] };
    await sim.admin.create({ ...SERVICES, namespace: 'default' }, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'external' }, spec: { ports: [{ port: 80 }] } });
    await sim.admin.create({ ...ENDPOINTS, namespace: 'default' }, { ...manualEndpoints, metadata: { name: 'external' } });
    await sim.admin.create({ ...ENDPOINTS, namespace: 'default' }, { ...manualEndpoints, metadata: { name: 'orphan' } });
    await sim.settle();
    // A running controller only reacts to Endpoints deletions, so the orphan stays until a controller starts.
    expect((await endpointsOf('orphan')).subsets).toHaveLength(1);

    const client = new ApiClient(sim.cluster.apiServer, ADMIN_USER, 'kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/59526cd');
    const fresh = [SERVICES, PODS, ENDPOINTS].map((ref) => new Informer(client, ref, sim.clock));
    informers.push(...fresh);
    const log = new Logger(() => {}, 'controller-manager', () => sim.clock.now());
    const restarted = new EndpointsController(client, fresh[0]!, fresh[1]!, fresh[2]!, sim.clock, log);
    loops.push(restarted.loop);
    await Promise.all(fresh.map((i) => i.start()));
    restarted.start();
    await sim.settle();

    await expect(endpointsOf('orphan')).rejects.toMatchObject({ code: 404 });
    expect((await endpointsOf('external')).subsets).toEqual([{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 80, protocol: 'TCP' }] }]);
  });
});
