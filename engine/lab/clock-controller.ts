/**
 * Reconciles the `Clock` named `cluster` into the host's clock (the ClockControl port) and reports what is in
 * effect in its status. Spec is the truth: a host control that changes speed or pause should patch the Clock,
 * since the next reconcile re-applies spec. status.now is rewritten when the spec changes and otherwise at most
 * every 10 virtual seconds, so a running clock does not flood watchers. Any other Clock gets the condition
 * `Invalid` (reason `NotTheClusterClock`) and is otherwise ignored — a CRD cannot limit names itself.
 */
import type { KubeObject } from '../api/objects';
import { rfc3339, type Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ApiClient } from '../client/api-client';
import type { VirtualClock } from '../base/virtual-clock';
import type { Informer } from '../client/informer';
import { ControllerLoop, type Reconciler } from '../controllers/controller-runtime';
import { CLOCK_NAME, CLOCKS, LAB_API_VERSION, MAX_CLOCK_SPEED, MIN_CLOCK_SPEED, setCondition, type LabCondition } from './lab-group';

/** The host's clock as the controller drives it (implemented in main/ over the VirtualClock and its driver). */
export interface ClockControl {
  speed(): number;
  paused(): boolean;
  setSpeed(x: number): void;
  setPaused(p: boolean): void;
  /** Virtual ms since the epoch. */
  now(): number;
}

/** The ClockControl of a VirtualClock whose host driver scales its real-time ticks by `speed` and skips them while paused. */
export function virtualClockControl(vc: VirtualClock): ClockControl {
  return {
    speed: () => vc.speed,
    paused: () => vc.isPaused,
    setSpeed: (x) => vc.setSpeed(x),
    setPaused: (p) => (p ? vc.pause() : vc.resume()),
    now: () => vc.now(),
  };
}

/** Least virtual time between two status writes that only move status.now. */
export const CLOCK_STATUS_REFRESH_MS = 10_000;

interface ClockSpec {
  speed?: unknown;
  paused?: unknown;
}
interface ClockStatus {
  now?: string;
  speed?: number;
  paused?: boolean;
  observedGeneration?: number;
  conditions?: LabCondition[];
}

/** Creates the `cluster` Clock if it does not exist yet (a resumed cluster keeps its own). */
export async function ensureClock(client: ApiClient, initial: { speed: number; paused: boolean }): Promise<void> {
  try {
    await client.get({ ...CLOCKS, name: CLOCK_NAME });
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
    await client.create(CLOCKS, { apiVersion: LAB_API_VERSION, kind: 'Clock', metadata: { name: CLOCK_NAME }, spec: { speed: initial.speed, paused: initial.paused } });
  }
}

export class ClockController implements Reconciler, Disposable {
  readonly name = 'clock-controller';
  readonly loop: ControllerLoop;
  private refresh: Disposable | undefined;
  /** status.now as last written, in ms (to space out refreshes). */
  private lastNowWritten = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly client: ApiClient,
    private readonly clocks: Informer,
    private readonly control: ClockControl,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    const enqueue = (o: KubeObject) => this.loop.queue.add(o.metadata?.name ?? '');
    clocks.addHandlers({ onAdd: enqueue, onUpdate: (_o, n) => enqueue(n) });
  }

  start(): void {
    this.loop.start();
    // Virtual time does not move while paused, so neither does this.
    this.refresh = this.clock.setPeriodic(CLOCK_STATUS_REFRESH_MS, () => this.loop.queue.add(CLOCK_NAME));
  }

  async reconcile(name: string): Promise<void> {
    const obj = this.clocks.get(name);
    if (!obj) return;
    const status = (obj.status ?? {}) as ClockStatus;
    const generation = obj.metadata?.generation ?? 0;
    const stamp = rfc3339(this.control.now());
    if (name !== CLOCK_NAME) {
      const invalid: LabCondition = {
        type: 'Invalid',
        status: 'True',
        observedGeneration: generation,
        lastTransitionTime: stamp,
        reason: 'NotTheClusterClock',
        message: `only the Clock named "${CLOCK_NAME}" is honoured; this one is ignored`,
      };
      if (status.conditions?.some((c) => c.type === 'Invalid' && c.status === 'True' && c.observedGeneration === generation)) return;
      await this.writeStatus(obj, { ...status, observedGeneration: generation, conditions: setCondition(status.conditions ?? [], invalid) });
      return;
    }
    const spec = (obj.spec ?? {}) as ClockSpec;
    const problem = specProblem(spec);
    let conditions = (status.conditions ?? []).filter((c) => c.type !== 'Invalid');
    if (problem) {
      conditions = setCondition(status.conditions ?? [], { type: 'Invalid', status: 'True', observedGeneration: generation, lastTransitionTime: stamp, reason: 'InvalidSpec', message: problem });
    } else {
      const speed = (spec.speed as number | undefined) ?? 1;
      const paused = (spec.paused as boolean | undefined) ?? false;
      if (this.control.speed() !== speed) this.control.setSpeed(speed);
      if (this.control.paused() !== paused) this.control.setPaused(paused);
    }
    const next: ClockStatus = { ...status, speed: this.control.speed(), paused: this.control.paused(), observedGeneration: generation, conditions };
    if (conditions.length === 0) delete next.conditions;
    const observedChanged =
      status.speed !== next.speed || status.paused !== next.paused || status.observedGeneration !== generation || JSON.stringify(status.conditions ?? []) !== JSON.stringify(conditions);
    const now = this.control.now();
    if (!observedChanged && status.now !== undefined && now - this.lastNowWritten < CLOCK_STATUS_REFRESH_MS) return;
    next.now = stamp;
    await this.writeStatus(obj, next);
    this.lastNowWritten = now;
  }

  private async writeStatus(obj: KubeObject, status: ClockStatus): Promise<void> {
    await this.client.update({ ...CLOCKS, name: obj.metadata?.name, subresource: 'status' }, { ...obj, status });
  }

  dispose(): void {
    this.refresh?.dispose();
    this.loop.dispose();
  }
}

function specProblem(spec: ClockSpec): string | undefined {
  if (spec.speed !== undefined && (typeof spec.speed !== 'number' || !(spec.speed >= MIN_CLOCK_SPEED && spec.speed <= MAX_CLOCK_SPEED))) {
    return `spec.speed: Invalid value: ${JSON.stringify(spec.speed)}: must be between ${MIN_CLOCK_SPEED} and ${MAX_CLOCK_SPEED}`;
  }
  if (spec.paused !== undefined && typeof spec.paused !== 'boolean') return `spec.paused: Invalid value: ${JSON.stringify(spec.paused)}: must be a boolean`;
  return undefined;
}
