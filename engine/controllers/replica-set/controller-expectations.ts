/**
 * client-go-era ControllerExpectations / UIDTrackingControllerExpectations (pkg/controller/controller_utils.go):
 * a controller that just asked for N creates or deletes must not act on the same key again until its informer
 * has observed them, or it would act twice on a stale cache. Expectations expire after 5 minutes
 * (ExpectationsTimeout) so a lost watch event cannot wedge a controller. Deletions are tracked by pod key so a
 * deletion the controller did not ask for does not lower the count.
 */
import type { Clock } from '../../base/clock';

/** ExpectationsTimeout. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
  /** Keys of pods whose deletion this controller asked for and has not yet seen. */
  deleting: Set<string>;
}

export class ControllerExpectations {
  private readonly byKey = new Map<string, Expectation>();

  constructor(private readonly clock: Clock) {}

  /** SatisfiedExpectations: nothing recorded, all observed, or expired. */
  satisfied(controllerKey: string): boolean {
    const e = this.byKey.get(controllerKey);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(controllerKey: string, adds: number): void {
    this.byKey.set(controllerKey, { add: adds, del: 0, timestamp: this.clock.now(), deleting: new Set() });
  }

  expectDeletions(controllerKey: string, podKeys: string[]): void {
    this.byKey.set(controllerKey, { add: 0, del: podKeys.length, timestamp: this.clock.now(), deleting: new Set(podKeys) });
  }

  creationObserved(controllerKey: string): void {
    const e = this.byKey.get(controllerKey);
    if (e) e.add--;
  }

  /** Lowers the delete count only for a pod this controller itself deleted. */
  deletionObserved(controllerKey: string, podKey: string): void {
    const e = this.byKey.get(controllerKey);
    if (e?.deleting.delete(podKey)) e.del--;
  }

  delete(controllerKey: string): void {
    this.byKey.delete(controllerKey);
  }
}
