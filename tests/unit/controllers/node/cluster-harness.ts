/**
 * An in-process lab cluster under a VirtualClock for the node controllers' tests: the API server, informers
 * over a controller-manager client, and helpers that play the kubelet's part (Lease renewals, node status)
 * since the tests run without kubelets.
 */
import type { KubeObject } from '../../../../engine/api/objects';
import { rfc3339, rfc3339Micro } from '../../../../engine/base/clock';
import { Logger, silentSink } from '../../../../engine/base/logger';
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { ApiClient, type ResourceRef } from '../../../../engine/client/api-client';
import { Informer } from '../../../../engine/client/informer';
import { createLabCluster, type LabCluster } from '../../../../engine/cluster/lab-cluster';
import { MvccStore } from '../../../../engine/store/mvcc-store';

export const START = Date.UTC(2026, 10, 23, 12, 0, 0);
export const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes' };
export const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
export const LEASES: ResourceRef = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease' };
export const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events' };

export interface Harness {
  clock: VirtualClock;
  cluster: LabCluster;
  client: ApiClient;
  logger: Logger;
  /** A new informer, not started: construct the controllers on it first, then `sync()` (lab-cluster's order). */
  informer(ref: ResourceRef): Informer;
  /** Starts the informers made since the last call and waits for their first LIST. */
  sync(): Promise<void>;
  /** Lets every pending promise chain (API calls, informer deliveries) run. */
  settle(): Promise<void>;
  /** Advances virtual time in `stepMs` steps, settling after each. */
  advance(ms: number, stepMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(opts: { nodes: number; zones: string[] }): Promise<Harness> {
  const clock = new VirtualClock({ startMs: START, seed: 7 });
  const logger = new Logger(silentSink, 'test', () => clock.now());
  // The node controllers and lab controllers under test run as the tests' own instances, over Nodes no kubelet maintains.
  const cluster = await createLabCluster({ store: new MvccStore(), clock, logger, nodes: opts.nodes, zones: opts.zones, apiServerPort: 6443, caPem: 'CA', without: { kubelets: true, scheduler: true, nodeControllers: true, labGroup: true } });
  const client = new ApiClient(
    cluster.apiServer,
    { name: 'system:kube-controller-manager', groups: ['system:masters', 'system:authenticated'] },
    'kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/59526cd',
  );
  const informers: Informer[] = [];
  const unstarted: Informer[] = [];
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
  };
  const h: Harness = {
    clock,
    cluster,
    client,
    logger,
    informer(ref) {
      const inf = new Informer(client, ref, clock);
      informers.push(inf);
      unstarted.push(inf);
      return inf;
    },
    async sync() {
      await Promise.all(unstarted.splice(0).map((i) => i.start()));
      await settle();
    },
    settle,
    async advance(ms, stepMs = 1000) {
      for (let t = 0; t < ms; t += stepMs) {
        clock.advance(Math.min(stepMs, ms - t));
        await settle();
      }
    },
    async close() {
      for (const i of informers) i.dispose();
      await cluster.close();
    },
  };
  await settle();
  return h;
}

/** What a kubelet's lease controller writes every 10 s. */
export async function renewLease(h: Harness, node: string): Promise<void> {
  const renewTime = rfc3339Micro(h.clock.now());
  try {
    const lease = await h.client.get({ ...LEASES, name: node });
    await h.client.update({ ...LEASES, name: node }, { ...lease, spec: { ...(lease.spec as object), renewTime } });
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
    await h.client.create(LEASES, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: node, namespace: 'kube-node-lease' },
      spec: { holderIdentity: node, leaseDurationSeconds: 40, renewTime },
    });
  }
}

/** The kubelet's node status: the four kubelet conditions with the given Ready status. */
export async function postNodeStatus(h: Harness, node: string, ready: 'True' | 'False', extra: Record<string, 'True' | 'False'> = {}): Promise<void> {
  const now = rfc3339(h.clock.now());
  const current = await h.client.get<KubeObject>({ ...NODES, name: node });
  const old = ((current.status as { conditions?: Array<{ type: string; status: string; lastTransitionTime?: string }> }).conditions ?? []);
  const cond = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: old.find((c) => c.type === type && c.status === status)?.lastTransitionTime ?? now,
    reason,
    message,
  });
  const conditions = [
    cond('MemoryPressure', extra['MemoryPressure'] ?? 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    cond('DiskPressure', extra['DiskPressure'] ?? 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    cond('PIDPressure', extra['PIDPressure'] ?? 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready === 'True'
      ? cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
      : cond('Ready', 'False', 'KubeletNotReady', 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized'),
  ];
  await h.client.update({ ...NODES, name: node, subresource: 'status' }, { ...current, status: { ...(current.status as object), conditions } });
}

/** A running pod bound to `node`, Ready=True, as the kubelet would report it. */
export async function runningPod(h: Harness, name: string, node: string, tolerations?: unknown[]): Promise<KubeObject> {
  const spec: Record<string, unknown> = { nodeName: node, containers: [{ name: 'app', image: 'nginx' }], automountServiceAccountToken: false };
  if (tolerations) spec['tolerations'] = tolerations;
  const pod = await h.client.create<KubeObject>({ ...PODS, namespace: 'default' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec });
  const now = rfc3339(h.clock.now());
  return h.client.update({ ...PODS, namespace: 'default', name, subresource: 'status' }, {
    ...pod,
    status: {
      ...(pod.status as object),
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: now },
        { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now },
      ],
    },
  });
}

export async function eventsFor(h: Harness, name: string): Promise<Array<{ reason: string; message: string; type: string; source: { component: string }; involvedObject: { kind: string; name: string } }>> {
  const list = await h.client.list({ ...EVENTS });
  return (list.items as unknown as Array<{ reason: string; message: string; type: string; source: { component: string }; involvedObject: { kind: string; name: string } }>).filter((e) => e.involvedObject.name === name);
}
