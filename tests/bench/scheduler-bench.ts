/**
 * B1 — scheduler throughput with the API server in the loop: 10,000 pods scheduled onto 5,000 nodes, every
 * binding written (POST pods/{name}/binding) and every `Scheduled` Event written. Goal: ≥ 3,400 pods/s, i.e.
 * 5× scheduler_perf's CI floor of 680 pods/s; the ratio printed is pods/s ÷ 3,400.
 *
 * Setup (untimed): an in-memory MvccStore cluster without kubelets, node/workload controllers or the lab group
 * (its 5,000 Nodes are created through the API server in scheduler_perf's node-default.yaml shape: 4 CPU, 32Gi,
 * 110 pods), then 10,000 pending pods shaped like scheduler_perf's pod-default.yaml (one pause container
 * requesting 100m CPU / 500Mi), created through the API server before any scheduler exists.
 *
 * Timed: from `Scheduler.start()` — whose informer sync enqueues the first pod — until the API server has
 * answered the 10,000th binding request (the pod's nodeName stored). Informer sync (listing 10,000 pods and
 * 5,000 nodes) is inside the window. Events are written off the scheduling loop, as upstream's broadcaster
 * does; after the window the bench waits for them and counts the `Scheduled` events in the store.
 * Run: `npx tsx tests/bench/scheduler-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { KubeObject } from '../../engine/api/objects';
import type { ApiRequest, ApiResponse } from '../../engine/apiserver/handler-types';
import { Logger } from '../../engine/base/logger';
import { ApiClient } from '../../engine/client/api-client';
import { createLabCluster } from '../../engine/cluster/lab-cluster';
import { Scheduler } from '../../engine/scheduler/scheduler';
import { MvccStore } from '../../engine/store/mvcc-store';
import { startClockDriver } from '../../main/clock-driver';
import { printBench, type BenchResult } from './bench-result';

const NODES = Number(process.env.B1_NODES ?? 5_000);
const PODS = Number(process.env.B1_PODS ?? 10_000);
const CI_FLOOR_PODS_PER_SEC = 680;
const GOAL_PODS_PER_SEC = 5 * CI_FLOOR_PODS_PER_SEC;
const NAMESPACE = 'default';
const SCHEDULER_USER = { name: 'system:kube-scheduler', groups: ['system:authenticated'] };

/** scheduler_perf's config/templates/node-default.yaml (4 CPU, 32Gi, 110 pods), labelled as a kubelet labels it. */
function node(i: number): KubeObject {
  const name = `scheduler-perf-node-${i}`;
  const resources = { cpu: '4', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
    spec: {},
    status: { capacity: resources, allocatable: resources, conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }] },
  };
}

/** scheduler_perf's config/templates/pod-default.yaml. */
function pod(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: NAMESPACE },
    spec: {
      containers: [
        {
          name: 'pause',
          image: 'registry.k8s.io/pause:3.10',
          ports: [{ containerPort: 80 }],
          resources: { limits: { cpu: '100m', memory: '500Mi' }, requests: { cpu: '100m', memory: '500Mi' } },
        },
      ],
    },
  };
}

const waitFor = async (done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> => {
  const until = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > until) return false;
    await new Promise((r) => setTimeout(r, 5));
  }
  return true;
};

export async function schedulerBench(): Promise<BenchResult> {
  const driver = startClockDriver({ speed: 1, seed: 1 });
  const logger = new Logger(() => {}, 'bench', () => driver.clock.now(), 'error');
  const setupStart = performance.now();
  const cluster = await createLabCluster({
    store: new MvccStore(),
    clock: driver.clock,
    logger,
    nodes: 0,
    zones: [],
    apiServerPort: 6443,
    caPem: 'CA',
    without: { scheduler: true, kubelets: true, nodeControllers: true, workloadControllers: true, labGroup: true },
  });
  const nodes = { group: '', version: 'v1', resource: 'nodes' };
  for (let i = 0; i < NODES; i++) {
    const created = await cluster.adminClient.create(nodes, node(i));
    // Admission (TaintNodesByCondition) taints a new Node not-ready; the node lifecycle controller lifts it once
    // the node reports Ready. That controller is not running here, so the bench lifts it itself.
    await cluster.adminClient.patch({ ...nodes, name: created.metadata?.name }, 'merge', { spec: { taints: null } });
  }
  const pods = { group: '', version: 'v1', resource: 'pods', namespace: NAMESPACE };
  for (let i = 0; i < PODS; i++) await cluster.adminClient.create(pods, pod(i));
  const setupSeconds = (performance.now() - setupStart) / 1000;

  // The end of the window: the API server's answer to the last binding request.
  let bound = 0;
  let lastBoundAt = 0;
  const server = cluster.apiServer as { handle(req: ApiRequest): Promise<ApiResponse> };
  const handle = server.handle.bind(server);
  server.handle = async (req: ApiRequest) => {
    const res = await handle(req);
    if (req.method === 'POST' && req.path.endsWith('/binding') && res.status === 201) {
      bound++;
      lastBoundAt = performance.now();
    }
    return res;
  };

  const scheduler = new Scheduler({ client: new ApiClient(server as never, SCHEDULER_USER, 'kube-scheduler/v1.32.4'), clock: driver.clock, logger, hostname: 'control-plane' });
  const t0 = performance.now();
  await scheduler.start();
  const allBound = await waitFor(() => bound >= PODS, 60_000);
  const seconds = ((allBound ? lastBoundAt : performance.now()) - t0) / 1000;
  const podsPerSec = bound / seconds;

  // Every Scheduled event must have been written, after the window.
  let scheduledEvents = 0;
  const countEvents = async () => {
    const list = await cluster.adminClient.list({ group: '', version: 'v1', resource: 'events', namespace: NAMESPACE }, { fieldSelector: 'reason=Scheduled' });
    scheduledEvents = list.items.length;
    return scheduledEvents >= PODS;
  };
  await waitFor(countEvents, 30_000);
  const heldBound = (await cluster.adminClient.list(pods)).items.filter((p) => (p['spec'] as { nodeName?: string }).nodeName).length;

  scheduler.dispose();
  await cluster.close();
  driver.stop();

  const ratio = podsPerSec / GOAL_PODS_PER_SEC;
  const result: BenchResult = {
    name: 'scheduler (B1)',
    figures: {
      nodes: NODES,
      pods: PODS,
      setupSeconds,
      bindingsAnswered: bound,
      podsWithNodeName: heldBound,
      scheduledEventsStored: scheduledEvents,
      windowSeconds: seconds,
      podsPerSec,
      ciFloorPodsPerSec: CI_FLOOR_PODS_PER_SEC,
      goalPodsPerSec: GOAL_PODS_PER_SEC,
    },
    ratio,
    goal: `≥ ${GOAL_PODS_PER_SEC} pods/s (5× scheduler_perf's CI floor of ${CI_FLOOR_PODS_PER_SEC}) with bindings and events written; ratio = pods/s ÷ ${GOAL_PODS_PER_SEC}`,
    pass: ratio >= 1 && heldBound === PODS && scheduledEvents === PODS,
  };
  printBench(result);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await schedulerBench();
