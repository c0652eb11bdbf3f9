/**
 * Writes an ApiResponse onto a node response. A body response gets its status, Content-Type,
 * Content-Length and the handler's extra headers (e.g. `Warning`); a watch gets a 200 with chunked
 * encoding and one write per event line, so each event reaches the client as soon as it happens.
 * CORS headers are never sent, whatever the handler returns.
 */
import type { ServerResponse } from 'node:http';
import type { ApiBodyResponse, ApiWatchResponse } from '../../apiserver/handler-types';

function copyExtraHeaders(into: Record<string, string | number>, extra: Record<string, string> | undefined): void {
  if (extra === undefined) return;
  for (const name in extra) {
    if (name.length >= 15 && name.slice(0, 15).toLowerCase() === 'access-control-') continue;
    into[name] = extra[name]!;
  }
}

export function writeBodyResponse(res: ServerResponse, r: Pick<ApiBodyResponse, 'status' | 'contentType' | 'body' | 'headers'>): void {
  const headers: Record<string, string | number> = {
    'Content-Type': r.contentType,
    'Content-Length': Buffer.byteLength(r.body, 'utf8'),
  };
  copyExtraHeaders(headers, r.headers);
  res.writeHead(r.status, headers);
  res.end(r.body, 'utf8');
}

/**
 * Starts the watch. The subscription is disposed exactly once: when the client goes away, or after the
 * handler ends the stream (the response's `close` follows its end).
 */
export function startWatchResponse(res: ServerResponse, w: ApiWatchResponse): void {
  // A client that left while the handler was running gets no subscription at all.
  const socket = res.socket;
  if (socket === null || socket.destroyed) return;
  const headers: Record<string, string | number> = {
    'Content-Type': w.contentType,
    'Transfer-Encoding': 'chunked',
  };
  copyExtraHeaders(headers, w.headers);
  res.writeHead(200, headers);
  res.flushHeaders();
  let open = true;
  const sink = {
    send(line: string): void {
      if (open) res.write(line, 'utf8');
    },
    end(): void {
      if (!open) return;
      open = false;
      res.end();
    },
  };
  const subscription = w.start(sink);
  // `close` is emitted asynchronously, so a listener added after `start` still sees it, even when `start`
  // ended the stream or the client left meanwhile.
  res.once('close', () => {
    open = false;
    subscription.dispose();
  });
}
