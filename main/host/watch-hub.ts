/**
 * One in-process watch per resource the renderer subscribed to (`watch.subscribe`), over the API server with
 * the UI's client. Notifications are coalesced into one `watch.batch` per resource every ~16 ms (a frame);
 * when the watch ends (an `ERROR` 410 Expired after compaction, or the server closing it) the hub relists and
 * pushes `watch.reset` with the fresh list, then watches again from its resourceVersion.
 */
import type { KubeObject } from '../../engine/api/objects';
import type { Disposable } from '../../engine/base/disposable';
import type { ApiClient, WatchEvent } from '../../engine/client/api-client';
import type { BridgeEvents, WatchNotification } from '../bridge/contract';
import { parseResourceKey } from './resource-keys';

export const WATCH_BATCH_MS = 16;

type Push = <K extends 'watch.batch' | 'watch.reset'>(event: K, payload: BridgeEvents[K]) => void;

interface Subscription {
  key: string;
  watch?: Disposable;
  pending: WatchNotification[];
  /** Bumped on every (re)start: events of a superseded watch are ignored. */
  generation: number;
}

export class WatchHub {
  private readonly subs = new Map<string, Subscription>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(
    private client: ApiClient,
    private readonly push: Push,
    /** Each delivered notification (the timeline's `watch` entries). */
    private readonly onDelivered: (resource: string, n: WatchNotification) => void = () => {},
  ) {}

  /** Idempotent: a second subscribe answers a fresh list and keeps the one watch. */
  async subscribe(key: string): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const existing = this.subs.get(key);
    if (existing) {
      const list = await this.client.list(parseResourceKey(key));
      return { items: list.items, resourceVersion: list.metadata?.resourceVersion ?? '' };
    }
    const sub: Subscription = { key, pending: [], generation: 0 };
    this.subs.set(key, sub);
    try {
      return await this.start(sub);
    } catch (err) {
      this.subs.delete(key);
      throw err;
    }
  }

  unsubscribe(key: string): void {
    const sub = this.subs.get(key);
    if (!sub) return;
    this.subs.delete(key);
    sub.generation++;
    sub.watch?.dispose();
  }

  get subscribed(): string[] {
    return [...this.subs.keys()];
  }

  /** The cluster was rebuilt (a lab started or reset): every subscription relists against the new client. */
  async rebind(client: ApiClient): Promise<void> {
    this.client = client;
    for (const sub of this.subs.values()) await this.restart(sub);
  }

  dispose(): void {
    this.disposed = true;
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    for (const sub of this.subs.values()) {
      sub.generation++;
      sub.watch?.dispose();
    }
    this.subs.clear();
  }

  private async start(sub: Subscription): Promise<{ items: KubeObject[]; resourceVersion: string }> {
    const generation = ++sub.generation;
    sub.watch?.dispose();
    sub.watch = undefined;
    sub.pending = [];
    const ref = parseResourceKey(sub.key);
    const list = await this.client.list(ref);
    const resourceVersion = list.metadata?.resourceVersion ?? '';
    const watch = await this.client.watch(
      ref,
      { resourceVersion, allowWatchBookmarks: 'false' },
      (ev) => this.onEvent(sub, generation, ev),
      () => {
        if (sub.generation === generation && this.subs.get(sub.key) === sub) void this.restart(sub);
      },
    );
    if (sub.generation !== generation || this.disposed) watch.dispose();
    else sub.watch = watch;
    return { items: list.items, resourceVersion };
  }

  private async restart(sub: Subscription): Promise<void> {
    if (this.disposed) return;
    try {
      const { items, resourceVersion } = await this.start(sub);
      if (this.subs.get(sub.key) === sub) this.push('watch.reset', { resource: sub.key, items, resourceVersion });
    } catch {
      // The resource went away (its CRD was deleted) or the cluster is closing: the renderer keeps its last view.
    }
  }

  private onEvent(sub: Subscription, generation: number, ev: WatchEvent): void {
    if (sub.generation !== generation) return;
    if (ev.type === 'ERROR') {
      // 410 Expired (or any watch error): relist.
      sub.generation++;
      sub.watch?.dispose();
      void this.restart(sub);
      return;
    }
    if (ev.type === 'BOOKMARK') return;
    const n: WatchNotification = { type: ev.type, object: ev.object };
    sub.pending.push(n);
    this.onDelivered(sub.key, n);
    this.flushTimer ??= setTimeout(() => this.flush(), WATCH_BATCH_MS);
  }

  private flush(): void {
    this.flushTimer = undefined;
    for (const sub of this.subs.values()) {
      if (sub.pending.length === 0) continue;
      const events = sub.pending;
      sub.pending = [];
      this.push('watch.batch', { resource: sub.key, events });
    }
  }
}
