/**
 * The MVCC store made durable with a write-ahead log and snapshots (etcd's WAL + snap in miniature).
 *
 * Durability contract:
 * - Every write is appended to the WAL as one checksummed frame (record-framing.ts) from the MVCC store's
 *   beforeCommit hook, i.e. before the write is visible to anyone and before its promise resolves. The append
 *   is a synchronous write(2): an acknowledged write survives a process crash or SIGKILL.
 * - fsync is batched: the first append after a sync schedules one (group commit, `groupCommitMs` later, via the
 *   port), run in the background so a slow disk never stalls writers; close() syncs. A power loss can lose at most the last `groupCommitMs` of acknowledged writes,
 *   never corrupt older ones. (etcd fsyncs per batch too; per-write fsync would cap us at disk latency.)
 * - When the WAL has grown by `snapshotAfterBytes`, the whole retained MVCC state (revision, compacted
 *   revision, version chains) is written as `snapshot-<rev>.snap` (temp file, fsync, rename, directory fsync)
 *   and a new WAL `wal-<rev+1>.log` is started; older WALs and snapshots are then removed.
 * - Opening loads the newest snapshot and replays WAL records above its revision. A torn tail on the newest
 *   WAL is cut off (and logged); any other damage throws StoreError('Corrupt', <file and offset>) and no store
 *   is served.
 * - After a failed append the store refuses all further writes (the log may hold a partial frame that only a
 *   reopen can cut off).
 */
import type { KubeObject } from '../api/objects';
import type { Disposable } from '../base/disposable';
import type { AppendOnlyFile, DurableDirectory } from './durable-log';
import { MvccStore } from './mvcc-store';
import type { MvccState, WriteRecord } from './mvcc-store';
import { frameRecord, frameTextInto, readSingleFrame, scanRecords } from './record-framing';
import { StoreError } from './types';
import type { ListOptions, ListResult, Preconditions, Store, StoredValue, StoreEvent, TryUpdate, WatchOptions } from './types';

export interface DurableStoreOptions {
  /** Snapshot once the WAL has grown by this many bytes. Default 64 MiB. */
  snapshotAfterBytes?: number;
  /** Delay of the batched fsync after the first unsynced append. Default 10 ms. */
  groupCommitMs?: number;
  onWatcherError?: (error: unknown, prefix: string) => void;
}

const SNAPSHOT = /^snapshot-(\d+)\.snap$/;
const WAL = /^wal-(\d+)\.log$/;
const TEMP = /\.tmp$/;

const fileName = (kind: 'snapshot' | 'wal', rev: number) =>
  kind === 'snapshot' ? `snapshot-${String(rev).padStart(16, '0')}.snap` : `wal-${String(rev).padStart(16, '0')}.log`;

export async function openDurableStore(dir: DurableDirectory, options: DurableStoreOptions = {}): Promise<DurableStore> {
  return DurableStore.open(dir, options);
}

export class DurableStore implements Store {
  private wal!: AppendOnlyFile;
  private walName!: string;
  private bytesSinceSnapshot = 0;
  private syncTimer: Disposable | undefined;
  /** The background fsync in flight, if any; a file is closed only after its sync settled. */
  private syncing: { file: AppendOnlyFile; done: Promise<void>; closeAfter: boolean } | undefined;
  private failed: StoreError | undefined;
  private closed = false;
  private readonly snapshotAfterBytes: number;
  private readonly groupCommitMs: number;
  private inner!: MvccStore;
  /** Reused frame buffer: one append allocates no byte buffers. */
  private readonly scratch = { buffer: new Uint8Array(64 * 1024) };

  private constructor(private readonly dir: DurableDirectory, options: DurableStoreOptions) {
    this.snapshotAfterBytes = options.snapshotAfterBytes ?? 64 * 1024 * 1024;
    this.groupCommitMs = options.groupCommitMs ?? 10;
  }

  static open(dir: DurableDirectory, options: DurableStoreOptions): DurableStore {
    const store = new DurableStore(dir, options);
    store.recover(options);
    return store;
  }

  private recover(options: DurableStoreOptions): void {
    const names = this.dir.list();
    for (const name of names) if (TEMP.test(name)) this.dir.remove(name); // an interrupted snapshot write
    const snapshots = numbered(names, SNAPSHOT);
    const wals = numbered(names, WAL);
    const mvccOptions = { beforeCommit: (r: WriteRecord) => this.append(r), onWatcherError: options.onWatcherError };

    const newest = snapshots[snapshots.length - 1];
    if (newest) {
      const payload = readSingleFrame(this.dir.read(newest.name), newest.name);
      let state: MvccState;
      try {
        state = JSON.parse(this.dir.utf8.decode(payload)) as MvccState;
      } catch {
        throw new StoreError('Corrupt', `corrupt snapshot ${newest.name} at offset 8 (payload is not valid JSON)`);
      }
      if (state.revision !== newest.rev) {
        throw new StoreError('Corrupt', `corrupt snapshot ${newest.name}: it holds revision ${state.revision}`);
      }
      this.inner = MvccStore.fromState(state, mvccOptions);
    } else {
      this.inner = new MvccStore(mvccOptions);
    }

    for (const [i, wal] of wals.entries()) {
      const scan = scanRecords(this.dir.read(wal.name), wal.name);
      for (const { offset, payload } of scan.records) {
        let record: WriteRecord;
        try {
          record = JSON.parse(this.dir.utf8.decode(payload)) as WriteRecord;
        } catch {
          throw new StoreError('Corrupt', `corrupt record in ${wal.name} at offset ${offset} (payload is not valid JSON)`);
        }
        if (record.type !== 'compact' && record.revision <= this.inner.currentRevision()) continue; // in the snapshot
        try {
          this.inner.replay(record);
        } catch (e) {
          throw new StoreError('Corrupt', `corrupt record in ${wal.name} at offset ${offset}: ${(e as Error).message}`);
        }
      }
      if (scan.tornTailAt !== undefined) {
        if (i !== wals.length - 1) {
          throw new StoreError('Corrupt', `corrupt record in ${wal.name} at offset ${scan.tornTailAt} (damaged record in a closed log segment)`);
        }
        this.dir.truncate(wal.name, scan.validLength);
        this.dir.log(`store: cut off a torn tail of ${wal.name} at offset ${scan.tornTailAt} (an append interrupted by a crash)`);
      }
    }
    for (const old of snapshots.slice(0, -1)) this.dir.remove(old.name);

    const last = wals[wals.length - 1];
    this.walName = last ? last.name : fileName('wal', this.inner.currentRevision() + 1);
    this.wal = this.dir.openAppend(this.walName);
  }

  // ---- Store ----

  currentRevision(): number {
    return this.inner.currentRevision();
  }
  compactedRevision(): number {
    return this.inner.compactedRevision();
  }
  get<T extends KubeObject>(key: string): Promise<StoredValue<T> | undefined> {
    return this.inner.get<T>(key);
  }
  list<T extends KubeObject>(prefix: string, opts?: ListOptions): Promise<ListResult<T>> {
    return this.inner.list<T>(prefix, opts);
  }
  async create<T extends KubeObject>(key: string, object: T): Promise<StoredValue<T>> {
    const v = await this.inner.create(key, object);
    this.maybeSnapshot();
    return v;
  }
  async update<T extends KubeObject>(key: string, object: T, pre?: Preconditions): Promise<StoredValue<T>> {
    const v = await this.inner.update(key, object, pre);
    this.maybeSnapshot();
    return v;
  }
  async delete<T extends KubeObject>(key: string, pre?: Preconditions): Promise<StoredValue<T>> {
    const v = await this.inner.delete<T>(key, pre);
    this.maybeSnapshot();
    return v;
  }
  async guaranteedUpdate<T extends KubeObject>(
    key: string,
    tryUpdate: TryUpdate<T>,
    opts?: { pre?: Preconditions; ignoreNotFound?: boolean },
  ): Promise<StoredValue<T>> {
    const v = await this.inner.guaranteedUpdate(key, tryUpdate, opts);
    this.maybeSnapshot();
    return v;
  }
  watch(prefix: string, opts: WatchOptions, sink: (event: StoreEvent) => void): Disposable {
    return this.inner.watch(prefix, opts, sink);
  }
  /** See MvccStore.requestProgress. */
  requestProgress(): void {
    this.inner.requestProgress();
  }
  compact(revision: number): Promise<void> {
    return this.inner.compact(revision);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.inner.close();
    this.syncTimer?.dispose();
    this.syncTimer = undefined;
    if (this.syncing) await this.syncing.done.catch(() => {});
    if (!this.failed) this.wal.sync();
    this.wal.close();
  }

  /** Writes a snapshot now (also done automatically as the WAL grows). */
  snapshot(): void {
    if (this.closed || this.failed) return;
    const state = this.inner.exportState();
    const frame = frameRecord(this.dir.utf8.encode(JSON.stringify(state)));
    this.dir.writeAtomic(fileName('snapshot', state.revision), frame);
    // Everything in the old WAL is in the snapshot now, so it needs no fsync before it is replaced.
    this.syncTimer?.dispose();
    this.syncTimer = undefined;
    if (this.syncing?.file === this.wal) this.syncing.closeAfter = true;
    else this.wal.close();
    this.walName = fileName('wal', state.revision + 1);
    this.wal = this.dir.openAppend(this.walName);
    this.bytesSinceSnapshot = 0;
    const snapshotName = fileName('snapshot', state.revision);
    for (const name of this.dir.list()) {
      if ((WAL.test(name) && name !== this.walName) || (SNAPSHOT.test(name) && name !== snapshotName)) this.dir.remove(name);
    }
  }

  // ---- the write-ahead log ----

  private append(record: WriteRecord): void {
    if (this.failed) throw this.failed;
    if (this.closed) throw new StoreError('Unavailable', 'storage is closed');
    // The object is serialized exactly once per write, here.
    const frame = frameTextInto(JSON.stringify(record), this.scratch, this.dir.utf8.encodeInto);
    try {
      this.wal.append(frame);
    } catch (e) {
      this.failed = new StoreError('Unavailable', `storage write failed; reopen the store to recover: ${(e as Error).message}`);
      throw this.failed;
    }
    this.bytesSinceSnapshot += frame.length;
    this.scheduleSync();
  }

  /** Group commit: one background fsync per window covers every append made before it started. */
  private scheduleSync(): void {
    if (this.syncTimer) return;
    this.syncTimer = this.dir.schedule(this.groupCommitMs, () => {
      this.syncTimer = undefined;
      if (this.closed || this.failed) return;
      if (this.syncing) {
        this.scheduleSync(); // the previous fsync is still running; the appends since then need another
        return;
      }
      const file = this.wal;
      const entry = { file, closeAfter: false, done: Promise.resolve() };
      entry.done = file.syncInBackground().then(
        () => {
          this.syncing = undefined;
          if (entry.closeAfter) file.close();
        },
        (e: unknown) => {
          this.syncing = undefined;
          // After a failed fsync the kernel may have dropped the dirty pages: nothing written since is trustworthy.
          this.failed = new StoreError('Unavailable', `storage sync failed; reopen the store to recover: ${(e as Error).message}`);
          this.dir.log(`store: ${this.failed.message}`);
          if (entry.closeAfter) file.close();
        },
      );
      this.syncing = entry;
    });
  }

  private maybeSnapshot(): void {
    if (this.bytesSinceSnapshot < this.snapshotAfterBytes) return;
    try {
      this.snapshot();
    } catch (e) {
      // The writes are safe in the WAL; only compaction of the log is delayed. Retry after as many bytes again.
      this.bytesSinceSnapshot = 0;
      this.dir.log(`store: snapshot failed, will retry: ${(e as Error).message}`);
    }
  }
}

function numbered(names: string[], pattern: RegExp): Array<{ name: string; rev: number }> {
  const out: Array<{ name: string; rev: number }> = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (m) out.push({ name, rev: Number(m[1]) });
  }
  return out.sort((a, b) => a.rev - b.rev);
}
