/**
 * Query parameters and DeleteOptions bodies, validated as upstream validates them
 * (dryRun only "All", fieldValidation Strict|Warn|Ignore, propagationPolicy Orphan|Background|Foreground).
 */
import { fieldError } from '../errors/field-errors';
import { apiErrors } from '../errors/status-error';
import type { ApiRequest } from '../handler-types';
import type { DeleteOptions, FieldValidation, WriteOptions } from '../registry/object-registry';
import { defaultManagerFromUserAgent } from '../patch';
import { mediaType, parseJsonGoStyle } from '../request/content-negotiation';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from '../protobuf';

export function queryValue(req: ApiRequest, key: string): string | undefined {
  return req.query[key]?.[0];
}

function parseDryRun(req: ApiRequest): boolean {
  const values = req.query['dryRun'] ?? [];
  for (const v of values) {
    if (v !== 'All') {
      throw apiErrors.badRequest(`Invalid dryRun value: ${v}`);
    }
  }
  return values.length > 0;
}

function parseFieldValidation(req: ApiRequest): FieldValidation {
  const v = queryValue(req, 'fieldValidation');
  if (v === undefined || v === '') return 'Warn';
  const normal = v === 'Strict' || v === 'Warn' || v === 'Ignore' ? v : undefined;
  if (!normal) throw apiErrors.badRequest(`fieldValidation parameter unsupported: ${v}`);
  return normal;
}

export function writeOptions(req: ApiRequest, subresource: string, defaultManagerOverride?: string): WriteOptions {
  const manager = queryValue(req, 'fieldManager');
  if (manager !== undefined && manager.length > 128) {
    throw apiErrors.invalid({ group: '', kind: 'PatchOptions' }, '', [fieldError.tooLong('fieldManager', manager, 128)]);
  }
  return {
    dryRun: parseDryRun(req),
    fieldManager: manager ?? defaultManagerOverride ?? defaultManagerFromUserAgent(req.headers['user-agent'] ?? ''),
    fieldValidation: parseFieldValidation(req),
    user: req.user,
    subresource,
  };
}

/** DELETE options come from the body (DeleteOptions) and/or query parameters, as kubectl sends them. */
export function deleteOptions(req: ApiRequest): DeleteOptions {
  let body: Record<string, unknown> = {};
  const type = mediaType(req.headers['content-type']);
  if (type === PROTOBUF_MEDIA_TYPE && req.bodyBytes && req.bodyBytes.length > 0) {
    body = decodeProtobufObject(req.bodyBytes, { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions' });
  } else if (req.body && req.body.trim() !== '' && type !== 'application/x-www-form-urlencoded') {
    body = parseJsonGoStyle(req.body, "couldn't get version/kind; json parse error: ") as Record<string, unknown>;
  }
  const dryRun = parseDryRun(req) || (Array.isArray(body['dryRun']) && (body['dryRun'] as unknown[]).includes('All'));
  const graceQ = queryValue(req, 'gracePeriodSeconds');
  let grace = graceQ !== undefined ? Number(graceQ) : (body['gracePeriodSeconds'] as number | undefined);
  if (grace !== undefined && !Number.isInteger(grace)) throw apiErrors.badRequest(`invalid gracePeriodSeconds: ${graceQ}`);
  if (grace !== undefined && grace < 0) grace = 1; // upstream: negative means "now", stored as 1 second
  const policy = (queryValue(req, 'propagationPolicy') ?? body['propagationPolicy']) as string | undefined;
  const orphanQ = queryValue(req, 'orphanDependents');
  const orphan = orphanQ !== undefined ? orphanQ === 'true' : (body['orphanDependents'] as boolean | undefined);
  if (policy !== undefined && orphan !== undefined) {
    throw apiErrors.invalid({ group: '', kind: 'DeleteOptions' }, '', [fieldError.invalid('propagationPolicy', policy, 'orphanDependents and deletionPropagation cannot be both set')]);
  }
  if (policy !== undefined && policy !== 'Orphan' && policy !== 'Background' && policy !== 'Foreground') {
    throw apiErrors.invalid({ group: '', kind: 'DeleteOptions' }, '', [fieldError.notSupported('propagationPolicy', policy, ['Foreground', 'Background', 'Orphan'])]);
  }
  const pre = body['preconditions'] as { uid?: string; resourceVersion?: string } | undefined;
  return {
    dryRun,
    gracePeriodSeconds: grace,
    propagationPolicy: (policy as DeleteOptions['propagationPolicy']) ?? (orphan === true ? 'Orphan' : orphan === false ? 'Background' : undefined),
    preconditions: pre,
    user: req.user,
  };
}
