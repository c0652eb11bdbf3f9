/**
 * LIST and WATCH for one resource, with upstream's semantics:
 * - resourceVersion "" / "0" → newest; with resourceVersionMatch=Exact → that past revision (410 if compacted);
 * - limit/continue pages at one consistent revision (the continue token carries it);
 * - watch from rv N delivers changes after N; without rv (or "0") it first synthesizes ADDED for what exists;
 * - selector transitions: an object that stops matching arrives as DELETED, one that starts matching as ADDED;
 * - too old → one ERROR event with a 410 Expired Status, then the stream ends.
 */
import type { KubeObject } from '../../api/objects';
import type { Disposable } from '../../base/disposable';
import { StoreError, type Store, type StoreEvent } from '../../store/types';
import { base64Decode, base64Encode } from '../../base/base64';
import { apiErrors, StatusError } from '../errors/status-error';
import type { ObjectRegistry } from './object-registry';

export interface ObjectFilter {
  matches(obj: KubeObject): boolean;
}

export interface ListParams {
  namespace: string;
  filter: ObjectFilter;
  /** True when a label/field selector narrows the list: upstream then omits remainingItemCount (it cannot know it). */
  selective?: boolean;
  limit?: number;
  continueToken?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListPage {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

interface ContinueToken {
  v: 'meta.k8s.io/v1';
  rv: number;
  start: string;
}

/** Continue tokens look like upstream's: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"<key>\u0000"}. */
function encodeContinue(rv: number, lastKey: string, prefix: string): string {
  const token: ContinueToken = { v: 'meta.k8s.io/v1', rv, start: `${lastKey.slice(prefix.length)}\u0000` };
  return base64Encode(JSON.stringify(token));
}

function decodeContinue(token: string, prefix: string): { rv: number; after: string } {
  let parsed: ContinueToken;
  try {
    parsed = JSON.parse(base64Decode(token)) as ContinueToken;
  } catch {
    throw apiErrors.badRequest('continue key is not valid: illegal base64 data at input byte 0');
  }
  if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string') {
    throw apiErrors.badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
  const start = parsed.start.endsWith('\u0000') ? parsed.start.slice(0, -1) : parsed.start;
  return { rv: parsed.rv, after: prefix + start };
}

export function parseResourceVersion(rv: string | undefined, what = 'resourceVersion'): number | undefined {
  if (rv === undefined || rv === '') return undefined;
  if (!/^\d+$/.test(rv)) throw apiErrors.badRequest(`invalid ${what}: ${rv}`);
  return Number(rv);
}

export async function listObjects(store: Store, registry: ObjectRegistry, p: ListParams): Promise<ListPage> {
  const prefix = registry.prefix(p.namespace);
  let revision: number | undefined;
  let after: string | undefined;
  if (p.continueToken) {
    const c = decodeContinue(p.continueToken, prefix);
    revision = c.rv;
    after = c.after;
  } else {
    const rv = parseResourceVersion(p.resourceVersion);
    if (p.resourceVersionMatch === 'Exact') {
      if (rv === undefined || rv === 0) throw apiErrors.badRequest('resourceVersionMatch "Exact" is forbidden for resourceVersion "" or "0"');
      revision = rv;
    } else if (p.resourceVersionMatch !== undefined && p.resourceVersionMatch !== '' && p.resourceVersionMatch !== 'NotOlderThan') {
      throw apiErrors.badRequest(`resourceVersionMatch: Unsupported value: "${p.resourceVersionMatch}": supported values: "Exact", "NotOlderThan"`);
    } else if (rv !== undefined && rv > store.currentRevision()) {
      throw apiErrors.timeout(`Too large resource version: ${rv}, current: ${store.currentRevision()}`, 1);
    }
  }
  try {
    const res = await store.list(prefix, {
      revision,
      limit: p.limit && p.limit > 0 ? p.limit : undefined,
      continueAfter: after,
      predicate: (o) => p.filter.matches(o),
    });
    const page: ListPage = { items: res.items.map((i) => i.object), resourceVersion: String(res.revision) };
    if (res.continueKey !== undefined) {
      page.continueToken = encodeContinue(res.revision, res.continueKey, prefix);
      if (res.remaining !== undefined && !p.selective) page.remainingItemCount = res.remaining;
    }
    return page;
  } catch (err) {
    if (err instanceof StoreError && err.code === 'Expired') {
      if (p.continueToken) {
        throw apiErrors.resourceExpired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      }
      throw apiErrors.resourceExpired(`The resourceVersion for the provided list is too old.`);
    }
    throw err;
  }
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchParams {
  namespace: string;
  filter: ObjectFilter;
  resourceVersion?: string;
  allowBookmarks: boolean;
  sendInitialEvents: boolean;
}

export interface WatchSink {
  event(type: WatchEventType, object: KubeObject | Record<string, unknown>, source?: StoreEvent): void;
  end(): void;
}

/**
 * Starts a watch; returns the subscription. Errors that happen before streaming starts (bad parameters) throw;
 * an expired resourceVersion is reported in-stream, as upstream does.
 */
export async function startWatch(store: Store, registry: ObjectRegistry, p: WatchParams, sink: WatchSink): Promise<Disposable> {
  const prefix = registry.prefix(p.namespace);
  const rv = parseResourceVersion(p.resourceVersion);
  const bookmarkObject = (rev: number, annotations?: Record<string, string>): Record<string, unknown> => ({
    kind: registry.info.kind,
    apiVersion: registry.apiVersion,
    metadata: annotations ? { resourceVersion: String(rev), annotations } : { resourceVersion: String(rev) },
  });

  let after: number;
  const initial: KubeObject[] = [];
  if (rv === undefined || rv === 0 || p.sendInitialEvents) {
    const list = await store.list(prefix, { predicate: (o) => p.filter.matches(o) });
    for (const item of list.items) initial.push(item.object);
    after = list.revision;
  } else {
    after = rv;
  }

  // Stored objects are immutable and an event's prevObject is the previous event's object, so each object's
  // verdict is remembered for its successor's event: the filter runs once per object version, not twice. (With a
  // field selector per kubelet, every pod change meets every kubelet's watch; this halves that cost.)
  const verdicts = new WeakMap<KubeObject, boolean>();
  const matches = (o: KubeObject): boolean => {
    let v = verdicts.get(o);
    if (v === undefined) {
      v = p.filter.matches(o);
      verdicts.set(o, v);
    }
    return v;
  };
  const onEvent = (ev: StoreEvent): void => {
    if (ev.type === 'BOOKMARK') {
      if (p.allowBookmarks) sink.event('BOOKMARK', bookmarkObject(ev.revision), ev);
      return;
    }
    const oldMatch = ev.prevObject !== undefined && matches(ev.prevObject);
    const newMatch = ev.object !== undefined && ev.type !== 'DELETED' && matches(ev.object);
    if (ev.type === 'DELETED') {
      if (oldMatch || (ev.prevObject === undefined && ev.object && matches(ev.object))) sink.event('DELETED', ev.object as KubeObject, ev);
      return;
    }
    if (newMatch && oldMatch) sink.event('MODIFIED', ev.object as KubeObject, ev);
    else if (newMatch) sink.event('ADDED', ev.object as KubeObject, ev);
    else if (oldMatch) sink.event('DELETED', ev.object as KubeObject, ev);
  };

  let subscription: Disposable;
  try {
    subscription = store.watch(prefix, { afterRevision: after, progressNotify: p.allowBookmarks }, onEvent);
  } catch (err) {
    if (err instanceof StoreError && err.code === 'Expired') {
      const status = apiErrors.resourceExpired(`too old resource version: ${after} (${err.compactedRevision ?? store.compactedRevision()})`).status;
      sink.event('ERROR', status as unknown as Record<string, unknown>);
      sink.end();
      return { dispose() {} };
    }
    if (err instanceof StatusError) throw err;
    throw err;
  }
  for (const obj of initial) sink.event('ADDED', obj);
  if (p.sendInitialEvents && p.allowBookmarks) sink.event('BOOKMARK', bookmarkObject(after, { 'k8s.io/initial-events-end': 'true' }));
  return subscription;
}
