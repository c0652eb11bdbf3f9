/**
 * Validation of a custom resource against its CRD version's openAPIV3Schema, as the apiextensions apiserver
 * reports it (apiservervalidation.ValidateCustomResource: kube-openapi's SchemaValidator, its errors converted
 * by ConvertToFieldErrors). Covered keywords: `type` (with `nullable` and `x-kubernetes-int-or-string`),
 * `required`, `enum`, `properties`, `additionalProperties`, `items`. Custom resources decode as unstructured
 * JSON, so a wrong type is not a decode error but a 422 cause:
 * `spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"`.
 * Paths are kube-openapi's: object keys joined with `.`, array items as `.N`. The root's apiVersion, kind and
 * metadata are validated elsewhere (ObjectMeta validation) and skipped here.
 */
import { fieldError, type FieldError } from '../errors/field-errors';
import type { Schema } from './schema';

const ROOT_SKIPPED = new Set(['apiVersion', 'kind', 'metadata']);

/** kube-openapi's name for the JSON type of a decoded value. */
function jsonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'object';
}

function typeMatches(schema: Schema, actual: string): boolean {
  if (schema['x-kubernetes-int-or-string']) return actual === 'integer' || actual === 'string';
  const expected = schema.type;
  if (expected === undefined || expected === '') return true;
  return expected === actual || (expected === 'number' && actual === 'integer');
}

/** Enum values as ConvertToFieldErrors lists them: strings as they are, anything else as JSON. */
function enumValues(values: readonly unknown[]): string[] {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const child = (path: string, name: string): string => (path === '' ? name : `${path}.${name}`);

function validateValue(schema: Schema, value: unknown, path: string, out: FieldError[]): void {
  const actual = jsonTypeName(value);
  if (actual === 'null') {
    if (schema.type && !schema.nullable && !schema['x-kubernetes-int-or-string']) {
      out.push(fieldError.typeInvalid(path, 'null', `${path} in body must be of type ${schema.type}: "null"`));
    }
    return;
  }
  if (!typeMatches(schema, actual)) {
    const expected = schema['x-kubernetes-int-or-string'] ? 'integer,string' : (schema.type ?? '');
    out.push(fieldError.typeInvalid(path, actual, `${path} in body must be of type ${expected}: ${JSON.stringify(actual)}`));
    return;
  }
  if (schema.enum && schema.enum.length > 0 && !schema.enum.some((e) => sameJson(e, value))) {
    out.push(fieldError.notSupported(path, value, enumValues(schema.enum)));
  }
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((item, i) => validateValue(schema.items as Schema, item, child(path, String(i)), out));
  }
  if (actual === 'object') validateObject(schema, value as Record<string, unknown>, path, out, false);
}

function validateObject(schema: Schema, obj: Record<string, unknown>, path: string, out: FieldError[], root: boolean): void {
  for (const name of schema.required ?? []) {
    if (root && ROOT_SKIPPED.has(name)) continue;
    if (!(name in obj)) out.push(fieldError.required(child(path, name), ''));
  }
  for (const [key, value] of Object.entries(obj)) {
    if (root && ROOT_SKIPPED.has(key)) continue;
    const prop = schema.properties?.[key];
    if (prop) validateValue(prop, value, child(path, key), out);
    else if (typeof schema.additionalProperties === 'object') validateValue(schema.additionalProperties, value, child(path, key), out);
  }
}

/** Every schema violation of `obj` (a whole custom resource) against its version's openAPIV3Schema. */
export function validateCustomResource(schema: Schema, obj: Record<string, unknown>): FieldError[] {
  const out: FieldError[] = [];
  validateObject(schema, obj, '', out, true);
  return out;
}
