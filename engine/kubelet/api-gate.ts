/**
 * The kubelet's view of the API server with a network in between: while partitioned every call fails as a
 * dial would, and open watches are cut (the kubelet relists when the partition heals). The runtime on the
 * node keeps going — only the kubelet's conversation with the control plane stops.
 */
import type { KubeList, KubeObject } from '../api/objects';
import type { Disposable } from '../base/disposable';
import { Emitter } from '../base/event';
import type { ApiClient, Query, ResourceRef, WatchEvent } from '../client/api-client';

export class PartitionError extends Error {
  constructor(what: string) {
    super(`${what}: dial tcp 172.18.0.2:6443: connect: no route to host`);
  }
}

export class ApiGate {
  private partitioned = false;
  private stopped = false;
  private readonly healed = new Emitter<void>();
  private readonly watches = new Set<Disposable & { end: () => void }>();
  /** Fires when a partition ends (watchers relist). */
  readonly onHealed = this.healed.event;

  constructor(private readonly client: ApiClient) {}

  get open(): boolean {
    return !this.partitioned && !this.stopped;
  }

  setPartitioned(on: boolean): void {
    if (this.partitioned === on) return;
    this.partitioned = on;
    if (on) this.cutWatches();
    else if (!this.stopped) this.healed.fire();
  }

  /** A stopped kubelet talks to nobody, for good. */
  stop(): void {
    this.stopped = true;
    this.cutWatches();
  }

  private cutWatches(): void {
    for (const w of [...this.watches]) w.end();
  }

  private check(what: string): void {
    if (!this.open) throw new PartitionError(what);
  }

  async get<T extends KubeObject>(ref: ResourceRef): Promise<T> {
    this.check('GET');
    return this.client.get<T>(ref);
  }
  async list<T extends KubeObject>(ref: ResourceRef, query: Query = {}): Promise<KubeList<T>> {
    this.check('LIST');
    return this.client.list<T>(ref, query);
  }
  async create<T extends KubeObject>(ref: ResourceRef, obj: KubeObject, query: Query = {}): Promise<T> {
    this.check('POST');
    return this.client.create<T>(ref, obj, query);
  }
  async update<T extends KubeObject>(ref: ResourceRef, obj: KubeObject): Promise<T> {
    this.check('PUT');
    return this.client.update<T>(ref, obj);
  }
  async patch<T extends KubeObject>(ref: ResourceRef, type: 'merge' | 'strategic', body: unknown): Promise<T> {
    this.check('PATCH');
    return this.client.patch<T>(ref, type, body);
  }
  async delete(ref: ResourceRef, options: Record<string, unknown> = {}): Promise<unknown> {
    this.check('DELETE');
    return this.client.delete(ref, options);
  }

  /** A watch that ends (onEnd) when the gate closes; events after that are dropped. */
  async watch(ref: ResourceRef, query: Query, onEvent: (ev: WatchEvent) => void, onEnd: () => void): Promise<Disposable> {
    this.check('WATCH');
    let ended = false;
    /** The server-side watch, once the request has been answered. */
    const stream: { inner?: Disposable } = {};
    const handle = {
      end: () => {
        if (ended) return;
        ended = true;
        this.watches.delete(handle);
        stream.inner?.dispose();
        onEnd();
      },
      dispose: () => {
        ended = true;
        this.watches.delete(handle);
        stream.inner?.dispose();
      },
    };
    this.watches.add(handle);
    stream.inner = await this.client.watch(ref, query, (ev) => { if (!ended) onEvent(ev); }, handle.end);
    if (ended) stream.inner.dispose();
    return handle;
  }
}
