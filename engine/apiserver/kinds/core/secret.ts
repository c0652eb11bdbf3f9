/**
 * Secret: SetDefaults_Secret, the v1→internal conversion of stringData, ValidateSecret and
 * ValidateSecretUpdate (1.32). No status, no generation.
 */
import type { Secret } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { validateImmutableField } from '../../validation';
import { decodeBase64, encodeBase64, utf8Bytes, utf8Text } from '../../../base/base64';
import { MAX_SECRET_SIZE, base64Size, validateConfigKey, validateImmutablePayload } from './config-data';

type Sec = Secret & KubeObject;

const DATA = FieldPath.of('data');
/** The annotation a service-account-token Secret must name its ServiceAccount with. */
export const SERVICE_ACCOUNT_NAME_KEY = 'kubernetes.io/service-account.name';
const REDACTED = '<secret contents redacted>';

/**
 * The error Go's json.Unmarshal gives for a docker config payload that is not a JSON object, or undefined
 * when it decodes into map[string]interface{}. Syntax errors are rendered in Go's wording for the common
 * cases (empty input, a bad first character); deeper syntax errors fall back to the first-character form.
 */
function goJSONObjectError(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const trimmed = text.trimStart();
    if (trimmed === '') return 'unexpected end of JSON input';
    const first = trimmed[0] as string;
    const startsValue = /[{["\-0-9tfn]/.test(first);
    return startsValue ? 'unexpected end of JSON input' : `invalid character '${first}' looking for beginning of value`;
  }
  if (value === null || (typeof value === 'object' && !Array.isArray(value))) return undefined;
  const goType = Array.isArray(value) ? 'array' : typeof value === 'boolean' ? 'bool' : typeof value;
  return `json: cannot unmarshal ${goType} into Go value of type map[string]interface {}`;
}

function validateSecret(secret: Sec): FieldError[] {
  const errs: FieldError[] = [];
  const data = secret.data ?? {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    errs.push(...validateConfigKey(key, DATA.key(key)));
    total += base64Size(value);
  }
  if (total > MAX_SECRET_SIZE) errs.push(fieldError.tooLong(DATA, '', MAX_SECRET_SIZE));

  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(data, k);
  const dockerJSON = (key: string): void => {
    if (!has(key)) {
      errs.push(fieldError.required(DATA.key(key)));
      return;
    }
    const bytes = decodeBase64(data[key] ?? '') ?? new Uint8Array();
    const problem = goJSONObjectError(utf8Text(bytes));
    if (problem !== undefined) errs.push(fieldError.invalid(DATA.key(key), REDACTED, problem));
  };
  switch (secret.type ?? '') {
    case 'kubernetes.io/service-account-token':
      if (!secret.metadata?.annotations?.[SERVICE_ACCOUNT_NAME_KEY]) {
        errs.push(fieldError.required(FieldPath.of('metadata', 'annotations').key(SERVICE_ACCOUNT_NAME_KEY)));
      }
      break;
    case 'kubernetes.io/dockercfg':
      dockerJSON('.dockercfg');
      break;
    case 'kubernetes.io/dockerconfigjson':
      dockerJSON('.dockerconfigjson');
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(fieldError.required(DATA.key('username')), fieldError.required(DATA.key('password')));
      break;
    case 'kubernetes.io/ssh-auth':
      if (base64Size(data['ssh-privatekey'] ?? '') === 0) errs.push(fieldError.required(DATA.key('ssh-privatekey')));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(fieldError.required(DATA.key('tls.crt')));
      if (!has('tls.key')) errs.push(fieldError.required(DATA.key('tls.key')));
      break;
    default:
      break;
  }
  return errs;
}

export const secretStrategy: KindStrategy<Sec> = {
  defaults(secret) {
    if (!secret.type) secret.type = 'Opaque';
    // Convert_v1_Secret_To_core_Secret: stringData overwrites data and is never stored.
    const stringData = secret.stringData;
    if (stringData !== undefined) {
      if (Object.keys(stringData).length > 0) {
        const data = { ...secret.data };
        for (const [k, v] of Object.entries(stringData)) data[k] = encodeBase64(utf8Bytes(v));
        secret.data = data;
      }
      delete secret.stringData;
    }
  },
  validate: validateSecret,
  validateUpdate(secret, old) {
    return [
      ...validateImmutableField(secret.type ?? '', old.type ?? '', FieldPath.of('type')),
      ...validateImmutablePayload(secret, old, ['data'], (f) => FieldPath.of(f)),
      ...validateSecret(secret),
    ];
  },
};
