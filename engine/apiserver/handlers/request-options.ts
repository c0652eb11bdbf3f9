/**
 * Query parameters and DeleteOptions bodies, decoded and validated as upstream does
 * (k8s.io/apimachinery/pkg/apis/meta/v1/validation ValidateCreateOptions / ValidateUpdateOptions /
 * ValidatePatchOptions / ValidateDeleteOptions, k8s.io/apiserver internalversion/validation ValidateListOptions):
 * every option error of a request is collected and answered as one 422 `<Kind>Options.meta.k8s.io "" is invalid`.
 * Integer parameters that do not parse are a 400 with strconv's text, as ParameterCodec.DecodeParameters reports.
 */
import { fieldError, GoValue, type FieldError } from '../errors/field-errors';
import { apiErrors } from '../errors/status-error';
import type { ApiRequest } from '../handler-types';
import type { DeleteOptions, FieldValidation, WriteOptions } from '../registry/object-registry';
import { defaultManagerFromUserAgent } from '../patch';
import { mediaType, parseJsonGoStyle } from '../request/content-negotiation';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE } from '../protobuf';
import { byteLength } from '../validation';

export function queryValue(req: ApiRequest, key: string): string | undefined {
  return req.query[key]?.[0];
}

const META_GROUP = 'meta.k8s.io';
const APPLY_PATCH = 'application/apply-patch+yaml';
/** validation.FieldManagerMaxLength. */
const FIELD_MANAGER_MAX_LENGTH = 128;
/** sets.NewString("", Ignore, Warn, Strict).List(): sorted. */
const FIELD_VALIDATION_VALUES = ['', 'Ignore', 'Strict', 'Warn'];

function optionsInvalid(kind: string, errs: FieldError[]): void {
  if (errs.length > 0) throw apiErrors.invalid({ group: META_GROUP, kind }, '', errs);
}

/** strconv.ParseInt(s, 10, 64) as the parameter codec calls it; its error text becomes a 400. */
export function queryInt(req: ApiRequest, key: string): number | undefined {
  const text = queryValue(req, key);
  if (text === undefined) return undefined;
  if (!/^[+-]?\d+$/.test(text)) throw apiErrors.badRequest(`strconv.ParseInt: parsing ${goQuoteStrconv(text)}: invalid syntax`);
  const n = BigInt(text);
  if (n > 9223372036854775807n || n < -9223372036854775808n) throw apiErrors.badRequest(`strconv.ParseInt: parsing ${goQuoteStrconv(text)}: value out of range`);
  return Number(n);
}

/** Go's strconv.Quote, including the short escapes (\a \b \f \v) Go uses for control characters. */
function goQuoteStrconv(s: string): string {
  const SHORT: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (SHORT[ch] !== undefined) out += SHORT[ch];
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (!isGoPrintable(ch)) out += c > 0xffff ? `\\U${c.toString(16).padStart(8, '0')}` : `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return out + '"';
}

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isGoPrintable(ch: string): boolean {
  return ch === ' ' || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch);
}

/** ValidateFieldManager: at most 128 bytes, printable characters only (positions are byte offsets). */
function validateFieldManager(manager: string): FieldError[] {
  const errs: FieldError[] = [];
  if (byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) errs.push(fieldError.tooLong('fieldManager', manager, FIELD_MANAGER_MAX_LENGTH));
  let offset = 0;
  for (const ch of manager) {
    if (!isGoPrintable(ch)) {
      const hex = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      errs.push(fieldError.invalid('fieldManager', new GoValue(goQuoteStrconv(manager)), `invalid character U+${hex} (at position ${offset})`));
    }
    offset += byteLength(ch);
  }
  return errs;
}

/** ValidateDryRun: every value must be "All"; the bad value prints as Go's []string. */
function validateDryRun(values: readonly string[]): FieldError[] {
  if (values.every((v) => v === 'All')) return [];
  return [fieldError.notSupported('dryRun', new GoValue(`[]string{${values.map(goQuoteStrconv).join(', ')}}`), ['All'])];
}

function validateFieldValidation(value: string): FieldError[] {
  return FIELD_VALIDATION_VALUES.includes(value) ? [] : [fieldError.notSupported('fieldValidation', value, FIELD_VALIDATION_VALUES)];
}

/** The options kind of a write: POST → CreateOptions, PUT → UpdateOptions, PATCH → PatchOptions. */
function writeOptionsKind(req: ApiRequest): 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' {
  if (req.method === 'PATCH') return 'PatchOptions';
  if (req.method === 'PUT') return 'UpdateOptions';
  return 'CreateOptions';
}

/**
 * Create/update/patch options, validated before the body is read. For PATCH, the patch type decides the
 * apply-only rules (`force` only on apply; `fieldManager` required on apply).
 */
export function writeOptions(req: ApiRequest, subresource: string, defaultManagerOverride?: string): WriteOptions {
  const kind = writeOptionsKind(req);
  const manager = queryValue(req, 'fieldManager') ?? '';
  const dryRun = req.query['dryRun'] ?? [];
  const validation = queryValue(req, 'fieldValidation') ?? '';
  const errs: FieldError[] = [];
  if (kind === 'PatchOptions') {
    if (mediaType(req.headers['content-type']) !== APPLY_PATCH) {
      if (queryValue(req, 'force') !== undefined) errs.push(fieldError.forbidden('force', 'may not be specified for non-apply patch'));
    } else if (manager === '') {
      errs.push(fieldError.required('fieldManager', 'is required for apply patch'));
    }
  }
  errs.push(...validateFieldManager(manager), ...validateDryRun(dryRun), ...validateFieldValidation(validation));
  optionsInvalid(kind, errs);
  return {
    dryRun: dryRun.length > 0,
    fieldManager: manager !== '' ? manager : (defaultManagerOverride ?? defaultManagerFromUserAgent(req.headers['user-agent'] ?? '')),
    fieldValidation: validation === '' ? 'Warn' : (validation as FieldValidation),
    user: req.user,
    subresource,
  };
}

/**
 * ValidateListOptions for a list or a watch. `watch` is true for watch requests (watch=true or the watch verb).
 * WatchList is enabled in 1.32, so sendInitialEvents is allowed on watches.
 */
export function validateListOptions(req: ApiRequest, watch: boolean): void {
  queryInt(req, 'limit');
  queryInt(req, 'timeoutSeconds');
  const rv = queryValue(req, 'resourceVersion') ?? '';
  const match = queryValue(req, 'resourceVersionMatch') ?? '';
  const cont = queryValue(req, 'continue') ?? '';
  const sendInitial = queryValue(req, 'sendInitialEvents');
  const errs: FieldError[] = [];
  if (watch) {
    if (sendInitial !== undefined && match !== 'NotOlderThan') {
      errs.push(fieldError.forbidden('resourceVersionMatch', 'sendInitialEvents requires setting resourceVersionMatch to NotOlderThan'));
    }
    if (match !== '') {
      if (sendInitial === undefined) errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided'));
      if (match !== 'NotOlderThan') errs.push(fieldError.notSupported('resourceVersionMatch', match, ['NotOlderThan']));
      if (cont !== '') errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
    }
  } else {
    if (match !== '') {
      if (rv === '') errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden unless resourceVersion is provided'));
      if (cont !== '') errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch is forbidden when continue is provided'));
      if (match !== 'Exact' && match !== 'NotOlderThan') errs.push(fieldError.notSupported('resourceVersionMatch', match, ['Exact', 'NotOlderThan', '']));
      if (match === 'Exact' && rv === '0') errs.push(fieldError.forbidden('resourceVersionMatch', 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"'));
    }
    if (sendInitial !== undefined) errs.push(fieldError.forbidden('sendInitialEvents', 'sendInitialEvents is forbidden for list'));
  }
  optionsInvalid('ListOptions', errs);
}

const PROPAGATION_POLICIES = ['Foreground', 'Background', 'Orphan'];

/**
 * DELETE options come from the body (DeleteOptions) and/or query parameters, as kubectl sends them; then
 * ValidateDeleteOptions collects every error.
 */
export function deleteOptions(req: ApiRequest): DeleteOptions {
  let body: Record<string, unknown> = {};
  const type = mediaType(req.headers['content-type']);
  if (type === PROTOBUF_MEDIA_TYPE && req.bodyBytes && req.bodyBytes.length > 0) {
    body = decodeProtobufObject(req.bodyBytes, { apiVersion: 'meta.k8s.io/v1', kind: 'DeleteOptions' });
  } else if (req.body && req.body.trim() !== '' && type !== 'application/x-www-form-urlencoded') {
    body = parseJsonGoStyle(req.body, "couldn't get version/kind; json parse error: ") as Record<string, unknown>;
  }
  const bodyDryRun = Array.isArray(body['dryRun']) ? (body['dryRun'] as unknown[]).map(String) : [];
  const dryRunValues = [...(req.query['dryRun'] ?? []), ...bodyDryRun];
  const graceQ = queryInt(req, 'gracePeriodSeconds');
  let grace = graceQ ?? (body['gracePeriodSeconds'] as number | undefined);
  if (grace !== undefined && grace < 0) grace = 1; // upstream: negative means "now", stored as 1 second
  const policy = (queryValue(req, 'propagationPolicy') ?? body['propagationPolicy']) as string | undefined;
  const orphanQ = queryValue(req, 'orphanDependents');
  const orphan = orphanQ !== undefined ? orphanQ === 'true' : (body['orphanDependents'] as boolean | undefined);
  const errs: FieldError[] = [];
  if (policy !== undefined && orphan !== undefined) {
    errs.push(fieldError.invalid('propagationPolicy', policy, 'orphanDependents and deletionPropagation cannot be both set'));
  }
  if (policy !== undefined && !PROPAGATION_POLICIES.includes(policy)) {
    errs.push(fieldError.notSupported('propagationPolicy', policy, [...PROPAGATION_POLICIES, 'nil']));
  }
  errs.push(...validateDryRun(dryRunValues));
  optionsInvalid('DeleteOptions', errs);
  const pre = body['preconditions'] as { uid?: string; resourceVersion?: string } | undefined;
  return {
    dryRun: dryRunValues.length > 0,
    gracePeriodSeconds: grace,
    propagationPolicy: (policy as DeleteOptions['propagationPolicy']) ?? (orphan === true ? 'Orphan' : orphan === false ? 'Background' : undefined),
    preconditions: pre,
    user: req.user,
  };
}
