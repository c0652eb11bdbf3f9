/**
 * The Status errors the API server's patch handler (k8s.io/apiserver/pkg/endpoints/handlers/patch.go) turns
 * patch failures into. Upstream builds two of them with NewGenericServerResponse, which drops the underlying
 * message; a few errors are returned raw and become a 500 with no reason through ErrorToAPIStatus.
 */
import { StatusError, apiErrors } from '../errors';

/**
 * A JSON patch operation that does not apply, or an SMP list-of-lists / retainKeys mismatch:
 * NewGenericServerResponse(422, "", GroupResource{}, "", err.Error(), 0, false). The detail is not kept.
 */
export function unprocessablePatch(): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server rejected our request due to an error in our request',
    reason: 'Invalid',
    details: {},
    code: 422,
  });
}

/** A plain Go error that reached the response writer: 500, empty reason, the error text as message. */
export function unclassifiedPatchError(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });
}

/** NewRequestEntityTooLargeError, used for JSON patches with too many operations. */
export function patchTooLarge(message: string): StatusError {
  return new StatusError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Request entity too large: ${message}`,
    reason: 'RequestEntityTooLarge',
    code: 413,
  });
}

export const badPatch = (message: string): StatusError => apiErrors.badRequest(message);
