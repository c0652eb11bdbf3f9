/**
 * kube-apiserver's `--event-ttl` (default 1 h): upstream attaches an etcd lease to every Event write, so an Event
 * disappears an hour after it was last written. The lab's store has no leases, so a sweep on the virtual clock
 * deletes Events whose last write is older than the TTL — straight from storage, as an expiring lease does
 * (watchers see DELETED; no finalizers, no graceful deletion).
 */
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Store } from '../store/types';

export const EVENT_TTL_MS = 60 * 60 * 1000;
/** How often the sweep runs; an Event lives at most this much past its TTL. */
export const EVENT_SWEEP_INTERVAL_MS = 60 * 1000;

/** Where the API server keeps core/v1 and events.k8s.io/v1 Events. */
const EVENT_PREFIXES = ['/registry/events/', '/registry/events.k8s.io/events/'];

/** The Event's last write, as well as its fields tell it (the lease itself is not stored). */
function lastWriteMs(e: KubeObject): number {
  const series = e['series'] as { lastObservedTime?: string } | undefined;
  const stamps = [e['lastTimestamp'], e['eventTime'], series?.lastObservedTime, e.metadata?.creationTimestamp];
  let last = Number.NEGATIVE_INFINITY;
  for (const s of stamps) {
    const ms = typeof s === 'string' ? Date.parse(s) : Number.NaN;
    if (ms > last) last = ms;
  }
  return last;
}

export function startEventTtl(store: Store, clock: Clock, ttlMs = EVENT_TTL_MS): Disposable {
  // Each Event's last write, kept current by a store watch (the lease upstream renews on every write), so a sweep
  // reads no storage until something is due.
  const lastWrite = new Map<string, { ms: number; revision: number }>();
  const subscriptions: Disposable[] = [];
  const track = (key: string, obj: KubeObject | undefined, revision: number) => {
    if (obj === undefined) lastWrite.delete(key);
    else lastWrite.set(key, { ms: lastWriteMs(obj), revision });
  };
  let disposed = false;
  void (async () => {
    for (const prefix of EVENT_PREFIXES) {
      const list = await store.list<KubeObject>(prefix);
      if (disposed) return;
      for (const item of list.items) track(item.key, item.object, item.modRevision);
      subscriptions.push(store.watch(prefix, { afterRevision: list.revision }, (e) => track(e.key, e.type === 'DELETED' ? undefined : e.object, e.revision)));
    }
  })();
  const sweep = () => {
    const cutoff = clock.now() - ttlMs;
    for (const [key, w] of lastWrite) {
      // The precondition keeps an Event that was written again meanwhile.
      if (w.ms < cutoff) void store.delete(key, { resourceVersion: String(w.revision) }).catch(() => undefined);
    }
  };
  const timer = clock.setPeriodic(EVENT_SWEEP_INTERVAL_MS, sweep);
  return {
    dispose: () => {
      disposed = true;
      timer.dispose();
      for (const s of subscriptions) s.dispose();
    },
  };
}
