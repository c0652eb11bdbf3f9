/**
 * The server side of the port-forward protocol (`portforward.k8s.io`, kubelet's portforward/httpstream.go) on a
 * SPDY/3.1 connection: the client opens an `error` and a `data` stream per forwarded connection, both carrying
 * `port` and `requestID` headers; once both exist the data stream is joined to a connection into the pod, and
 * when that ends the server closes both (the error stream carries the kubelet's message if it never opened).
 * Transport-agnostic: bytes in through `receive`, out through the transport (a WebSocket tunnel or a socket).
 */
import type { PortForwardConnection, PortForwardStream } from '../../../apiserver/handler-types';
import { SpdyServerConnection, type ByteTransport, type SpdyStream } from './spdy-connection';

export type { ByteTransport } from './spdy-connection';

interface Forward {
  error?: SpdyStream;
  data?: SpdyStream;
  conn?: PortForwardConnection;
  /** Client bytes that arrived before the connection was opened. */
  pending: Buffer[];
  clientFin: boolean;
  started: boolean;
}

export class PortForwardSession {
  private readonly connection: SpdyServerConnection;
  private readonly forwards = new Map<string, Forward>();

  constructor(
    private readonly target: PortForwardStream,
    transport: ByteTransport,
  ) {
    this.connection = new SpdyServerConnection(transport, (s) => this.onStream(s), () => {
      for (const f of this.forwards.values()) f.conn?.end();
      this.forwards.clear();
    });
  }

  receive(chunk: Buffer): void {
    this.connection.receive(chunk);
  }

  /** The transport is gone: every pod connection is ended. */
  close(): void {
    this.connection.transportClosed();
  }

  private onStream(stream: SpdyStream): void {
    const requestId = stream.headers['requestid'] ?? '';
    let forward = this.forwards.get(requestId);
    if (!forward) {
      forward = { pending: [], clientFin: false, started: false };
      this.forwards.set(requestId, forward);
    }
    const f = forward;
    const type = stream.headers['streamtype'];
    if (type === 'error') f.error = stream;
    else if (type === 'data') {
      f.data = stream;
      stream.onData = (bytes) => {
        if (f.conn) f.conn.write(bytes);
        else f.pending.push(bytes);
      };
      stream.onEnd = () => {
        f.clientFin = true;
        f.conn?.end();
      };
    }
    if (f.error && f.data && !f.started) this.start(f, requestId);
  }

  private start(forward: Forward, requestId: string): void {
    forward.started = true;
    const data = forward.data as SpdyStream;
    const port = Number(data.headers['port'] ?? '');
    const result = Number.isInteger(port) && port > 0 && port < 65536 ? this.target.connect(port) : { error: `invalid port ${JSON.stringify(data.headers['port'] ?? '')}` };
    if ('error' in result) {
      forward.error?.write(Buffer.from(result.error, 'utf8'));
      this.finish(forward, requestId);
      return;
    }
    forward.conn = result;
    result.onData((bytes) => data.write(bytes));
    result.onClose(() => this.finish(forward, requestId));
    for (const chunk of forward.pending) result.write(chunk);
    forward.pending = [];
    if (forward.clientFin) result.end();
  }

  /** Both streams end with FIN (the kubelet's deferred Close of data, then error). */
  private finish(forward: Forward, requestId: string): void {
    forward.data?.close();
    forward.error?.close();
    this.forwards.delete(requestId);
  }
}
