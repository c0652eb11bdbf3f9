/**
 * Time as a dependency. Engine code reads time and schedules work only through a Clock, and draws randomness
 * only from its seeded Random, so a 10-minute story runs in milliseconds under test and the learner can
 * pause, step and speed the cluster up. `VirtualClock` (virtual-clock.ts) is the implementation; a host
 * driver in main/ advances it in real time at the chosen speed.
 */
import type { Disposable } from './disposable';
import type { Event } from './event';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export interface TimerOptions {
  /**
   * Upkeep rather than pending work — a heartbeat, a resync, a process's own sleep — so it does not keep the
   * cluster from counting as settled (engine/cluster/settle-monitor.ts). Periodic timers always are.
   */
  background?: boolean;
}

export interface Clock {
  /** Virtual milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` once, `delayMs` virtual milliseconds from now (0 = at the current instant, after the caller returns). */
  setTimer(delayMs: number, fn: () => void, opts?: TimerOptions): Disposable;
  /** Runs `fn` every `periodMs` virtual milliseconds until disposed (a background timer). */
  setPeriodic(periodMs: number, fn: () => void): Disposable;
  /** Seeded randomness; the same seed and the same calls give the same numbers. */
  readonly random: Random;
  /** Fires after time moved (advance or real-time tick), with the new now(). */
  readonly onDidAdvance: Event<number>;
}

/** RFC 3339 with second precision and Z, as metav1.Time marshals: `2026-11-23T18:13:59Z`. */
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastRfc3339Second) {
    lastRfc3339Text = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastRfc3339Second = second;
  }
  return lastRfc3339Text;
}
/** rfc3339's last answer: a burst of writes stamps many objects within one second, so formatting once suffices. */
let lastRfc3339Second = Number.NaN;
let lastRfc3339Text = '';

/** RFC 3339 with microseconds, as metav1.MicroTime marshals (Events, Leases): `2026-11-23T18:13:59.123000Z`. */
export function rfc3339Micro(ms: number): string {
  const iso = new Date(ms).toISOString(); // ...ss.mmmZ
  return `${iso.slice(0, -1)}000Z`;
}
