/**
 * The embedded MVCC store: etcd's data model (one global revision, a version chain per key, an event log per
 * revision) behind the apiserver's storage.Interface shape (types.ts).
 *
 * Layout, chosen so reads and fan-out stay cheap:
 * - `history`: key -> versions ascending by revision; a tombstone (value undefined) records a delete.
 *   The newest entry is the current state; a read at revision R takes the newest entry <= R.
 * - `events`: one StoreEvent per revision from `compacted + 1` to `revision` (every write is exactly one
 *   event), so a watch from R replays `events[R - compacted ..]` and then goes live.
 * - `keys`: keys that have history, sorted lazily (sorted-keys.ts), for ranged lists.
 * Objects are stamped with their resourceVersion, deep-frozen once at write time, and shared by every reader,
 * list and watcher: fan-out never copies or re-serializes.
 *
 * Compaction to C keeps, per key, the newest version <= C (unless it is a tombstone) so reads at any
 * revision >= C stay exact, like etcd; events <= C are dropped.
 */
import { deepFreeze } from '../api/objects';
import type { KubeObject } from '../api/objects';
import type { Disposable } from '../base/disposable';
import { equalIgnoringResourceVersion } from './json-equal';
import { keyInPrefix } from './key-prefix';
import { SortedKeys } from './sorted-keys';
import { storeErrors } from './storage-errors';
import { StoreError } from './types';
import type { ListOptions, ListResult, Preconditions, Store, StoredValue, StoreEvent, TryUpdate, WatchOptions } from './types';

/** One write as the durable layer logs it. `object` is the stamped, frozen object that readers will see. */
export type WriteRecord =
  | { type: 'put'; key: string; revision: number; object: KubeObject }
  | { type: 'delete'; key: string; revision: number }
  | { type: 'compact'; revision: number };

/** The whole retained MVCC state, as a snapshot holds it. A version is [revision, createRevision, object | null]. */
export interface MvccState {
  revision: number;
  compacted: number;
  keys: Array<[key: string, versions: Array<[number, number, KubeObject | null]>]>;
}

export interface MvccStoreOptions {
  /**
   * Called synchronously for every write after its checks passed and before it becomes visible to anyone.
   * Throwing aborts the write (nothing changes, the caller's promise rejects). The durable store appends the
   * record to its log here, which makes "logged before acknowledged" hold by construction.
   */
  beforeCommit?: (record: WriteRecord) => void;
  /** A watch sink threw: the watcher is stopped and the error reported here (other watchers are unaffected). */
  onWatcherError?: (error: unknown, prefix: string) => void;
}

interface Version {
  rev: number;
  /** undefined: the key was deleted at `rev`. */
  value: StoredValue | undefined;
}

interface Watcher {
  prefix: string;
  sink: (event: StoreEvent) => void;
  progressNotify: boolean;
  /** Highest revision delivered (or the start point): guarantees exactly-once under re-entrant writes. */
  lastRev: number;
}

type Dispatch = { event: StoreEvent; bookmark: false } | { event: StoreEvent; bookmark: true };

export class MvccStore implements Store {
  private revision = 0;
  private compacted = 0;
  private readonly history = new Map<string, Version[]>();
  private readonly keys = new SortedKeys();
  private events: StoreEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  private readonly queue: Dispatch[] = [];
  private dispatching = false;
  private closed = false;

  constructor(private readonly options: MvccStoreOptions = {}) {}

  /** Rebuilds a store from a snapshot (see exportState); the event log is derived from the version chains. */
  static fromState(state: MvccState, options: MvccStoreOptions = {}): MvccStore {
    const store = new MvccStore(options);
    store.revision = state.revision;
    store.compacted = state.compacted;
    const events: StoreEvent[] = [];
    for (const [key, raw] of state.keys) {
      const versions: Version[] = [];
      let prev: StoredValue | undefined;
      for (const [rev, createRev, obj] of raw) {
        const value = obj === null ? undefined : freezeValue(key, deepFreeze(obj), rev, createRev);
        versions.push({ rev, value });
        if (rev > state.compacted) events.push(eventFor(key, rev, value, prev));
        prev = value;
      }
      store.history.set(key, versions);
      store.keys.add(key);
    }
    events.sort((a, b) => a.revision - b.revision);
    store.events = events;
    return store;
  }

  /** The retained state for a snapshot. Objects are shared (frozen), not copied. */
  exportState(): MvccState {
    const keys: MvccState['keys'] = [];
    for (const key of this.keys.all()) {
      const versions = this.history.get(key);
      if (!versions) continue;
      keys.push([key, versions.map((v) => [v.rev, v.value?.createRevision ?? 0, v.value?.object ?? null])]);
    }
    return { revision: this.revision, compacted: this.compacted, keys };
  }

  /**
   * Applies a logged write during recovery: no preconditions, no beforeCommit. Throws Corrupt if the record
   * does not continue the history (a gap or a repeat means the log is damaged).
   */
  replay(record: WriteRecord): void {
    if (record.type === 'compact') {
      if (record.revision > this.revision) {
        throw new StoreError('Corrupt', `log compacts to revision ${record.revision}, beyond revision ${this.revision}`);
      }
      this.applyCompact(record.revision);
      return;
    }
    if (record.revision !== this.revision + 1) {
      throw new StoreError('Corrupt', `log record for revision ${record.revision} does not follow revision ${this.revision}`);
    }
    const versions = this.history.get(record.key);
    const current = versions?.[versions.length - 1]?.value;
    if (record.type === 'put') {
      const value = freezeValue(record.key, deepFreeze(record.object), record.revision, current?.createRevision ?? record.revision);
      this.apply(record.key, { rev: record.revision, value }, eventFor(record.key, record.revision, value, current));
    } else {
      if (!current) throw new StoreError('Corrupt', `log deletes absent key ${record.key} at revision ${record.revision}`);
      this.apply(record.key, { rev: record.revision, value: undefined }, eventFor(record.key, record.revision, undefined, current));
    }
  }

  currentRevision(): number {
    return this.revision;
  }

  compactedRevision(): number {
    return this.compacted;
  }

  async get<T extends KubeObject>(key: string): Promise<StoredValue<T> | undefined> {
    this.checkOpen();
    return this.current(key) as StoredValue<T> | undefined;
  }

  async list<T extends KubeObject>(prefix: string, opts: ListOptions = {}): Promise<ListResult<T>> {
    this.checkOpen();
    const atRev = opts.revision ? opts.revision : this.revision;
    if (atRev > this.revision) throw storeErrors.futureRevision();
    if (atRev < this.compacted) throw storeErrors.compacted(this.compacted);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const keys = this.keys.all();
    const from = opts.continueAfter !== undefined && opts.continueAfter >= prefix ? opts.continueAfter : prefix;
    let i = this.keys.lowerBound(from);
    if (keys[i] === opts.continueAfter) i++;
    const items: StoredValue<T>[] = [];
    let remaining = 0;
    for (; i < keys.length; i++) {
      const key = keys[i]!;
      if (!key.startsWith(prefix)) break;
      if (!keyInPrefix(key, prefix)) continue;
      const value = this.valueAt(key, atRev);
      if (!value) continue;
      if (opts.predicate && !opts.predicate(value.object)) continue;
      if (items.length < limit) items.push(value as StoredValue<T>);
      else remaining++;
    }
    const result: ListResult<T> = { items, revision: atRev };
    if (remaining > 0) {
      result.continueKey = items[items.length - 1]!.key;
      result.remaining = remaining;
    }
    return result;
  }

  async create<T extends KubeObject>(key: string, object: T): Promise<StoredValue<T>> {
    this.checkOpen();
    if (object.metadata?.resourceVersion) throw storeErrors.resourceVersionSetOnCreate(key);
    if (this.current(key)) throw storeErrors.keyExists(key);
    return this.put(key, object, undefined) as StoredValue<T>;
  }

  async update<T extends KubeObject>(key: string, object: T, pre?: Preconditions): Promise<StoredValue<T>> {
    this.checkOpen();
    const current = this.current(key);
    if (!current) throw storeErrors.keyNotFound(key);
    checkPreconditions(key, current, pre);
    return this.put(key, object, current) as StoredValue<T>;
  }

  async delete<T extends KubeObject>(key: string, pre?: Preconditions): Promise<StoredValue<T>> {
    this.checkOpen();
    const current = this.current(key);
    if (!current) throw storeErrors.keyNotFound(key);
    checkPreconditions(key, current, pre);
    const rev = this.revision + 1;
    this.options.beforeCommit?.({ type: 'delete', key, revision: rev });
    const event = eventFor(key, rev, undefined, current);
    this.apply(key, { rev, value: undefined }, event);
    return freezeValue(key, event.object!, rev, current.createRevision) as StoredValue<T>;
  }

  async guaranteedUpdate<T extends KubeObject>(
    key: string,
    tryUpdate: TryUpdate<T>,
    opts: { pre?: Preconditions; ignoreNotFound?: boolean } = {},
  ): Promise<StoredValue<T>> {
    for (;;) {
      this.checkOpen();
      const current = this.current(key);
      if (!current && !opts.ignoreNotFound) throw storeErrors.keyNotFound(key);
      if (current) checkPreconditions(key, current, opts.pre);
      const next = await tryUpdate(current?.object as T | undefined);
      this.checkOpen();
      // Someone wrote the key while tryUpdate ran: start over from the new state (upstream retries likewise).
      if (this.current(key) !== current) continue;
      if (!current) return this.put(key, withoutResourceVersion(next), undefined) as StoredValue<T>;
      if (equalIgnoringResourceVersion(next, current.object)) return current as StoredValue<T>;
      return this.put(key, next, current) as StoredValue<T>;
    }
  }

  watch(prefix: string, opts: WatchOptions, sink: (event: StoreEvent) => void): Disposable {
    this.checkOpen();
    if (opts.afterRevision < this.compacted) throw storeErrors.compacted(this.compacted);
    const watcher: Watcher = { prefix, sink, progressNotify: opts.progressNotify === true, lastRev: opts.afterRevision };
    // Replay history synchronously, then register: no write can interleave, so nothing is missed or repeated.
    const start = opts.afterRevision - this.compacted; // index of the first event > afterRevision
    for (let i = Math.max(0, start); i < this.events.length; i++) {
      const event = this.events[i]!;
      if (keyInPrefix(event.key, prefix) && !this.deliver(watcher, event)) return { dispose() {} };
    }
    if (watcher.lastRev < this.revision) watcher.lastRev = this.revision;
    this.watchers.add(watcher);
    return { dispose: () => void this.watchers.delete(watcher) };
  }

  /** etcd's RequestProgress: every progressNotify watcher gets a BOOKMARK with the current revision. */
  requestProgress(): void {
    if (this.closed) return;
    this.enqueue({ event: { type: 'BOOKMARK', key: '', object: undefined, revision: this.revision }, bookmark: true });
  }

  async compact(revision: number): Promise<void> {
    this.checkOpen();
    if (revision > this.revision) throw storeErrors.futureRevision();
    if (revision <= this.compacted) return;
    this.options.beforeCommit?.({ type: 'compact', revision });
    this.applyCompact(revision);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watchers.clear();
  }

  private checkOpen(): void {
    if (this.closed) throw storeErrors.closed();
  }

  private current(key: string): StoredValue | undefined {
    const versions = this.history.get(key);
    return versions?.[versions.length - 1]?.value;
  }

  private valueAt(key: string, rev: number): StoredValue | undefined {
    const versions = this.history.get(key);
    if (!versions) return undefined;
    let lo = 0, hi = versions.length; // first version with rev > target
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (versions[mid]!.rev <= rev) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : versions[lo - 1]!.value;
  }

  private put(key: string, object: KubeObject, current: StoredValue | undefined): StoredValue {
    const rev = this.revision + 1;
    const stamped = stamp(object, rev);
    this.options.beforeCommit?.({ type: 'put', key, revision: rev, object: stamped });
    const value = freezeValue(key, stamped, rev, current?.createRevision ?? rev);
    this.apply(key, { rev, value }, eventFor(key, rev, value, current));
    return value;
  }

  private apply(key: string, version: Version, event: StoreEvent): void {
    let versions = this.history.get(key);
    if (!versions) {
      versions = [];
      this.history.set(key, versions);
      this.keys.add(key);
    }
    versions.push(version);
    this.events.push(event);
    this.revision = version.rev;
    this.enqueue({ event, bookmark: false });
  }

  private applyCompact(revision: number): void {
    if (revision <= this.compacted) return;
    const drop = Math.min(revision - this.compacted, this.events.length);
    this.events = this.events.slice(drop);
    this.compacted = revision;
    for (const [key, versions] of this.history) {
      let keep = 0; // index of the newest version <= revision
      while (keep + 1 < versions.length && versions[keep + 1]!.rev <= revision) keep++;
      if (versions[keep]!.rev > revision) continue;
      const start = versions[keep]!.value === undefined ? keep + 1 : keep;
      if (start === 0) continue;
      if (start >= versions.length) {
        this.history.delete(key);
        this.keys.remove(key);
      } else {
        versions.splice(0, start);
      }
    }
  }

  /** Delivers in one global order even when a sink writes to the store (re-entrancy queues behind). */
  private enqueue(item: Dispatch): void {
    this.queue.push(item);
    if (this.dispatching) return;
    this.dispatching = true;
    try {
      for (let item = this.queue.shift(); item; item = this.queue.shift()) {
        for (const w of this.watchers) {
          if (item.bookmark ? w.progressNotify : keyInPrefix(item.event.key, w.prefix)) this.deliver(w, item.event);
        }
      }
    } finally {
      this.dispatching = false;
    }
  }

  /** Returns false if the sink threw (the watcher is then stopped). */
  private deliver(w: Watcher, event: StoreEvent): boolean {
    if (event.type === 'BOOKMARK' ? event.revision < w.lastRev : event.revision <= w.lastRev) return true;
    w.lastRev = event.revision;
    try {
      w.sink(event);
      return true;
    } catch (error) {
      this.watchers.delete(w);
      if (this.options.onWatcherError) this.options.onWatcherError(error, w.prefix);
      return false;
    }
  }
}

function checkPreconditions(key: string, current: StoredValue, pre: Preconditions | undefined): void {
  if (!pre) return;
  const meta = current.object.metadata;
  if (pre.uid !== undefined && pre.uid !== meta?.uid) {
    throw storeErrors.preconditionFailed(key, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${meta?.uid ?? ''}`);
  }
  if (pre.resourceVersion !== undefined && pre.resourceVersion !== meta?.resourceVersion) {
    throw storeErrors.preconditionFailed(
      key,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${meta?.resourceVersion ?? ''}`,
    );
  }
}

/** A private, deep-frozen copy of `object` with metadata.resourceVersion = rev, made in one walk. */
function stamp(object: KubeObject, rev: number): KubeObject {
  const out: Record<string, unknown> = {};
  for (const k in object) {
    const v = object[k];
    if (v !== undefined && k !== 'metadata') out[k] = frozenCopy(v);
  }
  const meta: Record<string, unknown> = {};
  const src = (object.metadata ?? {}) as Record<string, unknown>;
  for (const k in src) if (src[k] !== undefined) meta[k] = frozenCopy(src[k]);
  meta.resourceVersion = String(rev);
  out.metadata = Object.freeze(meta);
  return Object.freeze(out) as KubeObject;
}

/** deepCopy + deepFreeze of JSON data in a single pass (undefined fields dropped, as JSON does). */
function frozenCopy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const arr = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) arr[i] = frozenCopy(value[i]);
    return Object.freeze(arr);
  }
  const out: Record<string, unknown> = {};
  const src = value as Record<string, unknown>;
  for (const k in src) {
    const v = src[k];
    if (v !== undefined) out[k] = frozenCopy(v);
  }
  return Object.freeze(out);
}

function withoutResourceVersion<T extends KubeObject>(object: T): T {
  if (!object.metadata?.resourceVersion) return object;
  const { resourceVersion: _dropped, ...meta } = object.metadata;
  return { ...object, metadata: meta };
}

function freezeValue(key: string, object: KubeObject, modRevision: number, createRevision: number): StoredValue {
  return Object.freeze({ key, object, modRevision, createRevision });
}

/** The event a write produces; a delete carries the last state restamped with the delete's revision. */
function eventFor(key: string, rev: number, value: StoredValue | undefined, prev: StoredValue | undefined): StoreEvent {
  if (value) {
    return Object.freeze(prev
      ? { type: 'MODIFIED' as const, key, object: value.object, prevObject: prev.object, revision: rev }
      : { type: 'ADDED' as const, key, object: value.object, revision: rev });
  }
  const last = prev!.object;
  const object = deepFreeze({ ...last, metadata: { ...last.metadata, resourceVersion: String(rev) } });
  return Object.freeze({ type: 'DELETED' as const, key, object, prevObject: last, revision: rev });
}
