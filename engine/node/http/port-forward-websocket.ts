/**
 * The kubelet's channel-per-port WebSocket port-forward (`v4.channel.k8s.io`, portforward/websocket.go), which
 * client libraries such as @kubernetes/client-node speak: for the i-th port of the `ports` query, channel 2i is
 * data and 2i+1 its error channel; each starts with the port as two little-endian bytes. Every port is
 * connected once, up front; when all have ended the server closes with a normal closure.
 */
import type { WebSocket } from 'ws';
import type { PortForwardStream } from '../../apiserver/handler-types';

export const PORT_FORWARD_CHANNEL_PROTOCOL = 'v4.channel.k8s.io';

export function servePortForwardChannels(ws: WebSocket, stream: PortForwardStream): void {
  const send = (channel: number, data: Uint8Array) => {
    if (ws.readyState !== ws.OPEN) return;
    const message = Buffer.allocUnsafe(data.length + 1);
    message[0] = channel;
    message.set(data, 1);
    ws.send(message, { binary: true });
  };
  let open = stream.ports.length;
  const ended = () => {
    open--;
    if (open === 0 && ws.readyState === ws.OPEN) ws.close(1000);
  };
  const writers: Array<((data: Buffer) => void) | undefined> = [];
  stream.ports.forEach((port, i) => {
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(port, 0);
    send(2 * i, prefix);
    send(2 * i + 1, prefix);
    const result = stream.connect(port);
    if ('error' in result) {
      send(2 * i + 1, Buffer.from(result.error, 'utf8'));
      ended();
      return;
    }
    let done = false;
    result.onData((bytes) => send(2 * i, bytes));
    result.onClose(() => {
      if (done) return;
      done = true;
      writers[i] = undefined;
      ended();
    });
    writers[i] = (data) => result.write(data);
  });
  if (stream.ports.length === 0) ws.close(1000);
  ws.on('message', (raw: Buffer, isBinary: boolean) => {
    if (!isBinary || raw.length === 0) return;
    const channel = raw[0] as number;
    if (channel % 2 === 0) writers[channel / 2]?.(raw.subarray(1));
  });
  ws.on('close', () => {
    for (const [i, write] of writers.entries()) if (write) writers[i] = undefined;
  });
  ws.on('error', () => ws.terminate());
}
