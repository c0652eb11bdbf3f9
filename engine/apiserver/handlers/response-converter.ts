/**
 * Shapes objects for the response form the client negotiated: the object itself, a meta.k8s.io/v1 Table
 * (what `kubectl get` asks for), or PartialObjectMetadata (metadata-only informers). Watch events are encoded
 * once per store event and form, then shared by every watcher asking the same (fan-out without re-serializing).
 */
import type { KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import type { StoreEvent } from '../../store/types';
import type { ApiRequest } from '../handler-types';
import type { ListPage, WatchEventType } from '../registry/list-watch';
import type { Negotiated } from '../request/content-negotiation';
import { stringify as stringifyYaml } from 'yaml';
import type { ResourceInfo } from '../resources/resource-catalog';
import { queryValue } from './request-options';
import { toTable, type CrdPrinterColumn } from '../printers';

type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface CrdColumnsSource {
  columnsFor(info: ResourceInfo): CrdPrinterColumn[] | undefined;
}

function includeObjectOf(req: ApiRequest): IncludeObject {
  const v = queryValue(req, 'includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

function partialMetadata(obj: KubeObject): Record<string, unknown> {
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
}

/** Built-in typed lists carry no apiVersion/kind on their items (Go's TypeMeta is empty there); CR lists do. */
function listItem(info: ResourceInfo, obj: KubeObject): KubeObject {
  if (info.crd) return obj;
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

const sharedLineKeys = (encoding: string): Record<WatchEventType, string> => ({
  ADDED: `ADDED/${encoding}`,
  MODIFIED: `MODIFIED/${encoding}`,
  DELETED: `DELETED/${encoding}`,
  BOOKMARK: `BOOKMARK/${encoding}`,
  ERROR: `ERROR/${encoding}`,
});
const SHARED_LINE_KEYS: Record<Negotiated['encoding'], Record<WatchEventType, string>> = { json: sharedLineKeys('json'), yaml: sharedLineKeys('yaml') };

export class ResponseConverter {
  /**
   * The encoded lines of the event being fanned out, per (type, encoding) key — shared across watchers. The store
   * hands one event to every watcher before the next, so one slot serves the fan-out; a watcher replaying older
   * history simply encodes its own line (a miss costs an encode, never a wrong line).
   */
  private slotEvent: StoreEvent | undefined;
  private readonly slotLines = new Map<string, string>();
  // The most recent shared line: two identity checks (event, interned line key) serve the 2nd..Nth watcher of an
  // event without a map lookup.
  private hitEvent: StoreEvent | undefined;
  private hitType: WatchEventType | '' = '';
  private hitKeys: Record<WatchEventType, string> | undefined;
  private hitLine = '';

  constructor(
    private readonly clock: Clock,
    private readonly crdColumns: CrdColumnsSource,
  ) {}

  private table(info: ResourceInfo, objects: KubeObject[], req: ApiRequest, listMeta?: { resourceVersion?: string; continue?: string; remainingItemCount?: number }) {
    return toTable(info.kindKey, objects, {
      now: this.clock.now(),
      includeObject: includeObjectOf(req),
      listMeta,
      crdColumns: this.crdColumns.columnsFor(info),
    });
  }

  single(info: ResourceInfo, obj: KubeObject, neg: Negotiated, req: ApiRequest): unknown {
    if (neg.form === 'table') return this.table(info, [obj], req, { resourceVersion: obj.metadata?.resourceVersion });
    if (neg.form === 'partial-metadata') return partialMetadata(obj);
    return obj;
  }

  list(info: ResourceInfo, page: ListPage, neg: Negotiated, req: ApiRequest): unknown {
    const listMeta: { resourceVersion: string; continue?: string; remainingItemCount?: number } = { resourceVersion: page.resourceVersion };
    if (page.continueToken) listMeta.continue = page.continueToken;
    if (page.remainingItemCount !== undefined) listMeta.remainingItemCount = page.remainingItemCount;
    if (neg.form === 'table') return this.table(info, page.items, req, listMeta);
    if (neg.form === 'partial-metadata') {
      return { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: listMeta, items: page.items.map(partialMetadata) };
    }
    const apiVersion = info.group === '' ? info.version : `${info.group}/${info.version}`;
    return { kind: `${info.kind}List`, apiVersion, metadata: listMeta, items: page.items.map((o) => listItem(info, o)) };
  }

  /** Returns a function encoding one watch event as a line, in the negotiated form. */
  watchEncoder(info: ResourceInfo, neg: Negotiated, req: ApiRequest): (type: WatchEventType, object: KubeObject | Record<string, unknown>, source?: StoreEvent) => string {
    let first = true;
    const serialize = (value: unknown): string => (neg.encoding === 'yaml' ? `---\n${stringifyYaml(value)}` : `${JSON.stringify(value)}\n`);
    const shape = (type: WatchEventType, object: KubeObject | Record<string, unknown>): unknown => {
      if (type === 'ERROR' || type === 'BOOKMARK') return object;
      if (neg.form === 'table') {
        const t = this.table(info, [object as KubeObject], req);
        // Column definitions travel with the first event only, as upstream's watch encoder sends them.
        if (!first) (t as { columnDefinitions: unknown[] }).columnDefinitions = [];
        first = false;
        return t;
      }
      if (neg.form === 'partial-metadata') return partialMetadata(object as KubeObject);
      return object;
    };
    const encode = (type: WatchEventType, object: KubeObject | Record<string, unknown>): string => serialize({ type, object: shape(type, object) });
    // Only object-form lines are shared (Table rows and metadata-only forms are per watcher).
    if (neg.form !== 'object') return encode;
    // The interned key (one string object per type and encoding, for every encoder) keeps shared lines apart per
    // type and encoding and compares by identity.
    const keys = SHARED_LINE_KEYS[neg.encoding];
    return (type, object, source) => {
      if (source === undefined) return encode(type, object);
      // All watchers are handed one event in turn: the previous lookup's line answers nearly every call, decided
      // by identity comparisons alone (the per-delivery cost is what fan-out to many watchers multiplies).
      if (source === this.hitEvent && type === this.hitType && keys === this.hitKeys) return this.hitLine;
      const key = keys[type];
      if (source !== this.slotEvent) {
        this.slotEvent = source;
        this.slotLines.clear();
      }
      let line = this.slotLines.get(key);
      if (line === undefined) {
        line = encode(type, object);
        this.slotLines.set(key, line);
      }
      this.hitEvent = source;
      this.hitType = type;
      this.hitKeys = keys;
      this.hitLine = line;
      return line;
    };
  }
}
