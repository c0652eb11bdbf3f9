/**
 * TriggerTimeTracker (pkg/controller/util/endpoint/trigger_time_tracker.go, 1.32): the value of the
 * `endpoints.kubernetes.io/last-change-trigger-time` annotation — the earliest change, since the previous sync
 * of the Service, among the pods' Ready-condition lastTransitionTime and the Service's creationTimestamp. The
 * first sync of a Service (after a controller start) yields none, and so does a sync where nothing changed.
 */
import type { PodObject, ServiceObject } from './endpoint-types';

export const LAST_CHANGE_TRIGGER_TIME_ANNOTATION = 'endpoints.kubernetes.io/last-change-trigger-time';

interface ServiceState {
  podTriggerTimes: Map<string, number>;
  serviceTriggerTime: number;
}

function parseTime(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceState>();

  /** Milliseconds of the trigger time, or undefined for "no new trigger time" (the annotation is cleared). */
  compute(serviceKey: string, service: ServiceObject, pods: readonly PodObject[]): number | undefined {
    const previous = this.states.get(serviceKey);
    let min: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = parseTime(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime);
      if (t === undefined) continue;
      const name = pod.metadata?.name ?? '';
      podTimes.set(name, t);
      if (t > (previous?.podTriggerTimes.get(name) ?? Number.NEGATIVE_INFINITY)) min = min === undefined ? t : Math.min(min, t);
    }
    const svcTime = parseTime(service.metadata?.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
    if (svcTime > (previous?.serviceTriggerTime ?? Number.NEGATIVE_INFINITY)) min = min === undefined ? svcTime : Math.min(min, svcTime);
    this.states.set(serviceKey, { podTriggerTimes: podTimes, serviceTriggerTime: svcTime });
    return previous ? min : undefined;
  }

  deleteService(serviceKey: string): void {
    this.states.delete(serviceKey);
  }
}
