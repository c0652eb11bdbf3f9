/**
 * The TTL-after-finished controller (pkg/controller/ttlafterfinished): a Job with spec.ttlSecondsAfterFinished is
 * deleted, with foreground propagation so its pods go first, that many seconds after it finished (the
 * lastTransitionTime of its Complete or Failed condition). Not finished, or no TTL: nothing to do.
 */
import type { Job } from 'kubernetes-types/batch/v1';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { ApiClient } from '../client/api-client';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { JOBS } from './job-controller';

function finishedAt(job: Job): number | undefined {
  const done = (job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
  return done?.lastTransitionTime ? Date.parse(done.lastTransitionTime) : undefined;
}

export class TtlAfterFinishedController implements Reconciler {
  readonly name = 'ttl-after-finished-controller';
  readonly loop: ControllerLoop;

  constructor(
    private readonly client: ApiClient,
    private readonly jobs: Informer,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    const enqueue = (j: { metadata?: unknown }) => this.loop.queue.add(objectKey(j as never));
    jobs.addHandlers({ onAdd: enqueue, onUpdate: (_o, j) => enqueue(j) });
  }

  async reconcile(key: string): Promise<void> {
    const job = this.jobs.get(key) as Job | undefined;
    const ttl = job?.spec?.ttlSecondsAfterFinished;
    if (!job || ttl === undefined || ttl === null || job.metadata?.deletionTimestamp) return;
    const finished = finishedAt(job);
    if (finished === undefined) return;
    const remaining = finished + ttl * 1000 - this.clock.now();
    if (remaining > 0) {
      this.loop.queue.addAfter(key, remaining);
      return;
    }
    try {
      await this.client.delete(
        { ...JOBS, namespace: job.metadata?.namespace, name: job.metadata?.name },
        { propagationPolicy: 'Foreground', preconditions: { uid: job.metadata?.uid, resourceVersion: job.metadata?.resourceVersion } },
      );
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }
}

export const ttlAfterFinishedDescriptor: ControllerDescriptor = {
  name: 'ttl-after-finished',
  create: (ctx) => {
    const c = new TtlAfterFinishedController(ctx.client, ctx.informer(JOBS), ctx.clock, ctx.logger);
    return { start: () => c.loop.start(), dispose: () => c.loop.dispose() };
  },
};
