/**
 * A lab cluster (real in-process API server) under a VirtualClock with one Kubelet for node-1 over the fake
 * runtime; `advance` jumps timer to timer, letting promise chains settle in between.
 */
import { afterEach } from 'vitest';
import type { KubeObject } from '../../../engine/api/objects';
import { Logger, silentSink } from '../../../engine/base/logger';
import { VirtualClock } from '../../../engine/base/virtual-clock';
import { ApiClient } from '../../../engine/client/api-client';
import { createLabCluster, type LabCluster } from '../../../engine/cluster/lab-cluster';
import { Kubelet, type KubeletHandOver } from '../../../engine/kubelet/kubelet';
import { MvccStore } from '../../../engine/store/mvcc-store';
import type { ContainerRuntime } from '../../../engine/kubelet/runtime/container-runtime';
import { FakeRuntime } from './fake-runtime';

export const START = Date.UTC(2026, 10, 23, 12, 0, 0);
export const PODS = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };

export interface Env<R extends ContainerRuntime = FakeRuntime> {
  clock: VirtualClock;
  cluster: LabCluster;
  runtime: R;
  kubelet: Kubelet;
  /** A second kubelet for node-1 over the same runtime (a restart after stop()); disposed with the env. */
  restartKubelet(resume: KubeletHandOver): Promise<Kubelet>;
  advance(ms: number): Promise<void>;
  pod(name: string): Promise<KubeObject & { status?: any }>;
  events(name: string): Promise<Array<{ reason: string; message: string; count: number }>>;
}

let env: Env<ContainerRuntime> | undefined;
const extraKubelets: Kubelet[] = [];
afterEach(async () => {
  env?.kubelet.dispose();
  for (const k of extraKubelets.splice(0)) k.dispose();
  await env?.cluster.close();
  env = undefined;
});

/**
 * The cluster is built with no nodes of its own (no bootstrap Node, no built-in kubelet): the kubelet under test
 * registers node-1. Unless `assignPodCidr` is false, node-1 gets 10.244.1.0/24 when no node IPAM controller in
 * the cluster has assigned a podCIDR within the first second.
 */
export function start(opts: StartOptions = {}): Promise<Env> {
  return startWith((clock) => new FakeRuntime(clock), opts);
}

/** The same cluster over another runtime (e.g. the SimulatedRuntime). */
export interface StartOptions {
  assignPodCidr?: boolean;
}

export async function startWith<R extends ContainerRuntime>(makeRuntime: (clock: VirtualClock) => R, opts: StartOptions = {}): Promise<Env<R>> {
  const clock = new VirtualClock({ startMs: START, seed: 1 });
  const logger = new Logger(silentSink, 'test', () => clock.now());
  const cluster = await createLabCluster({ store: new MvccStore(), clock, logger, nodes: 0, zones: ['zone-a'], apiServerPort: 6443, caPem: 'CA' });
  const runtime = makeRuntime(clock);
  const client = new ApiClient(cluster.apiServer, { name: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] }, 'kubelet/v1.32.4 (linux/amd64) kubernetes/59526cd');
  const node = { name: 'node-1', index: 1, zone: 'zone-a', region: 'lab', cpu: '4', memory: '16Gi', pods: 110 };
  const kubelet = new Kubelet({ client, clock, logger, runtime, node });
  const settle = async () => {
    for (let i = 0; i < 6; i++) await new Promise<void>((r) => setImmediate(r));
  };
  const advance = async (ms: number) => {
    const target = clock.now() + ms;
    await settle();
    for (;;) {
      const due = clock.nextDue();
      if (due === undefined || due > target) break;
      clock.advance(Math.max(0, due - clock.now()));
      await settle();
    }
    clock.advance(target - clock.now());
    await settle();
  };
  await kubelet.start(); // registration needs no virtual time
  const e: Env<R> = {
    clock,
    cluster,
    runtime,
    kubelet,
    restartKubelet: async (resume) => {
      const k = new Kubelet({ client, clock, logger, runtime, node, resume });
      extraKubelets.push(k);
      await k.start();
      return k;
    },
    advance,
    pod: (name) => cluster.adminClient.get({ ...PODS, name }),
    events: async (name) =>
      ((await cluster.adminClient.list({ group: '', version: 'v1', resource: 'events', namespace: 'default' })).items as any[])
        .filter((ev) => ev.involvedObject.name === name)
        .map((ev) => ({ reason: ev.reason, message: ev.message, count: ev.count })),
  };
  env = e;
  await advance(1000);
  const nodes = { group: '', version: 'v1', resource: 'nodes', name: 'node-1' };
  const registered = await cluster.adminClient.get(nodes);
  if (opts.assignPodCidr !== false && !(registered['spec'] as { podCIDR?: string } | undefined)?.podCIDR) {
    await cluster.adminClient.patch(nodes, 'merge', { spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] } });
  }
  return e;
}

export function podSpec(name: string, containers: unknown[], extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: 'node-1', containers, ...extra } };
}

