/**
 * ResourceQuota: pkg/registry/core/resourcequota/strategy.go and ValidateResourceQuota[Update|StatusUpdate]
 * (1.32). Status subresource, no generation.
 */
import type { ResourceQuota } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, GoValue, goQuote, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { validateResourceQuantityValue } from '../../validation';
import { readQuantity } from './quantities';
import { validateQuotaResourceName } from './resource-names';
import { dropStatus, keepOldSpec, keepOldStatus } from './spec-status-rules';

type RQ = ResourceQuota & KubeObject;

/** sets.List of the standard resource-quota scopes. */
const SCOPES = ['BestEffort', 'CrossNamespacePodAffinity', 'NotBestEffort', 'NotTerminating', 'PriorityClass', 'Terminating', 'VolumeAttributesClass'];

function validateResourceList(list: Record<string, unknown> | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(list ?? {})) {
    const resPath = path.key(k);
    errs.push(...validateQuotaResourceName(k, resPath));
    const parsed = readQuantity(v, resPath);
    if (!parsed.ok) errs.push(parsed.error);
    else errs.push(...validateResourceQuantityValue(k, parsed.q, resPath));
  }
  return errs;
}

const scopesValue = (scopes: readonly string[]): GoValue => new GoValue(`[]core.ResourceQuotaScope{${scopes.map(goQuote).join(', ')}}`);
const conflicting = (set: Set<string>): boolean =>
  (set.has('BestEffort') && set.has('NotBestEffort')) || (set.has('Terminating') && set.has('NotTerminating'));
/** Scopes that only take the Exists operator. */
const EXISTS_ONLY = new Set(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity']);

/** validateResourceQuotaScopes and validateScopedResourceSelectorRequirement (paths carry no index upstream). */
function validateScopes(rq: RQ, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const scopes = rq.spec?.scopes ?? [];
  for (const s of scopes) if (!SCOPES.includes(s)) errs.push(fieldError.invalid(path.child('scopes'), scopesValue(scopes), 'unsupported scope'));
  if (conflicting(new Set(scopes))) errs.push(fieldError.invalid(path.child('scopes'), scopesValue(scopes), 'conflicting scopes'));

  const exprPath = path.child('scopeSelector', 'matchExpressions');
  const selected = new Set<string>();
  for (const req of rq.spec?.scopeSelector?.matchExpressions ?? []) {
    if (!SCOPES.includes(req.scopeName)) errs.push(fieldError.invalid(exprPath.child('scopeName'), req.scopeName, 'unsupported scope'));
    if (EXISTS_ONLY.has(req.scopeName) && req.operator !== 'Exists') {
      errs.push(
        fieldError.invalid(
          exprPath.child('operator'),
          req.operator,
          "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        ),
      );
    }
    const values = req.values ?? [];
    if (req.operator === 'In' || req.operator === 'NotIn') {
      if (values.length === 0) errs.push(fieldError.required(exprPath.child('values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
    } else if (req.operator === 'Exists' || req.operator === 'DoesNotExist') {
      if (values.length !== 0) errs.push(fieldError.invalid(exprPath.child('values'), [...values], "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
    } else {
      errs.push(fieldError.invalid(exprPath.child('operator'), req.operator, 'not a valid selector operator'));
    }
    selected.add(req.scopeName);
  }
  if (conflicting(selected)) errs.push(fieldError.invalid(exprPath, scopesValue(scopes), 'conflicting scopes'));
  return errs;
}

function validateSpec(rq: RQ): FieldError[] {
  const path = FieldPath.of('spec');
  return [...validateResourceList(rq.spec?.hard, path.child('hard')), ...validateScopes(rq, path)];
}

function validateStatus(rq: RQ): FieldError[] {
  const path = FieldPath.of('status');
  return [...validateResourceList(rq.status?.hard, path.child('hard')), ...validateResourceList(rq.status?.used, path.child('used'))];
}

export const resourceQuotaStrategy: KindStrategy<RQ> = {
  prepareForCreate: dropStatus,
  prepareForUpdate: keepOldStatus,
  validate: (rq) => [...validateSpec(rq), ...validateStatus(rq)],
  validateUpdate: (rq) => [...validateSpec(rq), ...validateStatus(rq)],
  prepareForStatusUpdate: keepOldSpec,
  validateStatusUpdate: validateStatus,
};
