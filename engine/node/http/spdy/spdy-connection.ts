/**
 * The server side of a SPDY/3.1 connection as client-go's spdystream peer uses it: the client opens streams
 * (SYN_STREAM with a header block), the server accepts each with an empty SYN_REPLY, both sides send DATA and
 * half-close with FIN; PINGs from the client are echoed; GOAWAY ends the connection. Header blocks share one
 * zlib context per direction, so inbound frames are handled strictly in order, and so are outbound ones.
 */
import { HeaderCodec } from './header-codec';
import {
  dataFrame,
  decodeHeaderBlock,
  encodeHeaderBlock,
  FLAG_FIN,
  FrameReader,
  FrameType,
  goAwayFrame,
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

export interface SpdyStream {
  readonly id: number;
  /** Header names lower-cased (`streamtype`, `port`, `requestid`). */
  readonly headers: Record<string, string>;
  write(data: Uint8Array): void;
  /** Half-closes this side (FIN); later writes are dropped. */
  close(): void;
  /** Client data; set by the stream's owner when the stream is announced. */
  onData: (data: Buffer) => void;
  /** The client half-closed (FIN) or reset the stream. */
  onEnd: () => void;
}

/** Payloads are split so no frame nears SPDY's 24-bit length. */
const MAX_DATA = 64 * 1024;

export class SpdyServerConnection {
  private readonly codec = new HeaderCodec();
  private readonly reader = new FrameReader();
  private inbound: Promise<void> = Promise.resolve();
  private outbound: Promise<void> = Promise.resolve();
  private readonly streams = new Map<number, SpdyStream>();
  private lastStreamId = 0;
  private closed = false;

  constructor(
    private readonly transport: ByteTransport,
    private readonly onStream: (stream: SpdyStream) => void,
    /** Called once when the connection ends, from either side. */
    private readonly onClose: () => void = () => undefined,
  ) {}

  receive(chunk: Buffer): void {
    for (const frame of this.reader.push(chunk)) {
      this.inbound = this.inbound.then(() => this.handle(frame)).catch(() => this.close());
    }
  }

  /** Sends GOAWAY after everything queued, then closes the transport. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    const last = this.lastStreamId;
    this.outbound = this.outbound.then(() => this.transport.send(goAwayFrame(last))).catch(() => undefined).then(() => {
      this.codec.close();
      this.transport.close();
    });
    for (const s of this.streams.values()) s.onEnd();
    this.streams.clear();
    this.onClose();
  }

  /** The transport went away underneath: nothing more is sent. */
  transportClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) s.onEnd();
    this.streams.clear();
    this.codec.close();
    this.onClose();
  }

  private send(produce: () => Buffer | Promise<Buffer>): void {
    if (this.closed) return;
    this.outbound = this.outbound
      .then(async () => {
        const bytes = await produce();
        this.transport.send(bytes);
      })
      .catch(() => this.transportClosed());
  }

  private async handle(frame: RawFrame): Promise<void> {
    if (this.closed) return;
    if (!frame.control) {
      const stream = this.streams.get(frame.streamId);
      if (!stream) return;
      if (frame.data.length > 0) stream.onData(frame.data);
      if (frame.flags & FLAG_FIN) stream.onEnd();
      return;
    }
    switch (frame.type) {
      case FrameType.SynStream:
        return this.onSynStream(frame.payload, (frame.flags & FLAG_FIN) !== 0);
      case FrameType.RstStream: {
        const id = leadingId(frame.payload) & 0x7fffffff;
        const stream = this.streams.get(id);
        this.streams.delete(id);
        stream?.onEnd();
        return;
      }
      case FrameType.Ping: {
        const id = leadingId(frame.payload);
        // A server's own pings would be even; the client's (odd) ones are echoed.
        if (id % 2 === 1) this.send(() => pingFrame(id));
        return;
      }
      case FrameType.GoAway:
        return this.close();
      case FrameType.Headers:
        // Inflate the block anyway so the shared zlib context stays in step.
        await this.codec.decompress(frame.payload.subarray(4));
        return;
      default:
        return; // SETTINGS, WINDOW_UPDATE: spdystream does no flow control that needs an answer
    }
  }

  private async onSynStream(payload: Buffer, fin: boolean): Promise<void> {
    const { streamId, headerBlock } = parseSynStream(payload);
    const headers = decodeHeaderBlock(await this.codec.decompress(headerBlock));
    this.lastStreamId = Math.max(this.lastStreamId, streamId);
    this.send(() => this.codec.compress(encodeHeaderBlock({})).then((block) => synReplyFrame(streamId, block)));
    let finSent = false;
    const stream: SpdyStream = {
      id: streamId,
      headers,
      write: (data) => {
        if (finSent) return;
        for (let at = 0; at < data.length; at += MAX_DATA) {
          const part = data.subarray(at, Math.min(data.length, at + MAX_DATA));
          this.send(() => dataFrame(streamId, part));
        }
      },
      close: () => {
        if (finSent) return;
        finSent = true;
        this.send(() => dataFrame(streamId, new Uint8Array(0), FLAG_FIN));
      },
      onData: () => undefined,
      onEnd: () => undefined,
    };
    this.streams.set(streamId, stream);
    this.onStream(stream);
    if (fin) stream.onEnd();
  }
}
