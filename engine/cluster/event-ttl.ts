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
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      const cutoff = clock.now() - ttlMs;
      for (const prefix of EVENT_PREFIXES) {
        const list = await store.list<KubeObject>(prefix);
        for (const item of list.items) {
          if (lastWriteMs(item.object) >= cutoff) continue;
          // The precondition keeps an Event that was written again since the list.
          await store.delete(item.key, { resourceVersion: String(item.modRevision) }).catch(() => undefined);
        }
      }
    } finally {
      sweeping = false;
    }
  };
  return clock.setPeriodic(EVENT_SWEEP_INTERVAL_MS, () => void sweep());
}
