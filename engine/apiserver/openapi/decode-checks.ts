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
  walkUnknown(root, obj, '', defs, out);
  return out;
}

/** `path` joined with an object key the way strict decoding spells it (no leading dot at the root). */
function joinKey(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function walkUnknown(schemaIn: Schema, value: unknown, path: string, defs: Definitions, out: string[]): void {
  const schema = resolveSchema(schemaIn, defs);
  if (schema['x-kubernetes-preserve-unknown-fields'] || value === null) return;
  if (Array.isArray(value)) {
    const items = schema.items;
    if (items) for (let i = 0; i < value.length; i++) walkUnknown(items, value[i], `${path}[${i}]`, defs, out);
    return;
  }
  if (!isObject(value)) return;
  const additional = schema.additionalProperties;
  if (schema.properties) {
    const properties = schema.properties;
    for (const key of Object.keys(value)) {
      const prop = properties[key];
      if (prop) walkUnknown(prop, value[key], joinKey(path, key), defs, out);
      else if (isObject(additional)) walkUnknown(additional, value[key], joinKey(path, key), defs, out);
      else if (additional !== true) out.push(joinKey(path, key));
    }
  } else if (isObject(additional)) {
    for (const key of Object.keys(value)) walkUnknown(additional, value[key], joinKey(path, key), defs, out);
  } else if (!isFreeForm(schema) && additional !== true) {
    for (const key of Object.keys(value)) out.push(joinKey(path, key));
  }
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
  return checkValue({ $ref: `#/definitions/${definitionName}` }, obj, rootStruct, [], defs);
}

/**
 * The first mismatch of `value` against `schemaIn`. `fields` are the JSON names from the root (no indexes); the
 * walk pushes and pops on that one array, so it holds the current path only while a child is being checked.
 */
function checkValue(schemaIn: Schema, value: unknown, struct: string, fields: string[], defs: Definitions): string | undefined {
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
  switch (schema.type) {
    case 'string': return kind === 'string' ? undefined : typeMismatch(kind, schemaIn, struct, fields, defs);
    case 'boolean': return kind === 'bool' ? undefined : typeMismatch(kind, schemaIn, struct, fields, defs);
    case 'number': return kind === 'number' ? undefined : typeMismatch(kind, schemaIn, struct, fields, defs);
    case 'integer': {
      if (kind !== 'number') return typeMismatch(kind, schemaIn, struct, fields, defs);
      const n = value as number;
      const [min, max] = schema.format === 'int64' ? [-(2 ** 63), 2 ** 63 - 1] : [-(2 ** 31), 2 ** 31 - 1];
      return Number.isInteger(n) && n >= min && n <= max ? undefined : typeMismatch(`number ${String(n)}`, schemaIn, struct, fields, defs);
    }
    case 'array': {
      if (kind !== 'array') return typeMismatch(kind, schemaIn, struct, fields, defs);
      if (!schema.items) return undefined;
      for (const item of value as unknown[]) {
        const err = checkValue(schema.items, item, struct, fields, defs);
        if (err) return err;
      }
      return undefined;
    }
    case 'object': {
      if (kind !== 'object') return isFreeForm(schema) && !ref ? undefined : typeMismatch(kind, schemaIn, struct, fields, defs);
      const childStruct = refTarget ? refTarget.slice(refTarget.lastIndexOf('.') + 1) : struct;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const prop = schema.properties?.[key];
        let err: string | undefined;
        if (prop) {
          fields.push(key);
          err = checkValue(prop, record[key], childStruct, fields, defs);
          fields.pop();
        } else if (isObject(schema.additionalProperties)) err = checkValue(schema.additionalProperties, record[key], struct, fields, defs);
        if (err) return err;
      }
      return undefined;
    }
  }
  return undefined;
}

/** Go's UnmarshalTypeError text for a value shown as `shown` where `schema`'s type was expected. */
function typeMismatch(shown: string, schema: Schema, struct: string, fields: readonly string[], defs: Definitions): string {
  return fields.length === 0
    ? `json: cannot unmarshal ${shown} into Go value of type ${goType(schema, defs)}`
    : `json: cannot unmarshal ${shown} into Go struct field ${struct}.${fields.join('.')} of type ${goType(schema, defs)}`;
}
