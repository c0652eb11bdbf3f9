/**
 * Drives the engine's virtual clock from real time: every tick advances it by the real time elapsed times the
 * chosen speed (×0.25–×100); pausing the clock stops it. The only place that turns wall time into cluster time.
 */
import { VirtualClock } from '../engine/base/virtual-clock';

export interface ClockDriver {
  clock: VirtualClock;
  stop(): void;
}

const TICK_MS = 20;

export function startClockDriver(opts: { speed: number; seed?: number; startMs?: number }): ClockDriver {
  const clock = new VirtualClock({ startMs: opts.startMs ?? Date.now(), seed: opts.seed ?? Date.now() >>> 0 });
  clock.setSpeed(opts.speed);
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    clock.tick(now - last);
    last = now;
  }, TICK_MS);
  timer.unref();
  return { clock, stop: () => clearInterval(timer) };
}
