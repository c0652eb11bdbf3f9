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
import type { ResourceResolver } from '../controllers/garbage-collector';
import { kubeletPodStreams } from '../apiserver/streams/kubelet-pod-streams';
import { ClockController, CLOCKS, ensureClock, FAULTS, FaultController, labCustomResourceDefinitions, type ClockControl, type FaultTargets } from '../lab';
import { Scheduler } from '../scheduler/scheduler';
import { nodeObjects, systemObjects } from './bootstrap-objects';
import { ElectedReplica, leaderElectedTarget, replicaHosts } from './elected-replica';
import { startEventTtl } from './event-ttl';
import type { ProxyMode } from '../network/service-proxy';
import { controllerTerm, kubeControllerManagerControllers } from './kube-controller-manager';
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
  /** kube-controller-manager replicas, 1–3 (default 1); they contend for the kube-system Lease. */
  controllerManagers?: number;
  /** kube-scheduler replicas, 1–3 (default 1). */
  schedulers?: number;
  /** kube-proxy's mode for every node (default iptables, as kind). */
  proxyMode?: ProxyMode;
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
  /** kube-proxy's mode on every node (what `iptables-save` and `ipvsadm -Ln` render in the terminal). */
  readonly proxyMode: ProxyMode;
  catalog: DynamicCatalog;
  /** A client acting as the cluster admin (the learner). */
  adminClient: ApiClient;
  /** The leading scheduler replica's scheduler; undefined when left out (`without.scheduler`) or between leaders. */
  readonly scheduler: Scheduler | undefined;
  /** The controller-manager and scheduler replicas (leader election, the KillLeader fault). */
  controllerManagers: readonly ElectedReplica[];
  schedulers: readonly ElectedReplica[];
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
  const runs = (c: LabComponent) => opts.without?.[c] !== true;
  const nodes = disposables.add(new SimulatedNodes(server, opts.clock, opts.logger, runs('kubelets') ? configs : [], opts.proxyMode));
  machines.current = nodes;
  const resolver = resolverFor(catalog);

  // kube-controller-manager and kube-scheduler, each 1–3 replicas contending for their kube-system Lease; only
  // the leader's controllers run, each term over fresh informers and a client fenced on the lease.
  const controllerManagers = replicaHosts(opts.controllerManagers ?? 1).map(
    (hostname) =>
      new ElectedReplica({
        server,
        user: CONTROLLER_USER,
        userAgent: `kube-controller-manager${USER_AGENT_SUFFIX}`,
        clock: opts.clock,
        logger: log,
        hostname,
        lease: { namespace: 'kube-system', name: 'kube-controller-manager' },
        eventComponent: 'kube-controller-manager',
        createWork: (client) =>
          controllerTerm(client, opts.clock, log, (ctx) =>
            kubeControllerManagerControllers(ctx, {
              caPem: opts.caPem,
              // kind's pod subnet, 10.244.0.0/16, holds 256 node /24s; a larger lab gets a cluster CIDR that fits
              // it, as an operator would configure --cluster-cidr.
              clusterCidr: opts.nodes <= 256 ? '10.244.0.0/16' : '10.128.0.0/9',
              resolver,
              nodeControllers: runs('nodeControllers'),
              workloadControllers: runs('workloadControllers'),
            }),
          ),
      }),
  );
  const schedulers = runs('scheduler')
    ? replicaHosts(opts.schedulers ?? 1).map(
        (hostname) =>
          new ElectedReplica({
            server,
            user: SCHEDULER_USER,
            userAgent: `kube-scheduler${USER_AGENT_SUFFIX}`,
            clock: opts.clock,
            logger: opts.logger,
            hostname,
            lease: { namespace: 'kube-system', name: 'kube-scheduler' },
            eventComponent: 'default-scheduler',
            createWork: (client, host) => new Scheduler({ client, clock: opts.clock, logger: opts.logger, hostname: host }),
          }),
      )
    : [];
  for (const r of [...controllerManagers, ...schedulers]) disposables.add(r);

  // The lab's own controllers (Clock, Fault) are not part of the controller-manager: killing its leader must not
  // stop the Fault that did it.
  const shared = disposables.add(new SharedInformers(system, opts.clock));
  const labLoops: Array<{ start(): void | Promise<void> }> = [];
  if (runs('labGroup')) {
    const clocks = shared.informer(CLOCKS);
    const faults = shared.informer(FAULTS);
    if (opts.clockControl) labLoops.push(disposables.add(new ClockController(system, clocks, opts.clockControl, opts.clock, log)));
    const targets: FaultTargets = { ...nodes.faultTargets, leaderElected: (component) => leaderElectedTarget(component === 'kube-scheduler' ? schedulers : controllerManagers) };
    labLoops.push(disposables.add(new FaultController(system, faults, targets, opts.clock, log).loop));
  }
  await shared.start();
  for (const l of labLoops) await l.start();
  if (runs('labGroup')) await ensureClock(system, opts.initialClock ?? { speed: 1, paused: false });

  // A new cluster's first replica takes the lease at once: its term is running when start() resolves, so callers
  // find the controllers and the scheduler watching. A resumed cluster waits out the old holder's lease instead.
  for (const r of [...controllerManagers, ...schedulers]) await r.start();
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
    proxyMode: opts.proxyMode ?? 'iptables',
    catalog,
    adminClient,
    get scheduler() {
      return schedulers.map((r) => r.activeWork).find((w): w is Scheduler => w instanceof Scheduler);
    },
    controllerManagers,
    schedulers,
    nodes,
    close: async () => {
      disposables.dispose();
      await opts.store.close();
    },
  };
}
