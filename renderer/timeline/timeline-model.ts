/**
 * The event timeline's pure model: the bounded log of entries, swimlane order, the filter language, the time
 * window (zoom, pan, fit, follow), binary search by virtual time, the virtualised list's row range and the
 * swimlane density bins. No DOM here: EventTimeline.vue draws what these functions compute, and the unit tests
 * check them directly.
 *
 * Invariant: entries arrive in seq order and their `time` (virtual ms) never decreases — the host stamps them from
 * the virtual clock, which only moves forward (a resumed cluster continues from its last time) — so the log is
 * sorted by time and can be searched by it.
 */
import type { TimelineEntry } from '../../main/bridge/contract';

/** What the renderer keeps: the host's own ring holds the same 100,000 (main/host/timeline.ts). */
export const TIMELINE_KEEP = 100_000;
export const ROW_HEIGHT = 18;
/** Shortest window a zoom reaches: 50 ms of virtual time across the lane view. */
export const MIN_SPAN_MS = 50;

/** An append-only log bounded to `capacity`, trimming the oldest in batches so appends stay amortised O(1). */
export class TimelineLog {
  entries: TimelineEntry[] = [];
  constructor(private readonly capacity = TIMELINE_KEEP) {}

  append(batch: readonly TimelineEntry[]): void {
    const last = this.entries.at(-1)?.seq ?? -1;
    for (const e of batch) if (e.seq > last) this.entries.push(e);
    // Trim only once the log is an eighth over capacity: one splice per capacity/8 appends.
    if (this.entries.length > this.capacity + (this.capacity >> 3)) this.entries.splice(0, this.entries.length - this.capacity);
  }

  /** History fetched at start-up goes before what streamed in meanwhile (no duplicates by seq). */
  prepend(history: readonly TimelineEntry[]): void {
    const first = this.entries[0]?.seq ?? Infinity;
    this.entries = [...history.filter((e) => e.seq < first), ...this.entries].slice(-this.capacity);
  }
}

const LANE_RANK: Array<[RegExp, number]> = [
  [/^client$/, 0],
  [/^apiserver$/, 1],
  [/^store$/, 2],
  [/^scheduler$/, 3],
  [/^controller:/, 4],
  [/^kubelet:/, 5],
  [/^kube-proxy$/, 6],
  [/^dns$/, 7],
];

/** Swimlanes top to bottom: client, apiserver, store, scheduler, each controller, each kubelet, kube-proxy, dns. */
export function laneOrder(lanes: Iterable<string>): string[] {
  const rank = (l: string) => LANE_RANK.find(([re]) => re.test(l))?.[1] ?? 8;
  return [...new Set(lanes)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Lease renewals (every kubelet every 10 s, the elected components every 2 s) drown the story: hidden unless asked for. */
export function isHeartbeat(e: TimelineEntry): boolean {
  return e.object?.kind === 'Lease' && e.type !== 'event';
}

/**
 * The filter language: whitespace-separated terms, all of which must hold. `lane:`, `type:`, `kind:`, `reason:`,
 * `verb:`, `ns:` and `name:` match that field (case-insensitive prefix for lane, exact otherwise); any other term
 * is a substring of the row's text. `type:lease` (or any term naming Lease) shows the heartbeats.
 */
export function compileFilter(text: string): (e: TimelineEntry) => boolean {
  const terms = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const showsLeases = terms.some((t) => t.includes('lease'));
  const tests = terms.map((term): ((e: TimelineEntry) => boolean) => {
    const colon = term.indexOf(':');
    const field = colon > 0 ? term.slice(0, colon) : '';
    const value = colon > 0 ? term.slice(colon + 1) : term;
    switch (field) {
      case 'lane':
        return (e) => e.lane.toLowerCase().startsWith(value);
      case 'type':
        return (e) => e.type === value || (value === 'lease' && e.object?.kind === 'Lease');
      case 'kind':
        return (e) => (e.object?.kind ?? '').toLowerCase() === value;
      case 'reason':
        return (e) => (e.reason ?? '').toLowerCase() === value;
      case 'verb':
        return (e) => (e.verb ?? '').toLowerCase() === value;
      case 'ns':
        return (e) => (e.object?.namespace ?? '').toLowerCase() === value;
      case 'name':
        return (e) => (e.object?.name ?? '').toLowerCase().includes(value);
      default:
        return (e) => rowText(e).toLowerCase().includes(term);
    }
  });
  return (e) => (showsLeases || !isHeartbeat(e)) && tests.every((t) => t(e));
}

export function rowText(e: TimelineEntry): string {
  return `${e.lane} ${e.type} ${e.verb ?? ''} ${e.reason ?? ''} ${e.object?.kind ?? ''} ${e.object?.namespace ?? ''}/${e.object?.name ?? ''} ${e.message ?? ''}`;
}

/** Whether `e` is about the object with `uid` or was caused by it (the causal chain's edges). */
export function isRelated(e: TimelineEntry, uid: string | undefined): boolean {
  return uid !== undefined && (e.object?.uid === uid || (e.causes ?? []).includes(uid));
}

/** Index of the first entry with time ≥ `time` (entries.length when none). */
export function firstAtOrAfter(entries: readonly TimelineEntry[], time: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as TimelineEntry).time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface TimeWindow {
  start: number;
  end: number;
}

/** The window showing everything (a second of margin around a lone entry). */
export function fitAll(entries: readonly TimelineEntry[]): TimeWindow {
  if (entries.length === 0) return { start: 0, end: 1_000 };
  const first = (entries[0] as TimelineEntry).time;
  const last = (entries.at(-1) as TimelineEntry).time;
  return last - first < MIN_SPAN_MS ? { start: first - 500, end: last + 500 } : { start: first, end: last };
}

/** Zooms by `factor` (< 1 in, > 1 out) keeping `anchor` (a time inside the window) under the pointer. */
export function zoomAround(w: TimeWindow, factor: number, anchor: number): TimeWindow {
  const span = Math.max(MIN_SPAN_MS, (w.end - w.start) * factor);
  const ratio = w.end === w.start ? 0.5 : (anchor - w.start) / (w.end - w.start);
  const start = anchor - span * ratio;
  return { start, end: start + span };
}

export function panBy(w: TimeWindow, deltaMs: number): TimeWindow {
  return { start: w.start + deltaMs, end: w.end + deltaMs };
}

/** Following the live edge: same span, ending at `now`. */
export function follow(w: TimeWindow, now: number): TimeWindow {
  return { start: now - (w.end - w.start), end: now };
}

export function timeToX(w: TimeWindow, time: number, width: number): number {
  return ((time - w.start) / (w.end - w.start)) * width;
}

export function xToTime(w: TimeWindow, x: number, width: number): number {
  return w.start + (x / width) * (w.end - w.start);
}

/** The rows of a virtualised list to render: the viewport's plus `overscan` on each side, within [0, count). */
export function visibleRange(count: number, scrollTop: number, viewportHeight: number, overscan = 10): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - overscan);
  const last = Math.min(count, Math.ceil((scrollTop + viewportHeight) / ROW_HEIGHT) + overscan);
  return { first, last: Math.max(first, last) };
}

export interface LaneBin {
  lane: number;
  x: number;
  count: number;
  /** The most telling type in the bin (event > request > watch > store), for its colour. */
  type: TimelineEntry['type'];
  related: boolean;
}

const TYPE_WEIGHT: Record<TimelineEntry['type'], number> = { event: 3, request: 2, watch: 1, store: 0 };

/**
 * The swimlane marks for the window: entries bucketed per lane and per `binPx` pixels, so drawing costs one mark
 * per occupied bin however many entries (100,000 in view draw as at most lanes × width/binPx marks).
 */
export function laneBins(entries: readonly TimelineEntry[], matches: (e: TimelineEntry) => boolean, lanes: readonly string[], w: TimeWindow, width: number, relatedUid: string | undefined, binPx = 2): LaneBin[] {
  const laneIndex = new Map(lanes.map((l, i) => [l, i]));
  const bins = new Map<number, LaneBin>();
  const columns = Math.max(1, Math.ceil(width / binPx));
  const from = firstAtOrAfter(entries, w.start);
  const to = firstAtOrAfter(entries, w.end + 1e-9);
  for (let i = from; i < to; i++) {
    const e = entries[i] as TimelineEntry;
    if (!matches(e)) continue;
    const lane = laneIndex.get(e.lane);
    if (lane === undefined) continue;
    const column = Math.min(columns - 1, Math.floor(timeToX(w, e.time, width) / binPx));
    const key = lane * columns + column;
    const bin = bins.get(key);
    const related = isRelated(e, relatedUid);
    if (bin === undefined) bins.set(key, { lane, x: column * binPx, count: 1, type: e.type, related });
    else {
      bin.count++;
      if (TYPE_WEIGHT[e.type] > TYPE_WEIGHT[bin.type]) bin.type = e.type;
      bin.related ||= related;
    }
  }
  return [...bins.values()];
}
