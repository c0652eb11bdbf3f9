/** coordination.k8s.io/v1 Lease: ValidateLease[Spec] (1.32). No status, no generation. */
import type { Lease } from 'kubernetes-types/coordination/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';

type LeaseObj = Lease & KubeObject;

function validateLease(lease: LeaseObj): FieldError[] {
  const errs: FieldError[] = [];
  const spec = lease.spec;
  const path = FieldPath.of('spec');
  if (spec?.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(fieldError.invalid(path.child('leaseDurationSeconds'), spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec?.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(fieldError.invalid(path.child('leaseTransitions'), spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  return errs;
}

/**
 * dropDisabledFields: spec.strategy and spec.preferredHolder belong to CoordinatedLeaderElection, an alpha
 * gate that is off in 1.32, so they are dropped unless the stored object already used them.
 */
function dropDisabledFields(lease: LeaseObj, old: LeaseObj | undefined): void {
  const spec = lease.spec as (LeaseObj['spec'] & { strategy?: string; preferredHolder?: string }) | undefined;
  const oldSpec = old?.spec as { strategy?: string; preferredHolder?: string } | undefined;
  if (spec === undefined || oldSpec?.strategy !== undefined || oldSpec?.preferredHolder !== undefined) return;
  delete spec.strategy;
  delete spec.preferredHolder;
}

export const leaseStrategy: KindStrategy<LeaseObj> = {
  prepareForCreate: (lease) => dropDisabledFields(lease, undefined),
  prepareForUpdate: (lease, old) => dropDisabledFields(lease, old),
  validate: validateLease,
  validateUpdate: validateLease,
};
