/**
 * B7 — two figures.
 *
 * Cold start: the headless control plane (main/control-plane.ts: file store in a fresh temporary data directory,
 * clock driver at ×1, every cluster part, one node) from `createControlPlane()` to its Node Ready (polled every
 * 5 ms through the admin client) and on to a pod Running. The pod (pause, imagePullPolicy IfNotPresent) is
 * created as soon as the Node is Ready; pause is the sandbox image every node's runtime holds from the start (as on
 * a kind node), so no pull happens. Goal: ≤ 1 s to the Running pod.
 *
 * Heap at 10,000 pods: a lab cluster over the in-memory MvccStore (API server, controllers, scheduler; no
 * kubelets: its 100 Nodes are registered once), 10,000 pods created and bound by the scheduler; then
 * `process.memoryUsage().heapUsed` after two full collections (`gc()`, exposed at run time with
 * v8.setFlagsFromString('--expose-gc')). The figure is the whole process's heap (tsx's loader included).
 * Goal: ≤ 250 MB. The ratio printed is the worse of (1 s ÷ cold start) and (250 MB ÷ heap).
 * Run: `npx tsx tests/bench/cold-start-bench.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { KubeObject } from '../../engine/api/objects';
import { Logger } from '../../engine/base/logger';
import type { ApiClient } from '../../engine/client/api-client';
import { createLabCluster } from '../../engine/cluster/lab-cluster';
import { MvccStore } from '../../engine/store/mvcc-store';
import { startClockDriver } from '../../main/clock-driver';
import { createControlPlane } from '../../main/control-plane';
import { printBench, type BenchResult } from './bench-result';

const COLD_START_GOAL_S = 1;
const HEAP_GOAL_MB = 250;
const HEAP_PODS = 10_000;
const HEAP_NODES = 100;
const NAMESPACE = 'default';
const PODS = { group: '', version: 'v1', resource: 'pods', namespace: NAMESPACE };
const NODES = { group: '', version: 'v1', resource: 'nodes' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const condition = (o: KubeObject | undefined, type: string) =>
  ((o?.['status'] as { conditions?: Array<{ type?: string; status?: string }> } | undefined)?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

async function pollUntil(done: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

const tryGet = async (client: ApiClient, ref: Parameters<ApiClient['get']>[0]) => {
  try {
    return await client.get(ref);
  } catch {
    return undefined;
  }
};

async function coldStart(): Promise<{ nodeReadySeconds: number; podRunningSeconds: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cluster-lab-b7-'));
  const t0 = performance.now();
  const cp = await createControlPlane({ dataDir, nodes: 1, zones: ['zone-a'], speed: 1, seed: 1 });
  const admin = cp.cluster.adminClient;
  try {
    await pollUntil(async () => condition(await tryGet(admin, { ...NODES, name: 'node-1' }), 'Ready'), 10_000, 'node Ready');
    const nodeReadySeconds = (performance.now() - t0) / 1000;
    await admin.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cold' }, spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', imagePullPolicy: 'IfNotPresent' }] } });
    await pollUntil(async () => ((await tryGet(admin, { ...PODS, name: 'cold' }))?.['status'] as { phase?: string } | undefined)?.phase === 'Running', 10_000, 'pod Running');
    return { nodeReadySeconds, podRunningSeconds: (performance.now() - t0) / 1000 };
  } finally {
    await cp.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function heapAtPods(): Promise<{ heapUsedMB: number; boundPods: number }> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const driver = startClockDriver({ speed: 1, seed: 1 });
  const cluster = await createLabCluster({
    store: new MvccStore(),
    clock: driver.clock,
    logger: new Logger(() => {}, 'bench', () => driver.clock.now(), 'error'),
    nodes: HEAP_NODES,
    zones: ['zone-a', 'zone-b'],
    apiServerPort: 6443,
    caPem: 'CA',
    without: { kubelets: true, labGroup: true },
  });
  try {
    // Registered Nodes carry the not-ready taint admission adds; with no kubelet to report Ready, lift it.
    for (const n of (await cluster.adminClient.list(NODES)).items) await cluster.adminClient.patch({ ...NODES, name: n.metadata?.name }, 'merge', { spec: { taints: null } });
    for (let i = 0; i < HEAP_PODS; i++) {
      await cluster.adminClient.create(PODS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, labels: { app: 'heap' } }, spec: { containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10' }] } });
    }
    let boundPods = 0;
    await pollUntil(
      async () => {
        boundPods = (await cluster.adminClient.list(PODS)).items.filter((p) => (p['spec'] as { nodeName?: string }).nodeName).length;
        return boundPods === HEAP_PODS;
      },
      60_000,
      'pods bound',
    );
    await sleep(200); // events and informers catch up
    gc();
    gc();
    return { heapUsedMB: process.memoryUsage().heapUsed / 2 ** 20, boundPods };
  } finally {
    await cluster.close();
    driver.stop();
  }
}

export async function coldStartBench(): Promise<BenchResult> {
  const cold = await coldStart();
  const heap = await heapAtPods();
  const ratio = Math.min(COLD_START_GOAL_S / cold.podRunningSeconds, HEAP_GOAL_MB / heap.heapUsedMB);
  const result: BenchResult = {
    name: 'cold start + heap (B7)',
    figures: {
      coldStartNodeReadySeconds: cold.nodeReadySeconds,
      coldStartPodRunningSeconds: cold.podRunningSeconds,
      pods: HEAP_PODS,
      boundPods: heap.boundPods,
      heapUsedAfterGcMB: heap.heapUsedMB,
    },
    ratio,
    goal: `cold start to Ready node + Running pod ≤ ${COLD_START_GOAL_S} s; heapUsed after gc() ≤ ${HEAP_GOAL_MB} MB at ${HEAP_PODS} pods (ratio = worse of the two goal ÷ measured)`,
    pass: ratio >= 1,
  };
  printBench(result);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await coldStartBench();
