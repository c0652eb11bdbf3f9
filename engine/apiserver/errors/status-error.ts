/**
 * API errors as k8s.io/apimachinery/pkg/api/errors builds them. Every failure the API server returns is a
 * `Status` of this shape; kubectl prints `Error from server (<Reason>): <message>` from it.
 */
import { aggregateMessage, fieldErrorBody, type FieldError } from './field-errors';

/** metav1.StatusCause: its Go field `Type` is serialized as `reason`. */
export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never> | { resourceVersion?: string };
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** Group + resource (plural), printed `deployments.apps` or `pods`. */
export interface GroupResource {
  group: string;
  resource: string;
}
/** Group + kind, printed `Deployment.apps` or `Pod`. */
export interface GroupKind {
  group: string;
  kind: string;
}

const grString = (gr: GroupResource): string => (gr.group === '' ? gr.resource : `${gr.resource}.${gr.group}`);
const gkString = (gk: GroupKind): string => (gk.group === '' ? gk.kind : `${gk.kind}.${gk.group}`);

export class StatusError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? status.reason ?? 'unknown error');
    this.name = 'StatusError';
  }
  get code(): number {
    return this.status.code;
  }
  get reason(): string | undefined {
    return this.status.reason;
  }
}

function make(code: number, reason: string, message: string, details?: StatusDetails): StatusError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details !== undefined) status.details = stripEmpty(details);
  return new StatusError(status);
}

/** Go's omitempty on StatusDetails. */
function stripEmpty(d: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

const q = JSON.stringify;

export const apiErrors = {
  notFound(gr: GroupResource, name: string): StatusError {
    return make(404, 'NotFound', `${grString(gr)} ${q(name)} not found`, { name, group: gr.group, kind: gr.resource });
  },
  alreadyExists(gr: GroupResource, name: string): StatusError {
    return make(409, 'AlreadyExists', `${grString(gr)} ${q(name)} already exists`, { name, group: gr.group, kind: gr.resource });
  },
  /** The optimistic-concurrency failure; `detail` defaults to upstream's OptimisticLockErrorMsg. */
  conflict(gr: GroupResource, name: string, detail = 'the object has been modified; please apply your changes to the latest version and try again'): StatusError {
    return make(409, 'Conflict', `Operation cannot be fulfilled on ${grString(gr)} ${q(name)}: ${detail}`, {
      name,
      group: gr.group,
      kind: gr.resource,
    });
  },
  /** 422 with one cause per field error. */
  invalid(gk: GroupKind, name: string, errors: readonly FieldError[]): StatusError {
    const causes = errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
    const message = errors.length === 0 ? `${gkString(gk)} ${q(name)} is invalid` : `${gkString(gk)} ${q(name)} is invalid: ${aggregateMessage(errors)}`;
    return make(422, 'Invalid', message, { name, group: gk.group, kind: gk.kind, causes });
  },
  forbidden(gr: GroupResource | undefined, name: string, reason: string, causes?: StatusCause[]): StatusError {
    let message: string;
    if (gr === undefined || (gr.group === '' && gr.resource === '')) message = `forbidden: ${reason}`;
    else if (name === '') message = `${grString(gr)} is forbidden: ${reason}`;
    else message = `${grString(gr)} ${q(name)} is forbidden: ${reason}`;
    const details: StatusDetails = { name, group: gr?.group, kind: gr?.resource };
    if (causes) details.causes = causes;
    return make(403, 'Forbidden', message, details);
  },
  badRequest(message: string, causes?: StatusCause[]): StatusError {
    return make(400, 'BadRequest', message, causes ? { causes } : undefined);
  },
  methodNotSupported(gr: GroupResource, action: string): StatusError {
    return make(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${q(grString(gr))}`, {
      group: gr.group,
      kind: gr.resource,
    });
  },
  /**
   * A path that is routed, but not for this HTTP method: go-restful's 405, which the API server's
   * ServiceErrorHandler turns into NewGenericServerResponse(405, "", …) — empty details.
   */
  methodNotAllowed(): StatusError {
    return make(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
  },
  /** A watch or list from a compacted revision. */
  resourceExpired(message: string): StatusError {
    return make(410, 'Expired', message);
  },
  gone(message: string): StatusError {
    return make(410, 'Gone', message);
  },
  unauthorized(message = 'Unauthorized'): StatusError {
    return make(401, 'Unauthorized', message);
  },
  requestEntityTooLarge(limitBytes: number): StatusError {
    return make(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limitBytes}`);
  },
  unsupportedMediaType(_contentType: string, supported: readonly string[]): StatusError {
    return make(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`);
  },
  notAcceptable(message: string): StatusError {
    return make(406, 'NotAcceptable', message);
  },
  tooManyRequests(message: string, retryAfterSeconds: number): StatusError {
    return make(429, 'TooManyRequests', message, { retryAfterSeconds });
  },
  internal(message: string): StatusError {
    return make(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
  },
  /** A path that matches nothing: the API server's plain 404 with no details. */
  pathNotFound(): StatusError {
    return make(404, 'NotFound', 'the server could not find the requested resource', {});
  },
  timeout(message: string, retryAfterSeconds: number): StatusError {
    return make(504, 'Timeout', message, { retryAfterSeconds });
  },
};

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}

/** A `Status` for a successful delete of a collection or an object that had no finalizers to run. */
export function successStatus(details?: StatusDetails): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  if (details) s.details = stripEmpty(details);
  return s;
}
