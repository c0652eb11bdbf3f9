/**
 * An in-process lab cluster under a VirtualClock for the workload controllers' tests: the API server, pod /
 * ReplicaSet / Deployment informers over a controller-manager client, the two controllers, and helpers that
 * play the scheduler's and kubelet's part (bind, mark Running/Ready) since no kubelet runs here.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { KubeObject } from '../../../../engine/api/objects';
import { rfc3339 } from '../../../../engine/base/clock';
import { Logger, silentSink } from '../../../../engine/base/logger';
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { ApiClient, type ResourceRef } from '../../../../engine/client/api-client';
import { Informer } from '../../../../engine/client/informer';
import { createLabCluster, type LabCluster, type LabClusterOptions } from '../../../../engine/cluster/lab-cluster';
import { DeploymentController } from '../../../../engine/controllers/deployment-controller';
import { ReplicaSetController } from '../../../../engine/controllers/replica-set-controller';
import { MvccStore } from '../../../../engine/store/mvcc-store';

export const START = Date.UTC(2026, 10, 23, 12, 0, 0);
export const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
export const REPLICASETS: ResourceRef = { group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default' };
export const DEPLOYMENTS: ResourceRef = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' };
export const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events', namespace: 'default' };

export const NGINX_DEPLOYMENT = parse(readFileSync('/work/shared/k8s-examples/controllers/nginx-deployment.yaml', 'utf8')) as KubeObject;

export interface Harness {
  clock: VirtualClock;
  cluster: LabCluster;
  client: ApiClient;
  admin: ApiClient;
  rsController: ReplicaSetController;
  deploymentController: DeploymentController;
  settle(): Promise<void>;
  advance(ms: number, stepMs?: number): Promise<void>;
  pods(selector?: string): Promise<KubeObject[]>;
  replicaSets(): Promise<KubeObject[]>;
  get(ref: ResourceRef, name: string): Promise<KubeObject>;
  /** Plays scheduler + kubelet: binds to `node` (if unbound) and reports Running and Ready (or not ready). */
  markRunning(pod: KubeObject, opts?: { node?: string; ready?: boolean }): Promise<void>;
  /** Marks every pending pod of the namespace Running/Ready on node-1. */
  runAll(): Promise<void>;
  /** Plays the kubelet finishing graceful deletions: force-deletes every terminating pod. */
  reap(): Promise<void>;
  events(): Promise<Array<{ reason: string; message: string; component: string; involved: string; type: string }>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Run only the ReplicaSet controller. */
  controllers?: 'rs' | 'both';
  /**
   * 'manual' (default) stops the cluster's scheduler and kubelets so the test decides every pod's state
   * (markRunning / reap); 'simulated' keeps them, pods then bind, start and terminate on their own.
   */
  pods?: 'manual' | 'simulated';
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const clock = new VirtualClock({ startMs: START, seed: 11 });
  const logger = new Logger(silentSink, 'test', () => clock.now());
  const manual = opts.pods !== 'simulated';
  const options = {
    store: new MvccStore(),
    clock,
    logger,
    nodes: 3,
    zones: ['zone-a'],
    apiServerPort: 6443,
    caPem: 'CA',
    // The workload controllers under test are the tests' own instances. Manual pods: no scheduler, no kubelets,
    // and no node controllers to react to kubelets that never report.
    without: manual ? { scheduler: true, kubelets: true, nodeControllers: true, workloadControllers: true } : { workloadControllers: true },
  } as LabClusterOptions;
  const cluster = await createLabCluster(options);
  if (manual) {
    // A LabCluster that does not know `without` started them anyway: stop them.
    cluster.scheduler?.dispose();
    cluster.nodes.dispose();
  }
  const client = new ApiClient(
    cluster.apiServer,
    { name: 'system:kube-controller-manager', groups: ['system:masters', 'system:authenticated'] },
    'kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/59526cd',
  );
  const informer = (resource: string, group = '') => new Informer(client, { group, version: 'v1', resource }, clock);
  const podInf = informer('pods');
  const rsInf = informer('replicasets', 'apps');
  const dInf = informer('deployments', 'apps');
  const rsController = new ReplicaSetController(client, rsInf, podInf, clock, logger);
  const deploymentController = new DeploymentController(client, dInf, rsInf, podInf, clock, logger);
  await Promise.all([podInf.start(), rsInf.start(), dInf.start()]);
  rsController.start();
  if (opts.controllers !== 'rs') deploymentController.start();

  const settle = async () => {
    for (let i = 0; i < 30; i++) await new Promise<void>((r) => setImmediate(r));
  };
  const admin = cluster.adminClient;
  const h: Harness = {
    clock,
    cluster,
    client,
    admin,
    rsController,
    deploymentController,
    settle,
    async advance(ms, stepMs = 1000) {
      for (let t = 0; t < ms; t += stepMs) {
        clock.advance(Math.min(stepMs, ms - t));
        await settle();
      }
    },
    async pods(selector) {
      const list = await admin.list(PODS, selector ? { labelSelector: selector } : {});
      return list.items;
    },
    async replicaSets() {
      return (await admin.list(REPLICASETS)).items;
    },
    get: (ref, name) => admin.get({ ...ref, name }),
    async markRunning(pod, o = {}) {
      const name = pod.metadata?.name ?? '';
      const node = o.node ?? 'node-1';
      const fresh = await admin.get<KubeObject>({ ...PODS, name });
      if (!(fresh.spec as { nodeName?: string }).nodeName) {
        await admin.create({ ...PODS, name, subresource: 'binding' }, { apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { kind: 'Node', name: node } });
      }
      const now = rfc3339(clock.now());
      const ready = o.ready ?? true;
      await admin.patch({ ...PODS, name, subresource: 'status' }, 'merge', {
        status: {
          phase: 'Running',
          conditions: [
            { type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: now },
            { type: 'PodScheduled', status: 'True', lastTransitionTime: now },
          ],
        },
      });
    },
    async runAll() {
      await settle();
      for (const p of await h.pods()) {
        const status = p.status as { phase?: string } | undefined;
        if (status?.phase !== 'Running' && !p.metadata?.deletionTimestamp) await h.markRunning(p);
      }
      await settle();
    },
    async reap() {
      await settle();
      for (const p of await h.pods()) {
        if (p.metadata?.deletionTimestamp) await admin.delete({ ...PODS, name: p.metadata.name }, { gracePeriodSeconds: 0 });
      }
      await settle();
    },
    async events() {
      const list = await admin.list(EVENTS);
      return list.items
        .map((e) => ({
          reason: e['reason'] as string,
          message: e['message'] as string,
          type: e['type'] as string,
          component: (e['source'] as { component?: string } | undefined)?.component ?? '',
          involved: `${(e['involvedObject'] as { kind: string }).kind}/${(e['involvedObject'] as { name: string }).name}`,
          at: e['firstTimestamp'] as string,
          name: e.metadata?.name ?? '',
        }))
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map(({ at: _a, name: _n, ...rest }) => rest);
    },
    async close() {
      rsController.loop.dispose();
      deploymentController.loop.dispose();
      for (const i of [podInf, rsInf, dInf]) i.dispose();
      await cluster.close();
    },
  };
  await settle();
  return h;
}
