/**
 * Listers for admission plugins, as upstream's admission plugins read through shared informers instead of
 * storage: the first list of a resource loads it once and a store watch keeps the copy current. Store watches
 * deliver synchronously with each write, so a lister never lags a write that has completed.
 * (Before this, every create paid a ranged store read for ResourceQuota and LimitRange admission.)
 */
import type { KubeObject } from '../../api/objects';
import type { Disposable } from '../../base/disposable';
import type { Store } from '../../store/types';

interface PrefixCache {
  items: Map<string, KubeObject>;
  loaded: Promise<void>;
  watch?: Disposable;
}

export class AdmissionListers implements Disposable {
  private readonly caches = new Map<string, PrefixCache>();

  constructor(private readonly store: Store) {}

  /** Objects under `rootPrefix` (a resource's key root), optionally only those under `subPrefix` (a namespace). */
  async list(rootPrefix: string, subPrefix = rootPrefix): Promise<KubeObject[]> {
    const cache = this.caches.get(rootPrefix) ?? this.open(rootPrefix);
    await cache.loaded;
    const keys: string[] = [];
    for (const key of cache.items.keys()) if (key.startsWith(subPrefix)) keys.push(key);
    // Key order, as a store list returns them, so messages naming several objects stay deterministic.
    if (keys.length > 1) keys.sort();
    return keys.map((key) => cache.items.get(key)!);
  }

  private open(rootPrefix: string): PrefixCache {
    const cache: PrefixCache = { items: new Map(), loaded: Promise.resolve() };
    cache.loaded = (async () => {
      const listed = await this.store.list<KubeObject>(rootPrefix);
      for (const item of listed.items) cache.items.set(item.key, item.object);
      cache.watch = this.store.watch(rootPrefix, { afterRevision: listed.revision }, (event) => {
        if (event.type === 'DELETED') cache.items.delete(event.key);
        else if (event.object !== undefined) cache.items.set(event.key, event.object);
      });
    })();
    // A failed first load is retried by the next caller rather than cached.
    cache.loaded.catch(() => this.caches.delete(rootPrefix));
    this.caches.set(rootPrefix, cache);
    return cache;
  }

  dispose(): void {
    for (const cache of this.caches.values()) cache.watch?.dispose();
    this.caches.clear();
  }
}
