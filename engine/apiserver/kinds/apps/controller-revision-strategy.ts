/** ControllerRevision: ValidateControllerRevision(Update) and pkg/registry/apps/controllerrevision (1.32). */
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { FIELD_IMMUTABLE_ERROR_MSG, semanticDeepEqual, validateNonnegativeField } from '../../validation';

function validateControllerRevision(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (obj.data === undefined || obj.data === null) errs.push(fieldError.required(FieldPath.root('data'), 'data is mandatory'));
  errs.push(...validateNonnegativeField((obj.revision as number | undefined) ?? 0, FieldPath.root('revision')));
  return errs;
}

export const controllerRevisionStrategy: KindStrategy = {
  /** `revision` has no omitempty, so an unset revision is stored as 0. */
  defaults(obj) {
    if (obj.revision === undefined || obj.revision === null) obj.revision = 0;
  },
  validate: validateControllerRevision,
  validateUpdate(obj, old) {
    const errs = validateControllerRevision(obj);
    // Upstream prints the runtime.RawExtension struct; the JSON data stands in for it.
    if (!semanticDeepEqual(obj.data, old.data)) errs.push(fieldError.invalid(FieldPath.root('data'), obj.data, FIELD_IMMUTABLE_ERROR_MSG));
    return errs;
  },
};
