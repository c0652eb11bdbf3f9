/**
 * The event timeline's source: a bounded ring of entries (API requests, store revisions, watch notifications,
 * Kubernetes Events), each with a lane (the component that acted) and `causes` (uids of the owners / involved
 * object: the causal chain's edges). New entries are pushed to the renderer in batches.
 *
 * Where entries come from:
 * - `tapHandler` wraps the ApiHandler clients reach from outside the engine (the UI, the in-app terminal, the
 *   learner's own kubectl through the HTTPS endpoint): one `request` entry per call, lane from the User-Agent.
 * - `recordStoreEvent` gets every store revision (the host watches `/registry/`): one `store` entry; core Events
 *   also give an `event` entry on the reporting component's lane; and the write itself appears as a `request`
 *   on the lane of the field manager that made it (kube-scheduler, kubelet, a controller), since the engine's
 *   own components call the API server in-process, past the tap.
 * - the watch hub records each notification it delivers to the renderer as a `watch` entry.
 */
import type { KubeObject } from '../../engine/api/objects';
import type { ApiHandler } from '../../engine/apiserver/handler-types';
import type { StoreEvent } from '../../engine/store/types';
import type { TimelineEntry, TimelineLane } from '../bridge/contract';

export const TIMELINE_CAPACITY = 100_000;

/** Lane of a client from its User-Agent (`kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd`, `kubelet/…`). */
export function laneFromUserAgent(userAgent: string | undefined, node?: string): TimelineLane {
  const product = (userAgent ?? '').split('/')[0]!.trim().toLowerCase();
  if (product === 'kube-scheduler') return 'scheduler';
  if (product === 'kube-controller-manager') return 'controller:kube-controller-manager';
  if (product === 'kubelet') return `kubelet:${node ?? 'unknown'}`;
  if (product === 'kube-proxy') return 'kube-proxy';
  return 'client';
}

/** Lane of a Kubernetes Event's reporter (core/v1 `source` or events.k8s.io `reportingController`). */
export function laneFromEventSource(component: string | undefined, host: string | undefined): TimelineLane {
  const c = component ?? '';
  if (c === 'default-scheduler' || c === 'kube-scheduler') return 'scheduler';
  if (c === 'kubelet') return `kubelet:${host ?? 'unknown'}`;
  if (c === 'kube-proxy') return 'kube-proxy';
  if (c === '') return 'apiserver';
  return `controller:${c}`;
}

/** Lane of a field manager (managedFields[].manager): who made a write. */
export function laneFromManager(manager: string | undefined, node: string | undefined): TimelineLane {
  if (manager === undefined) return 'apiserver';
  if (manager === 'kube-scheduler') return 'scheduler';
  if (manager === 'kubelet') return `kubelet:${node ?? 'unknown'}`;
  if (manager.startsWith('kube-controller-manager')) return 'controller:kube-controller-manager';
  if (manager.endsWith('-controller')) return `controller:${manager}`;
  return 'client';
}

interface Meta {
  name?: string;
  namespace?: string;
  uid?: string;
  ownerReferences?: Array<{ uid?: string }>;
  managedFields?: Array<{ manager?: string; time?: string }>;
}

function metaOf(o: KubeObject | undefined): Meta {
  return (o?.metadata ?? {}) as Meta;
}

/** `/registry/<group?>/<resource>/<ns?>/<name>` → the resource segment (`pods`, `deployments`, `events`). */
export function resourceOfStoreKey(key: string): string {
  const parts = key.split('/').filter(Boolean);
  // /registry/pods/ns/name, /registry/deployments/ns/name, /registry/apiextensions.k8s.io/customresourcedefinitions/name, /registry/lab.clusterlab.dev/clocks/cluster
  const afterRegistry = parts.slice(1);
  return afterRegistry[0]?.includes('.') ? (afterRegistry[1] ?? '') : (afterRegistry[0] ?? '');
}

function ownerUids(o: KubeObject | undefined): string[] {
  return (metaOf(o).ownerReferences ?? []).map((r) => r.uid).filter((u): u is string => typeof u === 'string');
}

export class Timeline {
  private readonly ring: TimelineEntry[] = [];
  /** Index in `ring` of the oldest entry once the ring is full. */
  private head = 0;
  private seq = 0;
  private pending: TimelineEntry[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly push: (entries: TimelineEntry[]) => void,
    private readonly now: () => number,
    private readonly capacity = TIMELINE_CAPACITY,
    /** Batching of pushes (real ms): one message per interval however busy the cluster is. */
    private readonly flushMs = 50,
  ) {}

  add(entry: Omit<TimelineEntry, 'seq' | 'time'> & { time?: number }): void {
    const full: TimelineEntry = { ...entry, seq: ++this.seq, time: entry.time ?? this.now() };
    if (this.ring.length < this.capacity) this.ring.push(full);
    else {
      this.ring[this.head] = full;
      this.head = (this.head + 1) % this.capacity;
    }
    this.pending.push(full);
    this.flushTimer ??= setTimeout(() => this.flush(), this.flushMs);
  }

  /** Entries with seq > sinceSeq, oldest first. */
  history(sinceSeq = 0): TimelineEntry[] {
    const ordered = this.ring.length < this.capacity ? this.ring : [...this.ring.slice(this.head), ...this.ring.slice(0, this.head)];
    if (sinceSeq <= 0) return [...ordered];
    const first = ordered.findIndex((e) => e.seq > sinceSeq);
    return first === -1 ? [] : ordered.slice(first);
  }

  get size(): number {
    return this.ring.length;
  }

  flush(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.push(batch);
  }

  dispose(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    this.pending = [];
  }

  /** One store revision: a `store` entry, the writer's `request`, and for Events an `event` entry. */
  recordStoreEvent(ev: StoreEvent): void {
    if (ev.type === 'BOOKMARK' || ev.object === undefined) return;
    const resource = resourceOfStoreKey(ev.key);
    const obj = ev.object;
    const m = metaOf(obj);
    const ref = { resource, ...(m.namespace ? { namespace: m.namespace } : {}), name: m.name ?? '', ...(m.uid ? { uid: m.uid } : {}), kind: obj.kind ?? '' };
    const causes = ownerUids(obj);
    if (resource === 'events') {
      if (ev.type === 'DELETED') return; // TTL expiry is housekeeping, not cluster behaviour
      const e = obj as KubeObject & {
        reason?: string;
        note?: string;
        message?: string;
        source?: { component?: string; host?: string };
        reportingController?: string;
        reportingComponent?: string;
        reportingInstance?: string;
        involvedObject?: { uid?: string; kind?: string; name?: string; namespace?: string };
        regarding?: { uid?: string; kind?: string; name?: string; namespace?: string };
      };
      const involved = e.involvedObject ?? e.regarding;
      const component = e.source?.component || e.reportingComponent || e.reportingController;
      const host = e.source?.host || e.reportingInstance;
      this.add({
        lane: laneFromEventSource(component, host),
        type: 'event',
        verb: ev.type === 'ADDED' ? 'create' : 'update',
        object: { resource: 'events', ...(m.namespace ? { namespace: m.namespace } : {}), name: m.name ?? '', ...(m.uid ? { uid: m.uid } : {}), kind: 'Event' },
        ...(e.reason ? { reason: e.reason } : {}),
        message: e.message ?? e.note ?? '',
        causes: involved?.uid ? [involved.uid] : [],
      });
      return;
    }
    const verb = ev.type === 'ADDED' ? 'create' : ev.type === 'DELETED' ? 'delete' : 'update';
    const writer = latestManager(obj);
    if (writer !== undefined && writer.manager !== 'kubectl' && !writer.manager.startsWith('kubectl-') && writer.manager !== CLUSTER_LAB_UI_MANAGER) {
      const node = (obj as { spec?: { nodeName?: string } }).spec?.nodeName ?? (obj.kind === 'Node' || resource === 'leases' ? m.name?.replace(/^kube-node-lease\//, '') : undefined);
      this.add({ lane: laneFromManager(writer.manager, node), type: 'request', verb, object: ref, causes });
    }
    this.add({ lane: 'store', type: 'store', verb: ev.type, object: ref, message: `revision ${ev.revision}`, causes: m.uid ? [m.uid, ...causes] : causes });
  }
}

/** The UI's field manager (its User-Agent's product); its writes are already on the timeline from the tap. */
export const CLUSTER_LAB_UI_MANAGER = 'cluster-lab';

function latestManager(o: KubeObject): { manager: string } | undefined {
  const fields = metaOf(o).managedFields ?? [];
  let best: { manager: string; time: string } | undefined;
  for (const f of fields) if (f.manager && (best === undefined || (f.time ?? '') >= best.time)) best = { manager: f.manager, time: f.time ?? '' };
  return best;
}

/** The ApiHandler with each call recorded (requests from outside the engine: UI, terminal, external kubectl). */
export function tapHandler(inner: ApiHandler, timeline: Timeline): ApiHandler {
  return {
    async handle(req) {
      const res = await inner.handle(req);
      if (!req.path.startsWith('/api/') && !req.path.startsWith('/apis/')) return res;
      const segments = req.path.split('/').filter(Boolean);
      // /api/v1/namespaces/ns/pods/name | /apis/g/v/pods…: the resource is the segment after namespaces/<ns>, else after the version.
      const versionEnd = segments[0] === 'api' ? 2 : 3;
      let rest = segments.slice(versionEnd);
      let namespace: string | undefined;
      if (rest[0] === 'namespaces' && rest.length >= 3) {
        namespace = rest[1];
        rest = rest.slice(2);
      }
      if (rest.length === 0) return res; // discovery
      const watching = req.query['watch']?.[0] === 'true' || req.query['watch']?.[0] === '1';
      const verb = watching ? 'watch' : req.method === 'GET' ? (rest.length >= 2 ? 'get' : 'list') : req.method.toLowerCase();
      timeline.add({
        lane: laneFromUserAgent(req.headers['user-agent']),
        type: 'request',
        verb,
        object: { resource: rest.slice(0, 1).concat(rest.slice(2, 3)).join('/'), ...(namespace ? { namespace } : {}), name: rest[1] ?? '', kind: '' },
        code: res.kind === 'upgrade' ? 101 : res.status,
      });
      return res;
    },
  };
}

