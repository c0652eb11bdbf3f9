/**
 * Processes are generators over virtual time: a process yields a `Wait` whenever it blocks (sleep, reading
 * stdin, waiting for a connection) and is resumed synchronously from the clock's timer or the event that
 * unblocks it, so everything it does after waking happens at the virtual instant it woke (not a microtask later,
 * as promises would).
 */
import type { Disposable } from '../../../base/disposable';

export interface Wait {
  /** Arms the wait; `resume(value)` continues the process (at most once). Disposing cancels the wait. */
  start(resume: (value: unknown) => void): Disposable;
}

export type Proc<T = number> = Generator<Wait, T, unknown>;

/** Runs a process generator to completion; `kill` cancels it wherever it is blocked. */
export class ProcessRunner<T> {
  private pending: Disposable | undefined;
  private done = false;
  private stepping = false;
  private queued: { value: unknown } | undefined;

  constructor(
    private readonly gen: Generator<Wait, T, unknown>,
    private readonly onDone: (result: { value: T } | { error: unknown }) => void,
  ) {}

  get finished(): boolean {
    return this.done;
  }

  start(): void {
    this.resume(undefined);
  }

  /**
   * Stops the process without running any more of it; `onDone` is not called, `onKilled` is (at once, or — when
   * the process itself is running right now, e.g. its own `kill` ended the container — when it next blocks; if it
   * finishes first, it exits normally and `onKilled` is never called).
   */
  kill(onKilled: () => void): void {
    if (this.done) return;
    if (this.stepping) {
      this.killRequest = onKilled;
      return;
    }
    this.stop();
    onKilled();
  }

  private killRequest: (() => void) | undefined;

  private stop(): void {
    if (this.done) return;
    this.done = true;
    this.pending?.dispose();
    this.pending = undefined;
    try {
      this.gen.return(undefined as T);
    } catch {
      // A finally block in the process threw while unwinding: the process is gone either way.
    }
  }

  private resume(value: unknown): void {
    if (this.done) return;
    if (this.stepping) {
      this.queued = { value };
      return;
    }
    this.stepping = true;
    let next: { value: unknown } | undefined = { value };
    while (next !== undefined && !this.done) {
      this.queued = undefined;
      let r: IteratorResult<Wait, T>;
      try {
        r = this.gen.next(next.value);
      } catch (error) {
        this.done = true;
        this.stepping = false;
        this.onDone({ error });
        return;
      }
      if (r.done) {
        this.done = true;
        this.stepping = false;
        this.onDone({ value: r.value });
        return;
      }
      if (this.killRequest !== undefined) {
        const onKilled = this.killRequest;
        this.stepping = false;
        this.stop();
        onKilled();
        return;
      }
      let fired = false;
      const wait = r.value;
      this.pending = wait.start((v) => {
        if (fired) return;
        fired = true;
        this.pending = undefined;
        this.resume(v);
      });
      next = this.queued;
      if (next !== undefined) this.pending = undefined;
    }
    this.stepping = false;
  }
}

/** A wait on the clock. */
export function sleepWait(setTimer: (ms: number, fn: () => void) => Disposable, ms: number): Wait {
  return { start: (resume) => setTimer(ms, () => resume(undefined)) };
}
