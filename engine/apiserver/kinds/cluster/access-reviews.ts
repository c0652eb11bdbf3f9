/**
 * authorization.k8s.io/v1 and authentication.k8s.io/v1 review kinds: create-only, never stored; the
 * registry evaluates them and fills status after this validation (pkg/apis/authorization/validation, 1.32).
 * SelfSubjectRulesReview and SelfSubjectReview carry nothing to validate (SSRR's missing namespace is a
 * BadRequest from its REST handler, not a validation error).
 */
import type { SelfSubjectAccessReview, SubjectAccessReview } from 'kubernetes-types/authorization/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, GoValue, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';

type SSAR = SelfSubjectAccessReview & KubeObject;
type SAR = SubjectAccessReview & KubeObject;
type Spec = SSAR['spec'] | SAR['spec'];

/** Go's %#v of the NonResourceAttributes pointer the spec errors carry (nil prints as null). */
function nonResourceValue(spec: Spec): GoValue | null {
  const nra = spec.nonResourceAttributes;
  if (nra === undefined) return null;
  return new GoValue(`&authorization.NonResourceAttributes{Path:${JSON.stringify(nra.path ?? '')}, Verb:${JSON.stringify(nra.verb ?? '')}}`);
}

function validateAttributes(spec: Spec): FieldError[] {
  const errs: FieldError[] = [];
  const path = FieldPath.of('spec');
  if (spec.resourceAttributes !== undefined && spec.nonResourceAttributes !== undefined) {
    errs.push(fieldError.invalid(path.child('nonResourceAttributes'), nonResourceValue(spec), 'cannot be specified in combination with resourceAttributes'));
  }
  if (spec.resourceAttributes === undefined && spec.nonResourceAttributes === undefined) {
    errs.push(fieldError.invalid(path.child('resourceAttributes'), nonResourceValue(spec), 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return errs;
}

/**
 * Upstream requires the review's ObjectMeta to be empty (managedFields aside) and reports the whole struct,
 * which Go prints with %#v; that rendering is elided here.
 */
function validateEmptyMetadata(obj: KubeObject): FieldError[] {
  const { managedFields: _mf, ...meta } = obj.metadata ?? {};
  const set = Object.values(meta).some((v) => v !== undefined && v !== '' && !(typeof v === 'object' && v !== null && Object.keys(v).length === 0));
  return set ? [fieldError.invalid('metadata', new GoValue('v1.ObjectMeta{…}'), 'must be empty')] : [];
}

export const selfSubjectAccessReviewStrategy: KindStrategy<SSAR> = {
  validate: (sar) => [...validateAttributes(sar.spec ?? {}), ...validateEmptyMetadata(sar)],
};

export const subjectAccessReviewStrategy: KindStrategy<SAR> = {
  validate(sar) {
    const spec = sar.spec ?? {};
    const errs = validateAttributes(spec);
    if (!spec.user && (spec.groups ?? []).length === 0) {
      errs.push(fieldError.invalid(FieldPath.of('spec', 'user'), spec.user ?? '', 'at least one of user or group must be specified'));
    }
    return [...errs, ...validateEmptyMetadata(sar)];
  },
};

/** Nothing to validate; listed so every served kind has an explicit strategy. */
export const reviewWithoutValidationStrategy: KindStrategy = {};
