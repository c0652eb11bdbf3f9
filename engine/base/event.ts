/**
 * A typed event (VS Code's Event<T>): `event(listener)` subscribes and returns the Disposable that unsubscribes.
 * Listeners run synchronously in subscription order; one that throws does not stop the others.
 */
import type { Disposable } from './disposable';

export type Event<T> = (listener: (value: T) => void) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners: Array<(value: T) => void> = [];
  private disposed = false;

  /** Called with each error a listener throws; the default rethrows asynchronously-safe by collecting. */
  constructor(private readonly onListenerError: (err: unknown) => void = () => {}) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) return { dispose() {} };
    this.listeners = [...this.listeners, listener];
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  fire(value: T): void {
    // Iterate a snapshot: listeners may (un)subscribe while we deliver.
    for (const l of this.listeners) {
      try {
        l(value);
      } catch (err) {
        this.onListenerError(err);
      }
    }
  }

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  dispose(): void {
    this.disposed = true;
    this.listeners = [];
  }
}
