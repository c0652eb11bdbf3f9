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

export const leaseStrategy: KindStrategy<LeaseObj> = {
  validate: validateLease,
  validateUpdate: validateLease,
};
