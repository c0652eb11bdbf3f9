/**
 * Resource-name rules shared by LimitRange and ResourceQuota (pkg/apis/core/validation + helper, 1.32).
 * Like upstream, the quota and container checks append to (not replace) the generic check's errors.
 */
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import { isExtendedResourceName, isQualifiedName } from '../../validation';

/** helper standardResources. */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'persistentvolumeclaims', 'configmaps', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
/** helper standardQuotaResources. */
const STANDARD_QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);
const LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

const isHugePages = (name: string): boolean => name.startsWith('hugepages-');
const isQuotaHugePages = (name: string): boolean => name.startsWith('requests.hugepages-');
const unprefixed = (name: string): boolean => !name.includes('/');
/** helper.IsNativeResource: no domain, or a kubernetes.io domain. */
const isNative = (name: string): boolean => unprefixed(name) || name.includes('kubernetes.io/');

function validateResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(name).map((m) => fieldError.invalid(path, name, m));
  if (errs.length > 0) return errs;
  if (unprefixed(name) && !STANDARD_RESOURCES.has(name) && !isHugePages(name) && !isQuotaHugePages(name)) {
    errs.push(fieldError.invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

/** ValidateResourceQuotaResourceName. */
export function validateQuotaResourceName(name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (unprefixed(name) && !STANDARD_QUOTA_RESOURCES.has(name) && !isQuotaHugePages(name)) {
    errs.push(fieldError.invalid(path, name, 'must be a standard resource for quota'));
  }
  return errs;
}

/** validateLimitRangeTypeName. */
export function validateLimitRangeTypeName(type: string, path: FieldPath): FieldError[] {
  const errs = isQualifiedName(type).map((m) => fieldError.invalid(path, type, m));
  if (errs.length === 0 && unprefixed(type) && !LIMIT_TYPES.has(type)) {
    errs.push(fieldError.invalid(path, type, 'must be a standard limit type or fully qualified'));
  }
  return errs;
}

/** validateLimitRangeResourceName: Pod and Container items take container resources. */
export function validateLimitRangeResourceName(limitType: string, name: string, path: FieldPath): FieldError[] {
  const errs = validateResourceName(name, path);
  if (limitType !== 'Pod' && limitType !== 'Container') return errs;
  if (unprefixed(name)) {
    if (!['cpu', 'memory', 'ephemeral-storage'].includes(name) && !isHugePages(name)) {
      errs.push(fieldError.invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNative(name) && !isExtendedResourceName(name)) {
    errs.push(fieldError.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}
