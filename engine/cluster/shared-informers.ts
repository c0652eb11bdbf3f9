/**
 * client-go's SharedInformerFactory for the in-process cluster: one Informer per (resource, query), started together
 * once every consumer has subscribed.
 */
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { Informer } from '../client/informer';

export class SharedInformers implements Disposable {
  private readonly byKey = new Map<string, Informer>();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
  ) {}

  informer(ref: ResourceRef, query: Record<string, string> = {}): Informer {
    const key = JSON.stringify([ref.group, ref.version, ref.resource, ref.namespace ?? '', Object.entries(query).sort()]);
    let informer = this.byKey.get(key);
    if (!informer) {
      informer = new Informer(this.client, ref, this.clock, query);
      this.byKey.set(key, informer);
    }
    return informer;
  }

  /** Resolves when every informer created so far has listed (synced). */
  async start(): Promise<void> {
    await Promise.all([...this.byKey.values()].map((i) => i.start()));
  }

  dispose(): void {
    for (const i of this.byKey.values()) i.dispose();
    this.byKey.clear();
  }
}
