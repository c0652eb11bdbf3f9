/** The watch hub: one watch per resource, batches per ~16 ms, relist + watch.reset after a 410 Expired ERROR. */
import { describe, expect, it, vi } from 'vitest';
import type { ApiClient, WatchEvent } from '../../../engine/client/api-client';
import { WATCH_BATCH_MS, WatchHub } from '../../../main/host/watch-hub';

function fakeClient() {
  let rv = 10;
  const watches: Array<{ query: Record<string, string | undefined>; onEvent: (e: WatchEvent) => void; disposed: boolean }> = [];
  const client = {
    list: async () => ({ apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: String(rv) }, items: [{ metadata: { name: `at-${rv}` } }] }),
    watch: async (_ref: unknown, query: Record<string, string | undefined>, onEvent: (e: WatchEvent) => void) => {
      const w = { query, onEvent, disposed: false };
      watches.push(w);
      return { dispose: () => (w.disposed = true) };
    },
  } as unknown as ApiClient;
  return { client, watches, bump: () => (rv += 5) };
}

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name } });

describe('WatchHub', () => {
  it('lists, watches from the list’s resourceVersion, and coalesces notifications into one batch', async () => {
    vi.useFakeTimers();
    try {
      const f = fakeClient();
      const pushed: Array<[string, unknown]> = [];
      const hub = new WatchHub(f.client, (e, p) => pushed.push([e, p]));
      const first = await hub.subscribe('/v1/pods');
      expect(first).toEqual({ items: [{ metadata: { name: 'at-10' } }], resourceVersion: '10' });
      expect(f.watches[0]!.query['resourceVersion']).toBe('10');
      await hub.subscribe('/v1/pods'); // idempotent: still one watch
      expect(f.watches).toHaveLength(1);
      f.watches[0]!.onEvent({ type: 'ADDED', object: pod('a') });
      f.watches[0]!.onEvent({ type: 'BOOKMARK', object: pod('') });
      f.watches[0]!.onEvent({ type: 'MODIFIED', object: pod('a') });
      vi.advanceTimersByTime(WATCH_BATCH_MS);
      expect(pushed).toEqual([['watch.batch', { resource: '/v1/pods', events: [{ type: 'ADDED', object: pod('a') }, { type: 'MODIFIED', object: pod('a') }] }]]);
      hub.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it('relists and pushes watch.reset after an ERROR (410 Expired), then watches from the new list', async () => {
    const f = fakeClient();
    const pushed: Array<[string, unknown]> = [];
    const hub = new WatchHub(f.client, (e, p) => pushed.push([e, p]));
    await hub.subscribe('/v1/pods');
    f.bump();
    f.watches[0]!.onEvent({ type: 'ERROR', object: { kind: 'Status', apiVersion: 'v1', code: 410, reason: 'Expired' } as never });
    await vi.waitFor(() => expect(pushed).toHaveLength(1));
    expect(pushed[0]).toEqual(['watch.reset', { resource: '/v1/pods', items: [{ metadata: { name: 'at-15' } }], resourceVersion: '15' }]);
    expect(f.watches[0]!.disposed).toBe(true);
    expect(f.watches[1]!.query['resourceVersion']).toBe('15');
    // Events of the superseded watch are ignored.
    f.watches[0]!.onEvent({ type: 'ADDED', object: pod('stale') });
    hub.unsubscribe('/v1/pods');
    expect(f.watches[1]!.disposed).toBe(true);
    hub.dispose();
  });
});
