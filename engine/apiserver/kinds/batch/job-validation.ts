/** Job spec checks from pkg/apis/batch/validation (1.32), shared by Job and CronJob's jobTemplate. */
import type { JobSpec } from 'kubernetes-types/batch/v1';
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import { validateNonnegativeField } from '../../validation';
import { validatePodTemplateSpec } from '../pod/pod-spec-validation';

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100000;
const POD_REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];

function nonnegative(value: number | undefined | null, path: FieldPath): FieldError[] {
  return value === undefined || value === null ? [] : validateNonnegativeField(value, path);
}

/** validateJobSpec: counts, completion mode, replacement policy, pod template and the restartPolicy rule. */
export function validateJobSpecFields(spec: JobSpec, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonnegative(spec.parallelism, path.child('parallelism')));
  errs.push(...nonnegative(spec.completions, path.child('completions')));
  errs.push(...nonnegative(spec.activeDeadlineSeconds, path.child('activeDeadlineSeconds')));
  errs.push(...nonnegative(spec.backoffLimit, path.child('backoffLimit')));
  errs.push(...nonnegative(spec.ttlSecondsAfterFinished, path.child('ttlSecondsAfterFinished')));
  const mode = spec.completionMode;
  if (mode !== undefined && mode !== null) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(fieldError.notSupported(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (spec.completions === undefined || spec.completions === null) errs.push(fieldError.required(path.child('completions'), 'when completion mode is Indexed'));
      if ((spec.parallelism ?? 0) > MAX_PARALLELISM_FOR_INDEXED_JOB) {
        errs.push(fieldError.invalid(path.child('parallelism'), spec.parallelism, `must be less than or equal to ${MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed`));
      }
    }
  }
  const rp = spec.podReplacementPolicy;
  if (rp !== undefined && rp !== null) {
    if (spec.podFailurePolicy) {
      if (rp !== 'Failed') errs.push(fieldError.notSupported(path.child('podReplacementPolicy'), rp, ['Failed']));
    } else if (!POD_REPLACEMENT_POLICIES.includes(rp)) {
      errs.push(fieldError.notSupported(path.child('podReplacementPolicy'), rp, POD_REPLACEMENT_POLICIES));
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template, path.child('template')));
  const restartPolicy = spec.template?.spec?.restartPolicy ?? '';
  const rpPath = path.child('template', 'spec', 'restartPolicy');
  if (restartPolicy === 'Always' || restartPolicy === '') errs.push(fieldError.required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never') errs.push(fieldError.notSupported(rpPath, restartPolicy, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && restartPolicy !== 'Never') errs.push(fieldError.invalid(rpPath, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}
