/**
 * The generic watch cache for every kind the UI shows: `subscribe(key)` lists once through the bridge and keeps the
 * cache current from `watch.batch` / `watch.reset`. Objects are frozen and held outside Vue's reactivity (10,000
 * Pods must stay cheap); a version counter per resource is what components react to.
 */
import { defineStore } from 'pinia';
import { markRaw, ref, shallowRef } from 'vue';
import type { KubeObject } from '../../engine/api/objects';
import type { ResourceInfo, WatchNotification } from '../../main/bridge/contract';
import { useBridge } from '../bridge';
import { applyWatchEvent, type ObjectCache } from './apply-watch-event';

export const useClusterStore = defineStore('cluster', () => {
  const bridge = useBridge();
  const caches = markRaw(new Map<string, ObjectCache>());
  const versions = ref<Record<string, number>>({});
  const resources = shallowRef<ResourceInfo[]>([]);
  const subscribed = new Set<string>();
  const batchListeners = new Set<(key: string, events: WatchNotification[]) => void>();

  const bump = (key: string) => (versions.value = { ...versions.value, [key]: (versions.value[key] ?? 0) + 1 });

  bridge.on('watch.batch', ({ resource, events }) => {
    const cache = caches.get(resource);
    if (!cache) return;
    let changed = false;
    for (const e of events) changed = applyWatchEvent(cache, e) || changed;
    if (changed) bump(resource);
    for (const l of batchListeners) l(resource, events);
  });
  bridge.on('watch.reset', ({ resource, items }) => {
    const cache: ObjectCache = new Map();
    for (const o of items) applyWatchEvent(cache, { type: 'ADDED', object: o });
    caches.set(resource, cache);
    bump(resource);
  });

  async function loadResources(): Promise<void> {
    if (resources.value.length === 0) resources.value = await bridge.request('resources.list', undefined);
  }

  async function subscribe(key: string): Promise<void> {
    if (subscribed.has(key)) return;
    subscribed.add(key);
    caches.set(key, new Map());
    const { items } = await bridge.request('watch.subscribe', { resource: key });
    const cache = caches.get(key)!;
    for (const o of items) applyWatchEvent(cache, { type: 'ADDED', object: o });
    bump(key);
  }

  /** Reactive through the version counter: read it in a computed. */
  function objects(key: string): KubeObject[] {
    void versions.value[key];
    return [...(caches.get(key)?.values() ?? [])];
  }

  function get(key: string, namespace: string | undefined, name: string): KubeObject | undefined {
    void versions.value[key];
    return caches.get(key)?.get(`${namespace ?? ''}/${name}`);
  }

  function resourceByKind(apiVersion: string, kind: string): ResourceInfo | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    return resources.value.find((r) => r.group === group && r.version === version && r.kind === kind);
  }

  function onBatch(listener: (key: string, events: WatchNotification[]) => void): () => void {
    batchListeners.add(listener);
    return () => batchListeners.delete(listener);
  }

  return { resources, versions, loadResources, subscribe, objects, get, resourceByKind, onBatch };
});
