/**
 * The endpoint's admission of a raw request, before anything Kubernetes runs: the Host header must name
 * this loopback listener (defeats DNS rebinding), no `Origin` may be present (a web page is never a
 * Kubernetes client, and we never answer CORS), and the bearer token must match in constant time.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { apiErrors } from '../../apiserver/errors';
import { statusReply, type StatusReply } from './status-reply';

/** The exact body kube-apiserver sends for a failed authentication. */
const UNAUTHORIZED = statusReply(apiErrors.unauthorized().status);
const FOREIGN_HOST = statusReply(apiErrors.forbidden(undefined, '', 'the Host header does not name this loopback endpoint').status);
const WEB_ORIGIN = statusReply(apiErrors.forbidden(undefined, '', 'requests from web pages (with an Origin header) are not accepted').status);

export interface RequestGuard {
  /** Undefined when the request may proceed; otherwise the reply to send. */
  check(headers: IncomingHttpHeaders): StatusReply | undefined;
}

export function createRequestGuard(port: number, token: string): RequestGuard {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const expected = Buffer.from(token, 'utf8');
  // Reused for every comparison: the presented token is copied in, never allocated per request.
  const presented = Buffer.alloc(expected.length);
  const prefix = 'bearer ';

  function tokenMatches(authorization: string | undefined): boolean {
    if (authorization === undefined || authorization.length <= prefix.length) return false;
    if (authorization.slice(0, prefix.length).toLowerCase() !== prefix) return false;
    const value = authorization.slice(prefix.length).trim();
    // A different byte length can never match; comparing `expected` with itself keeps the work (and time)
    // the same as a real comparison, so only the length — public in the kubeconfig format anyway — shows.
    if (Buffer.byteLength(value, 'utf8') !== expected.length) {
      timingSafeEqual(expected, expected);
      return false;
    }
    presented.write(value, 0, 'utf8');
    return timingSafeEqual(presented, expected);
  }

  return {
    check(headers) {
      const host = headers.host;
      if (host === undefined || !(allowedHosts.has(host) || allowedHosts.has(host.toLowerCase()))) return FOREIGN_HOST;
      if (headers.origin !== undefined) return WEB_ORIGIN;
      if (!tokenMatches(headers.authorization)) return UNAUTHORIZED;
      return undefined;
    },
  };
}
