/** Building ApiResponses: JSON bodies, Status errors, warnings. */
import type { ApiBodyResponse } from '../handler-types';
import { StatusError } from '../errors/status-error';
import { encodeBody } from '../request/content-negotiation';

export function jsonResponse(status: number, value: unknown, encoding: 'json' | 'yaml' = 'json', warnings: readonly string[] = []): ApiBodyResponse {
  const { contentType, body } = encodeBody(value, encoding);
  const res: ApiBodyResponse = { kind: 'body', status, contentType, body };
  if (warnings.length > 0) res.headers = { warning: warnings.map(formatWarning).join(', ') };
  return res;
}

export function textResponse(status: number, text: string): ApiBodyResponse {
  return { kind: 'body', status, contentType: 'text/plain; charset=utf-8', body: text };
}

export function errorResponse(err: StatusError): ApiBodyResponse {
  return jsonResponse(err.status.code, err.status);
}

/** RFC 7234 warning as the API server sends it: `299 - "text"`. */
function formatWarning(text: string): string {
  return `299 - ${JSON.stringify(text)}`;
}
