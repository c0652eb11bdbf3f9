/**
 * The in-process client (client-go's role): controllers and the app talk to the API server through the same
 * ApiHandler contract the HTTPS endpoint uses, so every write takes the full path — validation, admission,
 * managed fields, watch — exactly as a real client's would.
 */
import type { KubeList, KubeObject } from '../api/objects';
import type { Disposable } from '../base/disposable';
import { StatusError, type Status } from '../apiserver/errors/status-error';
import type { ApiHandler, ApiRequest, UserInfo } from '../apiserver/handler-types';

export interface ResourceRef {
  group: string;
  version: string;
  /** Plural resource name. */
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function resourcePath(r: ResourceRef): string {
  const base = r.group === '' ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
  const ns = r.namespace ? `/namespaces/${encodeURIComponent(r.namespace)}` : '';
  const name = r.name ? `/${encodeURIComponent(r.name)}` : '';
  const sub = r.subresource ? `/${r.subresource}` : '';
  return `${base}${ns}/${r.resource}${name}${sub}`;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

export type Query = Record<string, string | undefined>;

export class ApiClient {
  constructor(
    private readonly handler: ApiHandler,
    private readonly user: UserInfo,
    /** Sent as User-Agent; the API server derives the default field manager from it. */
    private readonly userAgent: string,
  ) {}

  private request(method: ApiRequest['method'], path: string, query: Query = {}, body?: unknown, contentType = 'application/json'): ApiRequest {
    const q: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(query)) if (v !== undefined) q[k] = [v];
    return {
      method,
      path,
      query: q,
      headers: { 'content-type': body === undefined ? undefined : contentType, accept: 'application/json', 'user-agent': this.userAgent },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      user: this.user,
    };
  }

  private async call<T>(req: ApiRequest): Promise<T> {
    const res = await this.handler.handle(req);
    if (res.kind !== 'body') throw new Error(`unexpected watch response for ${req.method} ${req.path}`);
    const value = res.contentType.startsWith('application/json') ? (JSON.parse(res.body) as unknown) : res.body;
    if (res.status >= 400) throw new StatusError(value as Status);
    return value as T;
  }

  get<T extends KubeObject>(ref: ResourceRef): Promise<T> {
    return this.call<T>(this.request('GET', resourcePath(ref)));
  }

  list<T extends KubeObject>(ref: ResourceRef, query: Query = {}): Promise<KubeList<T>> {
    return this.call<KubeList<T>>(this.request('GET', resourcePath({ ...ref, name: undefined }), query));
  }

  create<T extends KubeObject>(ref: ResourceRef, obj: KubeObject, query: Query = {}): Promise<T> {
    // A subresource create (serviceaccounts/<name>/token, pods/<name>/eviction) keeps the parent's name.
    return this.call<T>(this.request('POST', resourcePath(ref.subresource ? ref : { ...ref, name: undefined }), query, obj));
  }

  update<T extends KubeObject>(ref: ResourceRef, obj: KubeObject, query: Query = {}): Promise<T> {
    return this.call<T>(this.request('PUT', resourcePath(ref), query, obj));
  }

  patch<T extends KubeObject>(ref: ResourceRef, type: 'merge' | 'json' | 'strategic' | 'apply', patch: unknown, query: Query = {}): Promise<T> {
    const contentType = {
      merge: 'application/merge-patch+json',
      json: 'application/json-patch+json',
      strategic: 'application/strategic-merge-patch+json',
      apply: 'application/apply-patch+yaml',
    }[type];
    return this.call<T>(this.request('PATCH', resourcePath(ref), query, patch, contentType));
  }

  delete<T = unknown>(ref: ResourceRef, options: Record<string, unknown> = {}, query: Query = {}): Promise<T> {
    return this.call<T>(this.request('DELETE', resourcePath(ref), query, { kind: 'DeleteOptions', apiVersion: 'v1', ...options }));
  }

  /** Starts a watch; `onEvent` gets decoded events in order; `onEnd` when the server ends the stream. */
  async watch(ref: ResourceRef, query: Query, onEvent: (ev: WatchEvent) => void, onEnd: () => void): Promise<Disposable> {
    const res = await this.handler.handle(this.request('GET', resourcePath({ ...ref, name: undefined }), { ...query, watch: 'true' }));
    if (res.kind !== 'watch') {
      const value = JSON.parse(res.body) as Status;
      throw new StatusError(value);
    }
    return res.start({
      send: (line) => onEvent(JSON.parse(line) as WatchEvent),
      sendObject: (type, object) => onEvent({ type, object: object as KubeObject }),
      end: onEnd,
    });
  }
}
