/**
 * CRD schema validation of custom resources, worded as apiextensions-apiserver reports it (kube-openapi
 * SchemaValidator errors through ConvertToFieldErrors): type errors are FieldValueTypeInvalid with the actual
 * JSON type as value and `<path> in body must be of type <type>: "<actual>"` as detail; required properties are
 * FieldValueRequired; enums are FieldValueNotSupported; apiVersion/kind/metadata are left to ObjectMeta validation.
 */
import { describe, expect, it } from 'vitest';
import { fieldErrorMessage } from '../../engine/apiserver/errors/field-errors';
import { validateCustomResource } from '../../engine/apiserver/openapi/custom-resource-validation';
import type { Schema } from '../../engine/apiserver/openapi/schema';

const schema: Schema = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer' },
        ratio: { type: 'number' },
        mode: { type: 'string', enum: ['fast', 'slow'] },
        port: { 'x-kubernetes-int-or-string': true },
        note: { type: 'string', nullable: true },
        tags: { type: 'array', items: { type: 'string' } },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
  },
};
const check = (obj: Record<string, unknown>): string[] => validateCustomResource(schema, obj).map(fieldErrorMessage);
const base = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } };

describe('validateCustomResource', () => {
  it('accepts a valid object, integers as numbers, int-or-string either way, and null where nullable', () => {
    expect(check({ ...base, spec: { size: 1, ratio: 2, mode: 'fast', port: 'http', note: null, tags: ['a'], labels: { a: 'b' } } })).toEqual([]);
    expect(check({ ...base, spec: { size: 1, port: 8080 } })).toEqual([]);
  });

  it('reports a wrong type with the actual type as value', () => {
    expect(check({ ...base, spec: { size: 'big' } })).toEqual(['spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"']);
    expect(check({ ...base, spec: { size: 1.5 } })).toEqual(['spec.size: Invalid value: "number": spec.size in body must be of type integer: "number"']);
    expect(check({ ...base, spec: 'x' })).toEqual(['spec: Invalid value: "string": spec in body must be of type object: "string"']);
  });

  it('walks array items as .N and additionalProperties by key', () => {
    expect(check({ ...base, spec: { size: 1, tags: ['a', 2], labels: { k: true } } })).toEqual([
      'spec.tags.1: Invalid value: "integer": spec.tags.1 in body must be of type string: "integer"',
      'spec.labels.k: Invalid value: "boolean": spec.labels.k in body must be of type string: "boolean"',
    ]);
  });

  it('reports missing required properties, but not the root metadata fields', () => {
    expect(check({ ...base })).toEqual(['spec: Required value']);
    expect(check({ ...base, spec: {} })).toEqual(['spec.size: Required value']);
  });

  it('reports a value outside the enum with the supported values', () => {
    expect(check({ ...base, spec: { size: 1, mode: 'warp' } })).toEqual(['spec.mode: Unsupported value: "warp": supported values: "fast", "slow"']);
  });
});
