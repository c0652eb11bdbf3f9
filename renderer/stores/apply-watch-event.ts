/**
 * A resource's cache as the renderer keeps it (Headlamp's KubeList idea): a map by namespace/name. Applying a watch
 * notification is a pure function with a resourceVersion guard — an event older than what the cache holds (a late
 * batch after a relist) changes nothing.
 */
import type { KubeObject } from '../../engine/api/objects';
import type { WatchNotification } from '../../main/bridge/contract';

export type ObjectCache = Map<string, KubeObject>;

export const cacheKey = (o: KubeObject): string => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

const rv = (o: KubeObject | undefined): number => Number(o?.metadata?.resourceVersion ?? 0);

/** Returns true when the cache changed. */
export function applyWatchEvent(cache: ObjectCache, event: WatchNotification): boolean {
  const key = cacheKey(event.object);
  const current = cache.get(key);
  if (current && rv(event.object) < rv(current)) return false;
  if (event.type === 'DELETED') return cache.delete(key);
  if (current && rv(current) === rv(event.object)) return false;
  cache.set(key, Object.freeze(event.object));
  return true;
}
