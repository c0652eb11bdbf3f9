/**
 * Quantity-valued field checks from pkg/apis/core/validation (1.32).
 * Upstream passes the Quantity struct itself as the bad value for `must be an integer`, which Go prints
 * with %#v; we print its string form instead (the only deliberate difference).
 */
import { fieldError, type FieldError, type FieldPath } from '../errors/field-errors';
import { IS_NEGATIVE_ERROR_MSG } from './object-meta';
import type { Quantity } from './quantity';

export const IS_NOT_INTEGER_ERROR_MSG = 'must be an integer';
export const IS_NOT_POSITIVE_ERROR_MSG = 'must be greater than zero';

export function validateNonnegativeQuantity(value: Quantity, path: FieldPath): FieldError[] {
  return value.sign() < 0 ? [fieldError.invalid(path, value.toString(), IS_NEGATIVE_ERROR_MSG)] : [];
}

export function validatePositiveQuantityValue(value: Quantity, path: FieldPath): FieldError[] {
  return value.sign() <= 0 ? [fieldError.invalid(path, value.toString(), IS_NOT_POSITIVE_ERROR_MSG)] : [];
}

/**
 * helper.IsIntegerResourceName: extended resources (a domain-prefixed name outside kubernetes.io, not
 * requests.*), hugepages and the object-count quota names must be whole numbers.
 */
export function isIntegerResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('requests.hugepages-')) return false;
  const standardIntegers = new Set([
    'pods',
    'services',
    'replicationcontrollers',
    'resourcequotas',
    'secrets',
    'configmaps',
    'persistentvolumeclaims',
    'services.nodeports',
    'services.loadbalancers',
  ]);
  if (standardIntegers.has(name) || name.startsWith('count/')) return true;
  return isExtendedResourceName(name);
}

/** helper.IsExtendedResourceName: has a domain prefix that is not *kubernetes.io, and is not `requests.`-prefixed. */
export function isExtendedResourceName(name: string): boolean {
  if (!name.includes('/')) return false;
  const domain = name.slice(0, name.indexOf('/'));
  if (domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io')) return false;
  return !name.startsWith('requests.');
}

/** ValidateResourceQuantityValue: non-negative, and whole for integer resources. */
export function validateResourceQuantityValue(resource: string, value: Quantity, path: FieldPath): FieldError[] {
  const errs = validateNonnegativeQuantity(value, path);
  if (isIntegerResourceName(resource) && value.milliValue() % 1000n !== 0n) {
    errs.push(fieldError.invalid(path, value.toString(), IS_NOT_INTEGER_ERROR_MSG));
  }
  return errs;
}
