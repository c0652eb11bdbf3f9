/**
 * ValidatePodUpdate and ValidatePodStatusUpdate (pkg/apis/core/validation, 1.32), without the ObjectMeta
 * part the registry validates. Only images, activeDeadlineSeconds (down only), tolerations (additions,
 * tolerationSeconds), schedulingGates (removals), terminationGracePeriodSeconds (negative → 1) and, for
 * gated pods, nodeSelector additions may change.
 */
import type { Container, Pod, PodSpec } from 'kubernetes-types/core/v1';
import { deepCopy } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import { GO_NIL, inclusiveRangeError, nameIsDNSSubdomain, semanticDeepEqual, validateImmutableField } from '../../validation';
import { validateQualifiedName } from './container-validation';
import { validatePodSpec } from './pod-spec-validation';
import { validateOnlyAddedTolerations, validateOnlyDeletedSchedulingGates } from './scheduling-validation';
import { podSpecDiff } from './spec-diff';

const MAX_INT32 = 2147483647;

/** 1.32's list, joined with "," exactly as upstream does (InPlacePodVerticalScaling is off). */
export const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

function validateContainerUpdates(newC: readonly Container[], oldC: readonly Container[], path: FieldPath): { errs: FieldError[]; stop: boolean } {
  if (newC.length !== oldC.length) return { errs: [fieldError.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  newC.forEach((c, i) => {
    const image = c.image ?? '';
    if (image.length === 0) errs.push(fieldError.required(path.index(i).child('image'), ''));
    if (image.trim().length !== image.length) errs.push(fieldError.invalid(path.index(i).child('image'), image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** Node selector changes on a gated pod: only additions. */
function validateNodeSelectorMutation(path: FieldPath, newSel: Record<string, string> | undefined, oldSel: Record<string, string> | undefined): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(oldSel ?? {})) {
    const nv = newSel?.[k];
    if (nv === undefined) errs.push(fieldError.forbidden(path.key(k), 'cannot be removed'));
    else if (nv !== v) errs.push(fieldError.invalid(path.key(k), nv, 'field is immutable'));
  }
  return errs;
}

export function validatePodUpdate(newPod: Pod, oldPod: Pod): FieldError[] {
  const specPath = FieldPath.root('spec');
  const newSpec = newPod.spec ?? ({ containers: [] } as PodSpec);
  const oldSpec = oldPod.spec ?? ({ containers: [] } as PodSpec);
  const errs = validatePodSpec(newSpec, specPath);

  const containers = validateContainerUpdates(newSpec.containers ?? [], oldSpec.containers ?? [], specPath.child('containers'));
  errs.push(...containers.errs);
  if (containers.stop) return errs;
  const inits = validateContainerUpdates(newSpec.initContainers ?? [], oldSpec.initContainers ?? [], specPath.child('initContainers'));
  errs.push(...inits.errs);
  if (inits.stop) return errs;

  const adsPath = specPath.child('activeDeadlineSeconds');
  const newAds = newSpec.activeDeadlineSeconds;
  const oldAds = oldSpec.activeDeadlineSeconds;
  if (newAds !== undefined && newAds !== null) {
    if (newAds < 0 || newAds > MAX_INT32) {
      errs.push(fieldError.invalid(adsPath, newAds, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldAds !== undefined && oldAds !== null && oldAds < newAds) {
      errs.push(fieldError.invalid(adsPath, newAds, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldAds !== undefined && oldAds !== null) {
    errs.push(fieldError.invalid(adsPath, GO_NIL, 'must not update from a positive integer to nil value'));
  }

  errs.push(...validateOnlyAddedTolerations(newSpec.tolerations, oldSpec.tolerations, specPath.child('tolerations')));
  errs.push(...validateOnlyDeletedSchedulingGates(newSpec.schedulingGates, oldSpec.schedulingGates, specPath.child('schedulingGates')));

  if (semanticDeepEqual(newSpec, oldSpec)) return errs;

  const munged = deepCopy(newSpec);
  (munged.containers ?? []).forEach((c, i) => (c.image = oldSpec.containers?.[i]?.image as string));
  (munged.initContainers ?? []).forEach((c, i) => (c.image = oldSpec.initContainers?.[i]?.image as string));
  setOrDelete(munged, 'activeDeadlineSeconds', oldSpec.activeDeadlineSeconds);
  setOrDelete(munged, 'schedulingGates', oldSpec.schedulingGates);
  setOrDelete(munged, 'tolerations', oldSpec.tolerations);
  const oldGrace = oldSpec.terminationGracePeriodSeconds;
  if (oldGrace !== undefined && oldGrace !== null && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldGrace;
  }
  if ((oldSpec.schedulingGates ?? []).length > 0 && !semanticDeepEqual(munged.nodeSelector, oldSpec.nodeSelector)) {
    errs.push(...validateNodeSelectorMutation(specPath.child('nodeSelector'), munged.nodeSelector, oldSpec.nodeSelector));
    setOrDelete(munged, 'nodeSelector', oldSpec.nodeSelector);
  }
  if (!semanticDeepEqual(munged, oldSpec)) {
    const diff = podSpecDiff(oldSpec as unknown as Record<string, unknown>, munged as unknown as Record<string, unknown>);
    errs.push(fieldError.forbidden(specPath, `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${diff}`));
  }
  return errs;
}

function setOrDelete<K extends keyof PodSpec>(spec: PodSpec, key: K, value: PodSpec[K] | undefined): void {
  if (value === undefined) delete spec[key];
  else spec[key] = deepCopy(value);
}

const SYSTEM_CONDITIONS = new Set(['PodScheduled', 'Ready', 'Initialized']);

/** ValidatePodStatusUpdate (minus ObjectMeta). */
export function validatePodStatusUpdate(newPod: Pod, oldPod: Pod): FieldError[] {
  const errs: FieldError[] = [];
  (newPod.status?.conditions ?? []).forEach((c, i) => {
    if (SYSTEM_CONDITIONS.has(c.type)) return;
    // Upstream's path really is metadata.conditions[i].Type.
    errs.push(...validateQualifiedName(c.type ?? '', FieldPath.root('metadata').child('conditions').index(i).child('Type')));
  });
  const statusPath = FieldPath.root('status');
  if ((newPod.spec?.nodeName ?? '') !== (oldPod.spec?.nodeName ?? '')) {
    errs.push(fieldError.forbidden(statusPath.child('nodeName'), 'may not be changed directly'));
  }
  const nominated = newPod.status?.nominatedNodeName ?? '';
  if (nominated !== (oldPod.status?.nominatedNodeName ?? '') && nominated.length > 0) {
    for (const m of nameIsDNSSubdomain(nominated, false)) errs.push(fieldError.invalid(statusPath.child('nominatedNodeName'), nominated, m));
  }
  errs.push(...validateImmutableField(newPod.status?.qosClass ?? '', oldPod.status?.qosClass ?? '', statusPath.child('qosClass')));
  errs.push(...validateContainerStateTransition(newPod, oldPod, 'containerStatuses', oldPod.spec?.restartPolicy ?? ''));
  errs.push(...validateContainerStateTransition(newPod, oldPod, 'initContainerStatuses', oldPod.spec?.restartPolicy ?? ''));
  return errs;
}

/** Terminated containers of a pod that will not restart them may not leave the terminated state. */
function validateContainerStateTransition(newPod: Pod, oldPod: Pod, field: 'containerStatuses' | 'initContainerStatuses', restartPolicy: string): FieldError[] {
  if (restartPolicy === 'Always') return [];
  const errs: FieldError[] = [];
  const path = FieldPath.root('status').child(field);
  const sidecars = new Set((oldPod.spec?.initContainers ?? []).filter((c) => (c as { restartPolicy?: string }).restartPolicy === 'Always').map((c) => c.name));
  (oldPod.status?.[field] ?? []).forEach((old, i) => {
    const terminated = old.state?.terminated;
    if (!terminated) return;
    if (terminated.exitCode !== 0 && restartPolicy === 'OnFailure') return;
    if (field === 'initContainerStatuses' && sidecars.has(old.name)) return;
    for (const n of newPod.status?.[field] ?? []) {
      if (n.name === old.name && !n.state?.terminated) {
        errs.push(fieldError.forbidden(path.index(i).child('state'), 'may not be transitioned to non-terminated state'));
      }
    }
  });
  return errs;
}
