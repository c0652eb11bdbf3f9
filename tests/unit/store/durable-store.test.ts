import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/api/objects';
import type { Disposable } from '../../../engine/base/disposable';
import type { AppendOnlyFile, DurableDirectory } from '../../../engine/store/durable-log';
import { openDurableStore } from '../../../engine/store/durable-store';
import { StoreError } from '../../../engine/store/types';
import type { StoreEvent } from '../../../engine/store/types';
import { openFileStore } from '../../../engine/node/store-files/index';

const cm = (name: string, data: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'd', uid: `u-${name}` }, data });
const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'durable-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const walFiles = (dir: string) => fs.readdirSync(dir).filter((n) => n.startsWith('wal-')).sort();

async function corruptError(p: Promise<unknown>): Promise<StoreError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).code).toBe('Corrupt');
    return e as StoreError;
  }
  throw new Error('expected Corrupt');
}

describe('durable store on files', () => {
  it('reopens with the same data, revision, compacted revision and history', async () => {
    const dir = tempDir();
    const s = await openFileStore(dir, { log: () => {} });
    await s.create('/cm/d/a', cm('a', { v: '1' }));
    await s.create('/cm/d/b', cm('b'));
    await s.update('/cm/d/a', cm('a', { v: '2' }));
    await s.delete('/cm/d/b');
    await s.compact(1);
    await s.close();

    const r = await openFileStore(dir, { log: () => {} });
    expect(r.currentRevision()).toBe(4);
    expect(r.compactedRevision()).toBe(1);
    const a = await r.get('/cm/d/a');
    expect([a?.object.data, a?.modRevision, a?.createRevision, a?.object.metadata?.resourceVersion]).toEqual([{ v: '2' }, 3, 1, '3']);
    expect(await r.get('/cm/d/b')).toBeUndefined();
    expect((await r.list('/cm/d/', { revision: 2 })).items.map((i) => i.key)).toEqual(['/cm/d/a', '/cm/d/b']);
    const events: StoreEvent[] = [];
    r.watch('/cm/', { afterRevision: 1 }, (e) => events.push(e));
    expect(events.map((e) => [e.type, e.revision])).toEqual([['ADDED', 2], ['MODIFIED', 3], ['DELETED', 4]]);
    expect(events[2]!.prevObject?.metadata?.name).toBe('b');
    expect(() => r.watch('/cm/', { afterRevision: 0 }, () => {})).toThrow(/required revision has been compacted/);
    await r.create('/cm/d/c', cm('c'));
    expect(r.currentRevision()).toBe(5);
    await r.close();
  });

  it('snapshots, rotates the WAL, and restores history across the snapshot', async () => {
    const dir = tempDir();
    const s = await openFileStore(dir, { snapshotAfterBytes: 2048, log: () => {} });
    for (let i = 0; i < 40; i++) await s.create(`/cm/d/k${i}`, cm(`k${i}`, { pad: 'x'.repeat(100) }));
    const files = fs.readdirSync(dir);
    const snaps = files.filter((n) => n.startsWith('snapshot-'));
    expect(snaps.length).toBe(1);
    const snapRev = Number(/snapshot-(\d+)/.exec(snaps[0]!)![1]);
    expect(snapRev).toBeGreaterThan(0);
    expect(walFiles(dir)).toEqual([`wal-${String(snapRev + 1).padStart(16, '0')}.log`]);
    await s.close();
    const r = await openFileStore(dir, { log: () => {} });
    expect(r.currentRevision()).toBe(40);
    expect((await r.list('/cm/d/')).items.length).toBe(40);
    const revs: number[] = [];
    r.watch('/cm/', { afterRevision: 0 }, (e) => revs.push(e.revision));
    expect(revs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await r.close();
  });

  it('cuts off a torn tail silently (logged) and keeps every complete record', async () => {
    const dir = tempDir();
    const s = await openFileStore(dir, { log: () => {} });
    await s.create('/cm/d/a', cm('a'));
    await s.create('/cm/d/b', cm('b'));
    await s.close();
    const wal = path.join(dir, walFiles(dir)[0]!);
    const intact = fs.statSync(wal).size;
    fs.appendFileSync(wal, Buffer.from([200, 0, 0, 0, 1, 2, 3, 4, 123, 34])); // header + 2 of 200 payload bytes
    const logs: string[] = [];
    const r = await openFileStore(dir, { log: (m) => logs.push(m) });
    expect(r.currentRevision()).toBe(2);
    expect(logs.join('\n')).toMatch(/torn tail of wal-0+1\.log at offset \d+/);
    expect(fs.statSync(wal).size).toBe(intact);
    await r.create('/cm/d/c', cm('c'));
    await r.close();
    const again = await openFileStore(dir, { log: () => {} });
    expect(again.currentRevision()).toBe(3);
    await again.close();
  });

  it('refuses to open when a record in the middle is damaged', async () => {
    const dir = tempDir();
    const s = await openFileStore(dir, { log: () => {} });
    for (let i = 0; i < 3; i++) await s.create(`/cm/d/k${i}`, cm(`k${i}`));
    await s.close();
    const name = walFiles(dir)[0]!;
    const data = fs.readFileSync(path.join(dir, name));
    data[20] = data[20]! ^ 0x01;
    fs.writeFileSync(path.join(dir, name), data);
    const err = await corruptError(openFileStore(dir, { log: () => {} }));
    expect(err.message).toContain(`${name} at offset 0`);
  });

  it('refuses to open with a damaged snapshot', async () => {
    const dir = tempDir();
    const s = await openFileStore(dir, { log: () => {} });
    await s.create('/cm/d/a', cm('a'));
    s.snapshot();
    await s.close();
    const snap = fs.readdirSync(dir).find((n) => n.startsWith('snapshot-'))!;
    const data = fs.readFileSync(path.join(dir, snap));
    data[data.length - 3] = data[data.length - 3]! ^ 0x40;
    fs.writeFileSync(path.join(dir, snap), data);
    const err = await corruptError(openFileStore(dir, { log: () => {} }));
    expect(err.message).toContain(`corrupt snapshot ${snap}`);
  });

  it('refuses a log whose revisions skip (a lost record)', async () => {
    const dir = tempDir();
    const s = await openFileStore(dir, { log: () => {} });
    for (let i = 0; i < 3; i++) await s.create(`/cm/d/k${i}`, cm(`k${i}`));
    await s.close();
    const name = walFiles(dir)[0]!;
    const data = fs.readFileSync(path.join(dir, name));
    const firstLen = data.readUInt32LE(0);
    const secondLen = data.readUInt32LE(8 + firstLen);
    const withoutSecond = Buffer.concat([data.subarray(0, 8 + firstLen), data.subarray(16 + firstLen + secondLen)]);
    fs.writeFileSync(path.join(dir, name), withoutSecond);
    const err = await corruptError(openFileStore(dir, { log: () => {} }));
    expect(err.message).toMatch(/revision 3 does not follow revision 1/);
  });
});

/** An in-memory port that counts syncs and can fail appends. */
class MemoryDirectory implements DurableDirectory {
  files = new Map<string, Uint8Array>();
  syncs = 0;
  failAppends = false;
  timers: Array<() => void> = [];
  readonly utf8 = {
    encode: (t: string) => new TextEncoder().encode(t),
    encodeInto: (t: string, dest: Uint8Array, offset: number) => new TextEncoder().encodeInto(t, dest.subarray(offset)).written,
    decode: (b: Uint8Array) => new TextDecoder().decode(b),
  };
  list() {
    return [...this.files.keys()];
  }
  read(name: string) {
    return this.files.get(name)!;
  }
  openAppend(name: string): AppendOnlyFile {
    if (!this.files.has(name)) this.files.set(name, new Uint8Array());
    return {
      append: (data) => {
        if (this.failAppends) throw new Error('EIO: i/o error, write');
        const old = this.files.get(name)!;
        const next = new Uint8Array(old.length + data.length);
        next.set(old);
        next.set(data, old.length);
        this.files.set(name, next);
      },
      sync: () => void this.syncs++,
      syncInBackground: async () => void this.syncs++,
      size: () => this.files.get(name)!.length,
      close: () => {},
    };
  }
  writeAtomic(name: string, data: Uint8Array) {
    this.files.set(name, data.slice());
  }
  truncate(name: string, length: number) {
    this.files.set(name, this.files.get(name)!.slice(0, length));
  }
  remove(name: string) {
    this.files.delete(name);
  }
  schedule(_ms: number, fn: () => void): Disposable {
    this.timers.push(fn);
    return { dispose: () => (this.timers = this.timers.filter((f) => f !== fn)) };
  }
  log() {}
  runTimers() {
    const t = this.timers.splice(0);
    for (const f of t) f();
  }
}

describe('durable store through the port', () => {
  it('batches fsync: one per group-commit window, and one on close', async () => {
    const dir = new MemoryDirectory();
    const s = await openDurableStore(dir);
    for (let i = 0; i < 100; i++) await s.create(`/k/${i}`, cm(`k${i}`));
    expect(dir.syncs).toBe(0);
    expect(dir.timers.length).toBe(1);
    dir.runTimers();
    expect(dir.syncs).toBe(1);
    await s.create('/k/x', cm('x'));
    await s.close();
    expect(dir.syncs).toBe(2);
  });

  it('fails a write whose append fails, changes nothing, and refuses further writes', async () => {
    const dir = new MemoryDirectory();
    const s = await openDurableStore(dir);
    await s.create('/k/a', cm('a'));
    const seen: StoreEvent[] = [];
    s.watch('/k/', { afterRevision: 1 }, (e) => seen.push(e));
    dir.failAppends = true;
    await expect(s.create('/k/b', cm('b'))).rejects.toMatchObject({ code: 'Unavailable' });
    expect(s.currentRevision()).toBe(1);
    expect(await s.get('/k/b')).toBeUndefined();
    expect(seen).toEqual([]);
    dir.failAppends = false;
    await expect(s.create('/k/c', cm('c'))).rejects.toMatchObject({ code: 'Unavailable' });
  });
});
