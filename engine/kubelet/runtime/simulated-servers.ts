/**
 * What listens on a port, per the catalogue's ListenSpec: an HTTP/1.1 server (static files from the container's
 * file system and/or scripted routes), a Redis inline/RESP responder, a bare TCP acceptor, or a gRPC health
 * server (answered by `grpcProbe`; raw bytes to it are accepted and ignored).
 */
import type { ListenSpec } from './image-catalogue';
import { formatHttpResponse, headerValue, httpDate, parseHttpRequest, type HttpRequest } from './http-message';
import type { ServerHandler } from './server-connection';
import { renderTemplate, type TemplateContext } from './text-template';
import { utf8Length } from './utf8';
import type { VirtualFs } from './virtual-fs';

export interface ServerEnvironment {
  fs: VirtualFs;
  now(): number;
  startedAt: number;
  hostname: string;
  ip: string;
  clientIp: string;
  /** Writes a line to the container's stdout (access logs). */
  log(line: string): void;
}

export function serverHandler(spec: ListenSpec, env: ServerEnvironment): ServerHandler {
  if (spec.http) return httpHandler(spec, env);
  if (spec.redis) return redisHandler();
  return { onData() {} };
}

const CONTENT_TYPES: Record<string, string> = { html: 'text/html', htm: 'text/html', txt: 'text/plain', json: 'application/json', css: 'text/css', js: 'application/javascript', png: 'image/png' };

function httpHandler(spec: ListenSpec, env: ServerEnvironment): ServerHandler {
  const http = spec.http as NonNullable<ListenSpec['http']>;
  let buffer = '';
  return {
    onData(text, server) {
      buffer += text;
      for (;;) {
        const parsed = parseHttpRequest(buffer);
        if (parsed === undefined) return;
        if (parsed === 'bad') {
          server.send(formatHttpResponse({ status: 400, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']], body: '400 Bad Request' }));
          server.close();
          return;
        }
        buffer = parsed.rest;
        const { request } = parsed;
        const res = respond(request);
        const closeAfter = request.version === 'HTTP/1.0' || headerValue(request.headers, 'Connection')?.toLowerCase() === 'close';
        const body = request.method === 'HEAD' ? '' : res.body;
        const headers: Array<[string, string]> = [];
        if (http.server) headers.push(['Server', http.server]);
        headers.push(['Date', httpDate(env.now())], ['Content-Type', res.contentType], ['Content-Length', String(utf8Length(res.body))]);
        headers.push(...res.extra);
        if (http.server) headers.push(['Connection', closeAfter ? 'close' : 'keep-alive']);
        server.send(formatHttpResponse({ status: res.status, headers, body }));
        if (http.accessLog) {
          const ctx: TemplateContext = {
            now: env.now(),
            startedAt: env.startedAt,
            hostname: env.hostname,
            ip: env.ip,
            extra: {
              clientIp: env.clientIp,
              requestLine: `${request.method} ${request.path} ${request.version}`,
              status: String(res.status),
              bytes: String(utf8Length(body)),
              userAgent: headerValue(request.headers, 'User-Agent') ?? '-',
            },
          };
          env.log(renderTemplate(http.accessLog, ctx));
        }
        if (closeAfter) {
          server.close();
          return;
        }
      }
    },
  };

  function respond(req: HttpRequest): { status: number; body: string; contentType: string; extra: Array<[string, string]> } {
    const path = req.path.split('?')[0] ?? '/';
    const uptime = (env.now() - env.startedAt) / 1000;
    const ctx: TemplateContext = { now: env.now(), startedAt: env.startedAt, hostname: env.hostname, ip: env.ip };
    for (const r of http.routes ?? []) {
      if (r.path !== path || (r.untilSeconds !== undefined && uptime >= r.untilSeconds)) continue;
      return { status: r.status, body: renderTemplate(r.body, ctx), contentType: r.contentType ?? 'text/plain; charset=utf-8', extra: [] };
    }
    if (http.staticRoot !== undefined) return serveStatic(http.staticRoot, path, http.server ?? '');
    return { status: 404, body: '404 page not found\n', contentType: 'text/plain; charset=utf-8', extra: [['X-Content-Type-Options', 'nosniff']] };
  }

  function serveStatic(root: string, path: string, server: string): { status: number; body: string; contentType: string; extra: Array<[string, string]> } {
    const decoded = decodeURIComponent(path);
    let file = `${root}${decoded}`;
    let entry = env.fs.stat(file);
    if (entry?.type === 'dir' && !decoded.endsWith('/')) {
      return { status: 301, body: errorPage(301, 'Moved Permanently', server), contentType: 'text/html', extra: [['Location', `http://${env.ip}${decoded}/`]] };
    }
    if (entry?.type === 'dir') {
      file = `${file}index.html`;
      entry = env.fs.stat(file);
      if (entry === undefined) return { status: 403, body: errorPage(403, 'Forbidden', server), contentType: 'text/html', extra: [] };
    }
    if (entry === undefined || entry.type !== 'file') return { status: 404, body: errorPage(404, 'Not Found', server), contentType: 'text/html', extra: [] };
    const ext = file.split('.').pop() ?? '';
    const length = utf8Length(entry.content);
    return {
      status: 200,
      body: entry.content,
      contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream',
      extra: [
        ['Last-Modified', httpDate(entry.mtime)],
        ['ETag', `"${Math.floor(entry.mtime / 1000).toString(16)}-${length.toString(16)}"`],
        ['Accept-Ranges', 'bytes'],
      ],
    };
  }
}

/** nginx's built-in error page (and close enough for httpd's). */
function errorPage(status: number, text: string, server: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>${server.split(' ')[0]}</center>\r\n</body>\r\n</html>\r\n`;
}

/** Redis: inline commands (`PING\r\n`) and RESP arrays; PING, ECHO, SET, GET, DEL, QUIT. */
function redisHandler(): ServerHandler {
  const store = new Map<string, string>();
  let buffer = '';
  const bulk = (v: string | undefined): string => (v === undefined ? '$-1\r\n' : `$${utf8Length(v)}\r\n${v}\r\n`);
  return {
    onData(text, server) {
      buffer += text;
      for (;;) {
        let args: string[];
        if (buffer.startsWith('*')) {
          const lines = buffer.split('\r\n');
          const n = Number((lines[0] as string).slice(1));
          if (lines.length < 1 + n * 2 + 1) return;
          args = [];
          for (let i = 0; i < n; i++) args.push(lines[2 + i * 2] as string);
          buffer = lines.slice(1 + n * 2).join('\r\n');
        } else {
          const nl = buffer.indexOf('\n');
          if (nl < 0) return;
          args = buffer.slice(0, nl).replace(/\r$/, '').trim().split(/\s+/).filter(Boolean);
          buffer = buffer.slice(nl + 1);
          if (args.length === 0) continue;
        }
        const [cmd = '', ...rest] = args;
        switch (cmd.toUpperCase()) {
          case 'PING':
            server.send(rest[0] === undefined ? '+PONG\r\n' : bulk(rest[0]));
            break;
          case 'ECHO':
            server.send(bulk(rest[0]));
            break;
          case 'SET':
            store.set(rest[0] ?? '', rest[1] ?? '');
            server.send('+OK\r\n');
            break;
          case 'GET':
            server.send(bulk(store.get(rest[0] ?? '')));
            break;
          case 'DEL':
            server.send(`:${rest.filter((k) => store.delete(k)).length}\r\n`);
            break;
          case 'QUIT':
            server.send('+OK\r\n');
            server.close();
            return;
          default:
            server.send(`-ERR unknown command '${cmd}', with args beginning with: ${rest.map((a) => `'${a}' `).join('')}\r\n`);
        }
      }
    },
  };
}
