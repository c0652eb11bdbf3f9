/** Relative-path checks for subPath, volume item paths and hostPath (pkg/apis/core/validation). */
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';

export function validatePathNoBacksteps(target: string, path: FieldPath): FieldError[] {
  // One error is enough even for `../../..`.
  return target.replace(/\\/g, '/').split('/').includes('..') ? [fieldError.invalid(path, target, "must not contain '..'")] : [];
}

export function validateLocalDescendingPath(target: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (target.startsWith('/')) errs.push(fieldError.invalid(path, target, 'must be a relative path'));
  errs.push(...validatePathNoBacksteps(target, path));
  return errs;
}

export function validateLocalNonReservedPath(target: string, path: FieldPath): FieldError[] {
  const errs = validateLocalDescendingPath(target, path);
  if (target.startsWith('..') && !target.startsWith('../')) errs.push(fieldError.invalid(path, target, "must not start with '..'"));
  return errs;
}
