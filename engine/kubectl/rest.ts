/**
 * kubectl's HTTP requests, made in-process: the admin user, kubectl 1.32's User-Agent and the Accept headers
 * kubectl sends (Table for human-readable get, aggregated discovery, plain JSON otherwise), so the API server
 * sees exactly what it sees from the real binary — the same default field manager, the same response forms.
 */
import { StatusError, type Status } from '../apiserver/errors/status-error';
import type { ApiHandler, ApiRequest, ApiResponse } from '../apiserver/handler-types';
import type { Disposable } from '../base/disposable';
import { ADMIN_USER } from '../cluster/lab-cluster';

export const KUBECTL_USER_AGENT = 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd';
export const ACCEPT_JSON = 'application/json';
export const ACCEPT_TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
export const ACCEPT_DISCOVERY =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

export type Json = Record<string, unknown>;
export type QueryParams = Record<string, string | string[] | undefined>;

export interface RestCall {
  method: ApiRequest['method'];
  path: string;
  query?: QueryParams;
  accept?: string;
  contentType?: string;
  body?: string;
}

export class Rest {
  constructor(private readonly handler: ApiHandler) {}

  raw(call: RestCall): Promise<ApiResponse> {
    const query: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query[k] = Array.isArray(v) ? v : [v];
    return this.handler.handle({
      method: call.method,
      path: call.path,
      query,
      headers: { accept: call.accept ?? ACCEPT_JSON, 'user-agent': KUBECTL_USER_AGENT, 'content-type': call.body === undefined ? undefined : (call.contentType ?? 'application/json') },
      body: call.body,
      user: ADMIN_USER,
    });
  }

  /** A request whose answer is a JSON document; 4xx/5xx become StatusError (non-Status bodies as client-go words them). */
  async json<T = Json>(call: RestCall): Promise<T> {
    const res = await this.raw(call);
    if (res.kind !== 'body') throw new Error(`unexpected ${res.kind} response for ${call.method} ${call.path}`);
    return parseBody<T>(res.status, res.contentType, res.body, call);
  }

  /** Text bodies (logs). */
  async text(call: RestCall): Promise<string> {
    const res = await this.raw(call);
    if (res.kind !== 'body') throw new Error(`unexpected ${res.kind} response for ${call.method} ${call.path}`);
    if (res.status >= 400) parseBody(res.status, res.contentType, res.body, call);
    return res.body;
  }

  /** A watch or a streamed body: every line to `onLine`; resolves with a disposer once the stream is open. */
  async stream(call: RestCall, onLine: (line: string) => void, onEnd: () => void): Promise<Disposable> {
    const res = await this.raw(call);
    if (res.kind === 'watch') return res.start({ send: onLine, end: onEnd });
    if (res.kind === 'body') {
      if (res.status >= 400) parseBody(res.status, res.contentType, res.body, call);
      for (const line of res.body.split('\n')) if (line !== '') onLine(line);
      onEnd();
      return { dispose() {} };
    }
    throw new Error(`unexpected ${res.kind} response for ${call.method} ${call.path}`);
  }
}

function parseBody<T>(status: number, contentType: string, body: string, call: RestCall): T {
  let value: unknown;
  try {
    value = contentType.startsWith('application/json') ? JSON.parse(body) : body;
  } catch {
    value = body;
  }
  if (status >= 400) {
    if (value && typeof value === 'object' && (value as Json)['kind'] === 'Status') throw new StatusError(value as Status);
    throw new StatusError(genericStatus(status, call, typeof value === 'string' ? value : ''));
  }
  return value as T;
}

/** client-go's newUnstructuredResponseError for bodies that are not a Status. */
function genericStatus(code: number, call: RestCall, body: string): Status {
  const reasons: Record<number, [string, string]> = {
    404: ['NotFound', 'the server could not find the requested resource'],
    400: ['BadRequest', 'the server rejected our request for an unknown reason'],
    403: ['Forbidden', 'the server does not allow access to the requested resource'],
    405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
    500: ['InternalError', 'an error on the server has prevented the request from succeeding'],
  };
  const [reason, message] = reasons[code] ?? ['Unknown', `the server responded with the status code ${code} but did not return more information`];
  void call;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason, message: body.trim() === '' ? message : body.trim(), code };
}
