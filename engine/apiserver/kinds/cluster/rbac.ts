/**
 * rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding, ClusterRoleBinding: SetDefaults_* and
 * pkg/apis/rbac/validation (1.32). Names are path segments (ValidateRBACName); no status, no generation.
 */
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, GoValue, goQuote, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { isDNS1123Subdomain, validateLabelSelector } from '../../validation';

export const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** path.IsValidPathSegmentName. */
export function isValidPathSegmentName(name: string): string[] {
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  const errs: string[] = [];
  if (name.includes('/')) errs.push("may not contain '/'");
  if (name.includes('%')) errs.push("may not contain '%'");
  return errs;
}

function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if ((rule.verbs ?? []).length === 0) errs.push(fieldError.required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced) errs.push(fieldError.invalid(path.child('nonResourceURLs'), [...urls], 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length > 0 || (rule.resources ?? []).length > 0 || (rule.resourceNames ?? []).length > 0) {
      errs.push(fieldError.invalid(path.child('nonResourceURLs'), [...urls], 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if ((rule.apiGroups ?? []).length === 0) errs.push(fieldError.required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if ((rule.resources ?? []).length === 0) errs.push(fieldError.required(path.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

function validateRules(rules: readonly PolicyRule[] | undefined, namespaced: boolean): FieldError[] {
  return (rules ?? []).flatMap((r, i) => validatePolicyRule(r, namespaced, FieldPath.of('rules').index(i)));
}

function validateSubject(s: Subject, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = s.name ?? '';
  const apiGroup = s.apiGroup ?? '';
  if (name === '') errs.push(fieldError.required(path.child('name')));
  switch (s.kind) {
    case 'ServiceAccount':
      if (name !== '') for (const m of isDNS1123Subdomain(name)) errs.push(fieldError.invalid(path.child('name'), name, m));
      if (apiGroup !== '') errs.push(fieldError.notSupported(path.child('apiGroup'), apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(fieldError.required(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errs.push(fieldError.notSupported(path.child('apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(fieldError.notSupported(path.child('kind'), s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(roleRef: RoleRef | undefined, subjects: readonly Subject[] | undefined, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = roleRef ?? { apiGroup: '', kind: '', name: '' };
  if (ref.apiGroup !== RBAC_GROUP) errs.push(fieldError.notSupported(FieldPath.of('roleRef', 'apiGroup'), ref.apiGroup, [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(fieldError.notSupported(FieldPath.of('roleRef', 'kind'), ref.kind, kinds));
  if (ref.name === '') errs.push(fieldError.required(FieldPath.of('roleRef', 'name')));
  else for (const m of isValidPathSegmentName(ref.name)) errs.push(fieldError.invalid(FieldPath.of('roleRef', 'name'), ref.name, m));
  (subjects ?? []).forEach((s, i) => errs.push(...validateSubject(s, namespaced, FieldPath.of('subjects').index(i))));
  return errs;
}

/** %#v of rbac.RoleRef, the bad value of `cannot change roleRef`. */
const roleRefValue = (r: RoleRef | undefined): GoValue =>
  new GoValue(`rbac.RoleRef{APIGroup:${goQuote(r?.apiGroup ?? '')}, Kind:${goQuote(r?.kind ?? '')}, Name:${goQuote(r?.name ?? '')}}`);

function validateRoleRefUnchanged(next: RoleRef | undefined, prev: RoleRef | undefined): FieldError[] {
  const same = (next?.apiGroup ?? '') === (prev?.apiGroup ?? '') && (next?.kind ?? '') === (prev?.kind ?? '') && (next?.name ?? '') === (prev?.name ?? '');
  return same ? [] : [fieldError.invalid('roleRef', roleRefValue(next), 'cannot change roleRef')];
}

/** SetDefaults_RoleBinding / ClusterRoleBinding / Subject. */
function defaultBinding(b: { roleRef?: RoleRef; subjects?: Subject[] }): void {
  if (b.roleRef !== undefined && !b.roleRef.apiGroup) b.roleRef.apiGroup = RBAC_GROUP;
  for (const s of b.subjects ?? []) {
    if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBAC_GROUP;
    if (!s.apiGroup && s.kind === 'ServiceAccount') s.apiGroup = '';
  }
}

type RoleObj = Role & KubeObject;
type ClusterRoleObj = ClusterRole & KubeObject;
type RoleBindingObj = RoleBinding & KubeObject;
type ClusterRoleBindingObj = ClusterRoleBinding & KubeObject;

export const roleStrategy: KindStrategy<RoleObj> = {
  validate: (r) => validateRules(r.rules, true),
  validateUpdate: (r) => validateRules(r.rules, true),
};

function validateClusterRole(r: ClusterRoleObj): FieldError[] {
  const errs = validateRules(r.rules, false);
  if (r.aggregationRule !== undefined) {
    const selectors = r.aggregationRule.clusterRoleSelectors ?? [];
    const path = FieldPath.of('aggregationRule', 'clusterRoleSelectors');
    if (selectors.length === 0) errs.push(fieldError.required(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    selectors.forEach((sel, i) => errs.push(...validateLabelSelector(sel, path.index(i))));
  }
  return errs;
}

export const clusterRoleStrategy: KindStrategy<ClusterRoleObj> = {
  validate: validateClusterRole,
  validateUpdate: validateClusterRole,
};

export const roleBindingStrategy: KindStrategy<RoleBindingObj> = {
  defaults: defaultBinding,
  validate: (b) => validateBinding(b.roleRef, b.subjects, true),
  validateUpdate: (b, old) => [...validateBinding(b.roleRef, b.subjects, true), ...validateRoleRefUnchanged(b.roleRef, old.roleRef)],
};

export const clusterRoleBindingStrategy: KindStrategy<ClusterRoleBindingObj> = {
  defaults: defaultBinding,
  validate: (b) => validateBinding(b.roleRef, b.subjects, false),
  validateUpdate: (b, old) => [...validateBinding(b.roleRef, b.subjects, false), ...validateRoleRefUnchanged(b.roleRef, old.roleRef)],
};
