/** The HTTP client behind `wget`/`curl` in simulated containers: resolve, connect, send, read to completion. */
import { decodeUtf8, encodeUtf8 } from '../utf8';
import { formatHttpRequest, isCompleteHttpResponse, parseHttpResponse, type HttpResponse } from '../http-message';
import type { Proc } from './process-effects';
import type { ShellHost } from './shell-host';

export type FetchResult =
  | { kind: 'response'; response: HttpResponse; ip: string; port: number }
  | { kind: 'bad-address'; host: string }
  | { kind: 'refused'; ip: string; port: number }
  | { kind: 'timeout'; ip: string; port: number }
  | { kind: 'bad-url' };

export interface ParsedUrl {
  host: string;
  port: number;
  path: string;
}

export function parseHttpUrl(url: string): ParsedUrl | undefined {
  const m = /^(?:http:\/\/)?([^/:?#]+)(?::([0-9]+))?([^#]*)$/.exec(url);
  if (m === null) return undefined;
  return { host: m[1] as string, port: m[2] !== undefined ? Number(m[2]) : 80, path: m[3] === '' || m[3] === undefined ? '/' : (m[3] as string) };
}

export function* httpFetch(host: ShellHost, url: string, userAgent: string, timeoutMs: number): Proc<FetchResult> {
  const u = parseHttpUrl(url);
  if (u === undefined) return { kind: 'bad-url' };
  const ip = /^[0-9.]+$/.test(u.host) ? u.host : host.network.resolve(u.host);
  if (ip === undefined) return { kind: 'bad-address', host: u.host };
  const conn = host.network.connect(ip, u.port);
  if (conn === undefined) return { kind: 'refused', ip, port: u.port };
  let received = '';
  let closed = false;
  const result = yield host.withTimeout(
    {
      start: (resume) => {
        const subs = [
          conn.onData((d) => {
            received += decodeUtf8(d);
            if (isCompleteHttpResponse(received)) resume('done');
          }),
          conn.onClose(() => {
            closed = true;
            resume('done');
          }),
        ];
        conn.write(
          encodeUtf8(
            formatHttpRequest({
              method: 'GET',
              path: u.path,
              version: 'HTTP/1.1',
              headers: [
                ['Host', u.port === 80 ? u.host : `${u.host}:${u.port}`],
                ['User-Agent', userAgent],
                ['Accept', '*/*'],
                ['Connection', 'close'],
              ],
              body: '',
            }),
          ),
        );
        return { dispose: () => subs.forEach((s) => s.dispose()) };
      },
    },
    timeoutMs,
  );
  if (!closed) conn.end();
  const response = parseHttpResponse(received);
  if (result === 'timedOut' || response === undefined) return { kind: 'timeout', ip, port: u.port };
  return { kind: 'response', response, ip, port: u.port };
}
