/**
 * A whole simulated cluster, platform-free: API server over a Store, the system objects a new cluster has, the
 * controller-manager's loops (namespace lifecycle, service accounts + root CA, garbage collection, node IPAM,
 * node lifecycle, taint-based eviction, Endpoints, EndpointSlice, ReplicaSet, ReplicationController, Deployment), the scheduler, one kubelet + simulated runtime per node, the
 * lab.clusterlab.dev group (Clock, Fault), the apiserver's compactor (every 5 virtual minutes), watch bookmarks
 * and the 1 h Event TTL. The host (main/) picks the store and drives the clock.
 */
import type { Clock } from '../base/clock';
import { DisposableStore } from '../base/disposable';
import { Emitter } from '../base/event';
import type { Logger } from '../base/logger';
import type { ApiServer } from '../apiserver/api-server';
import { createApiServer } from '../apiserver/assembly/create-api-server';
import type { UserInfo } from '../apiserver/handler-types';
import type { DynamicCatalog } from '../apiserver/resources/dynamic-catalog';
import { parseApiVersion } from '../api/objects';
import type { Store } from '../store/types';
import { ApiClient, type ResourceRef } from '../client/api-client';
import type { Informer } from '../client/informer';
import type { ControllerContext } from '../controllers/controller-context';
import { GarbageCollector, type ResourceResolver } from '../controllers/garbage-collector';
import { NamespaceController } from '../controllers/namespace-controller';
import { ServiceAccountController } from '../controllers/service-account-controller';
import { NodeIpamController } from '../controllers/node-ipam-controller';
import { NodeLifecycleController } from '../controllers/node-lifecycle-controller';
import { TaintEvictionController } from '../controllers/taint-eviction-controller';
import { DeploymentController } from '../controllers/deployment-controller';
import { EndpointsController } from '../controllers/endpoints-controller';
import { EndpointSliceController } from '../controllers/endpoint-slice-controller';
import { REPLICATION_CONTROLLER_KIND, ReplicaSetController } from '../controllers/replica-set-controller';
import { kubeletPodStreams } from '../apiserver/streams/kubelet-pod-streams';
import { ClockController, CLOCKS, ensureClock, FAULTS, FaultController, labCustomResourceDefinitions, type ClockControl } from '../lab';
import { Scheduler } from '../scheduler/scheduler';
import { nodeObjects, systemObjects } from './bootstrap-objects';
import { WORKLOAD_CONTROLLERS } from './controller-modules';
import { startEventTtl } from './event-ttl';
import { SharedInformers } from './shared-informers';
import { DEFAULT_NODE_SHAPE, nodeConfigs, SimulatedNodes, type NodeShape } from './simulated-nodes';

export interface LabClusterOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  nodes: number;
  zones: string[];
  /** Port the API server is reachable at (the `kubernetes` Service's target). */
  apiServerPort: number;
  /** PEM of the cluster CA, published as kube-root-ca.crt in every namespace. */
  caPem: string;
  /** The host's hold on the clock, which the `Clock` object (lab.clusterlab.dev) drives; absent: the Clock is reported only. */
  clockControl?: ClockControl;
  /** Initial `spec` of the `Clock` object when the cluster is new (`serve --speed`). */
  initialClock?: { speed: number; paused: boolean };
  nodeShape?: NodeShape;
  /**
   * Parts to leave out (all run by default). A unit test of one component turns its own part off and runs
   * its instance against the rest, e.g. `{ nodeControllers: false }` for the node lifecycle tests.
   */
  without?: Partial<Record<LabComponent, true>>;
}

/** Optional parts of the cluster; the API server, namespace, service-account and GC controllers always run. */
export type LabComponent = 'scheduler' | 'kubelets' | 'nodeControllers' | 'workloadControllers' | 'labGroup';

export interface LabCluster {
  apiServer: ApiServer;
  catalog: DynamicCatalog;
  /** A client acting as the cluster admin (the learner). */
  adminClient: ApiClient;
  /** undefined when left out (`without.scheduler`). */
  scheduler: Scheduler | undefined;
  nodes: SimulatedNodes;
  close(): Promise<void>;
}

/** The lab's one human principal: RBAC's superuser group. */
export const ADMIN_USER: UserInfo = { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] };
const CONTROLLER_USER: UserInfo = { name: 'system:kube-controller-manager', groups: ['system:masters', 'system:authenticated'] };
const SCHEDULER_USER: UserInfo = { name: 'system:kube-scheduler', groups: ['system:authenticated'] };
const USER_AGENT_SUFFIX = '/v1.32.4 (linux/amd64) kubernetes/59526cd';

/** The apiserver compacts etcd every 5 minutes, to the revision it saw one interval earlier. */
export const COMPACTION_INTERVAL_MS = 5 * 60 * 1000;
/** The watch cache's bookmark cadence. */
export const BOOKMARK_INTERVAL_MS = 60 * 1000;

function resolverFor(catalog: DynamicCatalog): ResourceResolver {
  const changed = new Emitter<void>();
  catalog.onDidChange(() => changed.fire());
  const refs = () => {
    const seen = new Set<string>();
    const out: Array<ResourceRef & { namespaced: boolean }> = [];
    for (const r of catalog.all()) {
      const key = `${r.group}/${r.plural}`;
      if (seen.has(key) || r.virtual || r.createOnly || !r.verbs.includes('watch') || !r.verbs.includes('delete')) continue;
      seen.add(key);
      const preferred = catalog.forResource(r.group, r.plural) ?? r;
      out.push({ group: preferred.group, version: preferred.version, resource: preferred.plural, namespaced: preferred.namespaced });
    }
    return out;
  };
  return {
    deletableResources: refs,
    resourceFor: (apiVersion, kind) => {
      const { group, version } = parseApiVersion(apiVersion);
      const info = catalog.forKind(group, kind, version);
      return info ? { group: info.group, version: info.version, resource: info.plural, namespaced: info.namespaced } : undefined;
    },
    onDidChange: changed.event,
  };
}

export async function createLabCluster(opts: LabClusterOptions): Promise<LabCluster> {
  const disposables = new DisposableStore();
  const configs = nodeConfigs(opts.nodes, opts.zones, opts.nodeShape ?? DEFAULT_NODE_SHAPE);
  // The kubelets need the API server and the API server's pod streams need the kubelets: the directory is
  // consulted per request, so it can be filled after the server exists.
  const machines: { current?: SimulatedNodes } = {};
  const { server, catalog } = await createApiServer({
    store: opts.store,
    clock: opts.clock,
    logger: opts.logger,
    serverAddress: () => `127.0.0.1:${opts.apiServerPort}`,
    podStreams: kubeletPodStreams((name) => machines.current?.directory(name)),
    metrics: {
      nodeMetrics: () => machines.current?.metrics.nodeMetrics() ?? [],
      podMetrics: (ns) => machines.current?.metrics.podMetrics(ns) ?? [],
    },
  });
  const adminClient = new ApiClient(server, ADMIN_USER, `kubectl${USER_AGENT_SUFFIX}`);
  const system = new ApiClient(server, CONTROLLER_USER, `kube-controller-manager${USER_AGENT_SUFFIX}`);

  const bootstrap = [
    ...systemObjects(opts.apiServerPort),
    // Kubelets register their own Nodes; without them, the Nodes exist as registered once and never again updated.
    ...(opts.without?.kubelets ? nodeObjects(opts.nodes, opts.zones) : []),
    ...(opts.without?.labGroup ? [] : labCustomResourceDefinitions()).map((object) => ({ group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', namespace: undefined, object })),
  ];
  for (const b of bootstrap) {
    const ref = { group: b.group, version: b.version, resource: b.resource, namespace: b.namespace };
    try {
      await system.get({ ...ref, name: b.object.metadata?.name }); // a resumed cluster already has it
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
      await system.create(ref, b.object);
    }
  }

  const log = opts.logger.child('controller-manager');
  const shared = disposables.add(new SharedInformers(system, opts.clock));
  const informer = (ref: ResourceRef, query?: Record<string, string>): Informer => shared.informer(ref, query);
  const controllerContext: ControllerContext = { client: system, clock: opts.clock, logger: log, informer };
  const namespaces = informer({ group: '', version: 'v1', resource: 'namespaces' });
  const serviceAccounts = informer({ group: '', version: 'v1', resource: 'serviceaccounts' });
  const configMaps = informer({ group: '', version: 'v1', resource: 'configmaps' }, { fieldSelector: 'metadata.name=kube-root-ca.crt' });
  const nodeInformer = informer({ group: '', version: 'v1', resource: 'nodes' });
  const podInformer = informer({ group: '', version: 'v1', resource: 'pods' });
  const leases = informer({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease' });

  const resolver = resolverFor(catalog);
  const namespacedResources = (): ResourceRef[] =>
    resolver
      .deletableResources()
      .filter((r) => r.namespaced)
      .map(({ namespaced: _n, ...ref }) => ref);
  // Controllers subscribe before their informers start: an informer does not replay to handlers added later.
  const nsController = new NamespaceController(system, namespaces, namespacedResources, opts.clock, log);
  const saController = new ServiceAccountController(system, namespaces, serviceAccounts, configMaps, opts.caPem, opts.clock, log);
  const gc = new GarbageCollector(system, resolver, opts.clock, log);
  const runs = (c: LabComponent) => opts.without?.[c] !== true;
  const nodes = disposables.add(new SimulatedNodes(server, opts.clock, opts.logger, runs('kubelets') ? configs : []));
  machines.current = nodes;
  const loops: Array<{ start(): void | Promise<void> }> = [];
  if (runs('nodeControllers')) {
    // kind's pod subnet, 10.244.0.0/16, holds 256 node /24s; a larger lab gets a cluster CIDR that fits it, as an
    // operator would configure --cluster-cidr.
    const ipam = new NodeIpamController(system, nodeInformer, opts.clock, log, { clusterCidr: opts.nodes <= 256 ? '10.244.0.0/16' : '10.128.0.0/9' });
    const lifecycle = new NodeLifecycleController(system, nodeInformer, leases, podInformer, opts.clock, log);
    const taintEviction = new TaintEvictionController(system, podInformer, nodeInformer, opts.clock, log);
    disposables.add(ipam.loop);
    disposables.add(lifecycle);
    disposables.add(taintEviction.loop);
    loops.push(ipam, lifecycle, taintEviction.loop);
  }
  // Endpoints and EndpointSlices follow Services and pod readiness (the Service is the lab's way into pods).
  const serviceInformer = informer({ group: '', version: 'v1', resource: 'services' });
  const endpointsInformer = informer({ group: '', version: 'v1', resource: 'endpoints' });
  const sliceInformer = informer({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' });
  const endpointsController = new EndpointsController(system, serviceInformer, podInformer, endpointsInformer, opts.clock, log);
  const sliceController = new EndpointSliceController(system, serviceInformer, podInformer, nodeInformer, sliceInformer, opts.clock, log);
  disposables.add(endpointsController.loop);
  disposables.add(sliceController.loop);
  loops.push(endpointsController, sliceController);

  if (runs('workloadControllers')) {
    const replicaSets = informer({ group: 'apps', version: 'v1', resource: 'replicasets' });
    const deployments = informer({ group: 'apps', version: 'v1', resource: 'deployments' });
    const rcs = informer({ group: '', version: 'v1', resource: 'replicationcontrollers' });
    const rsController = new ReplicaSetController(system, replicaSets, podInformer, opts.clock, log);
    const rcController = new ReplicaSetController(system, rcs, podInformer, opts.clock, log, REPLICATION_CONTROLLER_KIND);
    const deploymentController = new DeploymentController(system, deployments, replicaSets, podInformer, opts.clock, log);
    for (const c of [rsController, rcController, deploymentController]) {
      disposables.add(c.loop);
      loops.push(c);
    }
    for (const descriptor of WORKLOAD_CONTROLLERS) loops.push(disposables.add(descriptor.create(controllerContext)));
  }
  if (runs('labGroup')) {
    // The lab group's CRDs exist only when it runs, so its informers are made only then.
    const clocks = informer(CLOCKS);
    const faults = informer(FAULTS);
    if (opts.clockControl) {
      const clockController = disposables.add(new ClockController(system, clocks, opts.clockControl, opts.clock, log));
      loops.push(clockController);
    }
    const faultController = new FaultController(system, faults, nodes.faultTargets, opts.clock, log);
    disposables.add(faultController.loop);
    loops.push(faultController.loop);
  }
  disposables.add(nsController.loop);
  disposables.add(saController.loop);
  disposables.add(gc);

  await shared.start();
  nsController.loop.start();
  saController.loop.start();
  await gc.start();
  for (const l of loops) await l.start();
  if (runs('labGroup')) await ensureClock(system, opts.initialClock ?? { speed: 1, paused: false });

  let scheduler: Scheduler | undefined;
  if (runs('scheduler')) {
    scheduler = disposables.add(
      new Scheduler({ client: new ApiClient(server, SCHEDULER_USER, `kube-scheduler${USER_AGENT_SUFFIX}`), clock: opts.clock, logger: opts.logger, hostname: 'control-plane' }),
    );
    await scheduler.start();
  }
  await nodes.start();

  let lastCompactTarget = opts.store.currentRevision();
  disposables.add(
    opts.clock.setPeriodic(COMPACTION_INTERVAL_MS, () => {
      const target = lastCompactTarget;
      lastCompactTarget = opts.store.currentRevision();
      if (target > opts.store.compactedRevision()) void opts.store.compact(target);
    }),
  );
  disposables.add(startEventTtl(opts.store, opts.clock));
  const progress = (opts.store as { requestProgress?: () => void }).requestProgress;
  if (progress) disposables.add(opts.clock.setPeriodic(BOOKMARK_INTERVAL_MS, () => progress.call(opts.store)));

  return {
    apiServer: server,
    catalog,
    adminClient,
    scheduler,
    nodes,
    close: async () => {
      disposables.dispose();
      await opts.store.close();
    },
  };
}
