/**
 * Runs one lab against the cluster: steps unlock in order; the active step's checks are evaluated whenever the
 * cluster has settled after a change (and on demand), and a step whose checks all pass is done — the next one is
 * evaluated at once, so state the learner already built counts. Fail checks of the active step end the lab
 * (`failed`, reset needed); hints appear while their condition holds or after their time on the step.
 * Progress is plain JSON (persisted by the host and pushed to the UI), restored from `saved`.
 */
import type { Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import { Emitter, type Event } from '../base/event';
import type { ApiClient } from '../client/api-client';
import type { SchedulingTrace } from '../scheduler/trace/scheduling-trace';
import type { Store } from '../store/types';
import { evaluateCondition, type ConditionContext } from './evaluate-condition';
import type { CheckReport, Lab, LabProgress, LocalizedText } from './lab-types';

export interface LabRunnerOptions {
  lab: Lab;
  client: ApiClient;
  clock: Clock;
  store: Store;
  traces(namespace: string, name: string): SchedulingTrace | undefined;
  whenSettled(): Promise<void>;
  saved?: LabProgress;
}

/** Writes that never mean the learner did something (heartbeats). */
const HEARTBEATS = ['/registry/leases/', '/registry/lab.clusterlab.dev/clocks/', '/registry/events/'];

export class LabRunner implements Disposable {
  private state: LabProgress;
  private readonly changed = new Emitter<LabProgress>();
  private readonly watch: Disposable;
  private readonly ctx: ConditionContext;
  /** Virtual time the active step became active (time-based hints). */
  private activeSince: number;
  private pending = false;
  private disposed = false;

  readonly onProgress: Event<LabProgress> = this.changed.event;

  constructor(private readonly opts: LabRunnerOptions) {
    this.ctx = { client: opts.client, store: opts.store, traces: opts.traces };
    this.state = opts.saved?.labId === opts.lab.id && opts.saved.steps.length === opts.lab.steps.length ? opts.saved : initialProgress(opts.lab);
    this.activeSince = opts.clock.now();
    this.watch = opts.store.watch('/registry/', { afterRevision: opts.store.currentRevision() }, (e) => {
      if (e.type !== 'BOOKMARK' && !HEARTBEATS.some((p) => e.key.startsWith(p))) this.schedule();
    });
    this.schedule();
  }

  get progress(): LabProgress {
    return this.state;
  }

  /** One check after the cluster settles, however many changes come before it. */
  private schedule(): void {
    if (this.pending || this.disposed) return;
    this.pending = true;
    void this.opts.whenSettled().then(async () => {
      this.pending = false;
      if (!this.disposed) await this.check();
    });
  }

  async check(): Promise<LabProgress> {
    if (this.state.failed || this.state.completedAt !== undefined) return this.state;
    const steps = this.state.steps.map((s) => ({ ...s }));
    let failed: LocalizedText | undefined;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      if (step.state !== 'active') continue;
      const def = this.opts.lab.steps[i]!;
      for (const f of def.fail) {
        if ((await evaluateCondition(this.ctx, f.when)).holds) failed = f.text;
      }
      if (failed) {
        step.state = 'failed';
        break;
      }
      const reports: CheckReport[] = [];
      for (const c of def.checks) {
        const r = await evaluateCondition(this.ctx, c);
        reports.push(r.holds ? { title: c.title, passed: true } : { title: c.title, passed: false, expected: r.expected, actual: r.actual });
      }
      step.checks = reports;
      if (reports.every((r) => r.passed)) {
        step.state = 'done';
        delete step.hint;
        const next = steps[i + 1];
        if (next) {
          next.state = 'active';
          this.activeSince = this.opts.clock.now();
        }
        continue; // evaluate the next step now: the learner may already have done it
      }
      step.hint = await this.hintFor(i);
      break;
    }
    const next: LabProgress = { labId: this.state.labId, steps };
    if (failed) next.failed = failed;
    if (steps.every((s) => s.state === 'done')) next.completedAt = this.opts.clock.now();
    if (JSON.stringify(next) !== JSON.stringify(this.state)) {
      this.state = next;
      this.changed.fire(next);
    }
    return this.state;
  }

  private async hintFor(stepIndex: number): Promise<LocalizedText | undefined> {
    const elapsed = (this.opts.clock.now() - this.activeSince) / 1000;
    for (const h of this.opts.lab.steps[stepIndex]!.hints) {
      if (h.when && (await evaluateCondition(this.ctx, h.when)).holds) return h.text;
      if (!h.when && h.afterSeconds !== undefined && elapsed >= h.afterSeconds) return h.text;
    }
    return undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.watch.dispose();
    this.changed.dispose();
  }
}

export function initialProgress(lab: Lab): LabProgress {
  return { labId: lab.id, steps: lab.steps.map((s, i) => ({ id: s.id, state: i === 0 ? 'active' : 'locked', checks: [] })) };
}
