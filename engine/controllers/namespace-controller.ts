/**
 * The namespace controller (pkg/controller/namespace): for a Terminating namespace, delete every namespaced
 * object in it, wait until none remain (pods may take their grace period), then remove the `kubernetes`
 * finalizer through namespaces/{name}/finalize so the API server deletes the namespace.
 */
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import type { Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from './controller-runtime';

const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces' };
/** How soon to look again while content is still terminating (upstream re-checks with a short backoff). */
const RECHECK_MS = 1000;

export class NamespaceController implements Reconciler {
  readonly name = 'namespace-controller';
  readonly loop: ControllerLoop;

  constructor(
    private readonly client: ApiClient,
    private readonly namespaces: Informer,
    /** Namespaced resources that can be listed and deleted, at their preferred versions. */
    private readonly namespacedResources: () => ResourceRef[],
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    const enqueue = (ns: KubeObject) => {
      if (ns.metadata?.deletionTimestamp) this.loop.queue.add(ns.metadata.name ?? '');
    };
    namespaces.addHandlers({ onAdd: enqueue, onUpdate: (_o, n) => enqueue(n) });
  }

  async reconcile(name: string): Promise<void> {
    const ns = this.namespaces.get(name);
    if (!ns?.metadata?.deletionTimestamp) return;
    let remaining = 0;
    for (const ref of this.namespacedResources()) {
      const list = await this.client.list({ ...ref, namespace: name });
      for (const item of list.items) {
        remaining++;
        if (item.metadata?.deletionTimestamp) continue;
        try {
          await this.client.delete({ ...ref, namespace: name, name: item.metadata?.name }, { propagationPolicy: 'Background' });
        } catch (err) {
          if ((err as { code?: number }).code !== 404) throw err;
        }
      }
    }
    if (remaining > 0) {
      this.clock.setTimer(RECHECK_MS, () => this.loop.queue.add(name));
      return;
    }
    const finalizers = ((ns['spec'] as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => f !== 'kubernetes');
    await this.client.update({ ...NAMESPACES, name, subresource: 'finalize' }, { ...ns, spec: { ...(ns['spec'] as object), finalizers } });
  }
}
