/**
 * Job: batch/v1 SetDefaults_Job, pkg/apis/batch/validation (ValidateJob / ValidateJobUpdate) and
 * pkg/registry/batch/job/strategy.go (1.32), including the generated selector and template labels.
 *
 * Contract with the registry: metadata.uid is set before prepareForCreate (upstream fills system fields
 * first), because the generated selector is built from it.
 */
import type { Job, JobSpec } from 'kubernetes-types/batch/v1';
import type { KubeObject } from '../../../api/objects';
import { deepCopy } from '../../../api/objects';
import { fieldError, FieldPath, GoValue, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { FIELD_IMMUTABLE_ERROR_MSG, goLabelSelector, goStringMap, isDNS1123Label, semanticDeepEqual, validateImmutableField, validateLabelSelector, validateNonnegativeField } from '../../validation';
import { setPodTemplateSpecDefaults } from '../pod/pod-defaults';
import { keepOldStatus, selectorForMatching, selectorMismatch, specOf, bumpGenerationIf, setGeneration, specChanged, validateImmutableSelector } from '../apps/workload-template';
import { validateJobSpecFields } from './job-validation';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';
const MAX_INT32 = 2147483647;

const asJob = (o: KubeObject): Job => o as unknown as Job;

export function setJobDefaults(obj: KubeObject): void {
  const spec = specOf<JobSpec>(obj);
  const unset = (v: unknown): boolean => v === undefined || v === null;
  if (unset(spec.completions) && unset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (unset(spec.parallelism)) spec.parallelism = 1;
  if (unset(spec.backoffLimit)) spec.backoffLimit = unset(spec.backoffLimitPerIndex) ? 6 : MAX_INT32;
  spec.template ??= {};
  const templateLabels = spec.template.metadata?.labels;
  const meta = (obj.metadata ??= {});
  if (templateLabels && Object.keys(meta.labels ?? {}).length === 0) meta.labels = deepCopy(templateLabels);
  if (unset(spec.completionMode)) spec.completionMode = 'NonIndexed';
  if (unset(spec.suspend)) spec.suspend = false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const p of rule.onPodConditions ?? []) if (!p.status) p.status = 'True';
  if (unset(spec.podReplacementPolicy)) spec.podReplacementPolicy = spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  if (unset(spec.manualSelector)) spec.manualSelector = false;
  setPodTemplateSpecDefaults(spec.template);
}

/** generateSelector: job-name and controller-uid labels (legacy and prefixed) and a controller-uid selector. */
function generateSelector(job: Job): void {
  const spec = (job.spec ??= { template: {} });
  const meta = (spec.template.metadata ??= {});
  const labels = (meta.labels ??= {});
  const name = job.metadata?.name ?? '';
  const uid = job.metadata?.uid ?? '';
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = name;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) if (!(key in labels)) labels[key] = uid;
  const selector = (spec.selector ??= {});
  const matchLabels = (selector.matchLabels ??= {});
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = uid;
}

function validateHasLabel(labels: Record<string, string> | undefined, path: FieldPath, key: string, expected: string): FieldError[] {
  const actual = labels?.[key];
  if (actual === undefined) return [fieldError.required(path.child('labels').key(key), expected)];
  if (actual !== expected) return [fieldError.invalid(path.child('labels').key(key), new GoValue(goStringMap(labels)), `must be '${expected}'`)];
  return [];
}

function validateGeneratedSelector(job: Job, requirePrefixedLabels: boolean): FieldError[] {
  const spec = job.spec;
  if (!spec || spec.manualSelector === true) return [];
  const labels = spec.template?.metadata?.labels;
  if (labels === undefined) return [];
  const errs: FieldError[] = [];
  const uid = job.metadata?.uid ?? '';
  const name = job.metadata?.name ?? '';
  if (uid === '') errs.push(fieldError.required(FieldPath.root('metadata').child('uid'), ''));
  const tPath = FieldPath.root('spec').child('template', 'metadata');
  errs.push(...validateHasLabel(labels, tPath, LEGACY_CONTROLLER_UID_LABEL, uid));
  errs.push(...validateHasLabel(labels, tPath, LEGACY_JOB_NAME_LABEL, name));
  const expected: Record<string, string> = {};
  if (requirePrefixedLabels) {
    errs.push(...validateHasLabel(labels, tPath, CONTROLLER_UID_LABEL, uid));
    errs.push(...validateHasLabel(labels, tPath, JOB_NAME_LABEL, name));
    expected[CONTROLLER_UID_LABEL] = uid;
  } else {
    expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  }
  if (!semanticDeepEqual(spec.selector, { matchLabels: expected })) {
    errs.push(fieldError.invalid(FieldPath.root('spec').child('selector'), goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return errs;
}

/** ValidateJobSpec: validateJobSpec plus the selector (required, valid, matching the template). */
function validateJobSpec(spec: JobSpec | undefined, path: FieldPath): FieldError[] {
  const s = spec ?? ({ template: {} } as JobSpec);
  const errs = validateJobSpecFields(s, path);
  if (!s.selector) errs.push(fieldError.required(path.child('selector'), ''));
  else errs.push(...validateLabelSelector(s.selector, path.child('selector')));
  const selector = selectorForMatching(s.selector, path.child('selector'));
  if (selector !== 'invalid') errs.push(...selectorMismatch(selector, s.template, path.child('template')));
  return errs;
}

/** ValidateJob (minus ObjectMeta, plus the Indexed-job hostname check on metadata.name). */
function validateJob(job: Job, requirePrefixedLabels: boolean): FieldError[] {
  const errs = validateGeneratedSelector(job, requirePrefixedLabels);
  errs.push(...validateJobSpec(job.spec, FieldPath.root('spec')));
  const completions = job.spec?.completions;
  if (job.spec?.completionMode === 'Indexed' && completions !== undefined && completions !== null && completions > 0) {
    const hostname = `${job.metadata?.name ?? ''}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(fieldError.invalid(FieldPath.root('metadata').child('name'), job.metadata?.name ?? '', `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

/** The template may change only in its scheduling directives, and only while suspended and never started. */
function validatePodTemplateUpdate(spec: JobSpec, oldSpec: JobSpec, allowSchedulingDirectives: boolean, path: FieldPath): FieldError[] {
  const template = spec.template ?? {};
  const oldTemplate = deepCopy(oldSpec.template ?? {});
  if (allowSchedulingDirectives) {
    const ts = template.spec ?? { containers: [] };
    const os = (oldTemplate.spec ??= { containers: [] });
    if (!ts.affinity && os.affinity) {
      delete os.affinity.nodeAffinity;
      if (Object.keys(os.affinity).length === 0) delete os.affinity;
    } else if (ts.affinity && !os.affinity) {
      os.affinity = ts.affinity.nodeAffinity ? { nodeAffinity: ts.affinity.nodeAffinity } : {};
    } else if (ts.affinity && os.affinity) {
      if (ts.affinity.nodeAffinity) os.affinity.nodeAffinity = ts.affinity.nodeAffinity;
      else delete os.affinity.nodeAffinity;
    }
    os.nodeSelector = ts.nodeSelector;
    os.tolerations = ts.tolerations;
    os.schedulingGates = ts.schedulingGates;
    const om = (oldTemplate.metadata ??= {});
    om.annotations = template.metadata?.annotations;
    om.labels = template.metadata?.labels;
  }
  if (semanticDeepEqual(template, oldTemplate)) return [];
  // Upstream prints the whole core.PodTemplateSpec with %#v; that Go rendering is abbreviated here.
  return [fieldError.invalid(path.child('template'), new GoValue('core.PodTemplateSpec{...}'), FIELD_IMMUTABLE_ERROR_MSG)];
}

/** ValidateJobSpecUpdate (ElasticIndexedJob is on in 1.32: Indexed jobs may scale completions with parallelism). */
function validateJobSpecUpdate(job: Job, old: Job, allowSchedulingDirectives: boolean): FieldError[] {
  const path = FieldPath.root('spec');
  const spec = job.spec ?? ({ template: {} } as JobSpec);
  const oldSpec = old.spec ?? ({ template: {} } as JobSpec);
  const errs = validateJobSpec(spec, path);
  if (spec.completionMode === 'Indexed') {
    if (!semanticDeepEqual(spec.completions, oldSpec.completions) && spec.completions !== undefined && spec.completions !== null && spec.completions !== spec.parallelism) {
      errs.push(fieldError.invalid(path.child('completions'), spec.completions, 'can only be modified in tandem with spec.parallelism'));
    }
  } else {
    errs.push(...validateImmutableField(spec.completions, oldSpec.completions, path.child('completions')));
  }
  errs.push(...validateImmutableSelector(spec.selector, oldSpec.selector, path.child('selector')));
  errs.push(...validatePodTemplateUpdate(spec, oldSpec, allowSchedulingDirectives, path));
  errs.push(...validateImmutableField(spec.completionMode, oldSpec.completionMode, path.child('completionMode')));
  errs.push(...validateImmutableField(spec.podFailurePolicy, oldSpec.podFailurePolicy, path.child('podFailurePolicy')));
  errs.push(...validateImmutableField(spec.backoffLimitPerIndex, oldSpec.backoffLimitPerIndex, path.child('backoffLimitPerIndex')));
  errs.push(...validateImmutableField(spec.managedBy, oldSpec.managedBy, path.child('managedBy')));
  errs.push(...validateImmutableField(spec.successPolicy, oldSpec.successPolicy, path.child('successPolicy')));
  return errs;
}

export const jobStrategy: KindStrategy = {
  defaults: setJobDefaults,
  prepareForCreate(obj) {
    const job = asJob(obj);
    if (job.spec?.manualSelector !== true) generateSelector(job);
    // Upstream's SetDefaults_Job copies template labels onto an unlabelled Job every time the object is
    // decoded (including the read-back after create), so the generated labels always show on the Job.
    const meta = (obj.metadata ??= {});
    const templateLabels = job.spec?.template?.metadata?.labels;
    if (templateLabels && Object.keys(meta.labels ?? {}).length === 0) meta.labels = deepCopy(templateLabels);
    obj.status = {};
    setGeneration(obj, 1);
  },
  prepareForUpdate(obj, old) {
    keepOldStatus(obj, old);
    bumpGenerationIf(obj, old, specChanged(obj, old));
  },
  validate(obj) {
    return validateJob(asJob(obj), true);
  },
  /** Upstream runs ValidateJob and ValidateJobUpdate, so spec errors appear twice in the causes (once in the message). */
  validateUpdate(obj, old) {
    const job = asJob(obj);
    const oldJob = asJob(old);
    const oldLabels = oldJob.spec?.template?.metadata?.labels ?? {};
    const requirePrefixed = JOB_NAME_LABEL in oldLabels && CONTROLLER_UID_LABEL in oldLabels;
    const allowSchedulingDirectives = oldJob.spec?.suspend === true && !oldJob.status?.startTime;
    return [...validateJob(job, requirePrefixed), ...validateJobSpecUpdate(job, oldJob, allowSchedulingDirectives)];
  },
  prepareForStatusUpdate(obj, old) {
    obj.spec = deepCopy(old.spec);
  },
  validateStatusUpdate(obj) {
    const status = (obj.status ?? {}) as Record<string, unknown>;
    const path = FieldPath.root('status');
    const errs: FieldError[] = [];
    for (const f of ['active', 'succeeded', 'failed', 'ready', 'terminating'] as const) {
      const v = status[f];
      if (typeof v === 'number') errs.push(...validateNonnegativeField(v, path.child(f)));
    }
    return errs;
  },
};
