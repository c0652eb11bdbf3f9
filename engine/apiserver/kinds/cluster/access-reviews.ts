/**
 * authorization.k8s.io/v1 SelfSubjectAccessReview: ValidateSelfSubjectAccessReview (1.32). Create-only and
 * never stored; the registry evaluates the review and fills status after this validation.
 */
import type { SelfSubjectAccessReview } from 'kubernetes-types/authorization/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, GoValue, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';

type SSAR = SelfSubjectAccessReview & KubeObject;

/** Go's %#v of the NonResourceAttributes pointer the spec errors carry. */
function nonResourceValue(spec: SSAR['spec']): GoValue | null {
  const nra = spec.nonResourceAttributes;
  if (nra === undefined) return null;
  return new GoValue(`&authorization.NonResourceAttributes{Path:${JSON.stringify(nra.path ?? '')}, Verb:${JSON.stringify(nra.verb ?? '')}}`);
}

export const selfSubjectAccessReviewStrategy: KindStrategy<SSAR> = {
  validate(sar) {
    const errs: FieldError[] = [];
    const spec = sar.spec ?? {};
    const path = FieldPath.of('spec');
    if (spec.resourceAttributes !== undefined && spec.nonResourceAttributes !== undefined) {
      errs.push(fieldError.invalid(path.child('nonResourceAttributes'), nonResourceValue(spec), 'cannot be specified in combination with resourceAttributes'));
    }
    if (spec.resourceAttributes === undefined && spec.nonResourceAttributes === undefined) {
      errs.push(fieldError.invalid(path.child('resourceAttributes'), null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
    }
    // Upstream also requires empty metadata (managedFields aside); the bad value is the whole ObjectMeta.
    const { managedFields: _mf, ...meta } = sar.metadata ?? {};
    if (Object.values(meta).some((v) => v !== undefined && v !== '' && !(typeof v === 'object' && Object.keys(v as object).length === 0))) {
      errs.push(fieldError.invalid('metadata', new GoValue('v1.ObjectMeta{…}'), 'must be empty'));
    }
    return errs;
  },
};
