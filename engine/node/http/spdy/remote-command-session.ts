/**
 * exec / attach over SPDY/3.1 (`v5.channel.k8s.io` / `v4.channel.k8s.io` negotiated by X-Stream-Protocol-Version),
 * the transport client-go falls back to when the WebSocket upgrade fails, and the one older clients use: the
 * client opens one stream per channel (`streamtype` error, stdin, stdout, stderr, and resize under a TTY); once
 * all expected streams exist the session starts. stdin's FIN closes stdin; resize carries a sequence of
 * `{"Width":…,"Height":…}` objects; at the end the final Status goes on the error stream and the connection closes.
 */
import type { RemoteCommandInput, RemoteCommandStream } from '../../../apiserver/handler-types';
import { SpdyServerConnection, type ByteTransport, type SpdyStream } from './spdy-connection';

export const SPDY_REMOTE_COMMAND_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

export class RemoteCommandSpdySession {
  private readonly connection: SpdyServerConnection;
  private readonly streams = new Map<string, SpdyStream>();
  private input: RemoteCommandInput | undefined;
  private finished = false;
  private resizeBuffer = '';

  constructor(
    private readonly command: RemoteCommandStream,
    transport: ByteTransport,
  ) {
    this.connection = new SpdyServerConnection(transport, (s) => this.onStream(s), () => {
      if (!this.finished) {
        this.finished = true;
        this.input?.close();
      }
    });
  }

  receive(chunk: Buffer): void {
    this.connection.receive(chunk);
  }

  close(): void {
    this.connection.transportClosed();
  }

  private expected(): string[] {
    const c = this.command;
    return ['error', ...(c.stdin ? ['stdin'] : []), ...(c.stdout ? ['stdout'] : []), ...(c.stderr ? ['stderr'] : []), ...(c.tty ? ['resize'] : [])];
  }

  private onStream(stream: SpdyStream): void {
    const type = stream.headers['streamtype'] ?? '';
    this.streams.set(type, stream);
    if (type === 'stdin') {
      stream.onData = (bytes) => this.input?.stdin(bytes);
      stream.onEnd = () => this.input?.closeStdin();
    } else if (type === 'resize') {
      stream.onData = (bytes) => this.onResize(bytes.toString('utf8'));
    }
    if (this.input === undefined && this.expected().every((t) => this.streams.has(t))) this.start();
  }

  private start(): void {
    const out = (type: string) => (data: Uint8Array) => {
      if (!this.finished) this.streams.get(type)?.write(data);
    };
    this.input = this.command.start({
      stdout: out('stdout'),
      stderr: out('stderr'),
      finish: (status) => {
        if (this.finished) return;
        this.finished = true;
        const error = this.streams.get('error');
        error?.write(Buffer.from(JSON.stringify(status), 'utf8'));
        for (const s of this.streams.values()) s.close();
        this.connection.close();
      },
    });
  }

  /** A json.Decoder over the resize stream: complete objects are applied, a partial one waits. */
  private onResize(text: string): void {
    this.resizeBuffer += text;
    for (;;) {
      const end = this.resizeBuffer.indexOf('}');
      if (end < 0) return;
      const chunk = this.resizeBuffer.slice(0, end + 1);
      this.resizeBuffer = this.resizeBuffer.slice(end + 1);
      try {
        const v = JSON.parse(chunk.trim()) as { Width?: unknown; Height?: unknown };
        if (typeof v.Width === 'number' && typeof v.Height === 'number') this.input?.resize(v.Width, v.Height);
      } catch {
        // a malformed size is skipped, as the kubelet's resize loop does
      }
    }
  }
}
