/**
 * The event timeline's model: the bounded log, swimlane order, the filter language, time search, zoom/pan/follow,
 * the virtualised row range and the density bins that keep 100,000 entries cheap to draw.
 */
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../main/bridge/contract';
import {
  compileFilter,
  firstAtOrAfter,
  fitAll,
  follow,
  isRelated,
  laneBins,
  laneOrder,
  MIN_SPAN_MS,
  ROW_HEIGHT,
  TimelineLog,
  visibleRange,
  zoomAround,
} from '../../../renderer/timeline/timeline-model';

const entry = (seq: number, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({ seq, time: 1_000 + seq * 10, lane: 'apiserver', type: 'request', verb: 'create', ...extra });

describe('TimelineLog', () => {
  it('appends in seq order without duplicates and stays bounded', () => {
    const log = new TimelineLog(100);
    log.append([entry(1), entry(2)]);
    log.append([entry(2), entry(3)]);
    expect(log.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    for (let i = 4; i < 1_000; i++) log.append([entry(i)]);
    expect(log.entries.length).toBeLessThanOrEqual(100 + 100 / 8);
    expect(log.entries.at(-1)?.seq).toBe(999);
    log.prepend([entry(0)]);
    expect(log.entries.at(-1)?.seq).toBe(999);
  });

  it('puts fetched history before what streamed in meanwhile', () => {
    const log = new TimelineLog();
    log.append([entry(5), entry(6)]);
    log.prepend([entry(3), entry(4), entry(5)]);
    expect(log.entries.map((e) => e.seq)).toEqual([3, 4, 5, 6]);
  });
});

describe('swimlanes and the filter', () => {
  it('orders lanes as the components sit: client, apiserver, store, scheduler, controllers, kubelets', () => {
    expect(laneOrder(['kubelet:node-2', 'controller:replicaset', 'store', 'kubelet:node-1', 'client', 'scheduler', 'apiserver', 'controller:deployment'])).toEqual([
      'client',
      'apiserver',
      'store',
      'scheduler',
      'controller:deployment',
      'controller:replicaset',
      'kubelet:node-1',
      'kubelet:node-2',
    ]);
  });

  it('matches field terms and free text, all of them, hiding Lease heartbeats unless asked', () => {
    const scheduled = entry(1, { type: 'event', reason: 'Scheduled', lane: 'scheduler', object: { resource: 'pods', namespace: 'default', name: 'web-1', kind: 'Pod' }, message: 'Successfully assigned default/web-1 to node-2' });
    const lease = entry(2, { type: 'request', verb: 'update', lane: 'kubelet:node-1', object: { resource: 'leases', namespace: 'kube-node-lease', name: 'node-1', kind: 'Lease' } });
    expect(compileFilter('')(scheduled)).toBe(true);
    expect(compileFilter('')(lease)).toBe(false);
    expect(compileFilter('type:lease')(lease)).toBe(true);
    expect(compileFilter('kind:lease lane:kubelet')(lease)).toBe(true);
    expect(compileFilter('type:event reason:scheduled')(scheduled)).toBe(true);
    expect(compileFilter('type:event reason:pulled')(scheduled)).toBe(false);
    expect(compileFilter('lane:sched node-2')(scheduled)).toBe(true);
    expect(compileFilter('ns:default name:web')(scheduled)).toBe(true);
    expect(compileFilter('ns:kube-system')(scheduled)).toBe(false);
  });

  it('relates entries to a selected uid through the object or its causes', () => {
    expect(isRelated(entry(1, { object: { resource: 'pods', name: 'p', uid: 'u1', kind: 'Pod' } }), 'u1')).toBe(true);
    expect(isRelated(entry(2, { causes: ['u0', 'u1'] }), 'u1')).toBe(true);
    expect(isRelated(entry(3), 'u1')).toBe(false);
    expect(isRelated(entry(4, { causes: ['u1'] }), undefined)).toBe(false);
  });
});

describe('virtual time and the virtualised list', () => {
  const entries = Array.from({ length: 100_000 }, (_, i) => entry(i, { lane: ['apiserver', 'store', 'scheduler', 'kubelet:node-1'][i % 4] as TimelineEntry['lane'], type: i % 10 === 0 ? 'event' : 'watch' }));

  it('finds the first entry at or after a time by binary search', () => {
    expect(firstAtOrAfter(entries, 0)).toBe(0);
    expect(firstAtOrAfter(entries, 1_000 + 500 * 10)).toBe(500);
    expect(firstAtOrAfter(entries, 1_000 + 500 * 10 + 1)).toBe(501);
    expect(firstAtOrAfter(entries, Number.MAX_SAFE_INTEGER)).toBe(100_000);
  });

  it('zooms around the pointer, pans, follows the live edge and fits everything', () => {
    const w = { start: 0, end: 1_000 };
    const zoomed = zoomAround(w, 0.5, 250);
    expect(zoomed).toEqual({ start: 125, end: 625 }); // 250 stays a quarter of the way in
    expect(zoomAround({ start: 0, end: 60 }, 0.001, 30).end - zoomAround({ start: 0, end: 60 }, 0.001, 30).start).toBe(MIN_SPAN_MS);
    expect(follow({ start: 0, end: 1_000 }, 5_000)).toEqual({ start: 4_000, end: 5_000 });
    expect(fitAll(entries)).toEqual({ start: 1_000, end: 1_000 + 99_999 * 10 });
    expect(fitAll([])).toEqual({ start: 0, end: 1_000 });
  });

  it('renders only the rows in view (plus overscan), however long the list', () => {
    expect(visibleRange(100_000, 0, 180, 10)).toEqual({ first: 0, last: 20 });
    const mid = visibleRange(100_000, 50_000 * ROW_HEIGHT, 180, 10);
    expect(mid).toEqual({ first: 49_990, last: 50_020 });
    expect(visibleRange(100_000, 100_000 * ROW_HEIGHT, 180, 10).last).toBe(100_000);
    expect(visibleRange(0, 0, 180).last).toBe(0);
  });

  it('bins 100,000 entries in view into at most lanes × width/2 marks, counting every matching entry once', () => {
    const lanes = laneOrder(entries.map((e) => e.lane));
    const w = fitAll(entries);
    const all = compileFilter('');
    const bins = laneBins(entries, all, lanes, w, 800, undefined);
    expect(bins.length).toBeLessThanOrEqual(lanes.length * 400);
    expect(bins.reduce((n, b) => n + b.count, 0)).toBe(100_000);
    // An event in a bin wins its colour over watches (events fall on every 10th entry: the apiserver and scheduler lanes).
    const eventLanes = new Set([lanes.indexOf('apiserver'), lanes.indexOf('scheduler')]);
    expect(bins.every((b) => b.type === (eventLanes.has(b.lane) ? 'event' : 'watch'))).toBe(true);
    const events = laneBins(entries, compileFilter('type:event'), lanes, w, 800, undefined);
    expect(events.reduce((n, b) => n + b.count, 0)).toBe(10_000);
    // Only the window's entries are binned.
    const half = laneBins(entries, all, lanes, { start: 1_000, end: 1_000 + 49_999 * 10 }, 800, undefined);
    expect(half.reduce((n, b) => n + b.count, 0)).toBe(50_000);
  });
});

describe('global keyboard shortcuts', () => {
  const key = (k: Partial<KeyboardEvent>) => ({ key: '', code: '', ctrlKey: false, metaKey: false, shiftKey: false, ...k }) as KeyboardEvent;
  const calls: string[] = [];
  const actions = {
    focusEditor: () => calls.push('editor'),
    focusTerminal: () => calls.push('terminal'),
    focusTimeline: () => calls.push('timeline'),
    toggleClock: () => calls.push('clock'),
    showHelp: () => calls.push('help'),
  };

  it('runs the matching action and leaves other keys alone', async () => {
    const { handleShortcut, SHORTCUTS } = await import('../../../renderer/layout/shortcuts');
    expect(handleShortcut(key({ key: '`', ctrlKey: true }), actions)).toBe(true);
    expect(handleShortcut(key({ key: 'E', ctrlKey: true, shiftKey: true }), actions)).toBe(true);
    expect(handleShortcut(key({ key: 'y', metaKey: true, shiftKey: true }), actions)).toBe(true);
    expect(handleShortcut(key({ key: '.', ctrlKey: true }), actions)).toBe(true);
    expect(handleShortcut(key({ key: 'F1' }), actions)).toBe(true);
    expect(handleShortcut(key({ key: 'e', ctrlKey: true }), actions)).toBe(false); // Ctrl+E stays the editor's/terminal's
    expect(handleShortcut(key({ key: 'a' }), actions)).toBe(false);
    expect(calls).toEqual(['terminal', 'editor', 'timeline', 'clock', 'help']);
    // Every entry the help lists has a description key and distinct keys.
    expect(new Set(SHORTCUTS.map((s) => s.keys)).size).toBe(SHORTCUTS.length);
  });
});
