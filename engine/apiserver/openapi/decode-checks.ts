/**
 * Schema-driven checks the API server runs while decoding a create/update/patch body, reproducing what the Go
 * decoder (sigs.k8s.io/json, a fork of encoding/json) reports for built-in and custom resources:
 * - unknown fields, with paths like `spec.template.spec.containers[0].imagePullPolic` (strict decoding: object
 *   keys joined by `.`, array indexes as `[i]`, map keys as `.key`);
 * - the first JSON type mismatch, rendered as Go's UnmarshalTypeError: `json: cannot unmarshal string into Go
 *   struct field PodSpec.spec.containers of type []v1.Container` (Struct = innermost Go struct, Field = JSON
 *   names from the root without indexes, Type = Go type).
 * Free-form schemas (no properties and no additionalProperties, e.g. RawExtension, FieldsV1, apiextensions JSON)
 * and `x-kubernetes-preserve-unknown-fields` accept anything.
 */
import { builtinDefinitions, refName, resolveSchema, type Definitions } from './definitions';
import type { Schema } from './schema';

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const TIMES = new Set(['io.k8s.apimachinery.pkg.apis.meta.v1.Time', 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime']);
const QUANTITY_FORMAT = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFreeForm(schema: Schema): boolean {
  return !schema.properties && schema.additionalProperties === undefined && !schema.items;
}

/** Paths of fields in `obj` that the definition does not declare, in document order. */
export function findUnknownFields(definitionName: string, obj: unknown, defs: Definitions = builtinDefinitions): string[] {
  const root = defs[definitionName];
  if (!root) return [];
  const out: string[] = [];
  const walk = (schemaIn: Schema, value: unknown, path: string): void => {
    const schema = resolveSchema(schemaIn, defs);
    if (schema['x-kubernetes-preserve-unknown-fields'] || value === null) return;
    if (Array.isArray(value)) {
      if (schema.items) value.forEach((item, i) => walk(schema.items!, item, `${path}[${i}]`));
      return;
    }
    if (!isObject(value)) return;
    const join = (key: string): string => (path === '' ? key : `${path}.${key}`);
    if (schema.properties) {
      for (const [key, child] of Object.entries(value)) {
        const prop = schema.properties[key];
        if (prop) walk(prop, child, join(key));
        else if (isObject(schema.additionalProperties)) walk(schema.additionalProperties, child, join(key));
        else if (schema.additionalProperties !== true) out.push(join(key));
      }
    } else if (isObject(schema.additionalProperties)) {
      for (const [key, child] of Object.entries(value)) walk(schema.additionalProperties, child, join(key));
    } else if (!isFreeForm(schema) && schema.additionalProperties !== true) {
      for (const key of Object.keys(value)) out.push(join(key));
    }
  };
  walk(root, obj, '');
  return out;
}

/** `unknown field "spec.foo"` — one warning per field under fieldValidation=Warn. */
export function unknownFieldWarning(path: string): string {
  return `unknown field "${path}"`;
}

/** `strict decoding error: unknown field "spec.foo", unknown field "spec.bar"` (fieldValidation=Strict). */
export function strictDecodingError(unknownFieldPaths: readonly string[]): string {
  return `strict decoding error: ${unknownFieldPaths.map(unknownFieldWarning).join(', ')}`;
}

/**
 * The 400 BadRequest message of a body that failed to decode (k8s.io/apiserver transformDecodeError): with the
 * body's kind known, `Deployment in version "v1" cannot be handled as a Deployment: <cause>`.
 */
export function decodeErrorMessage(bodyKind: string, bodyVersion: string, targetKind: string, cause: string): string {
  return `${bodyKind} in version "${bodyVersion}" cannot be handled as a ${targetKind}: ${cause}`;
}

/** Go spelling of a schema's type: `string`, `int32`, `[]v1.Container`, `map[string]string`, `resource.Quantity`. */
function goType(schema: Schema, defs: Definitions): string {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const parts = name.split('.');
    return `${parts[parts.length - 2] ?? ''}.${parts[parts.length - 1] ?? name}`;
  }
  if (schema.allOf?.length === 1) return goType(schema.allOf[0]!, defs);
  switch (schema.type) {
    case 'string': return schema.format === 'byte' ? '[]uint8' : 'string';
    case 'boolean': return 'bool';
    case 'integer': return schema.format === 'int64' ? 'int64' : 'int32';
    case 'number': return 'float64';
    case 'array': return `[]${schema.items ? goType(schema.items, defs) : 'interface {}'}`;
    case 'object':
      return isObject(schema.additionalProperties) ? `map[string]${goType(schema.additionalProperties, defs)}` : 'map[string]interface {}';
  }
  return 'interface {}';
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': return 'string';
    case 'number': return 'number';
    case 'boolean': return 'bool';
    default: return 'object';
  }
}

/**
 * The first type mismatch in document order, as the Go decoder words it, or undefined when the body fits.
 * Custom unmarshallers keep their own messages: Quantity, IntOrString (`... into Go value of type int32`)
 * and Time (`... into Go value of type string`).
 */
export function checkTypes(definitionName: string, obj: unknown, defs: Definitions = builtinDefinitions): string | undefined {
  const root = defs[definitionName];
  if (!root) return undefined;
  const rootStruct = definitionName.slice(definitionName.lastIndexOf('.') + 1);
  const check = (schemaIn: Schema, value: unknown, struct: string, fields: readonly string[]): string | undefined => {
    if (value === null) return undefined;
    const ref = schemaIn.$ref ?? schemaIn.allOf?.[0]?.$ref;
    const refTarget = ref ? refName(ref) : undefined;
    const kind = jsonKind(value);
    if (refTarget === QUANTITY) {
      if (kind === 'string' || kind === 'number') {
        const text = String(value).trim();
        return QUANTITY_FORMAT.test(text) ? undefined : `quantities must match the regular expression '${QUANTITY_FORMAT.source}'`;
      }
      return `quantities must match the regular expression '${QUANTITY_FORMAT.source}'`;
    }
    if (refTarget === INT_OR_STRING) return kind === 'string' || kind === 'number' ? undefined : `json: cannot unmarshal ${kind} into Go value of type int32`;
    if (refTarget && TIMES.has(refTarget)) return kind === 'string' ? undefined : `json: cannot unmarshal ${kind} into Go value of type string`;
    const schema = resolveSchema(schemaIn, defs);
    if (schema['x-kubernetes-preserve-unknown-fields'] && !schema.type) return undefined;
    const mismatch = (shown: string): string => (fields.length === 0
      ? `json: cannot unmarshal ${shown} into Go value of type ${goType(schemaIn, defs)}`
      : `json: cannot unmarshal ${shown} into Go struct field ${struct}.${fields.join('.')} of type ${goType(schemaIn, defs)}`);
    switch (schema.type) {
      case 'string': return kind === 'string' ? undefined : mismatch(kind);
      case 'boolean': return kind === 'bool' ? undefined : mismatch(kind);
      case 'number': return kind === 'number' ? undefined : mismatch(kind);
      case 'integer': {
        if (kind !== 'number') return mismatch(kind);
        const n = value as number;
        const [min, max] = schema.format === 'int64' ? [-(2 ** 63), 2 ** 63 - 1] : [-(2 ** 31), 2 ** 31 - 1];
        return Number.isInteger(n) && n >= min && n <= max ? undefined : mismatch(`number ${String(n)}`);
      }
      case 'array': {
        if (kind !== 'array') return mismatch(kind);
        for (const item of value as unknown[]) {
          const err = schema.items ? check(schema.items, item, struct, fields) : undefined;
          if (err) return err;
        }
        return undefined;
      }
      case 'object': {
        if (kind !== 'object') return isFreeForm(schema) && !ref ? undefined : mismatch(kind);
        const childStruct = refTarget ? refTarget.slice(refTarget.lastIndexOf('.') + 1) : struct;
        for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
          const prop = schema.properties?.[key];
          let err: string | undefined;
          if (prop) err = check(prop, child, childStruct, [...fields, key]);
          else if (isObject(schema.additionalProperties)) err = check(schema.additionalProperties, child, struct, fields);
          if (err) return err;
        }
        return undefined;
      }
    }
    return undefined;
  };
  return check({ $ref: `#/definitions/${definitionName}` }, obj, rootStruct, []);
}
