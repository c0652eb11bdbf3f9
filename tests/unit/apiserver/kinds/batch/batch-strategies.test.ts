// Expected values come from upstream 1.32 (batch/v1 defaults.go, batch validation, job strategy).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workloadStrategies } from '../../../../../engine/apiserver/kinds/workload-strategies';
import { cronScheduleError } from '../../../../../engine/apiserver/kinds/batch/cron-schedule';
import { fieldErrorMessage } from '../../../../../engine/apiserver/errors';
import type { KubeObject } from '../../../../../engine/api/objects';
import type { KindStrategy } from '../../../../../engine/apiserver/registry/strategy';

const ctx = { now: 0, subresource: '' };
const job = workloadStrategies['batch/Job'] as KindStrategy;
const cronJob = workloadStrategies['batch/CronJob'] as KindStrategy;
const UID = '5b8c9a2e-1f3d-4e6a-9b7c-0d1e2f3a4b5c';

function createJob(manifest: string): { obj: KubeObject; errors: string[] } {
  const obj = parse(manifest) as KubeObject;
  job.defaults?.(obj);
  (obj.metadata as Record<string, unknown>).uid = UID;
  job.prepareForCreate?.(obj, ctx);
  return { obj, errors: (job.validate?.(obj, ctx) ?? []).map(fieldErrorMessage) };
}

const pi = `
apiVersion: batch/v1
kind: Job
metadata: {name: pi, namespace: default}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: pi, image: "perl:5.34"}]
`;

describe('Job', () => {
  it('defaults, generated selector and labels', () => {
    const { obj, errors } = createJob(pi);
    expect(errors).toEqual([]);
    const labels = {
      'batch.kubernetes.io/controller-uid': UID,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': UID,
      'job-name': 'pi',
    };
    const spec = obj.spec as Record<string, any>;
    expect({ ...spec, template: undefined }).toEqual({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
      suspend: false,
      template: undefined,
    });
    expect(spec.template.metadata).toEqual({ creationTimestamp: null, labels });
    expect(obj.metadata?.labels).toEqual(labels);
    expect(obj.metadata?.generation).toBe(1);
    expect(obj.status).toEqual({});
  });

  it('parallelism alone leaves completions unset', () => {
    const { obj } = createJob(pi.replace('spec:\n  template', 'spec:\n  parallelism: 3\n  template'));
    expect((obj.spec as Record<string, unknown>).completions).toBeUndefined();
    expect((obj.spec as Record<string, unknown>).parallelism).toBe(3);
  });

  it('restartPolicy Always (or defaulted) is rejected with the upstream message', () => {
    const { errors } = createJob(pi.replace('      restartPolicy: Never\n', ''));
    expect(errors).toEqual(['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"']);
  });

  it('the pod template is immutable', () => {
    const { obj } = createJob(pi);
    const next = structuredClone(obj);
    (next.spec as Record<string, any>).template.spec.containers[0].image = 'perl:5.36';
    job.prepareForUpdate?.(next, obj, ctx);
    expect((job.validateUpdate?.(next, obj, ctx) ?? []).map(fieldErrorMessage)).toEqual(['spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable']);
  });
});

describe('CronJob', () => {
  const hello = `
apiVersion: batch/v1
kind: CronJob
metadata: {name: hello, namespace: default}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: hello, image: busybox}]
`;
  const createCron = (manifest: string): { obj: KubeObject; errors: string[] } => {
    const obj = parse(manifest) as KubeObject;
    cronJob.defaults?.(obj);
    cronJob.prepareForCreate?.(obj, ctx);
    return { obj, errors: (cronJob.validate?.(obj, ctx) ?? []).map(fieldErrorMessage) };
  };

  it('defaults', () => {
    const { obj, errors } = createCron(hello);
    expect(errors).toEqual([]);
    const spec = obj.spec as Record<string, any>;
    expect(spec.concurrencyPolicy).toBe('Allow');
    expect(spec.suspend).toBe(false);
    expect(spec.successfulJobsHistoryLimit).toBe(3);
    expect(spec.failedJobsHistoryLimit).toBe(1);
    expect(spec.jobTemplate.metadata).toEqual({ creationTimestamp: null });
    // SetDefaults_Job does not apply inside a jobTemplate.
    expect(spec.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(spec.jobTemplate.spec.template.metadata).toEqual({ creationTimestamp: null });
  });

  it('bad schedule carries robfig/cron text', () => {
    const { errors } = createCron(hello.replace('"*/5 * * * *"', '"* * * *"'));
    expect(errors).toEqual(['spec.schedule: Invalid value: "* * * *": expected exactly 5 fields, found 4: [* * * *]']);
  });

  it('cron parser messages', () => {
    expect(cronScheduleError('@daily')).toBeUndefined();
    expect(cronScheduleError('0 0 * * MON-FRI')).toBeUndefined();
    expect(cronScheduleError('60 * * * *')).toBe('end of range (60) above maximum (59): 60');
    expect(cronScheduleError('* * 0 * *')).toBe('beginning of range (0) below minimum (1): 0');
    expect(cronScheduleError('x * * * *')).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(cronScheduleError('@sometimes')).toBe('unrecognized descriptor: @sometimes');
  });

  it('name longer than 52 characters', () => {
    const long = 'a'.repeat(53);
    const { errors } = createCron(hello.replace('name: hello', `name: ${long}`));
    expect(errors).toEqual([`metadata.name: Invalid value: "${long}": must be no more than 52 characters`]);
  });
});
