/**
 * Requests that ask to switch protocols (exec, attach, port-forward): node hands them to the server's
 * `upgrade` event instead of the request handler. They pass the same guard (Host, Origin, token) as every
 * request, then the API server answers; a stream answer is served over the negotiated protocol:
 * - WebSocket `v5.channel.k8s.io` / `v4.channel.k8s.io` for exec and attach (kubectl 1.32's default,
 *   KUBECTL_REMOTE_COMMAND_WEBSOCKETS);
 * - WebSocket `SPDY/3.1+portforward.k8s.io` for port-forward: SPDY tunnelled in binary messages
 *   (KUBECTL_PORT_FORWARD_WEBSOCKETS, on by default since 1.31), or `v4.channel.k8s.io` with a channel pair
 *   per port (client libraries);
 * - a plain `Upgrade: SPDY/3.1` for all three, the fallback client-go takes when the WebSocket upgrade fails
 *   and the transport older clients use.
 * Any other answer is written as an ordinary HTTP response and the connection closed.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { apiErrors, type Status } from '../../apiserver/errors';
import type { ApiBodyResponse, ApiHandler, ApiRequest, ApiUpgradeResponse, UserInfo } from '../../apiserver/handler-types';
import { PORT_FORWARD_CHANNEL_PROTOCOL, servePortForwardChannels } from './port-forward-websocket';
import { REMOTE_COMMAND_PROTOCOLS, serveRemoteCommand } from './remote-command-websocket';
import type { RequestGuard } from './request-guard';
import { parseRequestTarget } from './request-target';
import { PortForwardSession } from './spdy/port-forward-session';
import { RemoteCommandSpdySession, SPDY_REMOTE_COMMAND_PROTOCOLS } from './spdy/remote-command-session';

const PORT_FORWARD_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
const PORT_FORWARD_PROTOCOL = 'portforward.k8s.io';

export interface UpgradeEndpointOptions {
  handler: ApiHandler;
  guard: () => RequestGuard;
  user: UserInfo;
}

export function createUpgradeEndpoint(opts: UpgradeEndpointOptions): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const chosen = new WeakMap<IncomingMessage, string>();
  const tunnelled = new WeakMap<IncomingMessage, string>();
  const switched = new WeakSet<Duplex>();
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, handleProtocols: (_offered, req) => chosen.get(req) ?? false });
  wss.on('headers', (headers: string[], req: IncomingMessage) => {
    const protocol = tunnelled.get(req);
    if (protocol !== undefined) headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
  });

  async function serve(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const rejection = opts.guard().check(req.headers);
    if (rejection !== undefined) return writeReply(socket, rejection.code, 'application/json', rejection.body);
    const target = parseRequestTarget(req.url ?? '/');
    const method = req.method ?? '';
    if (target === undefined || (method !== 'GET' && method !== 'POST')) {
      const status = apiErrors.badRequest('the request could not be upgraded').status;
      return writeReply(socket, status.code, 'application/json', Buffer.from(JSON.stringify(status)));
    }
    const apiReq: ApiRequest = { method, path: target.path, query: target.query, headers: req.headers as ApiRequest['headers'], user: opts.user };
    const response = await opts.handler.handle(apiReq);
    if (response.kind === 'body') return writeBody(socket, response);
    if (response.kind !== 'upgrade') return writeStatus(socket, apiErrors.badRequest('Upgrade request required').status);
    const upgrade = (req.headers.upgrade ?? '').toLowerCase();
    if (upgrade === 'websocket') return acceptWebSocket(req, socket, head, response);
    if (upgrade === 'spdy/3.1') return acceptSpdy(req, socket, head, response);
    return writeStatus(socket, apiErrors.badRequest(`unable to upgrade: the protocol ${JSON.stringify(req.headers.upgrade ?? '')} is not supported`).status);
  }

  function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, response: ApiUpgradeResponse): void {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
    const supported: readonly string[] = response.stream.kind === 'remotecommand' ? REMOTE_COMMAND_PROTOCOLS : [PORT_FORWARD_TUNNEL_PROTOCOL, PORT_FORWARD_CHANNEL_PROTOCOL];
    const protocol = supported.find((p) => offered.includes(p));
    if (protocol === undefined) {
      // wsstream's handshake refuses a client offering none of the server's protocols with a plain 400.
      const text = `requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${supported.join(' ')}]\n`;
      return writeReply(socket, 400, 'text/plain; charset=utf-8', Buffer.from(text));
    }
    if (protocol === PORT_FORWARD_TUNNEL_PROTOCOL) {
      // `SPDY/3.1+portforward.k8s.io` is not an RFC 6455 token ('/' is a separator), which ws refuses to
      // negotiate; Go's gorilla/websocket client accepts it. Take the header away from ws and answer it ourselves.
      delete req.headers['sec-websocket-protocol'];
      tunnelled.set(req, protocol);
    } else chosen.set(req, protocol);
    switched.add(socket);
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const stream = response.stream;
      if (stream.kind === 'remotecommand') return serveRemoteCommand(ws, protocol, stream);
      if (protocol === PORT_FORWARD_CHANNEL_PROTOCOL) return servePortForwardChannels(ws, stream);
      const session = new PortForwardSession(stream, {
        send: (bytes) => {
          if (ws.readyState === ws.OPEN) ws.send(bytes, { binary: true });
        },
        close: () => {
          if (ws.readyState === ws.OPEN) ws.close(1000);
        },
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) session.receive(data);
      });
      ws.on('close', () => session.close());
      ws.on('error', () => ws.terminate());
    });
  }

  /** httpstream's Handshake: the first client protocol the server supports, else a plain-text 403. */
  function acceptSpdy(req: IncomingMessage, socket: Duplex, head: Buffer, response: ApiUpgradeResponse): void {
    const raw = req.headers['x-stream-protocol-version'] ?? '';
    const offered = (Array.isArray(raw) ? raw.join(',') : raw).split(',').map((p) => p.trim()).filter((p) => p !== '');
    const supported: readonly string[] = response.stream.kind === 'portforward' ? [PORT_FORWARD_PROTOCOL] : SPDY_REMOTE_COMMAND_PROTOCOLS;
    const protocol = offered.find((p) => supported.includes(p));
    if (protocol === undefined) {
      const text = `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server accepts [${supported.join(' ')}]\n`;
      return writeReply(socket, 403, 'text/plain; charset=utf-8', Buffer.from(text));
    }
    switched.add(socket);
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
    const transport = { send: (bytes: Buffer) => void socket.write(bytes), close: () => void socket.end() };
    const session = response.stream.kind === 'portforward' ? new PortForwardSession(response.stream, transport) : new RemoteCommandSpdySession(response.stream, transport);
    if (head.length > 0) session.receive(head);
    socket.on('data', (chunk: Buffer) => session.receive(chunk));
    socket.on('close', () => session.close());
    socket.on('error', () => socket.destroy());
  }

  return (req, socket, head) => {
    serve(req, socket, head).catch((err: unknown) => {
      // Once switched, the socket speaks WebSocket/SPDY: an HTTP reply there would corrupt the stream.
      if (switched.has(socket)) return void socket.destroy();
      const status = apiErrors.internal(err instanceof Error ? err.message : String(err)).status;
      writeStatus(socket, status);
    });
  };
}

function writeReply(socket: Duplex, code: number, contentType: string, body: Buffer, extra: Record<string, string> = {}): void {
  if (socket.destroyed) return;
  const headers = { 'Content-Type': contentType, 'Content-Length': String(body.length), Connection: 'close', ...extra };
  const head = `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  socket.end(Buffer.concat([Buffer.from(head, 'latin1'), body]));
}

function writeStatus(socket: Duplex, status: Status): void {
  writeReply(socket, status.code, 'application/json', Buffer.from(JSON.stringify(status)));
}

function writeBody(socket: Duplex, r: ApiBodyResponse): void {
  const extra: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) if (!k.toLowerCase().startsWith('access-control-')) extra[k] = v;
  writeReply(socket, r.status, r.contentType, Buffer.from(r.body, 'utf8'), extra);
}
