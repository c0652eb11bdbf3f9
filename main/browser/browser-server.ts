/**
 * Browser mode's front door: HTTP + WebSocket on 127.0.0.1 only, serving the built renderer and the bridge.
 *
 * Security (any local process and any web page the learner opens can reach 127.0.0.1):
 * - A random 256-bit token is required: the page URL carries `?token=`, which also sets an HttpOnly,
 *   SameSite=Strict cookie so the page's own assets load; the WebSocket (`/bridge?token=`) must carry it in its
 *   URL. Compared in constant time. No token: 401; a wrong one: 403.
 * - Host must be 127.0.0.1:<port> or localhost:<port> (DNS rebinding); a present Origin must be that same
 *   origin, and the WebSocket must send one (cross-site WebSocket hijacking).
 * - Responses carry the CSP, `Referrer-Policy: no-referrer` (the token is in the URL), nosniff, no caching.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BridgeWireMessage } from '../bridge/contract';
import { dispatchBridgeRequest } from '../bridge/handlers';
import type { AppHost } from '../host/app-host';
import { contentSecurityPolicy } from '../content-security-policy';

export interface BrowserServerOptions {
  host: Pick<AppHost, 'handlers' | 'onEvent'>;
  /** The built renderer (index.html and assets/). */
  rendererDir: string;
  /** 0: any free port. */
  port: number;
  /** Fixed only by tests; otherwise 32 random bytes. */
  token?: string;
  log(message: string): void;
}

export interface BrowserServer {
  port: number;
  token: string;
  /** `http://127.0.0.1:<port>/?token=<token>` */
  url: string;
  close(): Promise<void>;
}

const COOKIE = 'cluster_lab_token';
/** Larger than any valid request (YAML is capped at 4 MiB by the validators), so oversize input gets a typed error. */
const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
/** A client that stops reading is dropped rather than buffering pushes without bound. */
const MAX_BUFFERED_BYTES = 64 * 1024 * 1024;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/** Equal in constant time: both sides are hashed first, so neither length nor content leaks through timing. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

/**
 * Vite names everything under assets/ by content hash, so those files never change under a name: the browser may
 * keep them rather than fetch ~4 MB of Monaco again on every reload (a reload in the same browser then has the
 * editor ready in ~0.1 s instead of ~1.5 s here, V8 reusing what it compiled). `private`: they are served to the
 * token holder only. Everything else, index.html above all, is never stored.
 */
export function cacheControlFor(relPath: string): string {
  return relPath.startsWith('/assets/') ? 'private, max-age=31536000, immutable' : 'no-store';
}

export async function startBrowserServer(opts: BrowserServerOptions): Promise<BrowserServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);
  const csp = () => contentSecurityPolicy({ webSocketOrigin: `ws://127.0.0.1:${port}` });

  const baseHeaders = (): Record<string, string> => ({
    'content-security-policy': csp(),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-store',
  });

  const reply = (res: ServerResponse, status: number, text: string): void => {
    res.writeHead(status, { ...baseHeaders(), 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${text}\n`);
  };

  /** undefined when the request may proceed; otherwise the refusal. */
  const refusal = (req: IncomingMessage, url: URL, requireOrigin: boolean, allowCookie: boolean): { status: number; text: string } | undefined => {
    if (!allowedHosts().includes(req.headers.host ?? '')) return { status: 403, text: 'forbidden: unexpected Host' };
    const origin = req.headers.origin;
    if (origin !== undefined ? !allowedOrigins().includes(origin) : requireOrigin) return { status: 403, text: 'forbidden: unexpected Origin' };
    const given = url.searchParams.get('token') ?? (allowCookie ? cookieToken(req) : undefined);
    if (given === undefined || given === null || given === '') return { status: 401, text: 'unauthorized: open the URL Cluster Lab printed (it carries the token)' };
    if (!tokensEqual(given, token)) return { status: 403, text: 'forbidden: wrong token' };
    return undefined;
  };

  const serveFile = async (res: ServerResponse, pathname: string, setCookie: boolean): Promise<void> => {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return reply(res, 400, 'bad request');
    }
    if (rel.includes('\0')) return reply(res, 400, 'bad request');
    const root = normalize(opts.rendererDir + sep);
    const file = normalize(join(root, rel === '/' ? 'index.html' : rel));
    if (!file.startsWith(root)) return reply(res, 404, 'not found');
    try {
      if (!(await stat(file)).isFile()) return reply(res, 404, 'not found');
      const body = await readFile(file);
      const headers: Record<string, string> = { ...baseHeaders(), 'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControlFor(rel) };
      if (setCookie) headers['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      reply(res, 404, rel === '/' ? `the renderer is not built (no ${join(opts.rendererDir, 'index.html')}); run \`npx vite build\`` : 'not found');
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = refusal(req, url, false, true);
    if (refused) return reply(res, refused.status, refused.text);
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
    void serveFile(res, url.pathname, url.searchParams.has('token'));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refused = url.pathname !== '/bridge' ? { status: 404, text: 'not found' } : refusal(req, url, true, false);
    if (refused) {
      socket.end(`HTTP/1.1 ${refused.status} ${refused.status === 401 ? 'Unauthorized' : refused.status === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${refused.text}\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveBridge(ws));
  });

  const send = (ws: WebSocket, msg: BridgeWireMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      opts.log('a browser client stopped reading; disconnecting it');
      ws.terminate();
      return;
    }
    ws.send(JSON.stringify(msg));
  };

  function serveBridge(ws: WebSocket): void {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let msg: unknown;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return ws.close(1007, 'not JSON');
      }
      const m = msg as { type?: unknown; id?: unknown; method?: unknown; input?: unknown };
      if (typeof msg !== 'object' || msg === null || m.type !== 'request' || typeof m.id !== 'number' || !Number.isSafeInteger(m.id)) {
        return ws.close(1008, 'expected {type:"request", id, method, input}');
      }
      const id = m.id;
      void dispatchBridgeRequest(opts.host.handlers, m.method, m.input).then((outcome) =>
        send(ws, outcome.ok ? { type: 'response', id, ok: true, output: outcome.output } : { type: 'response', id, ok: false, error: outcome.error }),
      );
    });
  }

  const eventSub = opts.host.onEvent(({ event, payload }) => {
    if (clients.size === 0) return;
    const text = JSON.stringify({ type: 'event', event, payload } satisfies BridgeWireMessage);
    for (const ws of clients) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) ws.terminate();
      else ws.send(text);
    }
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      eventSub.dispose();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
