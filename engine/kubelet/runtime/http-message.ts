/**
 * HTTP/1.1 messages as bytes-in-text: what the simulated servers parse from a Connection and write back, and what
 * the simulated clients (wget, curl, the prober) send and read. `Date` comes from the virtual clock.
 */
import { utf8Length } from './utf8';

export interface HttpRequest {
  method: string;
  path: string;
  version: string;
  headers: Array<[string, string]>;
  body: string;
}

export interface HttpResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

/** Reason phrases Go's net/http and nginx use for the statuses the simulated servers answer with. */
export const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/**
 * The first complete request in `data` and the rest of the buffer; undefined while the head or body is
 * incomplete; 'bad' when the request line is malformed.
 */
export function parseHttpRequest(data: string): { request: HttpRequest; rest: string } | 'bad' | undefined {
  const headEnd = data.indexOf('\r\n\r\n');
  const lfEnd = data.indexOf('\n\n');
  const useCrlf = headEnd >= 0 && (lfEnd < 0 || headEnd <= lfEnd);
  const end = useCrlf ? headEnd : lfEnd;
  if (end < 0) return undefined;
  const lines = data.slice(0, end).split(/\r?\n/);
  const m = /^([A-Z]+) (\S+) (HTTP\/1\.[01])$/.exec(lines[0] ?? '');
  if (m === null) return 'bad';
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return 'bad';
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  const bodyStart = end + (useCrlf ? 4 : 2);
  const length = Number(headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1] ?? '0');
  if (data.length - bodyStart < length) return undefined;
  return {
    request: { method: m[1] as string, path: m[2] as string, version: m[3] as string, headers, body: data.slice(bodyStart, bodyStart + length) },
    rest: data.slice(bodyStart + length),
  };
}

export function headerValue(headers: Array<[string, string]>, name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** `Mon, 23 Nov 2026 20:34:23 GMT` (RFC 7231 IMF-fixdate). */
export function httpDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toUTCString();
}

export function formatHttpResponse(res: HttpResponse): string {
  const head = [`HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? 'Unknown'}`, ...res.headers.map(([k, v]) => `${k}: ${v}`)];
  return `${head.join('\r\n')}\r\n\r\n${res.body}`;
}

export function formatHttpRequest(req: HttpRequest): string {
  const head = [`${req.method} ${req.path} ${req.version}`, ...req.headers.map(([k, v]) => `${k}: ${v}`)];
  return `${head.join('\r\n')}\r\n\r\n${req.body}`;
}

/** Parses a whole response (the client read until the server closed or Content-Length was reached). */
export function parseHttpResponse(data: string): HttpResponse | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = data.slice(0, end).split('\r\n');
  const m = /^HTTP\/1\.[01] ([0-9]{3})/.exec(lines[0] ?? '');
  if (m === null) return undefined;
  const headers: Array<[string, string]> = lines.slice(1).map((l) => {
    const c = l.indexOf(':');
    return [l.slice(0, c).trim(), l.slice(c + 1).trim()];
  });
  return { status: Number(m[1]), headers, body: data.slice(end + 4) };
}

/** Whether `data` holds a complete response (head plus Content-Length body bytes). */
export function isCompleteHttpResponse(data: string): boolean {
  const res = parseHttpResponse(data);
  if (res === undefined) return false;
  const length = headerValue(res.headers, 'Content-Length');
  return length !== undefined && utf8Length(res.body) >= Number(length);
}
