/**
 * The platform-free request/response contract between a transport (the HTTPS endpoint in engine/node, the
 * in-process client, the app's bridge) and the API server. Transports own security (TLS, token, Host/Origin,
 * body limit); the API server owns everything Kubernetes.
 */
import type { Disposable } from '../base/disposable';
import type { Event } from '../base/event';

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
  start(sink: WatchSink): Disposable;
}

export interface WatchSink {
  /** One encoded event line (`{"type":…,"object":…}\n`). */
  send(line: string): void;
  /**
   * In-process consumers only (engine/client): when present, events of the plain object form arrive as the
   * object itself instead of its encoded line — no encode and parse per event per informer. The object is the
   * store's (deeply frozen, shared): never modify it. ERROR events still arrive through `send`.
   */
  sendObject?(type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK', object: Record<string, unknown>): void;
  end(): void;
}

/**
 * exec / attach after the protocol upgrade: the transport negotiates the wire protocol (WebSocket
 * `v5.channel.k8s.io` / `v4.channel.k8s.io`), then calls `start` once and moves bytes between the client and the
 * session. Streams the client did not ask for are never written.
 */
export interface RemoteCommandStream {
  kind: 'remotecommand';
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
  start(io: RemoteCommandOutput): RemoteCommandInput;
}

export interface RemoteCommandOutput {
  stdout(data: Uint8Array): void;
  stderr(data: Uint8Array): void;
  /**
   * Ends the session with the kubelet's final status, a metav1.Status without TypeMeta
   * (`{"metadata":{},"status":"Success"}`); the transport sends it on the error channel, then closes.
   */
  finish(status: Record<string, unknown>): void;
}

export interface RemoteCommandInput {
  stdin(data: Uint8Array): void;
  /** The client closed stdin (v5's close signal). */
  closeStdin(): void;
  /** A terminal size from the resize channel. */
  resize(width: number, height: number): void;
  /** The client went away before `finish`. */
  close(): void;
}

/** A byte connection into the pod's network namespace (one forwarded port's data stream). */
export interface PortForwardConnection {
  write(data: Uint8Array): void;
  /** The client half-closed its side. */
  end(): void;
  readonly onData: Event<Uint8Array>;
  /** Fires once when the pod side closed. */
  readonly onClose: Event<void>;
}

/**
 * portforward after the protocol upgrade: the transport runs the port-forward protocol (streams per
 * `port` + `requestID`) and asks `connect` for each data stream.
 */
export interface PortForwardStream {
  kind: 'portforward';
  /** The `ports` query: the ports the channel-per-port WebSocket protocol opens up front (empty for SPDY). */
  ports: number[];
  /** The connection, or the kubelet's error text for the error stream when nothing can be reached. */
  connect(port: number): PortForwardConnection | { error: string };
}

/**
 * A response that switches protocols (101): the stream behind a WebSocket (or SPDY) upgrade. It is also a
 * complete answer for a request that did not ask to upgrade, or a transport that cannot: `status`,
 * `contentType` and `body` hold upstream's 400 `Upgrade request required` Status.
 */
export interface ApiUpgradeResponse {
  kind: 'upgrade';
  stream: RemoteCommandStream | PortForwardStream;
  status: 400;
  contentType: string;
  body: string;
}

export type ApiResponse = ApiBodyResponse | ApiWatchResponse | ApiUpgradeResponse;

export interface ApiHandler {
  handle(req: ApiRequest): Promise<ApiResponse>;
}
