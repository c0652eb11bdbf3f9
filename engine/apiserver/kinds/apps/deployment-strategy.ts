/**
 * Deployment: apps/v1 SetDefaults_Deployment, appsvalidation.ValidateDeploymentSpec and
 * pkg/registry/apps/deployment/strategy.go (1.32).
 */
import type { Deployment, DeploymentSpec, DeploymentStrategy } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { goIntOrString, goLabelSelector, semanticDeepEqual, validateNonnegativeField } from '../../validation';
import { setPodTemplateSpecDefaults } from '../pod/pod-defaults';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent';
import { bumpGenerationIf, keepOldSpecAndLabels, keepOldStatus, setGeneration, specOf, validateImmutableSelector, validatePodTemplateSpecForReplicaSet, validateRequiredSelector } from './workload-template';

const asDeployment = (o: KubeObject): Deployment => o as unknown as Deployment;

export function setDeploymentDefaults(obj: KubeObject): void {
  const spec = specOf<DeploymentSpec>(obj);
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const strategy: DeploymentStrategy = (spec.strategy ??= {});
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = (strategy.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
  spec.template ??= {};
  setPodTemplateSpecDefaults(spec.template);
}

function validateDeploymentStrategy(strategy: DeploymentStrategy | undefined, path: FieldPath): FieldError[] {
  const s = strategy ?? {};
  switch (s.type) {
    case 'Recreate':
      return s.rollingUpdate ? [fieldError.forbidden(path.child('rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) return [fieldError.required(path.child('rollingUpdate'), 'this should be defaulted and never be nil')];
      const p = path.child('rollingUpdate');
      const errs = validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable'));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')));
      if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
        errs.push(fieldError.invalid(p.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
      }
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
      return errs;
    }
    default:
      // Upstream's bad value is the whole apps.DeploymentStrategy struct; its type is what matters here.
      return [fieldError.notSupported(path, s.type ?? '', ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeploymentSpec(spec: DeploymentSpec | undefined, path: FieldPath): FieldError[] {
  const s = spec ?? ({} as DeploymentSpec);
  const errs = validateNonnegativeField(s.replicas ?? 0, path.child('replicas'));
  const sel = validateRequiredSelector(s.selector, 'deployment', path.child('selector'));
  errs.push(...sel.errs);
  if (sel.selector === 'invalid') errs.push(fieldError.invalid(path.child('selector'), goLabelSelector(s.selector), 'invalid label selector'));
  else errs.push(...validatePodTemplateSpecForReplicaSet(s.template, sel.selector, 'ReplicaSet', path.child('template')));
  errs.push(...validateDeploymentStrategy(s.strategy, path.child('strategy')));
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, path.child('minReadySeconds')));
  if (s.revisionHistoryLimit !== undefined && s.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(s.revisionHistoryLimit, path.child('revisionHistoryLimit')));
  }
  if (s.progressDeadlineSeconds !== undefined && s.progressDeadlineSeconds !== null) {
    if (s.progressDeadlineSeconds <= 0) errs.push(fieldError.invalid(path.child('progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than zero'));
    if (s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)) {
      errs.push(fieldError.invalid(path.child('progressDeadlineSeconds'), s.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

const NON_NEGATIVE_STATUS_FIELDS = ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const;

export const deploymentStrategy: KindStrategy = {
  defaults: setDeploymentDefaults,
  prepareForCreate(obj) {
    obj.status = {};
    setGeneration(obj, 1);
  },
  /** Spec and annotation changes bump generation (annotations are copied onto the ReplicaSets). */
  prepareForUpdate(obj, old) {
    keepOldStatus(obj, old);
    const changed = !semanticDeepEqual(obj.spec, old.spec) || !semanticDeepEqual(obj.metadata?.annotations, old.metadata?.annotations);
    bumpGenerationIf(obj, old, changed);
  },
  validate(obj) {
    return validateDeploymentSpec(asDeployment(obj).spec, FieldPath.root('spec'));
  },
  validateUpdate(obj, old) {
    const errs = validateDeploymentSpec(asDeployment(obj).spec, FieldPath.root('spec'));
    errs.push(...validateImmutableSelector(asDeployment(obj).spec?.selector, asDeployment(old).spec?.selector, FieldPath.root('spec').child('selector')));
    return errs;
  },
  prepareForStatusUpdate: keepOldSpecAndLabels,
  validateStatusUpdate(obj) {
    const status = (obj.status ?? {}) as Record<string, unknown>;
    const path = FieldPath.root('status');
    const errs: FieldError[] = [];
    for (const f of NON_NEGATIVE_STATUS_FIELDS) errs.push(...validateNonnegativeField((status[f] as number | undefined) ?? 0, path.child(f)));
    const cc = status.collisionCount as number | undefined;
    if (cc !== undefined) errs.push(...validateNonnegativeField(cc, path.child('collisionCount')));
    return errs;
  },
};
