/**
 * The shape every controller follows (sample-controller): informer events only enqueue keys; workers take a key,
 * read current state from listers, and reconcile; failures requeue with the client-go rate limiter, successes
 * forget the key. Level-based: reconcile(key) must be correct whatever happened before.
 */
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import { WorkQueue } from '../base/work-queue';

export interface Reconciler {
  readonly name: string;
  reconcile(key: string): Promise<void>;
}

export class ControllerLoop implements Disposable {
  readonly queue: WorkQueue<string>;
  private stopped = false;

  constructor(
    private readonly reconciler: Reconciler,
    clock: Clock,
    private readonly logger: Logger,
    private readonly workers = 1,
  ) {
    this.queue = new WorkQueue<string>(clock);
  }

  start(): void {
    for (let i = 0; i < this.workers; i++) void this.work();
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      const key = await this.queue.get();
      if (key === undefined) return;
      try {
        await this.reconciler.reconcile(key);
        this.queue.forget(key);
      } catch (err) {
        this.logger.warn(`${this.reconciler.name}: reconcile failed, requeueing`, { key, error: String((err as Error)?.message ?? err) });
        this.queue.addRateLimited(key);
      } finally {
        this.queue.done(key);
      }
    }
  }

  dispose(): void {
    this.stopped = true;
    this.queue.shutDown();
  }
}
