/**
 * DaemonSet: SetDefaults_DaemonSet, ValidateDaemonSetSpec/Update, pkg/registry/apps/daemonset (1.32).
 * The internal spec.templateGeneration lives in apps/v1 as the `deprecated.daemonset.template.generation`
 * annotation; the strategy maintains it there.
 */
import type { DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { goIntOrString, goLabelSelector, semanticDeepEqual, validateLabelSelector, validateNonnegativeField } from '../../validation';
import { setPodTemplateSpecDefaults } from '../pod/pod-defaults';
import { validatePodTemplateSpec } from '../pod/pod-spec-validation';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent';
import { bumpGenerationIf, keepOldSpecAndLabels, keepOldStatus, selectorForMatching, selectorMismatch, setGeneration, specOf, validateImmutableSelector } from './workload-template';

export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';
const asDaemonSet = (o: KubeObject): DaemonSet => o as unknown as DaemonSet;

function templateGeneration(obj: KubeObject): number {
  const raw = obj.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  const n = raw === undefined ? 0 : Number.parseInt(raw, 10);
  return Number.isFinite(n) ? n : 0;
}

function setTemplateGeneration(obj: KubeObject, generation: number): void {
  const meta = (obj.metadata ??= {});
  meta.annotations = { ...(meta.annotations ?? {}), [TEMPLATE_GENERATION_ANNOTATION]: String(generation) };
}

export function setDaemonSetDefaults(obj: KubeObject): void {
  const spec = specOf<DaemonSetSpec>(obj);
  const us: DaemonSetUpdateStrategy = (spec.updateStrategy ??= {});
  if (!us.type) us.type = 'RollingUpdate';
  if (us.type === 'RollingUpdate') {
    const ru = (us.rollingUpdate ??= {});
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = 1;
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = 0;
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  spec.template ??= {};
  setPodTemplateSpecDefaults(spec.template);
}

function validateUpdateStrategy(us: DaemonSetUpdateStrategy | undefined, path: FieldPath): FieldError[] {
  const s = us ?? {};
  switch (s.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate': {
      const ru = s.rollingUpdate;
      if (!ru) return [fieldError.required(path.child('rollingUpdate'), '')];
      const p = path.child('rollingUpdate');
      const errs = validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable'));
      errs.push(...validatePositiveIntOrPercent(ru.maxSurge, p.child('maxSurge')));
      errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
      errs.push(...isNotMoreThan100Percent(ru.maxSurge, p.child('maxSurge')));
      const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
      const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
      if (hasUnavailable && hasSurge) errs.push(fieldError.invalid(p.child('maxSurge'), goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
      else if (!hasUnavailable && !hasSurge) errs.push(fieldError.required(p.child('maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
      return errs;
    }
    default:
      // Upstream's bad value is the whole strategy struct; its type is what matters here.
      return [fieldError.notSupported(path, s.type ?? '', ['RollingUpdate', 'OnDelete'])];
  }
}

export function validateDaemonSetSpec(spec: DaemonSetSpec | undefined, tg: number, path: FieldPath): FieldError[] {
  const s = spec ?? ({} as DaemonSetSpec);
  const errs = validateLabelSelector(s.selector, path.child('selector'));
  const selector = selectorForMatching(s.selector, path.child('selector'));
  // No Required error for a missing selector here: a nil selector matches nothing, so the mismatch reports it.
  if (selector !== 'invalid') errs.push(...selectorMismatch(selector, s.template, path.child('template')));
  if (s.selector && Object.keys(s.selector.matchLabels ?? {}).length + (s.selector.matchExpressions ?? []).length === 0) {
    errs.push(fieldError.invalid(path.child('selector'), goLabelSelector(s.selector), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(s.template, path.child('template')));
  const restartPolicy = s.template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(fieldError.notSupported(path.child('template', 'spec', 'restartPolicy'), restartPolicy, ['Always']));
  const ads = s.template?.spec?.activeDeadlineSeconds;
  if (ads !== undefined && ads !== null) {
    errs.push(fieldError.invalid(path.child('template', 'spec', 'activeDeadlineSeconds'), ads, 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  errs.push(...validateNonnegativeField(s.minReadySeconds ?? 0, path.child('minReadySeconds')));
  errs.push(...validateNonnegativeField(tg, path.child('templateGeneration')));
  errs.push(...validateUpdateStrategy(s.updateStrategy, path.child('updateStrategy')));
  if (s.revisionHistoryLimit !== undefined && s.revisionHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(s.revisionHistoryLimit, path.child('revisionHistoryLimit')));
  }
  return errs;
}

const STATUS_FIELDS = ['numberAvailable', 'numberUnavailable', 'updatedNumberScheduled', 'observedGeneration'] as const;
const REQUIRED_STATUS_FIELDS = ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'] as const;

export const daemonSetStrategy: KindStrategy = {
  defaults: setDaemonSetDefaults,
  prepareForCreate(obj) {
    // These four counters have no omitempty.
    obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
    setGeneration(obj, 1);
    setTemplateGeneration(obj, Math.max(1, templateGeneration(obj)));
  },
  prepareForUpdate(obj, old) {
    keepOldStatus(obj, old);
    const oldTG = templateGeneration(old);
    const templateChanged = !semanticDeepEqual(asDaemonSet(obj).spec?.template, asDaemonSet(old).spec?.template);
    setTemplateGeneration(obj, templateChanged ? oldTG + 1 : oldTG);
    bumpGenerationIf(obj, old, templateChanged || !semanticDeepEqual(obj.spec, old.spec));
  },
  validate(obj) {
    return validateDaemonSetSpec(asDaemonSet(obj).spec, templateGeneration(obj), FieldPath.root('spec'));
  },
  validateUpdate(obj, old) {
    const errs = validateDaemonSetSpec(asDaemonSet(obj).spec, templateGeneration(obj), FieldPath.root('spec'));
    errs.push(...validateImmutableSelector(asDaemonSet(obj).spec?.selector, asDaemonSet(old).spec?.selector, FieldPath.root('spec').child('selector')));
    return errs;
  },
  prepareForStatusUpdate(obj, old) {
    keepOldSpecAndLabels(obj, old);
  },
  validateStatusUpdate(obj) {
    const status = (obj.status ?? {}) as Record<string, number | undefined>;
    const path = FieldPath.root('status');
    const errs: FieldError[] = [];
    for (const f of [...REQUIRED_STATUS_FIELDS, ...STATUS_FIELDS]) errs.push(...validateNonnegativeField(status[f] ?? 0, path.child(f)));
    return errs;
  },
};
