/**
 * What the controller-manager hands each controller it starts (kube-controller-manager's ControllerContext): the
 * manager's client, a shared informer factory, the clock and a logger. Informers from `informer()` are shared per
 * (resource, query): two controllers asking for pods get one cache and one watch, as with client-go's
 * SharedInformerFactory. Informers are started by the manager after every controller has subscribed (an informer
 * does not replay to handlers added later), so controllers subscribe in their constructor and never start one.
 */
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import type { Informer } from '../client/informer';

export interface ControllerContext {
  /** Acts as system:kube-controller-manager. */
  readonly client: ApiClient;
  readonly clock: Clock;
  readonly logger: Logger;
  informer(ref: ResourceRef, query?: Record<string, string>): Informer;
}

/** A started controller: the manager calls start() once informers have synced, and dispose() on shutdown. */
export interface RunningController {
  start(): void | Promise<void>;
  dispose(): void;
}

/**
 * One controller as the manager knows it (upstream's `--controllers` names: "statefulset", "job", …). `create`
 * subscribes to informers and returns the controller, not yet started.
 */
export interface ControllerDescriptor {
  readonly name: string;
  create(ctx: ControllerContext): RunningController;
}
