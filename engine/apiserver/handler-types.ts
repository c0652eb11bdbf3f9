/**
 * The platform-free request/response contract between a transport (the HTTPS endpoint in engine/node, the
 * in-process client, the app's bridge) and the API server. Transports own security (TLS, token, Host/Origin,
 * body limit); the API server owns everything Kubernetes.
 */
import type { Disposable } from '../base/disposable';

export interface UserInfo {
  name: string;
  uid?: string;
  groups: string[];
}

export interface ApiRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  /** The URL path, percent-decoded per segment by the transport, without the query. */
  path: string;
  /** Query parameters; repeated keys keep every value in order. */
  query: Record<string, string[]>;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** The body decoded as UTF-8, if any. */
  body?: string;
  /**
   * The same body as received, byte for byte, when the transport has it (the HTTPS endpoint does). Binary
   * media types need it: kubectl 1.32's typed clients (`kubectl create configmap|secret|deployment …`) send
   * `Content-Type: application/vnd.kubernetes.protobuf`, which the UTF-8 `body` cannot carry intact.
   */
  bodyBytes?: Uint8Array;
  user: UserInfo;
}

/** A complete response: status, content type and the serialized body. */
export interface ApiBodyResponse {
  kind: 'body';
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/**
 * A watch: the transport writes a 200 with chunked encoding, then one JSON line per event (`{"type":…,"object":…}\n`).
 * The stream ends when the API server calls `end` (e.g. after a 410 ERROR event) or the client disconnects
 * (the transport disposes the subscription).
 */
export interface ApiWatchResponse {
  kind: 'watch';
  status: 200;
  contentType: string;
  headers?: Record<string, string>;
  start(sink: { send(line: string): void; end(): void }): Disposable;
}

export type ApiResponse = ApiBodyResponse | ApiWatchResponse;

export interface ApiHandler {
  handle(req: ApiRequest): Promise<ApiResponse>;
}
