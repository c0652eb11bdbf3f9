/**
 * The server side of the port-forward protocol (`portforward.k8s.io`, kubelet's portforward/httpstream.go) on a
 * SPDY/3.1 connection: the client opens an `error` and a `data` stream per forwarded connection, both carrying
 * `port` and `requestID` headers; once both exist the data stream is joined to a connection into the pod, and
 * when that ends the server closes both (the error stream carries the kubelet's message if it never opened).
 * Transport-agnostic: bytes in through `receive`, out through `send` (a WebSocket tunnel or a raw socket).
 */
import type { PortForwardConnection, PortForwardStream } from '../../../apiserver/handler-types';
import { HeaderCodec } from './header-codec';
import {
  dataFrame,
  decodeHeaderBlock,
  encodeHeaderBlock,
  FLAG_FIN,
  FrameReader,
  FrameType,
  leadingId,
  parseSynStream,
  pingFrame,
  synReplyFrame,
  type RawFrame,
} from './spdy-frames';

export interface ByteTransport {
  send(bytes: Buffer): void;
  close(): void;
}

interface ForwardStream {
  id: number;
  type: string;
  requestId: string;
  port: number;
  /** Set once this side sent FIN or the stream was reset. */
  closed: boolean;
}

interface Forward {
  error?: ForwardStream;
  data?: ForwardStream;
  conn?: PortForwardConnection;
  /** Client bytes that arrived before the connection was opened. */
  pending: Buffer[];
  clientFin: boolean;
  started: boolean;
}

/** Larger payloads are split so no frame nears SPDY's 24-bit length. */
const MAX_DATA = 64 * 1024;

export class PortForwardSession {
  private readonly codec = new HeaderCodec();
  private readonly reader = new FrameReader();
  private inbound: Promise<void> = Promise.resolve();
  private outbound: Promise<void> = Promise.resolve();
  private readonly streams = new Map<number, { forward: Forward; stream: ForwardStream }>();
  private readonly forwards = new Map<string, Forward>();
  private disposed = false;

  constructor(
    private readonly target: PortForwardStream,
    private readonly transport: ByteTransport,
  ) {}

  receive(chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      this.inbound = this.inbound.then(() => this.handle(frame)).catch(() => this.close());
    }
  }

  /** The transport is gone: every pod connection is ended. */
  close(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const f of this.forwards.values()) f.conn?.end();
    this.forwards.clear();
    this.streams.clear();
    this.codec.close();
    this.transport.close();
  }

  private send(produce: () => Buffer | Promise<Buffer>): void {
    this.outbound = this.outbound
      .then(async () => {
        const bytes = await produce();
        if (!this.disposed) this.transport.send(bytes);
      })
      .catch(() => this.close());
  }

  private async handle(frame: RawFrame): Promise<void> {
    if (this.disposed) return;
    if (!frame.control) return this.onData(frame.streamId, frame.data, (frame.flags & FLAG_FIN) !== 0);
    switch (frame.type) {
      case FrameType.SynStream:
        return this.onSynStream(frame.payload, (frame.flags & FLAG_FIN) !== 0);
      case FrameType.RstStream:
        return this.onReset(leadingId(frame.payload) & 0x7fffffff);
      case FrameType.Ping: {
        const id = leadingId(frame.payload);
        // Pings this side sent would be even; a client's (odd) ping is echoed back.
        if (id % 2 === 1) this.send(() => pingFrame(id));
        return;
      }
      case FrameType.GoAway:
        return this.close();
      case FrameType.Headers:
        // Carries a header block: inflate it anyway so the shared zlib context stays in step.
        await this.codec.decompress(frame.payload.subarray(4));
        return;
      default:
        return; // SETTINGS, WINDOW_UPDATE: spdystream peers do no flow control that needs an answer
    }
  }

  private async onSynStream(payload: Buffer, fin: boolean): Promise<void> {
    const { streamId, headerBlock } = parseSynStream(payload);
    const headers = decodeHeaderBlock(await this.codec.decompress(headerBlock));
    this.send(() => this.codec.compress(encodeHeaderBlock({})).then((block) => synReplyFrame(streamId, block)));
    const requestId = headers['requestid'] ?? '';
    const stream: ForwardStream = { id: streamId, type: headers['streamtype'] ?? '', requestId, port: Number(headers['port'] ?? ''), closed: false };
    let forward = this.forwards.get(requestId);
    if (!forward) {
      forward = { pending: [], clientFin: false, started: false };
      this.forwards.set(requestId, forward);
    }
    if (stream.type === 'error') forward.error = stream;
    else if (stream.type === 'data') forward.data = stream;
    this.streams.set(streamId, { forward, stream });
    if (fin && stream.type === 'data') forward.clientFin = true;
    if (forward.error && forward.data && !forward.started) this.start(forward);
  }

  private start(forward: Forward): void {
    forward.started = true;
    const data = forward.data as ForwardStream;
    const result = Number.isInteger(data.port) && data.port > 0 && data.port < 65536 ? this.target.connect(data.port) : { error: `invalid port ${JSON.stringify(String(data.port))}` };
    if ('error' in result) {
      this.sendData(forward.error, Buffer.from(result.error, 'utf8'));
      this.finish(forward);
      return;
    }
    forward.conn = result;
    result.onData((bytes) => this.sendData(forward.data, bytes));
    result.onClose(() => this.finish(forward));
    for (const chunk of forward.pending) result.write(chunk);
    forward.pending = [];
    if (forward.clientFin) result.end();
  }

  private onData(streamId: number, data: Buffer, fin: boolean): void {
    const entry = this.streams.get(streamId);
    if (!entry || entry.stream.type !== 'data') return; // the client only ever half-closes its error stream
    const forward = entry.forward;
    if (data.length > 0) {
      if (forward.conn) forward.conn.write(data);
      else forward.pending.push(data);
    }
    if (fin) {
      forward.clientFin = true;
      forward.conn?.end();
    }
  }

  private onReset(streamId: number): void {
    const entry = this.streams.get(streamId);
    if (!entry) return;
    entry.stream.closed = true;
    if (entry.stream.type === 'data') entry.forward.conn?.end();
  }

  private sendData(stream: ForwardStream | undefined, bytes: Uint8Array): void {
    if (!stream || stream.closed) return;
    for (let at = 0; at < bytes.length; at += MAX_DATA) {
      const part = bytes.subarray(at, Math.min(bytes.length, at + MAX_DATA));
      this.send(() => dataFrame(stream.id, part));
    }
  }

  /** Both streams end with FIN (the kubelet's deferred Close of data, then error). */
  private finish(forward: Forward): void {
    for (const stream of [forward.data, forward.error]) {
      if (!stream || stream.closed) continue;
      stream.closed = true;
      this.send(() => dataFrame(stream.id, new Uint8Array(0), FLAG_FIN));
    }
    const key = forward.data?.requestId ?? forward.error?.requestId ?? '';
    this.forwards.delete(key);
    if (forward.data) this.streams.delete(forward.data.id);
    if (forward.error) this.streams.delete(forward.error.id);
  }
}
