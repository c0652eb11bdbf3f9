/**
 * The storage contract the API server is written against (modelled on k8s.io/apiserver storage.Interface
 * over etcd's MVCC). Two backends implement it: the embedded MVCC store (default) and real etcd (optional);
 * one contract suite (tests/contract/store) runs against both.
 *
 * Invariants:
 * - One global revision, increasing by exactly 1 per successful write (create, update, delete).
 * - A value's resourceVersion is the decimal string of the revision that last modified it; the store stamps
 *   `metadata.resourceVersion` on every object it returns.
 * - Objects handed out are deep-frozen: readers share them and must copy before changing anything.
 * - Watch delivers, for one watcher, events in revision order, each exactly once, with no gaps.
 */
import type { Disposable } from '../base/disposable';
import type { KubeObject } from '../api/objects';

export interface Preconditions {
  /** Fails with a Conflict unless the stored object's resourceVersion equals this. */
  resourceVersion?: string;
  /** Fails with a Conflict unless the stored object's metadata.uid equals this. */
  uid?: string;
}

export interface StoredValue<T extends KubeObject = KubeObject> {
  key: string;
  object: T;
  /** Revision of the write that produced this value (== resourceVersion). */
  modRevision: number;
  createRevision: number;
}

export interface ListOptions {
  /** Read as of this past revision; 0/undefined means the newest. Older than the compacted revision: Expired. */
  revision?: number;
  /** At most this many items; the result then carries `continueKey`. */
  limit?: number;
  /** Resume after this key (exclusive), as returned by a previous page. */
  continueAfter?: string;
  /** Return only values for which this is true (evaluated before `limit`, as the apiserver's cacher does). */
  predicate?: (obj: KubeObject) => boolean;
}

export interface ListResult<T extends KubeObject = KubeObject> {
  items: StoredValue<T>[];
  /** The revision the list reflects. */
  revision: number;
  /** Present when more items remain: pass back as `continueAfter` (with `revision`). */
  continueKey?: string;
  /** How many more items match after this page (upstream's remainingItemCount), when known. */
  remaining?: number;
}

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface StoreEvent<T extends KubeObject = KubeObject> {
  type: StoreEventType;
  key: string;
  /** The object after the change; for DELETED, the last state (with the delete's revision stamped). */
  object: T | undefined;
  /** The object before the change (MODIFIED, DELETED). */
  prevObject?: T;
  revision: number;
}

export interface WatchOptions {
  /** Deliver events with revision strictly greater than this. Compacted: throws StoreError 'Expired'. */
  afterRevision: number;
  /** Emit BOOKMARK events carrying the current revision when idle (etcd's progress notify). */
  progressNotify?: boolean;
}

export type StoreErrorCode = 'KeyExists' | 'KeyNotFound' | 'Conflict' | 'Expired' | 'Unavailable' | 'InvalidArgument' | 'Corrupt';

/** Storage errors carry a code; the API server maps them to Status errors (storage/errors.go's roles). */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly key?: string,
    /** For Expired: the oldest revision still available. */
    readonly compactedRevision?: number,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Given the current value (undefined if absent when `ignoreNotFound`), return the next one or throw. */
export type TryUpdate<T extends KubeObject> = (current: T | undefined) => T | Promise<T>;

export interface Store {
  /** The newest revision (0 for an empty, new store). */
  currentRevision(): number;
  /** The revision compacted to; reads at revisions below it, and watches from below it, are Expired (as in etcd). */
  compactedRevision(): number;

  get<T extends KubeObject>(key: string): Promise<StoredValue<T> | undefined>;
  /**
   * Values under `prefix`, sorted by key. A prefix ending in '/' covers the keys below it; any other string
   * covers that key and the keys below `prefix + '/'` (so '/pods/ns1/' never covers '/pods/ns10/x').
   */
  list<T extends KubeObject>(prefix: string, opts?: ListOptions): Promise<ListResult<T>>;
  /** Fails with KeyExists. Returns the stored value (with resourceVersion stamped). */
  create<T extends KubeObject>(key: string, object: T): Promise<StoredValue<T>>;
  /** Fails with KeyNotFound or Conflict (preconditions). */
  update<T extends KubeObject>(key: string, object: T, pre?: Preconditions): Promise<StoredValue<T>>;
  /** Fails with KeyNotFound or Conflict. Returns the deleted value, stamped with the delete's revision. */
  delete<T extends KubeObject>(key: string, pre?: Preconditions): Promise<StoredValue<T>>;
  /**
   * Read-modify-write that retries on concurrent modification (storage.Interface.GuaranteedUpdate).
   * `tryUpdate` may throw to abort. With `ignoreNotFound`, an absent key calls tryUpdate(undefined) and creates.
   * If the returned object is deep-equal to the current one, nothing is written and the current value returns.
   */
  guaranteedUpdate<T extends KubeObject>(key: string, tryUpdate: TryUpdate<T>, opts?: { pre?: Preconditions; ignoreNotFound?: boolean }): Promise<StoredValue<T>>;
  /** Events under `prefix` (a key, or a prefix ending in '/'). The sink is called synchronously in order. */
  watch(prefix: string, opts: WatchOptions, sink: (event: StoreEvent) => void): Disposable;
  /**
   * Sends a BOOKMARK carrying the current revision to every watcher opened with `progressNotify` (etcd's
   * RequestProgress). The API server calls it on a virtual-clock timer.
   */
  requestProgress(): void;
  /** Drops history at or below `revision`. */
  compact(revision: number): Promise<void>;
  /** Flushes and releases resources (fsync the log). */
  close(): Promise<void>;
}
