/**
 * Rules ConfigMap and Secret share (pkg/apis/core/validation, 1.32): payload keys are config keys, the
 * payload is at most core.MaxSecretSize bytes, and `immutable: true` freezes the payload and itself.
 */
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import { byteLength, isConfigMapKey, semanticDeepEqual } from '../../validation';
import { decodeBase64 } from '../../../base/base64';

/** core.MaxSecretSize: 1 MiB. */
export const MAX_SECRET_SIZE = 1024 * 1024;
export const IMMUTABLE_MSG = 'field is immutable when `immutable` is set';

export function validateConfigKey(key: string, path: FieldPath): FieldError[] {
  return isConfigMapKey(key).map((m) => fieldError.invalid(path, key, m));
}

/** Size of a []byte field as JSON carries it (base64); undecodable text counts as its own length. */
export function base64Size(text: string): number {
  return decodeBase64(text)?.length ?? byteLength(text);
}

/** The two `immutable` checks of ValidateSecretUpdate / ValidateConfigMapUpdate. */
export function validateImmutablePayload(
  next: { immutable?: boolean } & Record<string, unknown>,
  prev: { immutable?: boolean } & Record<string, unknown>,
  payloadFields: readonly string[],
  root: (name: string) => FieldPath,
): FieldError[] {
  if (prev.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (next.immutable !== true) errs.push(fieldError.forbidden(root('immutable'), IMMUTABLE_MSG));
  for (const f of payloadFields) {
    if (!semanticDeepEqual(next[f], prev[f])) errs.push(fieldError.forbidden(root(f), IMMUTABLE_MSG));
  }
  return errs;
}
