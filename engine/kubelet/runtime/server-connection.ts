/**
 * Connections into simulated servers. The client holds a `Connection`; the server side is a `ServerHandler`
 * fed the client's bytes. Replies are delivered synchronously inside `write` (the simulated servers answer in
 * zero virtual time), so a client must subscribe to `onData`/`onClose` before writing.
 */
import type { Connection } from './container-runtime';
import { Emitter } from '../../base/event';
import { decodeUtf8, encodeUtf8 } from './utf8';

export interface ServerSide {
  send(text: string): void;
  close(): void;
}

export interface ServerHandler {
  onData(text: string, server: ServerSide): void;
  /** The client half-closed. Default: the server closes too. */
  onEnd?(server: ServerSide): void;
}

export class PipeConnection implements Connection {
  private readonly data = new Emitter<Uint8Array>();
  private readonly closed = new Emitter<void>();
  private isClosed = false;
  readonly onData = this.data.event;
  readonly onClose = this.closed.event;
  private readonly server: ServerSide;

  constructor(private readonly handler: ServerHandler, onServerClose: () => void = () => {}) {
    this.server = {
      send: (text) => {
        if (!this.isClosed) this.data.fire(encodeUtf8(text));
      },
      close: () => {
        if (this.isClosed) return;
        this.isClosed = true;
        onServerClose();
        this.closed.fire();
      },
    };
  }

  write(data: Uint8Array): void {
    if (this.isClosed) return;
    this.handler.onData(decodeUtf8(data), this.server);
  }

  end(): void {
    if (this.isClosed) return;
    if (this.handler.onEnd) this.handler.onEnd(this.server);
    else this.server.close();
  }

  /** Server-initiated close (the listening process died). */
  abort(): void {
    this.server.close();
  }
}
