/**
 * Helpers shared by the apps and batch workload strategies: selector ↔ template checks
 * (ValidatePodTemplateSpecForReplicaSet and friends), generation bookkeeping and status resets.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/objects';
import { deepCopy } from '../../../api/objects';
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import { FIELD_IMMUTABLE_ERROR_MSG, goLabelSelector, goStringMap, labelSelectorIsEmpty, labelSelectorMatches, semanticDeepEqual, validateLabelSelector } from '../../validation';
import { GoValue } from '../../errors/field-errors';
import { validatePodTemplateSpec } from '../pod/pod-spec-validation';

/**
 * metav1.LabelSelectorAsSelector as validation sees it: undefined for a nil selector (labels.Nothing(),
 * which matches nothing and is not Empty), 'invalid' when it would not convert, else the selector.
 */
export function selectorForMatching(sel: LabelSelector | undefined | null, path: FieldPath): LabelSelector | 'nothing' | 'invalid' {
  if (sel === undefined || sel === null) return 'nothing';
  return validateLabelSelector(sel, path).length === 0 ? sel : 'invalid';
}

/** `selector` does not match template `labels` — reported at <template>.metadata.labels with the labels map. */
export function selectorMismatch(selector: LabelSelector | 'nothing', template: PodTemplateSpec | undefined, path: FieldPath): FieldError[] {
  const labels = template?.metadata?.labels;
  if (selector !== 'nothing' && labelSelectorIsEmpty(selector)) return [];
  if (selector !== 'nothing' && labelSelectorMatches(selector, labels)) return [];
  return [fieldError.invalid(path.child('metadata', 'labels'), new GoValue(goStringMap(labels)), '`selector` does not match template `labels`')];
}

/**
 * The selector block shared by Deployment, ReplicaSet and StatefulSet: required, valid, non-empty
 * (`empty selector is invalid for <kind>`), and converted for the template match.
 */
export function validateRequiredSelector(sel: LabelSelector | undefined | null, kindWord: string, path: FieldPath): { errs: FieldError[]; selector: LabelSelector | 'nothing' | 'invalid' } {
  const errs: FieldError[] = [];
  if (sel === undefined || sel === null) errs.push(fieldError.required(path, ''));
  else {
    errs.push(...validateLabelSelector(sel, path));
    if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions ?? []).length === 0) {
      errs.push(fieldError.invalid(path, goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
    }
  }
  const selector = selectorForMatching(sel, path);
  return { errs, selector };
}

/** ValidatePodTemplateSpecForReplicaSet (also used by Deployment): match, pod template, Always, no deadline. */
export function validatePodTemplateSpecForReplicaSet(template: PodTemplateSpec | undefined, selector: LabelSelector | 'nothing', kind: string, path: FieldPath): FieldError[] {
  if (!template) return [fieldError.required(path, '')];
  const errs = selectorMismatch(selector, template, path);
  errs.push(...validatePodTemplateSpec(template, path));
  const restartPolicy = template.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(fieldError.notSupported(path.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined && template.spec?.activeDeadlineSeconds !== null) {
    errs.push(fieldError.forbidden(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/** The object's spec, created empty when absent, typed as the caller's kind. */
export function specOf<T>(obj: KubeObject): T {
  return (obj.spec ??= {}) as T;
}

/** Selector immutability on update: compared semantically, reported with upstream's %#v rendering. */
export function validateImmutableSelector(newSel: LabelSelector | undefined, oldSel: LabelSelector | undefined, path: FieldPath): FieldError[] {
  return semanticDeepEqual(newSel, oldSel) ? [] : [fieldError.invalid(path, goLabelSelector(newSel), FIELD_IMMUTABLE_ERROR_MSG)];
}

export function setGeneration(obj: KubeObject, generation: number): void {
  (obj.metadata ??= {}).generation = generation;
}

/** Generation +1 when `changed`, else the stored generation. */
export function bumpGenerationIf(obj: KubeObject, old: KubeObject, changed: boolean): void {
  const previous = old.metadata?.generation ?? 0;
  setGeneration(obj, changed ? previous + 1 : previous);
}

export function specChanged(obj: KubeObject, old: KubeObject): boolean {
  return !semanticDeepEqual(obj.spec, old.spec);
}

/** PrepareForUpdate on the main resource: the stored status wins. */
export function keepOldStatus(obj: KubeObject, old: KubeObject): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = deepCopy(old.status);
}

/** Status-subresource PrepareForUpdate of the apps kinds: spec and labels come from the stored object. */
export function keepOldSpecAndLabels(obj: KubeObject, old: KubeObject): void {
  obj.spec = deepCopy(old.spec);
  const meta = (obj.metadata ??= {});
  if (old.metadata?.labels === undefined) delete meta.labels;
  else meta.labels = deepCopy(old.metadata.labels);
}
