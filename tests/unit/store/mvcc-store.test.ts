import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/api/objects';
import { MvccStore } from '../../../engine/store/mvcc-store';
import { SortedKeys } from '../../../engine/store/sorted-keys';
import { keyInPrefix } from '../../../engine/store/key-prefix';
import type { StoreEvent } from '../../../engine/store/types';

const obj = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({ kind: 'ConfigMap', metadata: { name, uid: `u-${name}` }, ...extra });

describe('MvccStore internals', () => {
  it('fans one frozen event object out to every watcher (no per-watcher copies)', async () => {
    const s = new MvccStore();
    const got: StoreEvent[][] = [[], [], []];
    got.forEach((list) => s.watch('/a/', { afterRevision: 0 }, (e) => list.push(e)));
    const created = await s.create('/a/x', obj('x'));
    expect(got[0]![0]).toBe(got[1]![0]);
    expect(got[1]![0]).toBe(got[2]![0]);
    expect(got[0]![0]!.object).toBe(created.object);
    expect(Object.isFrozen(got[0]![0])).toBe(true);
  });

  it('stops a watcher whose sink throws and reports it, without failing the write or other watchers', async () => {
    const errors: unknown[] = [];
    const s = new MvccStore({ onWatcherError: (e, prefix) => errors.push([(e as Error).message, prefix]) });
    let bad = 0;
    const good: number[] = [];
    s.watch('/a/', { afterRevision: 0 }, () => {
      bad++;
      throw new Error('sink broke');
    });
    s.watch('/a/', { afterRevision: 0 }, (e) => good.push(e.revision));
    await s.create('/a/x', obj('x'));
    await s.create('/a/y', obj('y'));
    expect(bad).toBe(1);
    expect(good).toEqual([1, 2]);
    expect(errors).toEqual([['sink broke', '/a/']]);
  });

  it('treats a returned object differing only in resourceVersion as a no-op', async () => {
    const s = new MvccStore();
    await s.create('/a/x', obj('x'));
    await s.create('/a/y', obj('y'));
    const out = await s.guaranteedUpdate('/a/x', (cur) => ({ ...cur!, metadata: { ...cur!.metadata, resourceVersion: '999' } }));
    expect(out.modRevision).toBe(1);
    expect(s.currentRevision()).toBe(2);
  });

  it('compaction forgets keys whose last version is a tombstone at or below the compacted revision', async () => {
    const s = new MvccStore();
    await s.create('/a/x', obj('x'));
    await s.create('/a/y', obj('y'));
    await s.delete('/a/x');
    await s.update('/a/y', obj('y', { v: 2 }));
    await s.compact(3);
    const state = s.exportState();
    expect(state.keys.map(([k, versions]) => [k, versions.map((v) => v[0])])).toEqual([['/a/y', [2, 4]]]);
    expect((await s.list('/a/', { revision: 3 })).items.map((i) => i.key)).toEqual(['/a/y']);
    await s.create('/a/x', obj('x'));
    expect((await s.list('/a/')).items.map((i) => i.key)).toEqual(['/a/x', '/a/y']);
  });

  it('a watch from a future revision delivers only what comes after it', async () => {
    const s = new MvccStore();
    const revs: number[] = [];
    s.watch('/a/', { afterRevision: 2 }, (e) => revs.push(e.revision));
    for (const n of ['p', 'q', 'r']) await s.create(`/a/${n}`, obj(n));
    expect(revs).toEqual([3]);
  });

  it('rebuilds the same history from exported state', async () => {
    const s = new MvccStore();
    await s.create('/a/x', obj('x'));
    await s.update('/a/x', obj('x', { v: 2 }));
    await s.delete('/a/x');
    await s.create('/a/y', obj('y'));
    const copy = MvccStore.fromState(JSON.parse(JSON.stringify(s.exportState())));
    const a: unknown[] = [];
    const b: unknown[] = [];
    s.watch('/', { afterRevision: 0 }, (e) => a.push(e));
    copy.watch('/', { afterRevision: 0 }, (e) => b.push(e));
    expect(b).toEqual(a);
    expect(copy.currentRevision()).toBe(4);
  });
});

describe('SortedKeys', () => {
  it('keeps keys sorted across bursts, removals and re-adds', () => {
    const k = new SortedKeys();
    for (const x of ['m', 'c', 'x', 'a']) k.add(x);
    expect(k.all()).toEqual(['a', 'c', 'm', 'x']);
    k.add('b');
    k.remove('m');
    k.add('z');
    expect(k.all()).toEqual(['a', 'b', 'c', 'x', 'z']);
    k.remove('c');
    k.add('c');
    expect(k.all()).toEqual(['a', 'b', 'c', 'x', 'z']);
    expect(k.lowerBound('c')).toBe(2);
    expect(k.lowerBound('d')).toBe(3);
  });
});

describe('keyInPrefix', () => {
  it('isolates sibling prefixes and covers children of a bare key', () => {
    expect(keyInPrefix('/pods/ns1/a', '/pods/ns1/')).toBe(true);
    expect(keyInPrefix('/pods/ns10/a', '/pods/ns1/')).toBe(false);
    expect(keyInPrefix('/pods/ns1/a', '/pods/ns1')).toBe(true);
    expect(keyInPrefix('/pods/ns10/a', '/pods/ns1')).toBe(false);
    expect(keyInPrefix('/pods/ns1', '/pods/ns1')).toBe(true);
  });
});
