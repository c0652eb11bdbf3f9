/**
 * exec / attach over WebSocket, as the kubelet's wsstream serves them: every binary message is one channel
 * byte then data. Channels: 0 stdin, 1 stdout, 2 stderr, 3 error (the final metav1.Status), 4 resize
 * (`{"Width":…,"Height":…}`); `v5.channel.k8s.io` adds 255 = close, whose data byte names the channel the
 * client closed (stdin). The server ends with a normal closure (1000) after the status.
 */
import type { WebSocket } from 'ws';
import type { RemoteCommandOutput, RemoteCommandStream } from '../../apiserver/handler-types';

export const REMOTE_COMMAND_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'] as const;

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const RESIZE = 4;
const CLOSE = 255;

export function serveRemoteCommand(ws: WebSocket, protocol: string, stream: RemoteCommandStream): void {
  const v5 = protocol === 'v5.channel.k8s.io';
  let finished = false;
  const sendChannel = (channel: number, data: Uint8Array) => {
    if (ws.readyState !== ws.OPEN) return;
    const message = Buffer.allocUnsafe(data.length + 1);
    message[0] = channel;
    message.set(data, 1);
    ws.send(message, { binary: true });
  };
  // wsstream's handshake tells the client the connection is up with an empty message on the lowest
  // writable channel.
  sendChannel(stream.stdout ? STDOUT : stream.stderr ? STDERR : ERROR, new Uint8Array(0));
  const output: RemoteCommandOutput = {
    stdout: (data) => {
      if (!finished && stream.stdout) sendChannel(STDOUT, data);
    },
    stderr: (data) => {
      if (!finished && stream.stderr) sendChannel(STDERR, data);
    },
    finish: (status) => {
      if (finished) return;
      finished = true;
      sendChannel(ERROR, Buffer.from(JSON.stringify(status), 'utf8'));
      if (ws.readyState === ws.OPEN) ws.close(1000);
    },
  };
  let input: ReturnType<RemoteCommandStream['start']>;
  try {
    input = stream.start(output);
  } catch (err) {
    // The kubelet's answer when the runtime fails to run the command: an InternalError on the error channel.
    const message = `error executing command in container: ${err instanceof Error ? err.message : String(err)}`;
    output.finish({ metadata: {}, status: 'Failure', message: `Internal error occurred: ${message}`, reason: 'InternalError', details: { causes: [{ message }] }, code: 500 });
    return;
  }
  ws.on('message', (raw: Buffer, isBinary: boolean) => {
    if (!isBinary || raw.length === 0 || finished) return;
    const channel = raw[0];
    const data = raw.subarray(1);
    if (channel === STDIN) {
      if (data.length > 0) input.stdin(data);
    } else if (channel === RESIZE) {
      const size = parseResize(data);
      if (size) input.resize(size.width, size.height);
    } else if (channel === CLOSE && v5 && data[0] === STDIN) input.closeStdin();
  });
  ws.on('close', () => {
    if (finished) return;
    finished = true;
    input.close();
  });
  ws.on('error', () => ws.terminate());
}

function parseResize(data: Buffer): { width: number; height: number } | undefined {
  try {
    const v = JSON.parse(data.toString('utf8')) as { Width?: unknown; Height?: unknown };
    if (typeof v.Width === 'number' && typeof v.Height === 'number') return { width: v.Width, height: v.Height };
  } catch {
    // a malformed size is ignored, as the kubelet's resize loop logs and skips it
  }
  return undefined;
}
