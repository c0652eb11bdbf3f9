/**
 * The host's typed failure: every rejected bridge request carries a `BridgeError` (code, message, and the
 * Kubernetes Status when the API server refused). `toBridgeError` turns whatever a handler threw into one, so the
 * transport never leaks a stack or a non-serialisable value to the renderer.
 */
import type { BridgeError, BridgeErrorCode, KubeStatus } from './contract';
import { StatusError } from '../../engine/apiserver/errors/status-error';

export class BridgeFailure extends Error implements BridgeError {
  constructor(
    readonly code: BridgeErrorCode,
    message: string,
    readonly status?: KubeStatus,
  ) {
    super(message);
    this.name = 'BridgeFailure';
  }
}

export const invalidInput = (message: string): BridgeFailure => new BridgeFailure('invalid-input', message);
export const notFound = (message: string): BridgeFailure => new BridgeFailure('not-found', message);

function kubeStatusOf(err: StatusError): KubeStatus {
  const s = err.status;
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: s.message ?? '', reason: s.reason ?? '', code: s.code, ...(s.details ? { details: s.details } : {}) };
}

/** The plain, JSON-safe error a transport sends back. */
export function toBridgeError(err: unknown): BridgeError {
  if (err instanceof BridgeFailure) return { code: err.code, message: err.message, ...(err.status ? { status: err.status } : {}) };
  if (err instanceof StatusError) {
    const status = kubeStatusOf(err);
    return { code: status.code === 404 ? 'not-found' : 'api-error', message: status.message, status };
  }
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** Whatever a handler threw, as the BridgeFailure the handler table rejects with. */
export function asBridgeFailure(err: unknown): BridgeFailure {
  if (err instanceof BridgeFailure) return err;
  const e = toBridgeError(err);
  return new BridgeFailure(e.code, e.message, e.status);
}
