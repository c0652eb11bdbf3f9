/**
 * policy/v1 PodDisruptionBudget: pkg/registry/policy/poddisruptionbudget/strategy.go and
 * ValidatePodDisruptionBudget[Status] (1.32). Status subresource; generation 1 on create, +1 on spec change.
 */
import type { PodDisruptionBudget, PodDisruptionBudgetSpec } from 'kubernetes-types/policy/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, GoValue, goQuote, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { isValidPercent, validateLabelSelector, validateNonnegativeField } from '../../validation';
import { bumpGenerationOnChange, dropStatus, keepOldSpec, keepOldStatus, setInitialGeneration } from '../core/spec-status-rules';

type PDB = PodDisruptionBudget & KubeObject;

const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

/** %#v of an intstr.IntOrString (its String method has a pointer receiver, so Go prints the struct). */
export function intOrStringValue(v: number | string): GoValue {
  return typeof v === 'number'
    ? new GoValue(`intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}`)
    : new GoValue(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
}

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
function validateIntOrPercent(v: number | string, path: FieldPath): FieldError[] {
  if (typeof v === 'number') return validateNonnegativeField(v, path);
  const errs = isValidPercent(v).map((m) => fieldError.invalid(path, intOrStringValue(v), m));
  if (errs.length === 0 && Number(v.slice(0, -1)) > 100) errs.push(fieldError.invalid(path, intOrStringValue(v), 'must not be greater than 100%'));
  return errs;
}

/**
 * %#v of the spec for the "both set" error. Go prints pointer fields as addresses, which cannot be
 * reproduced; the pointers are shown as `(*T)(…)` placeholders instead.
 */
function specValue(spec: PodDisruptionBudgetSpec): GoValue {
  const ptr = (set: boolean, type: string): string => (set ? `(*${type})(…)` : `(*${type})(nil)`);
  return new GoValue(
    `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr(spec.minAvailable !== undefined, 'intstr.IntOrString')}, ` +
      `Selector:${ptr(spec.selector !== undefined, 'v1.LabelSelector')}, MaxUnavailable:${ptr(spec.maxUnavailable !== undefined, 'intstr.IntOrString')}, ` +
      `UnhealthyPodEvictionPolicy:${ptr(spec.unhealthyPodEvictionPolicy !== undefined, 'policy.UnhealthyPodEvictionPolicyType')}}`,
  );
}

function validatePDB(pdb: PDB): FieldError[] {
  const spec = pdb.spec ?? {};
  const path = FieldPath.of('spec');
  const errs: FieldError[] = [];
  if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined) {
    errs.push(fieldError.invalid(path, specValue(spec), 'minAvailable and maxUnavailable cannot be both set'));
  }
  if (spec.minAvailable !== undefined) errs.push(...validateIntOrPercent(spec.minAvailable, path.child('minAvailable')));
  if (spec.maxUnavailable !== undefined) errs.push(...validateIntOrPercent(spec.maxUnavailable, path.child('maxUnavailable')));
  errs.push(...validateLabelSelector(spec.selector, path.child('selector')));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !EVICTION_POLICIES.includes(policy)) errs.push(fieldError.notSupported(path.child('unhealthyPodEvictionPolicy'), policy, EVICTION_POLICIES));
  return errs;
}

function validateStatus(pdb: PDB): FieldError[] {
  const status = pdb.status;
  const path = FieldPath.of('status');
  if (status === undefined) return [];
  return [
    ...validateNonnegativeField(status.disruptionsAllowed, path.child('disruptionsAllowed')),
    ...validateNonnegativeField(status.currentHealthy, path.child('currentHealthy')),
    ...validateNonnegativeField(status.desiredHealthy, path.child('desiredHealthy')),
    ...validateNonnegativeField(status.expectedPods, path.child('expectedPods')),
  ];
}

export const podDisruptionBudgetStrategy: KindStrategy<PDB> = {
  prepareForCreate(pdb) {
    dropStatus(pdb);
    setInitialGeneration(pdb);
  },
  prepareForUpdate(pdb, old) {
    keepOldStatus(pdb, old);
    bumpGenerationOnChange(pdb, old);
  },
  validate: validatePDB,
  validateUpdate: validatePDB,
  prepareForStatusUpdate: keepOldSpec,
  validateStatusUpdate: validateStatus,
};
