/**
 * ObjectMeta validation for every kind (apimachinery's ValidateObjectMeta[Update]) with the kind's own name rule:
 * most names are DNS-1123 subdomains; Namespaces are labels, Services DNS-1035 labels, RBAC path segments.
 */
import type { KubeObject } from '../../api/objects';
import type { FieldError } from '../errors/field-errors';
import type { ResourceInfo } from '../resources/resource-catalog';
import { nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, validateObjectMeta, validateObjectMetaUpdate, type NameValidator } from '../validation';
import { nameRules } from '../kinds/other-strategies';

/** path.ValidatePathSegmentName: names used as URL path segments. */
const pathSegmentName: NameValidator = (name, prefix) => {
  if (prefix) return name.includes('/') || name.includes('%') ? [`may not contain '/'`] : [];
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  if (name.includes('/')) return [`may not contain '/'`];
  if (name.includes('%')) return [`may not contain '%'`];
  return [];
};

function nameValidatorFor(info: ResourceInfo): NameValidator {
  if (info.crd) return nameIsDNSSubdomain;
  switch (nameRules[info.kindKey]) {
    case 'label':
      return nameIsDNSLabel;
    case 'dns1035':
      return nameIsDNS1035Label;
    case 'path-segment':
      return pathSegmentName;
    case 'none':
      return () => [];
    default:
      return nameIsDNSSubdomain;
  }
}

export function validateMetadata(info: ResourceInfo, obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  const errors = validateObjectMeta(obj.metadata, { namespaced: info.namespaced, nameValidator: nameValidatorFor(info) });
  if (old) errors.push(...validateObjectMetaUpdate(obj.metadata, old.metadata));
  return errors;
}
