/**
 * The Kubernetes REST endpoint real kubectl and client libraries talk to: HTTPS on 127.0.0.1 only,
 * HTTP/1.1 with keep-alive, guarded by Host/Origin checks and a bearer token, a 3 MiB body limit like
 * kube-apiserver's default MaxRequestBodyBytes, and a thin translation onto the platform-free ApiHandler.
 * Protocol upgrades (exec, attach, port-forward) take the same guard in upgrade-endpoint.ts.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiErrors, isStatusError, type Status } from '../../apiserver/errors';
import type { ApiHandler, ApiRequest, UserInfo } from '../../apiserver/handler-types';
import { createRequestGuard, type RequestGuard } from './request-guard';
import { hasNoBody, readBody } from './read-body';
import { parseRequestTarget } from './request-target';
import { statusReply, writeStatusReply } from './status-reply';
import { createUpgradeEndpoint } from './upgrade-endpoint';
import { startWatchResponse, writeBodyResponse } from './write-api-response';

export interface KubeEndpointOptions {
  handler: ApiHandler;
  /** Loopback only, by type: the endpoint never listens on another interface. */
  host: '127.0.0.1';
  /** 0 picks a free port. */
  port: number;
  tls: { key: string; cert: string };
  token: string;
  bodyLimitBytes?: number;
  /** Who a request carrying the token is; defaults to a cluster admin (group system:masters). */
  user?: UserInfo;
}

export interface KubeEndpoint {
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT_BYTES = 3 * 1024 * 1024;

const ADMIN: UserInfo = { name: 'cluster-lab-admin', groups: ['system:masters', 'system:authenticated'] };
/** apimachinery's generic 405 message, for HTTP methods no Kubernetes verb maps to. */
const METHOD_NOT_ALLOWED: Status = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'the server does not allow this method on the requested resource',
  reason: 'MethodNotAllowed',
  code: 405,
};
const METHODS = new Set<string>(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

export async function startKubeEndpoint(opts: KubeEndpointOptions): Promise<KubeEndpoint> {
  if (opts.host !== '127.0.0.1') throw new Error(`the Kubernetes endpoint listens on 127.0.0.1 only, not ${String(opts.host)}`);
  const handler = opts.handler;
  const limit = opts.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const user = opts.user ?? ADMIN;
  const tooLarge = statusReply(apiErrors.requestEntityTooLarge(limit).status);
  const badPath = statusReply(apiErrors.badRequest('the request path could not be decoded').status);
  const badMethod = statusReply(METHOD_NOT_ALLOWED);
  // The Host allow-list needs the bound port, known once listening — before the first request arrives.
  let guard: RequestGuard | undefined;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rejection = guard!.check(req.headers);
    if (rejection !== undefined) return writeStatusReply(res, rejection, !isBodyless(req));
    const method = req.method ?? '';
    if (!METHODS.has(method)) return writeStatusReply(res, badMethod, !isBodyless(req));
    const target = parseRequestTarget(req.url ?? '/');
    if (target === undefined) return writeStatusReply(res, badPath, !isBodyless(req));
    let body: string | undefined;
    let bodyBytes: Uint8Array | undefined;
    // Bodiless requests (most GETs) skip the read entirely, promise included.
    if (!hasNoBody(req)) {
      const read = await readBody(req, limit);
      if (!read.ok) return writeStatusReply(res, tooLarge, true);
      body = read.text;
      bodyBytes = read.bytes;
    }
    const apiReq: ApiRequest = {
      method: method as ApiRequest['method'],
      path: target.path,
      query: target.query,
      // node lower-cases incoming names and joins repeats with ", " (only Set-Cookie stays an array, and
      // no Kubernetes request carries it), so the headers pass through without a copy.
      headers: req.headers as ApiRequest['headers'],
      body,
      bodyBytes,
      user,
    };
    let response;
    try {
      response = await handler.handle(apiReq);
    } catch (err) {
      return writeStatusReply(res, statusReply(failureStatus(err)));
    }
    // An upgrade answer to a request without `Connection: Upgrade` carries upgradeaware's 400 as its body.
    if (response.kind === 'body' || response.kind === 'upgrade') return writeBodyResponse(res, response);
    try {
      startWatchResponse(res, response);
    } catch (err) {
      if (res.headersSent) res.destroy();
      else writeStatusReply(res, statusReply(failureStatus(err)));
    }
  }

  const server: Server = createServer({ key: opts.tls.key, cert: opts.tls.cert, keepAlive: true }, (req, res) => {
    serve(req, res).catch(() => res.destroy());
  });
  server.on('upgrade', createUpgradeEndpoint({ handler, guard: () => guard!, user }));
  // kube-apiserver's http.Server: IdleTimeout 90 s (http.DefaultTransport's keep-alive, so client-go never
  // races a socket we are closing — node's 5 s default would), ReadHeaderTimeout 32 s.
  server.keepAliveTimeout = 90_000;
  server.headersTimeout = 32_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: opts.port, exclusive: true }, () => {
      server.off('error', reject);
      guard = createRequestGuard((server.address() as AddressInfo).port, opts.token);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Watches and idle keep-alive connections would otherwise hold close() open indefinitely.
        server.closeAllConnections();
      }),
  };
}

/** A request whose body, if any, has been fully read — only then can the connection be kept alive. */
function isBodyless(req: IncomingMessage): boolean {
  return req.complete || (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined);
}

function failureStatus(err: unknown): Status {
  if (isStatusError(err)) return err.status;
  return apiErrors.internal(err instanceof Error ? err.message : String(err)).status;
}
