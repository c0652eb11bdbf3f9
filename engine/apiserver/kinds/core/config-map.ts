/** ConfigMap: ValidateConfigMap / ValidateConfigMapUpdate (1.32). No status, no generation. */
import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { byteLength } from '../../validation';
import { MAX_SECRET_SIZE, base64Size, validateConfigKey, validateImmutablePayload } from './config-data';

type Cm = ConfigMap & KubeObject;

function validateConfigMap(cm: Cm): FieldError[] {
  const errs: FieldError[] = [];
  const data = cm.data ?? {};
  const binary = cm.binaryData ?? {};
  let total = 0;
  for (const [key, value] of Object.entries(data)) {
    const path = FieldPath.of('data').key(key);
    errs.push(...validateConfigKey(key, path));
    if (key in binary) errs.push(fieldError.invalid(path, key, 'duplicate of key present in binaryData'));
    total += byteLength(value);
  }
  for (const [key, value] of Object.entries(binary)) {
    const path = FieldPath.of('binaryData').key(key);
    // A key in both maps is reported once, under data (upstream checks the other bag only from data).
    errs.push(...validateConfigKey(key, path));
    total += base64Size(value);
  }
  // The whole object is at fault: upstream reports it at field.NewPath(""), which prints as "[]"
  // (a path element with neither name nor index renders as `[<index>]`).
  if (total > MAX_SECRET_SIZE) errs.push(fieldError.tooLong('[]', '', MAX_SECRET_SIZE));
  return errs;
}

export const configMapStrategy: KindStrategy<Cm> = {
  validate: validateConfigMap,
  validateUpdate(cm, old) {
    return [...validateImmutablePayload(cm, old, ['data', 'binaryData'], (f) => FieldPath.of(f)), ...validateConfigMap(cm)];
  },
};
