/**
 * The structural-schema checks of apiextensions-apiserver (1.32) that learners hit most: every specified
 * field has a type, the root is an object, arrays have items. The full structural/pruning/CEL validation is
 * not modelled.
 */
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1';
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';

const TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/** kubernetes-types omits the vendor extensions; they are plain JSON keys on the wire. */
type Schema = JSONSchemaProps & {
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
};

type Level = 'root' | 'item' | 'field';

function walk(s: Schema, path: FieldPath, level: Level): FieldError[] {
  const errs: FieldError[] = [];
  const type = s.type ?? '';
  const intOrString = s['x-kubernetes-int-or-string'] === true;
  const embedded = s['x-kubernetes-embedded-resource'] === true;
  if (type !== '' && !TYPES.includes(type)) errs.push(fieldError.notSupported(path.child('type'), type, TYPES));
  if (type === '' && !embedded && !intOrString) {
    if (level === 'root') errs.push(fieldError.required(path.child('type'), 'must not be empty at the root'));
    else if (level === 'item') errs.push(fieldError.required(path.child('type'), 'must not be empty for specified array items'));
    else if (s['x-kubernetes-preserve-unknown-fields'] !== true) {
      errs.push(fieldError.required(path.child('type'), 'must not be empty for specified object fields'));
    }
  }
  if (level === 'root' && type !== '' && type !== 'object') errs.push(fieldError.invalid(path.child('type'), type, 'must be object at the root'));
  if (type === 'array' && s.items === undefined) errs.push(fieldError.required(path.child('items'), 'must be specified'));
  for (const [name, prop] of Object.entries(s.properties ?? {})) errs.push(...walk(prop, path.child('properties').key(name), 'field'));
  if (s.items !== undefined && !Array.isArray(s.items)) errs.push(...walk(s.items as JSONSchemaProps, path.child('items'), 'item'));
  const additional = s.additionalProperties;
  if (additional !== undefined && typeof additional === 'object') errs.push(...walk(additional as JSONSchemaProps, path.child('additionalProperties'), 'field'));
  return errs;
}

export function validateStructuralSchema(schema: JSONSchemaProps, path: FieldPath): FieldError[] {
  return walk(schema, path, 'root');
}
