/** scheduling.k8s.io/v1 PriorityClass: defaults and ValidatePriorityClass[Update] (1.32). Cluster-scoped, no status. */
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { validateImmutableField } from '../../validation';

type PC = PriorityClass & KubeObject;

export const SYSTEM_PRIORITY_CLASS_PREFIX = 'system-';
/** scheduling.HighestUserDefinablePriority. */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1_000_000_000;
/** The predefined system classes: name → value (globalDefault false for both). */
export const SYSTEM_PRIORITY_CLASSES: ReadonlyMap<string, number> = new Map([
  ['system-node-critical', 2_000_001_000],
  ['system-cluster-critical', 2_000_000_000],
]);
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

/** scheduling.IsKnownSystemPriorityClass: undefined when known, else the error text. */
function systemClassProblem(name: string, value: number, globalDefault: boolean): string | undefined {
  const expected = SYSTEM_PRIORITY_CLASSES.get(name);
  if (expected === undefined) return `${name} is not a known system priority class`;
  if (expected !== value) return `value of ${name} PriorityClass must be ${expected}`;
  if (globalDefault) return `globalDefault of ${name} PriorityClass must be false`;
  return undefined;
}

function validatePriorityClass(pc: PC): FieldError[] {
  const errs: FieldError[] = [];
  const name = pc.metadata?.name ?? '';
  if (name.startsWith(SYSTEM_PRIORITY_CLASS_PREFIX)) {
    const problem = systemClassProblem(name, pc.value, pc.globalDefault ?? false);
    if (problem !== undefined) {
      errs.push(fieldError.forbidden(FieldPath.of('metadata', 'name'), `priority class names with '${SYSTEM_PRIORITY_CLASS_PREFIX}' prefix are reserved for system use only. error: ${problem}`));
    }
  } else if (pc.value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(fieldError.forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const policy = pc.preemptionPolicy;
  if (policy !== undefined) {
    if (policy === '') errs.push(fieldError.required('preemptionPolicy'));
    else if (!PREEMPTION_POLICIES.includes(policy)) errs.push(fieldError.notSupported('preemptionPolicy', policy, PREEMPTION_POLICIES));
  }
  return errs;
}

export const priorityClassStrategy: KindStrategy<PC> = {
  defaults(pc) {
    if (pc.preemptionPolicy === undefined) pc.preemptionPolicy = 'PreemptLowerPriority';
  },
  validate: validatePriorityClass,
  validateUpdate(pc, old) {
    // Upstream's update validation checks only the immutable fields, not the create rules again.
    const errs: FieldError[] = [];
    if (pc.value !== old.value) errs.push(fieldError.forbidden('value', 'may not be changed in an update.'));
    errs.push(...validateImmutableField(pc.preemptionPolicy, old.preemptionPolicy, FieldPath.of('preemptionPolicy')));
    return errs;
  },
};
