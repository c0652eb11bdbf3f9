/**
 * The CronJob controller (pkg/controller/cronjob, cronjob_controllerv2, 1.32) on the virtual clock. For each
 * CronJob key:
 *  - it reconciles status.active with the Jobs it owns (finished ones leave it with a SawCompletedJob event;
 *    lastSuccessfulTime follows the newest Complete) and trims finished Jobs beyond successfulJobsHistoryLimit /
 *    failedJobsHistoryLimit, oldest first;
 *  - unless suspended, it finds the most recent schedule time since lastScheduleTime (or creation), bounded by
 *    startingDeadlineSeconds; a time already too late is a MissSchedule; Forbid skips while a Job is active
 *    (JobAlreadyActive), Replace deletes the active ones first;
 *  - it creates the Job `<cronjob>-<scheduled time in Unix minutes>` from jobTemplate with the
 *    `batch.kubernetes.io/cronjob-scheduled-timestamp` annotation and a ControllerRef, and records it in
 *    status.active and lastScheduleTime;
 *  - it requeues itself 100 ms after the next schedule time, as upstream does against clock skew.
 * Schedules are evaluated in UTC; spec.timeZone other than UTC is not modelled.
 */
import type { CronJob, CronJobStatus, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../api/objects';
import { rfc3339, type Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { parseCronSchedule, type CronSchedule } from './cron-job/cron-schedule';
import { JOBS } from './job-controller';
import { controllerRefOf, newControllerRef } from './replica-set/controller-ref-manager';

const CRONJOBS: ResourceRef = { group: 'batch', version: 'v1', resource: 'cronjobs' };
const SCHEDULED_TIMESTAMP = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
/** nextScheduleTimeDuration's margin against clock skew. */
const REQUEUE_SKEW_MS = 100;
/** mostRecentScheduleTime gives up counting after this many missed start times. */
const TOO_MANY_MISSED = 100;

type CronJobObject = CronJob & KubeObject;
type JobObject = Job & KubeObject;

function finishedType(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

export class CronJobController implements Reconciler {
  readonly name = 'cronjob-controller';
  readonly loop: ControllerLoop;
  private readonly recorder: LegacyEventRecorder;

  constructor(
    private readonly client: ApiClient,
    private readonly cronJobs: Informer,
    private readonly jobs: Informer,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    this.recorder = new LegacyEventRecorder(client, clock, 'cronjob-controller');
    cronJobs.addHandlers({ onAdd: (c) => this.loop.queue.add(objectKey(c)), onUpdate: (_o, c) => this.loop.queue.add(objectKey(c)) });
    const jobChanged = (j: KubeObject) => {
      const ref = controllerRefOf(j);
      if (ref?.kind === 'CronJob') this.loop.queue.add(`${j.metadata?.namespace}/${ref.name}`);
    };
    jobs.addHandlers({ onAdd: jobChanged, onUpdate: (_o, j) => jobChanged(j), onDelete: jobChanged });
  }

  private target(cj: CronJobObject) {
    return referenceTo({ ...cj, apiVersion: 'batch/v1', kind: 'CronJob' });
  }

  async reconcile(key: string): Promise<void> {
    const cached = this.cronJobs.get(key) as CronJobObject | undefined;
    if (!cached) return;
    const cj = deepCopy(cached) as CronJobObject;
    const now = this.clock.now();
    const owned = (this.jobs.list(cj.metadata?.namespace) as JobObject[]).filter((j) => controllerRefOf(j)?.uid === cj.metadata?.uid);
    const status: CronJobStatus = deepCopy(cj.status ?? {});
    this.reconcileActive(cj, status, owned);
    await this.cleanupFinishedJobs(cj, owned);

    if (cj.metadata?.deletionTimestamp || cj.spec?.suspend) return this.writeStatus(cj, status);
    let schedule: CronSchedule;
    try {
      schedule = parseCronSchedule(cj.spec?.schedule ?? '');
    } catch (err) {
      void this.recorder.event(this.target(cj), 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${(err as Error).message}`);
      return this.writeStatus(cj, status);
    }
    const scheduled = this.mostRecentScheduleTime(cj, status, schedule, now);
    this.requeueAtNext(key, schedule, now);
    if (scheduled === undefined) return this.writeStatus(cj, status);

    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduled + deadline * 1000 < now) {
      void this.recorder.event(this.target(cj), 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc3339(scheduled)}`);
      return this.writeStatus(cj, status);
    }
    const jobName = `${cj.metadata?.name}-${Math.floor(scheduled / 60_000)}`;
    if ((status.active ?? []).some((r) => r.name === jobName)) return this.writeStatus(cj, status);
    const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && (status.active ?? []).length > 0) {
      void this.recorder.event(this.target(cj), 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return this.writeStatus(cj, status);
    }
    if (policy === 'Replace') {
      for (const ref of status.active ?? []) {
        await this.deleteJob(cj, ref.namespace ?? cj.metadata?.namespace ?? '', ref.name ?? '');
      }
      status.active = [];
    }
    const created = await this.createJob(cj, jobName, scheduled);
    if (created) {
      status.active = [...(status.active ?? []), jobReference(created)];
    }
    status.lastScheduleTime = rfc3339(scheduled);
    await this.writeStatus(cj, status);
  }

  /** syncCronJob's first half: active references for Jobs that still run, events for those that finished. */
  private reconcileActive(cj: CronJobObject, status: CronJobStatus, owned: JobObject[]): void {
    const byUid = new Map(owned.map((j) => [j.metadata?.uid, j]));
    const active: ObjectReference[] = [];
    for (const ref of status.active ?? []) {
      const job = byUid.get(ref.uid);
      if (!job) continue; // deleted: upstream drops it (with a debug log)
      const done = finishedType(job);
      if (done) {
        void this.recorder.event(this.target(cj), 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata?.name}, condition: ${done}`);
        if (done === 'Complete' && job.status?.completionTime) {
          const last = status.lastSuccessfulTime ? Date.parse(status.lastSuccessfulTime) : 0;
          if (Date.parse(job.status.completionTime) > last) status.lastSuccessfulTime = job.status.completionTime;
        }
        continue;
      }
      active.push(ref);
    }
    // Jobs this CronJob owns that run but are missing from the list (e.g. created just before a crash).
    for (const job of owned) {
      if (!finishedType(job) && !active.some((r) => r.uid === job.metadata?.uid)) active.push(jobReference(job));
    }
    if (active.length > 0) status.active = active;
    else delete status.active;
  }

  /** cleanupFinishedJobs: keep the newest N successful and M failed Jobs, by start time. */
  private async cleanupFinishedJobs(cj: CronJobObject, owned: JobObject[]): Promise<void> {
    const byStart = (a: JobObject, b: JobObject) => String(a.status?.startTime ?? a.metadata?.creationTimestamp).localeCompare(String(b.status?.startTime ?? b.metadata?.creationTimestamp));
    const limits = { Complete: cj.spec?.successfulJobsHistoryLimit ?? 3, Failed: cj.spec?.failedJobsHistoryLimit ?? 1 };
    for (const type of ['Complete', 'Failed'] as const) {
      const finished = owned.filter((j) => finishedType(j) === type && !j.metadata?.deletionTimestamp).sort(byStart);
      const excess = finished.length - limits[type];
      for (const job of finished.slice(0, Math.max(0, excess))) await this.deleteJob(cj, job.metadata?.namespace ?? '', job.metadata?.name ?? '');
    }
  }

  /** mostRecentScheduleTime: the latest activation in (earliest, now], earliest bounded by startingDeadlineSeconds. */
  private mostRecentScheduleTime(cj: CronJobObject, status: CronJobStatus, schedule: CronSchedule, now: number): number | undefined {
    let earliest = status.lastScheduleTime ? Date.parse(status.lastScheduleTime) : Date.parse(cj.metadata?.creationTimestamp ?? '') || now;
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null) earliest = Math.max(earliest, now - deadline * 1000);
    let latest: number | undefined;
    let missed = 0;
    for (let t = schedule.next(earliest); t !== undefined && t <= now; t = schedule.next(t)) {
      latest = t;
      if (++missed > TOO_MANY_MISSED) {
        void this.recorder.event(this.target(cj), 'Warning', 'TooManyMissedTimes', `too many missed start times: ${missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
        // Upstream still starts the most recent one: jump to it directly.
        let probe = t;
        for (let n = schedule.next(probe); n !== undefined && n <= now; n = schedule.next(n)) probe = n;
        return probe;
      }
    }
    return latest;
  }

  private requeueAtNext(key: string, schedule: CronSchedule, now: number): void {
    const next = schedule.next(now);
    if (next !== undefined) this.loop.queue.addAfter(key, next - now + REQUEUE_SKEW_MS);
  }

  /** getJobFromTemplate2 + create: the Job for one scheduled time. */
  private async createJob(cj: CronJobObject, name: string, scheduled: number): Promise<JobObject | undefined> {
    const template = cj.spec?.jobTemplate ?? { spec: { template: {} } };
    const annotations = { ...(template.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP]: rfc3339(scheduled) };
    const metadata: NonNullable<KubeObject['metadata']> = {
      name,
      namespace: cj.metadata?.namespace,
      annotations,
      ownerReferences: [newControllerRef(cj, 'batch/v1', 'CronJob')],
    };
    if (template.metadata?.labels) metadata.labels = { ...template.metadata.labels };
    const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: deepCopy(template.spec ?? { template: {} }) };
    try {
      const created = (await this.client.create({ ...JOBS, namespace: cj.metadata?.namespace }, job)) as JobObject;
      void this.recorder.event(this.target(cj), 'Normal', 'SuccessfulCreate', `Created job ${name}`);
      return created;
    } catch (err) {
      if ((err as { code?: number }).code === 409) return undefined; // created by an earlier sync; the next one adopts it
      void this.recorder.event(this.target(cj), 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`);
      throw err;
    }
  }

  private async deleteJob(cj: CronJobObject, namespace: string, name: string): Promise<void> {
    try {
      await this.client.delete({ ...JOBS, namespace, name }, { propagationPolicy: 'Background' });
      void this.recorder.event(this.target(cj), 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
    } catch (err) {
      if ((err as { code?: number }).code !== 404) {
        void this.recorder.event(this.target(cj), 'Warning', 'FailedDelete', `Deleted job: ${(err as Error).message}`);
        throw err;
      }
    }
  }

  private async writeStatus(cj: CronJobObject, status: CronJobStatus): Promise<void> {
    if (JSON.stringify(status) === JSON.stringify(cj.status ?? {})) return;
    await this.client.update({ ...CRONJOBS, namespace: cj.metadata?.namespace, name: cj.metadata?.name, subresource: 'status' }, { ...cj, status });
  }
}

function jobReference(job: JobObject): ObjectReference {
  return { kind: 'Job', namespace: job.metadata?.namespace, name: job.metadata?.name, uid: job.metadata?.uid, apiVersion: 'batch/v1', resourceVersion: job.metadata?.resourceVersion };
}

export const cronJobControllerDescriptor: ControllerDescriptor = {
  name: 'cronjob',
  create: (ctx: ControllerContext) => {
    const c = new CronJobController(ctx.client, ctx.informer(CRONJOBS), ctx.informer(JOBS), ctx.clock, ctx.logger);
    return { start: () => c.loop.start(), dispose: () => c.loop.dispose() };
  },
};
