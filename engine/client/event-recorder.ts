/**
 * Event recorders, the two shapes a 1.32 cluster writes into core/v1 Events:
 * - `LegacyEventRecorder` (client-go tools/record; the kubelet, most controllers): `source.component/host`,
 *   `firstTimestamp`/`lastTimestamp`, `count`. The EventCorrelator's two steps: the aggregator counts distinct
 *   messages per (source, object, type, reason) within 10 minutes and, from the 10th on, records
 *   `(combined from similar events): <message>` as one event; the logger then turns a repeat of the same event
 *   key into a patch of `count`, `lastTimestamp` and `message` instead of a new object (what `kubectl describe`
 *   shows as "(x5 over 3m)").
 * - `SeriesEventRecorder` (client-go tools/events; the scheduler): `eventTime` (MicroTime), `action`,
 *   `reportingComponent`/`reportingInstance`, `source: {}` and null first/last timestamps, as the events.k8s.io
 *   → core/v1 conversion shows them. An isomorphic repeat (same object reference, type, action, reason, controller; any note) turns
 *   into `series: {count: 2, lastObservedTime}` on the first event; later repeats only count in the recorder's
 *   cache until the 30-minute heartbeat writes them, and a series not observed for 6 minutes is finished.
 * Recording never fails the caller: events are best-effort upstream too.
 */
import type { KubeObject } from '../api/objects';
import { rfc3339, rfc3339Micro, type Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { ApiClient } from './api-client';

export type EventType = 'Normal' | 'Warning';

/** The object an event is about, as `involvedObject` / `regarding` carry it. */
export interface ObjectReference {
  kind: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export function referenceTo(obj: KubeObject, fieldPath?: string): ObjectReference {
  const ref: ObjectReference = { kind: obj.kind ?? '', apiVersion: obj.apiVersion ?? '', name: obj.metadata?.name ?? '' };
  if (obj.metadata?.namespace) ref.namespace = obj.metadata.namespace;
  if (obj.metadata?.uid) ref.uid = obj.metadata.uid;
  if (obj.metadata?.resourceVersion) ref.resourceVersion = obj.metadata.resourceVersion;
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

const EVENTS = { group: '', version: 'v1', resource: 'events' } as const;
/** client-go's correlator forgets a repeat after 10 minutes (maxIntervalInSeconds... of the aggregation window). */
const DEDUP_WINDOW_MS = 10 * 60 * 1000;
/** defaultAggregateMaxEvents: distinct messages per aggregate key before they are combined. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_PREFIX = '(combined from similar events): ';
/** tools/events: a series not observed for 6 minutes is finished; live series are written every 30 minutes. */
const SERIES_FINISH_MS = 6 * 60 * 1000;
const SERIES_HEARTBEAT_MS = 30 * 60 * 1000;

/**
 * Event names are `<object name>.<hex of the creation time in nanoseconds>` (client-go: fmt.Sprintf("%v.%x", name, t.UnixNano())).
 * Two events in the same virtual millisecond get distinct names by counting up the nanoseconds.
 */
class EventNamer {
  private lastNanos = 0n;
  constructor(private readonly clock: Clock) {}
  next(objectName: string): string {
    // now() is fractional whenever real time drives the clock; BigInt() of a fraction throws (and the recorder's
    // catch would silently drop the event), so the sub-millisecond part is carried in whole nanoseconds.
    const now = this.clock.now();
    const ms = Math.floor(now);
    let nanos = BigInt(ms) * 1_000_000n + BigInt(Math.floor((now - ms) * 1_000_000));
    if (nanos <= this.lastNanos) nanos = this.lastNanos + 1n;
    this.lastNanos = nanos;
    return `${objectName}.${nanos.toString(16)}`;
  }
}

/**
 * One namer per clock, shared by every recorder on it: virtual time stands still between ticks, so the scheduler's
 * Scheduled and the kubelet's Pulling often carry the same instant — separate namers would hand out the same name
 * and the second create would fail AlreadyExists (silently, events being best-effort).
 */
const namers = new WeakMap<Clock, EventNamer>();
function namerFor(clock: Clock): EventNamer {
  let namer = namers.get(clock);
  if (namer === undefined) namers.set(clock, (namer = new EventNamer(clock)));
  return namer;
}

/** Namespace an event about `ref` lives in: the object's own, or `default` for cluster-scoped objects. */
function eventNamespace(ref: ObjectReference): string {
  return ref.namespace || 'default';
}

interface SeenEvent {
  name: string;
  namespace: string;
  count: number;
  firstTimestamp: string;
  lastSeenMs: number;
}

export class LegacyEventRecorder {
  private readonly namer: EventNamer;
  private readonly seen = new Map<string, SeenEvent>();
  /** The aggregator's records: distinct messages per aggregate key, and when the key was last seen. */
  private readonly aggregates = new Map<string, { messages: Set<string>; lastSeenMs: number }>();

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    /** `source.component`, e.g. `kubelet`, `node-controller`, `deployment-controller`. */
    private readonly component: string,
    /** `source.host` (the kubelet's node name); empty for controllers. */
    private readonly host = '',
  ) {
    this.namer = namerFor(clock);
  }

  /** Records `reason`/`message` about `regarding`; resolves when written (or dropped on error). */
  async event(regarding: ObjectReference, type: EventType, reason: string, originalMessage: string): Promise<void> {
    const now = this.clock.now();
    const { message, key } = this.aggregate(regarding, type, reason, originalMessage, now);
    const previous = this.seen.get(key);
    try {
      if (previous && now - previous.lastSeenMs <= DEDUP_WINDOW_MS) {
        previous.count++;
        previous.lastSeenMs = now;
        await this.client.patch({ ...EVENTS, namespace: previous.namespace, name: previous.name }, 'merge', {
          count: previous.count,
          lastTimestamp: rfc3339(now),
          message,
        });
        return;
      }
      const namespace = eventNamespace(regarding);
      const name = this.namer.next(regarding.name);
      const stamp = rfc3339(now);
      const source: Record<string, string> = { component: this.component };
      if (this.host) source['host'] = this.host;
      await this.client.create({ ...EVENTS, namespace }, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: { ...regarding },
        reason,
        message,
        source,
        firstTimestamp: stamp,
        lastTimestamp: stamp,
        count: 1,
        type,
        eventTime: null,
        reportingComponent: this.component,
        reportingInstance: this.host,
      });
      this.seen.set(key, { name, namespace, count: 1, firstTimestamp: stamp, lastSeenMs: now });
      if (this.seen.size > 4096) this.forgetOlderThan(now - DEDUP_WINDOW_MS);
    } catch {
      // Best effort, like client-go: a lost event must never fail the component that recorded it.
    }
  }

  /**
   * EventAggregatorByReasonFunc + EventAggregate: below 10 distinct messages for the same source, object, type and
   * reason within 10 minutes, the event stands alone (keyed with its message); from the 10th on it is combined under
   * the aggregate key, so all of them count up one event.
   */
  private aggregate(regarding: ObjectReference, type: EventType, reason: string, message: string, now: number): { message: string; key: string } {
    const aggregateKey = [this.component, this.host, regarding.kind, regarding.namespace, regarding.name, regarding.uid, regarding.apiVersion, type, reason].join('\u0000');
    let record = this.aggregates.get(aggregateKey);
    if (!record || now - record.lastSeenMs > DEDUP_WINDOW_MS) {
      record = { messages: new Set(), lastSeenMs: now };
      this.aggregates.set(aggregateKey, record);
    }
    record.messages.add(message);
    record.lastSeenMs = now;
    if (record.messages.size < AGGREGATE_MAX_EVENTS) {
      return { message, key: [aggregateKey, regarding.fieldPath, message].join('\u0000') };
    }
    return { message: AGGREGATE_PREFIX + message, key: aggregateKey };
  }

  private forgetOlderThan(ms: number): void {
    for (const [key, seen] of this.seen) if (seen.lastSeenMs < ms) this.seen.delete(key);
    for (const [key, record] of this.aggregates) if (record.lastSeenMs < ms) this.aggregates.delete(key);
  }
}

interface SeriesRecord {
  name: string;
  namespace: string;
  /** 1 until the first repeat. */
  count: number;
  lastObservedMs: number;
  /** The count last written (the heartbeat writes only what changed). */
  writtenCount: number;
}

export class SeriesEventRecorder {
  private readonly namer: EventNamer;
  /** eventCache: isomorphic events by key. */
  private readonly cache = new Map<string, SeriesRecord>();
  private heartbeat: Disposable | undefined;

  constructor(
    private readonly client: ApiClient,
    private readonly clock: Clock,
    /** `reportingComponent`, e.g. `default-scheduler`. */
    private readonly component: string,
    /** `reportingInstance`, e.g. `default-scheduler-control-plane`. */
    private readonly instance: string,
  ) {
    this.namer = namerFor(clock);
  }

  /** Records an event with an `action` (e.g. Scheduled/Binding, FailedScheduling/Scheduling). */
  async event(regarding: ObjectReference, type: EventType, reason: string, action: string, message: string): Promise<void> {
    const namespace = eventNamespace(regarding);
    const now = this.clock.now();
    this.finishSeries(now);
    // getKey: type, action, reason, reporting controller/instance (this recorder's) and the whole regarding
    // reference, resourceVersion included; the note is not part of it.
    const key = [type, action, reason, regarding.namespace, regarding.kind, regarding.name, regarding.uid, regarding.apiVersion, regarding.resourceVersion, regarding.fieldPath].join('\u0000');
    const isomorphic = this.cache.get(key);
    if (isomorphic) {
      isomorphic.count++;
      isomorphic.lastObservedMs = now;
      // The first repeat writes series {count: 2}; later ones wait for the heartbeat (client-go does the same).
      if (isomorphic.count === 2) await this.writeSeries(isomorphic);
      return;
    }
    const name = this.namer.next(regarding.name);
    this.cache.set(key, { name, namespace, count: 1, lastObservedMs: now, writtenCount: 1 });
    this.heartbeat ??= this.clock.setPeriodic(SERIES_HEARTBEAT_MS, () => void this.refreshSeries());
    try {
      await this.client.create({ ...EVENTS, namespace }, {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace },
        involvedObject: { ...regarding },
        reason,
        message,
        source: {},
        firstTimestamp: null,
        lastTimestamp: null,
        type,
        eventTime: rfc3339Micro(this.clock.now()),
        action,
        reportingComponent: this.component,
        reportingInstance: this.instance,
      });
    } catch {
      // Best effort, as above.
    }
  }

  private async writeSeries(record: SeriesRecord): Promise<void> {
    record.writtenCount = record.count;
    try {
      await this.client.patch({ ...EVENTS, namespace: record.namespace, name: record.name }, 'merge', {
        series: { count: record.count, lastObservedTime: rfc3339Micro(record.lastObservedMs) },
      });
    } catch {
      // Best effort.
    }
  }

  /** refreshExistingEventSeries: every 30 minutes, write the series whose count moved. */
  private async refreshSeries(): Promise<void> {
    for (const record of this.cache.values()) if (record.count > 1 && record.count !== record.writtenCount) await this.writeSeries(record);
  }

  /** finishSeries: isomorphic events not observed for 6 minutes start afresh. */
  private finishSeries(now: number): void {
    for (const [key, record] of this.cache) if (now - record.lastObservedMs > SERIES_FINISH_MS) this.cache.delete(key);
  }

  dispose(): void {
    this.heartbeat?.dispose();
  }
}
