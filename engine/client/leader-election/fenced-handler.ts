/**
 * The fence on a leader-elected component's writes: every mutating request it makes passes only while its elector
 * says it may act (see LeaderElector.mayAct). Reads pass always — a standby keeps no caches, but a deposed leader
 * still finishing a reconcile may read; it just cannot change anything.
 */
import type { ApiHandler, ApiRequest, ApiResponse } from '../../apiserver/handler-types';

const MUTATING = new Set<ApiRequest['method']>(['POST', 'PUT', 'PATCH', 'DELETE']);

export class FencedError extends Error {
  constructor(identity: string) {
    super(`leader election lost: ${identity} no longer holds its lease and may not write`);
    this.name = 'FencedError';
  }
}

export function fencedHandler(inner: ApiHandler, mayAct: () => boolean, identity: () => string): ApiHandler {
  return {
    handle(req: ApiRequest): Promise<ApiResponse> {
      if (MUTATING.has(req.method) && !mayAct()) return Promise.reject(new FencedError(identity()));
      return inner.handle(req);
    },
  };
}
