/** CronJob: SetDefaults_CronJob, ValidateCronJobCreate/Update, pkg/registry/batch/cronjob (1.32). */
import type { CronJob, CronJobSpec, JobTemplateSpec } from 'kubernetes-types/batch/v1';
import type { KubeObject } from '../../../api/objects';
import { deepCopy } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { byteLength, goLabelSelector, validateNonnegativeField } from '../../validation';
import { setEmbeddedObjectMetaDefaults, setPodTemplateSpecDefaults } from '../pod/pod-defaults';
import { bumpGenerationIf, keepOldStatus, setGeneration, specChanged, specOf } from '../apps/workload-template';
import { cronScheduleError } from './cron-schedule';
import { validateJobSpecFields } from './job-validation';

const asCronJob = (o: KubeObject): CronJob => o as unknown as CronJob;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
const VALID_TIME_ZONE_CHARACTERS = /^[A-Za-z.\-_0-9+]{1,14}$/;
/** The controller appends `-<11 chars>` to job names, which must stay within 63. */
const MAX_CRONJOB_NAME_LENGTH = 52;

export function setCronJobDefaults(obj: KubeObject): void {
  const spec = specOf<CronJobSpec>(obj);
  if (!spec.concurrencyPolicy) spec.concurrencyPolicy = 'Allow';
  if (spec.suspend === undefined || spec.suspend === null) spec.suspend = false;
  if (spec.successfulJobsHistoryLimit === undefined || spec.successfulJobsHistoryLimit === null) spec.successfulJobsHistoryLimit = 3;
  if (spec.failedJobsHistoryLimit === undefined || spec.failedJobsHistoryLimit === null) spec.failedJobsHistoryLimit = 1;
  const jobTemplate: JobTemplateSpec = (spec.jobTemplate ??= {});
  setEmbeddedObjectMetaDefaults(jobTemplate as Record<string, unknown>);
  const jobSpec = (jobTemplate.spec ??= { template: {} });
  jobSpec.template ??= {};
  // Only the pod template is defaulted: SetDefaults_Job does not apply to a jobTemplate.
  setPodTemplateSpecDefaults(jobSpec.template);
}

function validateScheduleFormat(schedule: string, allowTZ: boolean, timeZone: string | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const parseError = cronScheduleError(schedule);
  if (parseError !== undefined) errs.push(fieldError.invalid(path, schedule, parseError));
  if (allowTZ && schedule.includes('TZ') && timeZone !== undefined) {
    errs.push(fieldError.invalid(path, schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(fieldError.invalid(path, schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

function isKnownTimeZone(tz: string): boolean {
  if (tz === 'UTC') return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function validateTimeZone(tz: string | undefined | null, path: FieldPath): FieldError[] {
  if (tz === undefined || tz === null) return [];
  if (tz.length === 0) return [fieldError.invalid(path, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !VALID_TIME_ZONE_CHARACTERS.test(part)) {
      return [fieldError.invalid(path, tz, `unknown time zone ${tz}`)];
    }
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') errs.push(fieldError.invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  if (!isKnownTimeZone(tz)) errs.push(fieldError.invalid(path, tz, `unknown time zone ${tz}`));
  return errs;
}

function validateCronJobSpec(spec: CronJobSpec | undefined, oldSpec: CronJobSpec | undefined, path: FieldPath): FieldError[] {
  const s = spec ?? ({} as CronJobSpec);
  const errs: FieldError[] = [];
  const schedule = s.schedule ?? '';
  if (schedule.length === 0) errs.push(fieldError.required(path.child('schedule'), ''));
  else errs.push(...validateScheduleFormat(schedule, (oldSpec?.schedule ?? '').includes('TZ'), s.timeZone ?? undefined, path.child('schedule')));
  if (s.startingDeadlineSeconds !== undefined && s.startingDeadlineSeconds !== null) {
    errs.push(...validateNonnegativeField(s.startingDeadlineSeconds, path.child('startingDeadlineSeconds')));
  }
  if (oldSpec === undefined || (oldSpec.timeZone ?? null) !== (s.timeZone ?? null)) errs.push(...validateTimeZone(s.timeZone, path.child('timeZone')));
  const cp = s.concurrencyPolicy ?? '';
  if (cp === '') errs.push(fieldError.required(path.child('concurrencyPolicy'), ''));
  else if (!CONCURRENCY_POLICIES.includes(cp)) errs.push(fieldError.notSupported(path.child('concurrencyPolicy'), cp, CONCURRENCY_POLICIES));
  const jtPath = path.child('jobTemplate');
  const jobSpec = s.jobTemplate?.spec ?? { template: {} };
  errs.push(...validateJobSpecFields(jobSpec, jtPath.child('spec')));
  if (jobSpec.selector) errs.push(fieldError.invalid(jtPath.child('spec', 'selector'), goLabelSelector(jobSpec.selector), '`selector` will be auto-generated'));
  if (jobSpec.manualSelector === true) errs.push(fieldError.notSupported(jtPath.child('spec', 'manualSelector'), true, ['nil', 'false']));
  if (s.successfulJobsHistoryLimit !== undefined && s.successfulJobsHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(s.successfulJobsHistoryLimit, path.child('successfulJobsHistoryLimit')));
  }
  if (s.failedJobsHistoryLimit !== undefined && s.failedJobsHistoryLimit !== null) {
    errs.push(...validateNonnegativeField(s.failedJobsHistoryLimit, path.child('failedJobsHistoryLimit')));
  }
  return errs;
}

export const cronJobStrategy: KindStrategy = {
  defaults: setCronJobDefaults,
  prepareForCreate(obj) {
    obj.status = {};
    setGeneration(obj, 1);
  },
  prepareForUpdate(obj, old) {
    keepOldStatus(obj, old);
    bumpGenerationIf(obj, old, specChanged(obj, old));
  },
  /** ValidateCronJobCreate: the 52-character name limit applies on create only. */
  validate(obj) {
    const errs = validateCronJobSpec(asCronJob(obj).spec, undefined, FieldPath.root('spec'));
    const name = obj.metadata?.name ?? '';
    if (byteLength(name) > MAX_CRONJOB_NAME_LENGTH) {
      errs.push(fieldError.invalid(FieldPath.root('metadata').child('name'), name, `must be no more than ${MAX_CRONJOB_NAME_LENGTH} characters`));
    }
    return errs;
  },
  validateUpdate(obj, old) {
    return validateCronJobSpec(asCronJob(obj).spec, asCronJob(old).spec, FieldPath.root('spec'));
  },
  prepareForStatusUpdate(obj, old) {
    obj.spec = deepCopy(old.spec);
  },
};
