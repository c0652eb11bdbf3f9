/**
 * A shared informer (client-go's reflector + indexer): LIST, then WATCH from the list's resourceVersion; on a
 * 410 Expired or a closed stream it relists and reconciles the cache (emitting the differences), so handlers
 * see every change exactly as a level-triggered controller needs. Cached objects are frozen: never modify them.
 */
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { ApiClient, ResourceRef, WatchEvent } from './api-client';

export interface InformerHandlers {
  onAdd?(obj: KubeObject): void;
  onUpdate?(oldObj: KubeObject, newObj: KubeObject): void;
  onDelete?(obj: KubeObject): void;
}

export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name}` : (obj.metadata?.name ?? '');
}

export class Informer implements Disposable {
  private cache = new Map<string, KubeObject>();
  private watchSub: Disposable | undefined;
  private disposed = false;
  private lastRv = '';
  private handlers: InformerHandlers[] = [];

  constructor(
    private readonly client: ApiClient,
    private readonly ref: ResourceRef,
    private readonly clock: Clock,
    private readonly query: Record<string, string | undefined> = {},
  ) {}

  addHandlers(h: InformerHandlers): void {
    this.handlers.push(h);
  }

  /** The lister: cached objects, optionally one namespace. */
  list(namespace?: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const o of this.cache.values()) if (namespace === undefined || o.metadata?.namespace === namespace) out.push(o);
    return out;
  }

  get(key: string): KubeObject | undefined {
    return this.cache.get(key);
  }

  /** Resolves once the first LIST is in the cache (the informer has synced); watching continues after. */
  async start(): Promise<void> {
    await this.relist();
  }

  private async relist(): Promise<void> {
    if (this.disposed) return;
    try {
      const list = await this.client.list(this.ref, { ...this.query, resourceVersion: undefined });
      const seen = new Set<string>();
      for (const item of list.items) {
        const key = objectKey(item);
        seen.add(key);
        this.apply({ type: this.cache.has(key) ? 'MODIFIED' : 'ADDED', object: item });
      }
      for (const [key, obj] of [...this.cache]) if (!seen.has(key)) this.apply({ type: 'DELETED', object: obj });
      this.lastRv = list.metadata.resourceVersion ?? '';
      await this.startWatch();
    } catch {
      // The API server is in-process: a failure here is transient (e.g. shutting down); retry after a second.
      if (!this.disposed) this.clock.setTimer(1000, () => void this.relist());
    }
  }

  private async startWatch(): Promise<void> {
    if (this.disposed) return;
    let expired = false;
    this.watchSub = await this.client.watch(
      this.ref,
      { ...this.query, resourceVersion: this.lastRv, allowWatchBookmarks: 'true' },
      (ev: WatchEvent) => {
        if (ev.type === 'ERROR') {
          expired = true;
          return;
        }
        if (ev.type === 'BOOKMARK') {
          this.lastRv = ev.object.metadata?.resourceVersion ?? this.lastRv;
          return;
        }
        this.lastRv = ev.object.metadata?.resourceVersion ?? this.lastRv;
        this.apply(ev);
      },
      () => {
        if (this.disposed) return;
        // Stream over: resume from the last resourceVersion, or relist when it expired.
        this.clock.setTimer(0, () => void (expired ? this.relist() : this.startWatch()));
      },
    );
  }

  private apply(ev: WatchEvent): void {
    const key = objectKey(ev.object);
    const old = this.cache.get(key);
    if (ev.type === 'DELETED') {
      if (!old) return;
      this.cache.delete(key);
      for (const h of this.handlers) h.onDelete?.(ev.object);
      return;
    }
    const obj = Object.freeze(ev.object);
    if (old && old.metadata?.resourceVersion === obj.metadata?.resourceVersion) return;
    this.cache.set(key, obj);
    for (const h of this.handlers) {
      if (old) h.onUpdate?.(old, obj);
      else h.onAdd?.(obj);
    }
  }

  dispose(): void {
    this.disposed = true;
    this.watchSub?.dispose();
  }
}
