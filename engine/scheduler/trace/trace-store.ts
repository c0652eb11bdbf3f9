/**
 * Bounded memory of scheduling traces: the last `perPod` attempts of the `maxPods` most recently attempted pods
 * (a failing trace on a 5,000-node cluster holds one node-name array, ~40 KB; the bounds keep the total sane).
 */
import type { SchedulingTrace } from './scheduling-trace';

export class TraceStore {
  private readonly byPod = new Map<string, SchedulingTrace[]>();

  constructor(
    private readonly perPod = 5,
    private readonly maxPods = 1000,
  ) {}

  add(t: SchedulingTrace): void {
    const key = `${t.pod.namespace}/${t.pod.name}`;
    const list = this.byPod.get(key) ?? [];
    this.byPod.delete(key); // re-insert: Map order is recency
    list.push(t);
    if (list.length > this.perPod) list.shift();
    this.byPod.set(key, list);
    if (this.byPod.size > this.maxPods) {
      const oldest = this.byPod.keys().next().value;
      if (oldest !== undefined) this.byPod.delete(oldest);
    }
  }

  /** Most recent last. */
  get(namespace: string, name: string): SchedulingTrace[] {
    return [...(this.byPod.get(`${namespace}/${name}`) ?? [])];
  }
}
