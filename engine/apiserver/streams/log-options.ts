/**
 * PodLogOptions from a `pods/{name}/log` query, validated as ValidatePodLogOptions does
 * (pkg/apis/core/validation): a failure is a 422 Invalid of kind PodLogOptions.
 */
import { fieldError, type FieldError } from '../errors/field-errors';
import { apiErrors } from '../errors/status-error';
import { boolParam, intParam, stringParam, type Query } from './query-params';

export interface PodLogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  sinceSeconds?: number;
  /** Virtual ms (sinceTime has second precision on the wire: RFC 3339). */
  sinceTimeMs?: number;
  tailLines?: number;
  limitBytes?: number;
}

export function parsePodLogOptions(query: Query, podName: string): PodLogOptions {
  const sinceTime = stringParam(query, 'sinceTime');
  let sinceTimeMs: number | undefined;
  if (sinceTime !== '') {
    sinceTimeMs = Date.parse(sinceTime);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(sinceTime) || Number.isNaN(sinceTimeMs)) {
      throw apiErrors.badRequest(`parsing time ${JSON.stringify(sinceTime)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTime)} as "2006"`);
    }
  }
  const opts: PodLogOptions = {
    container: stringParam(query, 'container'),
    follow: boolParam(query, 'follow'),
    previous: boolParam(query, 'previous'),
    timestamps: boolParam(query, 'timestamps'),
    sinceSeconds: intParam(query, 'sinceSeconds'),
    sinceTimeMs,
    tailLines: intParam(query, 'tailLines'),
    limitBytes: intParam(query, 'limitBytes'),
  };
  const errors: FieldError[] = [];
  if (opts.tailLines !== undefined && opts.tailLines < 0) errors.push(fieldError.invalid('tailLines', opts.tailLines, 'must be greater than or equal to 0'));
  if (opts.limitBytes !== undefined && opts.limitBytes < 1) errors.push(fieldError.invalid('limitBytes', opts.limitBytes, 'must be greater than 0'));
  if (opts.sinceSeconds !== undefined && opts.sinceTimeMs !== undefined) errors.push(fieldError.forbidden('', 'at most one of `sinceTime` or `sinceSeconds` may be specified'));
  else if (opts.sinceSeconds !== undefined && opts.sinceSeconds < 1) errors.push(fieldError.invalid('sinceSeconds', opts.sinceSeconds, 'must be greater than 0'));
  if (errors.length > 0) throw apiErrors.invalid({ group: '', kind: 'PodLogOptions' }, podName, errors);
  return opts;
}
