/**
 * The Job controller (pkg/controller/job, 1.32, with JobPodReplacementPolicy and JobSuccessPolicy on as they are
 * by default). For each Job key:
 *  - pods are tracked with the `batch.kubernetes.io/job-tracking` finalizer: a pod that finished (or vanished)
 *    is first recorded in status.uncountedTerminatedPods, then its finalizer is removed, then it moves into
 *    status.succeeded / status.failed — so no pod is counted twice or lost when it is deleted;
 *  - success: `completions` pods succeeded (Indexed: every index in 0…completions-1 has a success, listed in
 *    status.completedIndexes); failure: more failures than `backoffLimit`, or longer active than
 *    `activeDeadlineSeconds`. Either first adds the interim condition (SuccessCriteriaMet / FailureTarget) and
 *    removes the remaining pods; the terminal one (Complete / Failed) follows once no pod is left running or
 *    terminating, with completionTime for Complete;
 *  - otherwise it keeps min(parallelism, completions − succeeded) pods active (Indexed: one per pending index,
 *    at most parallelism), creating replacements for failed pods only after the pod-failure backoff
 *    (10 s doubling, capped at 10 min) since the last failure;
 *  - status carries active, ready, terminating, startTime and the conditions, and events use upstream's texts.
 */
import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../api/objects';
import { rfc3339, type Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { formatIndexes, parseIndexes } from './job/completion-indexes';
import { completionIndexOf, JOB_TRACKING_FINALIZER, podForJob } from './job/job-pod-template';
import { ControllerExpectations } from './replica-set/controller-expectations';
import { controllerRefOf } from './replica-set/controller-ref-manager';
import { isPodReady } from './replica-set/pod-availability';

export const JOBS: ResourceRef = { group: 'batch', version: 'v1', resource: 'jobs' };
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
const POD_FAILURE_BACKOFF_MS = 10_000;
const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

const COMPLETIONS_REACHED = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
const BACKOFF_LIMIT_EXCEEDED = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
const DEADLINE_EXCEEDED = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };

type JobObject = Job & KubeObject;

const isTerminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const hasCondition = (job: Job, type: string) => (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
export const isJobFinished = (job: Job) => hasCondition(job, 'Complete') || hasCondition(job, 'Failed');

/** Per job: failures since the last success and when the last one was counted (upstream's backoffRecordStore). */
interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureMs: number;
}

export class JobController implements Reconciler {
  readonly name = 'job-controller';
  readonly loop: ControllerLoop;
  private readonly expectations: ControllerExpectations;
  private readonly recorder: LegacyEventRecorder;
  private readonly backoff = new Map<string, BackoffRecord>();

  constructor(
    private readonly client: ApiClient,
    private readonly jobs: Informer,
    private readonly pods: Informer,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger, 5);
    this.expectations = new ControllerExpectations(clock);
    this.recorder = new LegacyEventRecorder(client, clock, 'job-controller');
    jobs.addHandlers({
      onAdd: (j) => this.loop.queue.add(objectKey(j)),
      onUpdate: (_o, j) => this.loop.queue.add(objectKey(j)),
      onDelete: (j) => {
        this.expectations.delete(objectKey(j));
        this.backoff.delete(objectKey(j));
      },
    });
    pods.addHandlers({
      onAdd: (p) => this.podChanged(p, 'add'),
      onUpdate: (_o, p) => this.podChanged(p, p.metadata?.deletionTimestamp ? 'delete' : 'update'),
      onDelete: (p) => this.podChanged(p, 'delete'),
    });
  }

  start(): void {
    this.loop.start();
  }

  dispose(): void {
    this.loop.dispose();
  }

  private ownerKey(pod: KubeObject): string | undefined {
    const ref = controllerRefOf(pod);
    if (!ref || ref.kind !== 'Job') return undefined;
    const key = `${pod.metadata?.namespace}/${ref.name}`;
    return this.jobs.get(key)?.metadata?.uid === ref.uid ? key : undefined;
  }

  private podChanged(pod: KubeObject, how: 'add' | 'update' | 'delete'): void {
    const key = this.ownerKey(pod);
    if (!key) return;
    if (how === 'add') this.expectations.creationObserved(key);
    if (how === 'delete') this.expectations.deletionObserved(key, objectKey(pod));
    this.loop.queue.add(key);
  }

  private eventTarget(job: JobObject) {
    return referenceTo({ ...job, apiVersion: 'batch/v1', kind: 'Job' });
  }

  async reconcile(key: string): Promise<void> {
    const cached = this.jobs.get(key) as JobObject | undefined;
    if (!cached) return;
    // A private copy: listers hand out frozen objects, and this sync advances its copy after each status write.
    const job = deepCopy(cached) as JobObject;
    const uid = job.metadata?.uid;
    const pods = (this.pods.list(job.metadata?.namespace) as Pod[]).filter((p) => controllerRefOf(p as KubeObject)?.uid === uid);
    if (isJobFinished(job)) {
      await this.removeTrackingFinalizers(pods.filter((p) => p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)));
      return;
    }
    const now = this.clock.now();
    let status: JobStatus = deepCopy(job.status ?? {});
    const suspended = job.spec?.suspend === true;
    if (!status.startTime && !suspended) status.startTime = rfc3339(now);

    status = await this.trackFinishedPods(key, job, pods, status);
    const completions = job.spec?.completions ?? undefined;
    const indexed = job.spec?.completionMode === 'Indexed';
    const active = pods.filter((p) => !isTerminal(p) && !p.metadata?.deletionTimestamp);
    const terminating = pods.filter((p) => !isTerminal(p) && p.metadata?.deletionTimestamp);
    const succeeded = status.succeeded ?? 0;
    const failed = status.failed ?? 0;
    const completedIndexes = indexed ? parseIndexes(status.completedIndexes, completions ?? 0) : new Set<number>();

    // The interim condition, once reached, stays until the terminal one replaces nothing: both remain.
    let interim = (status.conditions ?? []).find((c) => (c.type === 'SuccessCriteriaMet' || c.type === 'FailureTarget') && c.status === 'True');
    if (!interim) {
      const startMs = status.startTime ? Date.parse(status.startTime) : now;
      const deadline = job.spec?.activeDeadlineSeconds;
      let reached: { type: string; reason: string; message: string } | undefined;
      if (failed > (job.spec?.backoffLimit ?? 6)) reached = { type: 'FailureTarget', ...BACKOFF_LIMIT_EXCEEDED };
      else if (deadline !== undefined && deadline !== null && !suspended && now - startMs >= deadline * 1000) reached = { type: 'FailureTarget', ...DEADLINE_EXCEEDED };
      else if (indexed ? completedIndexes.size >= (completions ?? 0) : completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) {
        reached = { type: 'SuccessCriteriaMet', ...COMPLETIONS_REACHED };
      }
      if (reached) {
        interim = condition(reached.type, reached.reason, reached.message, now);
        status.conditions = [...(status.conditions ?? []), interim];
      } else if (deadline !== undefined && deadline !== null && !suspended) {
        this.loop.queue.addAfter(key, Math.max(0, startMs + deadline * 1000 - now));
      }
    }

    let activeCount = active.length;
    if (interim) {
      // Finishing: whatever still runs is removed; the terminal condition waits for every pod to be gone.
      await this.deletePods(key, job, active);
      activeCount = 0;
      if (active.length === 0 && terminating.length === 0 && !hasUncounted(status)) {
        const terminalType = interim.type === 'SuccessCriteriaMet' ? 'Complete' : 'Failed';
        status.conditions = [...(status.conditions ?? []), condition(terminalType, interim.reason ?? '', interim.message ?? '', now)];
        if (terminalType === 'Complete') {
          status.completionTime = rfc3339(now);
          void this.recorder.event(this.eventTarget(job), 'Normal', 'Completed', 'Job completed');
        } else {
          void this.recorder.event(this.eventTarget(job), 'Warning', interim.reason ?? '', interim.message ?? '');
        }
      }
    } else if (suspended) {
      await this.deletePods(key, job, active);
      activeCount = 0;
    } else if (this.expectations.satisfied(key)) {
      activeCount = await this.manageActive(key, job, active, succeeded, completedIndexes);
    }

    status.active = activeCount;
    status.ready = active.filter(isPodReady).length;
    status.terminating = terminating.length;
    status.uncountedTerminatedPods ??= {};
    if (indexed && status.completedIndexes === undefined) status.completedIndexes = '';
    await this.writeStatus(job, status);
  }

  /**
   * trackJobStatusAndRemoveFinalizers: finished pods still holding the tracking finalizer are recorded as
   * uncounted, released, then counted. A pod deleted before it finished counts as failed.
   */
  private async trackFinishedPods(key: string, job: JobObject, pods: Pod[], status: JobStatus): Promise<JobStatus> {
    const uncounted = { succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])], failed: [...(status.uncountedTerminatedPods?.failed ?? [])] };
    const known = new Set([...uncounted.succeeded, ...uncounted.failed]);
    const indexed = job.spec?.completionMode === 'Indexed';
    const completedIndexes = indexed ? parseIndexes(status.completedIndexes, job.spec?.completions ?? 0) : undefined;
    const finishing: Pod[] = [];
    for (const pod of pods) {
      const uid = pod.metadata?.uid ?? '';
      if (!pod.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER) || known.has(uid)) continue;
      const ok = pod.status?.phase === 'Succeeded';
      const failedNow = pod.status?.phase === 'Failed' || (pod.metadata?.deletionTimestamp !== undefined && !isTerminal(pod) && job.spec?.podReplacementPolicy !== 'Failed');
      if (!ok && !failedNow) continue;
      (ok ? uncounted.succeeded : uncounted.failed).push(uid);
      known.add(uid);
      finishing.push(pod);
    }
    if (finishing.length === 0 && uncounted.succeeded.length + uncounted.failed.length === 0) return status;
    if (finishing.length > 0) {
      status = { ...status, uncountedTerminatedPods: uncounted };
      await this.writeStatus(job, status);
    }
    await this.removeTrackingFinalizers(pods.filter((p) => known.has(p.metadata?.uid ?? '') && p.metadata?.finalizers?.includes(JOB_TRACKING_FINALIZER)));
    // Every recorded pod is released now: move them into the counts.
    const byUid = new Map(pods.map((p) => [p.metadata?.uid ?? '', p]));
    let newSucceeded = 0;
    for (const uid of uncounted.succeeded) {
      const index = byUid.get(uid) ? completionIndexOf(byUid.get(uid)!) : undefined;
      if (completedIndexes && index !== undefined) {
        if (completedIndexes.has(index)) continue; // a second success of an index counts once
        completedIndexes.add(index);
      }
      newSucceeded++;
    }
    const newFailed = uncounted.failed.length;
    const next: JobStatus = {
      ...status,
      succeeded: (status.succeeded ?? 0) + newSucceeded,
      failed: (status.failed ?? 0) + newFailed,
      uncountedTerminatedPods: {},
    };
    if (completedIndexes) next.completedIndexes = formatIndexes(completedIndexes);
    if (newFailed > 0) {
      const record = this.backoff.get(key) ?? { failuresAfterLastSuccess: 0, lastFailureMs: 0 };
      this.backoff.set(key, { failuresAfterLastSuccess: record.failuresAfterLastSuccess + newFailed, lastFailureMs: this.clock.now() });
    } else if (newSucceeded > 0) {
      this.backoff.delete(key);
    }
    if (next.succeeded === 0) delete next.succeeded;
    if (next.failed === 0) delete next.failed;
    return next;
  }

  private async removeTrackingFinalizers(pods: Pod[]): Promise<void> {
    await Promise.all(
      pods.map(async (pod) => {
        const finalizers = pod.metadata?.finalizers ?? [];
        const at = finalizers.indexOf(JOB_TRACKING_FINALIZER);
        if (at < 0) return;
        try {
          await this.client.patch({ ...PODS, namespace: pod.metadata?.namespace, name: pod.metadata?.name }, 'json', [
            { op: 'test', path: `/metadata/finalizers/${at}`, value: JOB_TRACKING_FINALIZER },
            { op: 'remove', path: `/metadata/finalizers/${at}` },
          ]);
        } catch (err) {
          if ((err as { code?: number }).code !== 404) throw err;
        }
      }),
    );
  }

  /** manageJob: creates or deletes pods towards the wanted number; returns the active count it leaves. */
  private async manageActive(key: string, job: JobObject, active: Pod[], succeeded: number, completedIndexes: Set<number>): Promise<number> {
    const parallelism = job.spec?.parallelism ?? 1;
    const completions = job.spec?.completions ?? undefined;
    const indexed = job.spec?.completionMode === 'Indexed';
    let want = parallelism;
    if (!indexed && completions !== undefined) want = Math.max(0, Math.min(completions - succeeded, parallelism));
    if (!indexed && completions === undefined && succeeded > 0) want = Math.min(active.length, parallelism); // work queue: no new pods after a success

    if (active.length > want) {
      const surplus = [...active].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || String(b.metadata?.creationTimestamp).localeCompare(String(a.metadata?.creationTimestamp)));
      await this.deletePods(key, job, surplus.slice(0, active.length - want));
      return want;
    }
    let toCreate: Array<number | undefined> = [];
    if (indexed) {
      const activeIndexes = new Set(active.map(completionIndexOf).filter((i): i is number => i !== undefined));
      for (let i = 0; i < (completions ?? 0) && toCreate.length + active.length < parallelism; i++) {
        if (!completedIndexes.has(i) && !activeIndexes.has(i)) toCreate.push(i);
      }
    } else {
      toCreate = Array.from({ length: want - active.length }, () => undefined);
    }
    if (toCreate.length === 0) return active.length;
    const remaining = this.remainingBackoff(key);
    if (remaining > 0) {
      this.loop.queue.addAfter(key, remaining);
      return active.length;
    }
    this.expectations.expectCreations(key, toCreate.length);
    const results = await Promise.allSettled(toCreate.map((index) => this.createPod(job, index)));
    let created = 0;
    for (const r of results) {
      if (r.status === 'fulfilled') created++;
      else this.expectations.creationObserved(key);
    }
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure) throw failure.reason;
    return active.length + created;
  }

  private remainingBackoff(key: string): number {
    const record = this.backoff.get(key);
    if (!record || record.failuresAfterLastSuccess === 0) return 0;
    const delay = Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (record.failuresAfterLastSuccess - 1), MAX_POD_FAILURE_BACKOFF_MS);
    return Math.max(0, record.lastFailureMs + delay - this.clock.now());
  }

  private async createPod(job: JobObject, index: number | undefined): Promise<void> {
    let created: KubeObject;
    try {
      created = await this.client.create({ ...PODS, namespace: job.metadata?.namespace }, podForJob(job, index));
    } catch (err) {
      void this.recorder.event(this.eventTarget(job), 'Warning', 'FailedCreate', `Error creating: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
    void this.recorder.event(this.eventTarget(job), 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
  }

  private async deletePods(key: string, job: JobObject, pods: Pod[]): Promise<void> {
    if (pods.length === 0) return;
    this.expectations.expectDeletions(
      key,
      pods.map((p) => objectKey(p as KubeObject)),
    );
    await Promise.all(
      pods.map(async (pod) => {
        try {
          await this.client.delete({ ...PODS, namespace: pod.metadata?.namespace, name: pod.metadata?.name });
          void this.recorder.event(this.eventTarget(job), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata?.name}`);
        } catch (err) {
          this.expectations.deletionObserved(key, objectKey(pod as KubeObject));
          if ((err as { code?: number }).code !== 404) throw err;
        }
      }),
    );
  }

  private async writeStatus(job: JobObject, status: JobStatus): Promise<void> {
    if (JSON.stringify(status) === JSON.stringify(job.status ?? {})) return;
    const latest = (await this.client.update({ ...JOBS, namespace: job.metadata?.namespace, name: job.metadata?.name, subresource: 'status' }, { ...deepCopy(job), status })) as JobObject;
    // Later writes of this sync build on the stored version.
    job.metadata = latest.metadata;
    job.status = latest.status;
  }
}

function hasUncounted(status: JobStatus): boolean {
  return (status.uncountedTerminatedPods?.succeeded?.length ?? 0) + (status.uncountedTerminatedPods?.failed?.length ?? 0) > 0;
}

function condition(type: string, reason: string, message: string, now: number): JobCondition {
  const stamp = rfc3339(now);
  return { type, status: 'True', lastProbeTime: stamp, lastTransitionTime: stamp, reason, message };
}

export const jobControllerDescriptor: ControllerDescriptor = {
  name: 'job',
  create: (ctx: ControllerContext) => new JobController(ctx.client, ctx.informer(JOBS), ctx.informer(PODS), ctx.clock, ctx.logger),
};
