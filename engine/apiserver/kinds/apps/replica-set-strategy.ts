/** ReplicaSet: SetDefaults_ReplicaSet, ValidateReplicaSetSpec, pkg/registry/apps/replicaset/strategy.go (1.32). */
import type { ReplicaSet, ReplicaSetSpec } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { goLabelSelector, validateNonnegativeField } from '../../validation';
import { setPodTemplateSpecDefaults } from '../pod/pod-defaults';
import {
  bumpGenerationIf,
  keepOldSpecAndLabels,
  keepOldStatus,
  setGeneration,
  specChanged,
  specOf,
  validateImmutableSelector,
  validatePodTemplateSpecForReplicaSet,
  validateRequiredSelector,
} from './workload-template';

const asReplicaSet = (o: KubeObject): ReplicaSet => o as unknown as ReplicaSet;

export function validateReplicaSetSpec(spec: ReplicaSetSpec | undefined, path: FieldPath): FieldError[] {
  const s = spec ?? ({} as ReplicaSetSpec);
  const errs = validateNonnegativeField(s.replicas ?? 0, path.child('replicas'));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, path.child('minReadySeconds')));
  // Upstream's ReplicaSet message really says "deployment".
  const sel = validateRequiredSelector(s.selector, 'deployment', path.child('selector'));
  errs.push(...sel.errs);
  if (sel.selector === 'invalid') errs.push(fieldError.invalid(path.child('selector'), goLabelSelector(s.selector), 'invalid label selector'));
  else errs.push(...validatePodTemplateSpecForReplicaSet(s.template, sel.selector, 'ReplicaSet', path.child('template')));
  return errs;
}

const STATUS_FIELDS = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'] as const;

export const replicaSetStrategy: KindStrategy = {
  defaults(obj) {
    const spec = specOf<ReplicaSetSpec>(obj);
    if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
    spec.template ??= {};
    setPodTemplateSpecDefaults(spec.template);
  },
  prepareForCreate(obj) {
    // ReplicaSetStatus.replicas has no omitempty: an empty status serialises as {replicas: 0}.
    obj.status = { replicas: 0 };
    setGeneration(obj, 1);
  },
  prepareForUpdate(obj, old) {
    keepOldStatus(obj, old);
    bumpGenerationIf(obj, old, specChanged(obj, old));
  },
  validate(obj) {
    return validateReplicaSetSpec(asReplicaSet(obj).spec, FieldPath.root('spec'));
  },
  validateUpdate(obj, old) {
    const errs = validateReplicaSetSpec(asReplicaSet(obj).spec, FieldPath.root('spec'));
    errs.push(...validateImmutableSelector(asReplicaSet(obj).spec?.selector, asReplicaSet(old).spec?.selector, FieldPath.root('spec').child('selector')));
    return errs;
  },
  prepareForStatusUpdate: keepOldSpecAndLabels,
  validateStatusUpdate(obj) {
    const status = (obj.status ?? {}) as Record<string, number | undefined>;
    const path = FieldPath.root('status');
    const errs: FieldError[] = [];
    for (const f of STATUS_FIELDS) errs.push(...validateNonnegativeField(status[f] ?? 0, path.child(f)));
    const replicas = status.replicas ?? 0;
    if ((status.fullyLabeledReplicas ?? 0) > replicas) {
      errs.push(fieldError.invalid(path.child('fullyLabeledReplicas'), status.fullyLabeledReplicas, 'cannot be greater than status.replicas'));
    }
    if ((status.readyReplicas ?? 0) > replicas) errs.push(fieldError.invalid(path.child('readyReplicas'), status.readyReplicas, 'cannot be greater than status.replicas'));
    if ((status.availableReplicas ?? 0) > replicas) {
      errs.push(fieldError.invalid(path.child('availableReplicas'), status.availableReplicas, 'cannot be greater than status.replicas'));
    }
    if ((status.availableReplicas ?? 0) > (status.readyReplicas ?? 0)) {
      errs.push(fieldError.invalid(path.child('availableReplicas'), status.availableReplicas, 'cannot be greater than readyReplicas'));
    }
    return errs;
  },
};
