/**
 * kube-controller-manager's controllers for one leader term, in start order, against one replica's context:
 * namespace lifecycle, service accounts + root CA, garbage collection, node IPAM, node lifecycle, taint-based
 * eviction, Endpoints, EndpointSlice, ReplicaSet, ReplicationController, Deployment and the descriptors of
 * controller-modules.ts. Every controller subscribes to the context's informers here; the caller starts the
 * informers, then the controllers.
 */
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import type { ControllerContext, RunningController } from '../controllers/controller-context';
import { DeploymentController } from '../controllers/deployment-controller';
import { EndpointSliceController } from '../controllers/endpoint-slice-controller';
import { EndpointsController } from '../controllers/endpoints-controller';
import { GarbageCollector, type ResourceResolver } from '../controllers/garbage-collector';
import { NamespaceController } from '../controllers/namespace-controller';
import { NodeIpamController } from '../controllers/node-ipam-controller';
import { NodeLifecycleController } from '../controllers/node-lifecycle-controller';
import { REPLICATION_CONTROLLER_KIND, ReplicaSetController } from '../controllers/replica-set-controller';
import { ServiceAccountController } from '../controllers/service-account-controller';
import { TaintEvictionController } from '../controllers/taint-eviction-controller';
import { WORKLOAD_CONTROLLERS } from './controller-modules';
import type { ReplicaWork } from './elected-replica';
import { SharedInformers } from './shared-informers';

export interface KubeControllerManagerConfig {
  /** PEM of the cluster CA, published as kube-root-ca.crt in every namespace. */
  caPem: string;
  /** --cluster-cidr for node IPAM. */
  clusterCidr: string;
  resolver: ResourceResolver;
  nodeControllers: boolean;
  workloadControllers: boolean;
}

const core = (resource: string): ResourceRef => ({ group: '', version: 'v1', resource });

/** A controller whose work is one ControllerLoop. */
const loopOf = (c: { loop: RunningController }): RunningController => c.loop;
/** A controller that starts its own loop in start() and is disposed through its loop. */
const startedVia = (c: { start(): void | Promise<void>; loop: RunningController }): RunningController => ({ start: () => c.start(), dispose: () => c.loop.dispose() });

export function kubeControllerManagerControllers(ctx: ControllerContext, cfg: KubeControllerManagerConfig): RunningController[] {
  const { client, clock, logger: log } = ctx;
  const namespaces = ctx.informer(core('namespaces'));
  const nodes = ctx.informer(core('nodes'));
  const pods = ctx.informer(core('pods'));
  const namespacedResources = (): ResourceRef[] =>
    cfg.resolver
      .deletableResources()
      .filter((r) => r.namespaced)
      .map(({ namespaced: _n, ...ref }) => ref);

  const controllers: RunningController[] = [
    loopOf(new NamespaceController(client, namespaces, namespacedResources, clock, log)),
    loopOf(
      new ServiceAccountController(client, namespaces, ctx.informer(core('serviceaccounts')), ctx.informer(core('configmaps'), { fieldSelector: 'metadata.name=kube-root-ca.crt' }), cfg.caPem, clock, log),
    ),
    new GarbageCollector(client, cfg.resolver, clock, log),
  ];
  if (cfg.nodeControllers) {
    const leases = ctx.informer({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'kube-node-lease' });
    controllers.push(
      startedVia(new NodeIpamController(client, nodes, clock, log, { clusterCidr: cfg.clusterCidr })),
      new NodeLifecycleController(client, nodes, leases, pods, clock, log),
      loopOf(new TaintEvictionController(client, pods, nodes, clock, log)),
    );
  }
  // Endpoints and EndpointSlices follow Services and pod readiness (the Service is the lab's way into pods).
  const services = ctx.informer(core('services'));
  controllers.push(
    startedVia(new EndpointsController(client, services, pods, ctx.informer(core('endpoints')), clock, log)),
    startedVia(new EndpointSliceController(client, services, pods, nodes, ctx.informer({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' }), clock, log)),
  );
  if (cfg.workloadControllers) {
    const replicaSets = ctx.informer({ group: 'apps', version: 'v1', resource: 'replicasets' });
    controllers.push(
      startedVia(new ReplicaSetController(client, replicaSets, pods, clock, log)),
      startedVia(new ReplicaSetController(client, ctx.informer(core('replicationcontrollers')), pods, clock, log, REPLICATION_CONTROLLER_KIND)),
      startedVia(new DeploymentController(client, ctx.informer({ group: 'apps', version: 'v1', resource: 'deployments' }), replicaSets, pods, clock, log)),
      ...WORKLOAD_CONTROLLERS.map((d) => d.create(ctx)),
    );
  }
  return controllers;
}

/**
 * One leader term of the controller-manager: fresh shared informers over the term's (fenced) client, the
 * controllers `build` subscribes to them, informers started, then the controllers in order. Disposing ends the
 * term at any point, also in the middle of starting.
 */
export function controllerTerm(client: ApiClient, clock: Clock, logger: Logger, build: (ctx: ControllerContext) => RunningController[]): ReplicaWork {
  const informers = new SharedInformers(client, clock);
  const controllers = build({ client, clock, logger, informer: (ref, query) => informers.informer(ref, query) });
  let disposed = false;
  return {
    async start() {
      await informers.start();
      for (const c of controllers) {
        if (disposed) return;
        await c.start();
      }
    },
    dispose() {
      disposed = true;
      for (const c of controllers) c.dispose();
      informers.dispose();
    },
  };
}
