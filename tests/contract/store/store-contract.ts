/**
 * The storage contract every backend must pass, modelled on k8s.io/apiserver/pkg/storage/testing
 * (store_tests.go: RunTestCreate, RunTestGet, RunTestUnconditionalDelete, RunTestConditionalDelete,
 * RunTestGuaranteedUpdate*, RunTestList*; watcher_tests.go: RunTestWatch, RunTestWatchFromZero,
 * RunTestDeleteTriggerWatch, RunTestWatchError, RunTestClusterScopedWatch, RunTestNamespaceScopedWatch,
 * progress notify) and etcd's MVCC semantics (revision +1 per write, compaction → ErrCompacted), adapted to
 * the interface in engine/store/types.ts. Run it per backend: memory.test.ts, file.test.ts, and later etcd.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/api/objects';
import { StoreError } from '../../../engine/store/types';
import type { Store, StoreEvent } from '../../../engine/store/types';

export type StoreFactory = () => Promise<{ store: Store; cleanup(): Promise<void> }>;

function pod(namespace: string, name: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { namespace, name, uid: `uid-${namespace}-${name}` }, spec: { nodeName: '' }, ...extra };
}
const key = (ns: string, name: string) => `/pods/${ns}/${name}`;

async function storeError(p: Promise<unknown> | (() => unknown)): Promise<StoreError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('expected a StoreError, got success');
}

function collect(store: Store, prefix: string, afterRevision: number, progressNotify = false) {
  const events: StoreEvent[] = [];
  const d = store.watch(prefix, { afterRevision, progressNotify }, (e) => events.push(e));
  return { events, dispose: () => d.dispose() };
}

function isDeepFrozen(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  return Object.isFrozen(v) && Object.values(v).every(isDeepFrozen);
}

export function runStoreContract(name: string, factory: StoreFactory): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    /** The revision of the fresh store (0 for ours, 1 for a new etcd): every expected revision is relative to it. */
    let r0 = 0;
    const R = (n: number) => r0 + n;
    const RV = (n: number) => String(r0 + n);
    beforeEach(async () => {
      ({ store, cleanup } = await factory());
      r0 = store.currentRevision();
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('Create (RunTestCreate)', () => {
      it('starts empty', async () => {
        expect(store.currentRevision()).toBe(R(0));
        expect(store.compactedRevision()).toBeLessThanOrEqual(R(0));
        expect(await store.get('/pods/ns/none')).toBeUndefined();
      });

      it('stamps resourceVersion = decimal revision, one revision per write', async () => {
        const input = pod('ns', 'foo');
        const created = await store.create(key('ns', 'foo'), input);
        expect(created.modRevision).toBe(R(1));
        expect(created.createRevision).toBe(R(1));
        expect(created.object.metadata?.resourceVersion).toBe(RV(1));
        expect(created.object.metadata?.name).toBe('foo');
        expect(input.metadata?.resourceVersion).toBeUndefined(); // the caller's object is not touched
        expect(store.currentRevision()).toBe(R(1));
        const second = await store.create(key('ns', 'bar'), pod('ns', 'bar'));
        expect(second.object.metadata?.resourceVersion).toBe(RV(2));
        expect(store.currentRevision()).toBe(R(2));
      });

      it('hands out deep-frozen objects', async () => {
        const created = await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        expect(isDeepFrozen(created.object)).toBe(true);
        const got = await store.get(key('ns', 'foo'));
        expect(isDeepFrozen(got!.object)).toBe(true);
      });

      it('rejects an existing key with KeyExists and writes nothing', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        const err = await storeError(store.create(key('ns', 'foo'), pod('ns', 'foo')));
        expect(err.code).toBe('KeyExists');
        expect(store.currentRevision()).toBe(R(1));
      });

      it('rejects an object that already carries a resourceVersion', async () => {
        const obj = pod('ns', 'foo');
        obj.metadata!.resourceVersion = '7';
        const err = await storeError(store.create(key('ns', 'foo'), obj));
        expect(err.message).toContain('resourceVersion should not be set on objects to be created');
        expect(store.currentRevision()).toBe(R(0));
      });

      it('can create a key again after it was deleted, with a new createRevision', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        await store.delete(key('ns', 'foo'));
        const again = await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        expect(again.modRevision).toBe(R(3));
        expect(again.createRevision).toBe(R(3));
      });
    });

    describe('Get (RunTestGet)', () => {
      it('returns the newest value with its revisions', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        await store.update(key('ns', 'foo'), pod('ns', 'foo', { spec: { nodeName: 'n1' } }));
        const got = await store.get(key('ns', 'foo'));
        expect(got?.key).toBe(key('ns', 'foo'));
        expect(got?.modRevision).toBe(R(2));
        expect(got?.createRevision).toBe(R(1));
        expect(got?.object.metadata?.resourceVersion).toBe(RV(2));
        expect(got?.object.spec).toEqual({ nodeName: 'n1' });
      });
      it('returns undefined for a deleted key', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        await store.delete(key('ns', 'foo'));
        expect(await store.get(key('ns', 'foo'))).toBeUndefined();
      });
    });

    describe('Update', () => {
      it('fails with KeyNotFound for an absent key', async () => {
        expect((await storeError(store.update(key('ns', 'x'), pod('ns', 'x')))).code).toBe('KeyNotFound');
        expect(store.currentRevision()).toBe(R(0));
      });
      it('checks resourceVersion and uid preconditions (Conflict)', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        const rvErr = await storeError(store.update(key('ns', 'foo'), pod('ns', 'foo'), { resourceVersion: '99' }));
        expect(rvErr.code).toBe('Conflict');
        expect(rvErr.message).toContain(`Precondition failed: ResourceVersion in precondition: 99, ResourceVersion in object meta: ${RV(1)}`);
        const uidErr = await storeError(store.update(key('ns', 'foo'), pod('ns', 'foo'), { uid: 'other' }));
        expect(uidErr.code).toBe('Conflict');
        expect(uidErr.message).toContain('Precondition failed: UID in precondition: other, UID in object meta: uid-ns-foo');
        expect(store.currentRevision()).toBe(R(1));
        const ok = await store.update(key('ns', 'foo'), pod('ns', 'foo'), { resourceVersion: RV(1), uid: 'uid-ns-foo' });
        expect(ok.modRevision).toBe(R(2));
      });
    });

    describe('Delete (RunTestUnconditionalDelete, RunTestConditionalDelete)', () => {
      it('returns the last state stamped with the delete revision', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo', { spec: { nodeName: 'n1' } }));
        const deleted = await store.delete(key('ns', 'foo'));
        expect(deleted.modRevision).toBe(R(2));
        expect(deleted.object.metadata?.resourceVersion).toBe(RV(2));
        expect(deleted.object.spec).toEqual({ nodeName: 'n1' });
        expect(store.currentRevision()).toBe(R(2));
      });
      it('fails with KeyNotFound for an absent key', async () => {
        expect((await storeError(store.delete(key('ns', 'none')))).code).toBe('KeyNotFound');
      });
      it('honours uid and resourceVersion preconditions', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        expect((await storeError(store.delete(key('ns', 'foo'), { uid: 'A' }))).code).toBe('Conflict');
        expect((await storeError(store.delete(key('ns', 'foo'), { resourceVersion: '5' }))).code).toBe('Conflict');
        expect(await store.get(key('ns', 'foo'))).toBeDefined();
        const deleted = await store.delete(key('ns', 'foo'), { uid: 'uid-ns-foo', resourceVersion: RV(1) });
        expect(deleted.modRevision).toBe(R(2));
      });
    });

    describe('GuaranteedUpdate (RunTestGuaranteedUpdate*)', () => {
      it('applies the update function to the current value', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        const out = await store.guaranteedUpdate(key('ns', 'foo'), (cur) => ({ ...cur!, spec: { nodeName: 'n2' } }));
        expect(out.modRevision).toBe(R(2));
        expect(out.object.metadata?.resourceVersion).toBe(RV(2));
        expect(out.object.spec).toEqual({ nodeName: 'n2' });
      });
      it('writes nothing for a no-op update (RunTestGuaranteedUpdateWithSuggestionAndConflict no-op case)', async () => {
        const created = await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        const out = await store.guaranteedUpdate(key('ns', 'foo'), (cur) => JSON.parse(JSON.stringify(cur)) as KubeObject);
        expect(out.modRevision).toBe(R(1));
        expect(out.object.metadata?.resourceVersion).toBe(created.object.metadata?.resourceVersion);
        expect(store.currentRevision()).toBe(R(1));
      });
      it('fails with KeyNotFound unless ignoreNotFound, which creates', async () => {
        expect((await storeError(store.guaranteedUpdate(key('ns', 'foo'), () => pod('ns', 'foo')))).code).toBe('KeyNotFound');
        let seen: unknown = 'not called';
        const out = await store.guaranteedUpdate(key('ns', 'foo'), (cur) => ((seen = cur), pod('ns', 'foo')), { ignoreNotFound: true });
        expect(seen).toBeUndefined();
        expect(out.modRevision).toBe(R(1));
        expect(out.createRevision).toBe(R(1));
      });
      it('aborts without writing when tryUpdate throws', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        await expect(
          store.guaranteedUpdate(key('ns', 'foo'), () => {
            throw new Error('validation failed');
          }),
        ).rejects.toThrow('validation failed');
        expect(store.currentRevision()).toBe(R(1));
      });
      it('retries with the fresh value when the key changed meanwhile (RunTestGuaranteedUpdateWithConflict)', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo', { counter: 0 }));
        const seen: number[] = [];
        let first = true;
        const out = await store.guaranteedUpdate(key('ns', 'foo'), async (cur) => {
          seen.push(cur!.counter as number);
          if (first) {
            first = false;
            await store.update(key('ns', 'foo'), pod('ns', 'foo', { counter: 10 }));
          }
          return { ...cur!, counter: (cur!.counter as number) + 1 };
        });
        expect(seen).toEqual([0, 10]);
        expect(out.object.counter).toBe(11);
        expect(out.modRevision).toBe(R(3));
      });
      it('checks preconditions', async () => {
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        const err = await storeError(store.guaranteedUpdate(key('ns', 'foo'), (c) => ({ ...c!, x: 1 }), { pre: { uid: 'nope' } }));
        expect(err.code).toBe('Conflict');
      });
    });

    describe('List (RunTestList*)', () => {
      async function seed(): Promise<void> {
        // Created out of order: the result must be sorted by key.
        for (const [ns, n] of [['ns1', 'c'], ['ns1', 'a'], ['ns10', 'a'], ['ns1', 'b'], ['ns2', 'a']] as const) {
          await store.create(key(ns, n), pod(ns, n));
        }
      }
      it('lists a prefix sorted by key, isolated from sibling prefixes', async () => {
        await seed();
        const res = await store.list('/pods/ns1/');
        expect(res.items.map((i) => i.key)).toEqual(['/pods/ns1/a', '/pods/ns1/b', '/pods/ns1/c']);
        expect(res.revision).toBe(R(5));
        expect(res.continueKey).toBeUndefined();
        const all = await store.list('/pods/');
        expect(all.items.map((i) => i.key)).toEqual(['/pods/ns1/a', '/pods/ns1/b', '/pods/ns1/c', '/pods/ns10/a', '/pods/ns2/a']);
        expect((await store.list('/pods/ns1/a')).items.map((i) => i.key)).toEqual(['/pods/ns1/a']);
      });
      it('paginates with limit and continue at one consistent revision, with remaining counts', async () => {
        await seed();
        const p1 = await store.list('/pods/', { limit: 2 });
        expect(p1.items.map((i) => i.key)).toEqual(['/pods/ns1/a', '/pods/ns1/b']);
        expect(p1.continueKey).toBe('/pods/ns1/b');
        expect(p1.remaining).toBe(3);
        // Changes after the first page must not show in later pages (RunTestListContinuation).
        await store.delete('/pods/ns1/c');
        await store.create('/pods/ns1/bb', pod('ns1', 'bb'));
        const p2 = await store.list('/pods/', { limit: 2, revision: p1.revision, continueAfter: p1.continueKey });
        expect(p2.items.map((i) => i.key)).toEqual(['/pods/ns1/c', '/pods/ns10/a']);
        expect(p2.revision).toBe(p1.revision);
        expect(p2.remaining).toBe(1);
        const p3 = await store.list('/pods/', { limit: 2, revision: p1.revision, continueAfter: p2.continueKey });
        expect(p3.items.map((i) => i.key)).toEqual(['/pods/ns2/a']);
        expect(p3.continueKey).toBeUndefined();
      });
      it('applies the predicate before the limit (RunTestListWithoutPaging / filtered continuation)', async () => {
        for (let i = 0; i < 6; i++) await store.create(key('ns', `p${i}`), pod('ns', `p${i}`, { even: i % 2 === 0 }));
        const predicate = (o: KubeObject) => o.even === true;
        const p1 = await store.list('/pods/ns/', { limit: 2, predicate });
        expect(p1.items.map((i) => i.object.metadata?.name)).toEqual(['p0', 'p2']);
        expect(p1.continueKey).toBe('/pods/ns/p2');
        const p2 = await store.list('/pods/ns/', { limit: 2, predicate, revision: p1.revision, continueAfter: p1.continueKey });
        expect(p2.items.map((i) => i.object.metadata?.name)).toEqual(['p4']);
        expect(p2.continueKey).toBeUndefined();
      });
      it('reads at a past revision', async () => {
        await store.create(key('ns', 'a'), pod('ns', 'a', { v: 1 }));
        await store.create(key('ns', 'b'), pod('ns', 'b'));
        await store.update(key('ns', 'a'), pod('ns', 'a', { v: 2 }));
        await store.delete(key('ns', 'b'));
        const at2 = await store.list('/pods/ns/', { revision: R(2) });
        expect(at2.revision).toBe(R(2));
        expect(at2.items.map((i) => [i.key, i.object.v, i.modRevision])).toEqual([['/pods/ns/a', 1, R(1)], ['/pods/ns/b', undefined, R(2)]]);
        const at1 = await store.list('/pods/ns/', { revision: R(1) });
        expect(at1.items.map((i) => i.key)).toEqual(['/pods/ns/a']);
        const now = await store.list('/pods/ns/');
        expect(now.items.map((i) => [i.key, i.object.v])).toEqual([['/pods/ns/a', 2]]);
      });
      it('rejects a future revision', async () => {
        await store.create(key('ns', 'a'), pod('ns', 'a'));
        await storeError(store.list('/pods/', { revision: R(5) }));
      });
      it('lists 5,000 objects and pages through them', async () => {
        for (let i = 0; i < 5000; i++) await store.create(`/pods/big/p${String(i).padStart(5, '0')}`, pod('big', `p${i}`));
        const all = await store.list('/pods/big/');
        expect(all.items.length).toBe(5000);
        let continueAfter: string | undefined;
        let seen = 0;
        do {
          const page = await store.list('/pods/big/', { limit: 500, revision: all.revision, continueAfter });
          seen += page.items.length;
          continueAfter = page.continueKey;
        } while (continueAfter);
        expect(seen).toBe(5000);
      });
    });

    describe('Compaction', () => {
      it('expires reads and watches below the compacted revision, with etcd\'s message', async () => {
        for (let i = 0; i < 5; i++) await store.create(key('ns', `p${i}`), pod('ns', `p${i}`));
        await store.update(key('ns', 'p0'), pod('ns', 'p0', { v: 2 }));
        await store.compact(R(4));
        expect(store.compactedRevision()).toBe(R(4));
        const listErr = await storeError(store.list('/pods/', { revision: R(3) }));
        expect(listErr.code).toBe('Expired');
        expect(listErr.message).toBe('mvcc: required revision has been compacted');
        expect(listErr.compactedRevision).toBe(R(4));
        const watchErr = await storeError(() => store.watch('/pods/', { afterRevision: R(2) }, () => {}));
        expect(watchErr.code).toBe('Expired');
        // At the compacted revision itself reads still work (etcd keeps that state), and watches from it too.
        const at4 = await store.list('/pods/', { revision: R(4) });
        expect(at4.items.map((i) => [i.key, i.modRevision])).toEqual([['/pods/ns/p0', R(1)], ['/pods/ns/p1', R(2)], ['/pods/ns/p2', R(3)], ['/pods/ns/p3', R(4)]]);
        const w = collect(store, '/pods/', R(4));
        expect(w.events.map((e) => [e.type, e.revision])).toEqual([['ADDED', R(5)], ['MODIFIED', R(6)]]);
        w.dispose();
      });
    });

    describe('Watch (RunTestWatch*)', () => {
      it('delivers ADDED, MODIFIED, DELETED in order with prevObject (RunTestWatch, RunTestDeleteTriggerWatch)', async () => {
        const w = collect(store, '/pods/ns/', r0);
        await store.create(key('ns', 'foo'), pod('ns', 'foo'));
        await store.update(key('ns', 'foo'), pod('ns', 'foo', { spec: { nodeName: 'n1' } }));
        await store.delete(key('ns', 'foo'));
        expect(w.events.map((e) => [e.type, e.key, e.revision])).toEqual([
          ['ADDED', '/pods/ns/foo', R(1)],
          ['MODIFIED', '/pods/ns/foo', R(2)],
          ['DELETED', '/pods/ns/foo', R(3)],
        ]);
        const [added, modified, deleted] = w.events;
        expect(added!.object?.metadata?.resourceVersion).toBe(RV(1));
        expect(added!.prevObject).toBeUndefined();
        expect(modified!.prevObject?.metadata?.resourceVersion).toBe(RV(1));
        expect(modified!.object?.spec).toEqual({ nodeName: 'n1' });
        expect(deleted!.object?.metadata?.resourceVersion).toBe(RV(3));
        expect(deleted!.object?.spec).toEqual({ nodeName: 'n1' });
        expect(deleted!.prevObject?.metadata?.resourceVersion).toBe(RV(2));
        w.dispose();
      });
      it('replays history after the given revision, then continues live (RunTestWatchFromNonZero)', async () => {
        await store.create(key('ns', 'a'), pod('ns', 'a'));
        await store.create(key('ns', 'b'), pod('ns', 'b'));
        await store.update(key('ns', 'a'), pod('ns', 'a', { v: 2 }));
        const w = collect(store, '/pods/', R(1));
        await store.delete(key('ns', 'b'));
        expect(w.events.map((e) => [e.type, e.key, e.revision])).toEqual([
          ['ADDED', '/pods/ns/b', R(2)],
          ['MODIFIED', '/pods/ns/a', R(3)],
          ['DELETED', '/pods/ns/b', R(4)],
        ]);
        w.dispose();
      });
      it('from the initial revision replays the whole uncompacted history (RunTestWatchFromZero)', async () => {
        await store.create(key('ns', 'a'), pod('ns', 'a'));
        await store.update(key('ns', 'a'), pod('ns', 'a', { v: 2 }));
        const w = collect(store, '/pods/ns/a', r0);
        expect(w.events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
        w.dispose();
      });
      it('isolates namespaces and scopes (RunTestNamespaceScopedWatch, RunTestClusterScopedWatch)', async () => {
        const ns1 = collect(store, '/pods/ns1/', r0);
        const one = collect(store, '/pods/ns1/a', r0);
        const all = collect(store, '/pods/', r0);
        await store.create(key('ns1', 'a'), pod('ns1', 'a'));
        await store.create(key('ns10', 'a'), pod('ns10', 'a'));
        await store.create(key('ns1', 'ab'), pod('ns1', 'ab'));
        await store.create('/nodes/n1', { kind: 'Node', metadata: { name: 'n1' } });
        expect(ns1.events.map((e) => e.key)).toEqual(['/pods/ns1/a', '/pods/ns1/ab']);
        expect(one.events.map((e) => e.key)).toEqual(['/pods/ns1/a']);
        expect(all.events.map((e) => e.key)).toEqual(['/pods/ns1/a', '/pods/ns10/a', '/pods/ns1/ab']);
        for (const w of [ns1, one, all]) w.dispose();
      });
      it('stops after dispose', async () => {
        const w = collect(store, '/pods/', r0);
        await store.create(key('ns', 'a'), pod('ns', 'a'));
        w.dispose();
        await store.create(key('ns', 'b'), pod('ns', 'b'));
        expect(w.events.length).toBe(1);
      });
      it('keeps one strict order, exactly once, when a watcher writes from its sink', async () => {
        const seen: number[][] = [[], []];
        const d1 = store.watch('/pods/', { afterRevision: r0 }, (e) => {
          seen[0]!.push(e.revision);
          if (e.key === '/pods/ns/a' && e.type === 'ADDED') void store.create(key('ns', 'echo'), pod('ns', 'echo'));
        });
        const d2 = store.watch('/pods/', { afterRevision: r0 }, (e) => seen[1]!.push(e.revision));
        await store.create(key('ns', 'a'), pod('ns', 'a'));
        await store.create(key('ns', 'b'), pod('ns', 'b'));
        expect(seen[0]).toEqual([R(1), R(2), R(3)]);
        expect(seen[1]).toEqual([R(1), R(2), R(3)]);
        d1.dispose();
        d2.dispose();
      });
      it('fans out to 100 watchers', async () => {
        const watchers = Array.from({ length: 100 }, () => collect(store, '/pods/', r0));
        for (let i = 0; i < 50; i++) await store.create(key('ns', `p${i}`), pod('ns', `p${i}`));
        for (const w of watchers) {
          expect(w.events.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => R(i + 1)));
          w.dispose();
        }
      });
      it('sends BOOKMARKs with the current revision only to progressNotify watchers', async () => {
        const notify = collect(store, '/pods/', r0, true);
        const plain = collect(store, '/pods/', r0, false);
        await store.create(key('ns', 'a'), pod('ns', 'a'));
        await store.create('/nodes/n1', { kind: 'Node', metadata: { name: 'n1' } });
        store.requestProgress();
        expect(notify.events.map((e) => [e.type, e.revision])).toEqual([['ADDED', R(1)], ['BOOKMARK', R(2)]]);
        expect(notify.events[1]!.object).toBeUndefined();
        expect(plain.events.map((e) => e.type)).toEqual(['ADDED']);
        notify.dispose();
        plain.dispose();
      });
    });
  });
}
