/**
 * One probe of one container instance (pkg/kubelet/prober/worker.go): probes every periodSeconds starting when
 * the worker starts; skips while within initialDelaySeconds of the container's start; a result flips only after
 * successThreshold consecutive successes / failureThreshold consecutive failures. Readiness starts as failure,
 * liveness and startup as success (worker.go initialValue). Failures are reported as `Unhealthy` events.
 * Liveness and readiness do not run until the startup probe (if any) has succeeded; the startup worker stops
 * after its first success.
 */
import type { Probe } from 'kubernetes-types/core/v1';
import type { Clock } from '../../base/clock';
import type { Disposable } from '../../base/disposable';
import { runProbe, type ProbeTarget } from './run-probe';

export type ProbeType = 'liveness' | 'readiness' | 'startup';

export interface ProbeWorkerHost {
  /** Whether the startup probe of this container instance has succeeded (or there is none). */
  started(): boolean;
  /** Container start in virtual ms (0 = not running: skip). */
  startedAt(): number;
  onResult(type: ProbeType, success: boolean): void;
  onFailureEvent(type: ProbeType, output: string): void;
}

const LABEL: Record<ProbeType, string> = { liveness: 'Liveness', readiness: 'Readiness', startup: 'Startup' };

export class ProbeWorker implements Disposable {
  private timer: Disposable | undefined;
  private result: boolean;
  private resultRun = 0;
  private stopped = false;
  private busy = false;

  constructor(
    readonly type: ProbeType,
    private readonly probe: Probe,
    private readonly target: ProbeTarget,
    private readonly clock: Clock,
    private readonly host: ProbeWorkerHost,
  ) {
    this.result = type !== 'readiness';
  }

  get success(): boolean {
    return this.result;
  }

  start(): void {
    const period = (this.probe.periodSeconds ?? 10) * 1000;
    void this.tick();
    this.timer = this.clock.setPeriodic(period, () => void this.tick());
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.busy) return;
    const startedAt = this.host.startedAt();
    if (startedAt === 0) return;
    if (this.type !== 'startup' && !this.host.started()) return;
    if (Math.floor((this.clock.now() - startedAt) / 1000) < (this.probe.initialDelaySeconds ?? 0)) return;
    this.busy = true;
    let outcome;
    try {
      outcome = await runProbe(this.probe, this.target);
    } catch (err) {
      outcome = { success: false, output: (err as Error).message };
    } finally {
      this.busy = false;
    }
    if (this.stopped) return;
    if (!outcome.success) this.host.onFailureEvent(this.type, `${LABEL[this.type]} probe failed: ${outcome.output}`);
    if (outcome.success === this.result) {
      this.resultRun = 0;
      return;
    }
    this.resultRun++;
    const threshold = outcome.success ? (this.probe.successThreshold ?? 1) : (this.probe.failureThreshold ?? 3);
    if (this.resultRun < threshold) return;
    this.result = outcome.success;
    this.resultRun = 0;
    this.host.onResult(this.type, outcome.success);
    // A liveness/startup failure kills the container; the worker of the next instance starts over.
    if (!outcome.success && this.type !== 'readiness') this.dispose();
    if (outcome.success && this.type === 'startup') this.dispose();
  }

  dispose(): void {
    this.stopped = true;
    this.timer?.dispose();
  }
}
