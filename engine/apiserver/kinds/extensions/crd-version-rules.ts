/**
 * Per-version CRD checks beyond the schema (apiextensions validation, 1.32): the scale subresource's JSON
 * paths and additionalPrinterColumns. Field names such as `scale.specReplicasPath` and `JSONPath` are
 * upstream's own path segments.
 */
import type { CustomResourceColumnDefinition, CustomResourceSubresources } from 'kubernetes-types/apiextensions/v1';
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';

const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

/** validateSimpleJSONPath. */
function validateSimpleJSONPath(s: string, path: FieldPath): FieldError[] {
  if (s === '') return [fieldError.invalid(path, s, 'must not be empty')];
  if (!s.startsWith('.')) return [fieldError.invalid(path, s, 'must be a simple json path starting with .')];
  return [];
}

function validateScalePath(value: string | undefined, path: FieldPath, prefixes: string[], detail: string): FieldError[] {
  if (!value) return [fieldError.required(path)];
  const errs = validateSimpleJSONPath(value, path);
  if (errs.length > 0) return errs;
  return prefixes.some((p) => value.startsWith(p)) ? [] : [fieldError.invalid(path, value, detail)];
}

export function validateSubresources(sub: CustomResourceSubresources | undefined, path: FieldPath): FieldError[] {
  const scale = sub?.scale;
  if (scale === undefined) return [];
  const errs = [
    ...validateScalePath(scale.specReplicasPath, path.child('scale.specReplicasPath'), ['.spec.'], 'should be a json path under .spec'),
    ...validateScalePath(scale.statusReplicasPath, path.child('scale.statusReplicasPath'), ['.status.'], 'should be a json path under .status'),
  ];
  if (scale.labelSelectorPath) {
    errs.push(
      ...validateScalePath(scale.labelSelectorPath, path.child('scale.labelSelectorPath'), ['.spec.', '.status.'], 'should be a json path under either .spec or .status'),
    );
  }
  return errs;
}

export function validateColumn(col: CustomResourceColumnDefinition, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (!col.name) errs.push(fieldError.required(path.child('name')));
  if (!col.type) errs.push(fieldError.required(path.child('type'), `must be one of ${COLUMN_TYPES.join(',')}`));
  else if (!COLUMN_TYPES.includes(col.type)) errs.push(fieldError.notSupported(path.child('type'), col.type, COLUMN_TYPES));
  if (col.format && !COLUMN_FORMATS.includes(col.format)) errs.push(fieldError.notSupported(path.child('format'), col.format, COLUMN_FORMATS));
  if (!col.jsonPath) errs.push(fieldError.required(path.child('JSONPath')));
  else errs.push(...validateSimpleJSONPath(col.jsonPath, path.child('JSONPath')));
  return errs;
}
