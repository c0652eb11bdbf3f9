/**
 * The kubelet's event recorder behind its ApiGate: events travel to the API server like every other write,
 * so a stopped or partitioned kubelet records nothing (client-go would drop them after its retries too).
 */
import type { EventType, LegacyEventRecorder, ObjectReference } from '../client/event-recorder';
import type { ApiGate } from './api-gate';

export interface KubeletEvents {
  event(regarding: ObjectReference, type: EventType, reason: string, message: string): Promise<void>;
}

export function gatedEvents(recorder: LegacyEventRecorder, gate: ApiGate): KubeletEvents {
  return {
    event: async (regarding, type, reason, message) => {
      if (gate.open) await recorder.event(regarding, type, reason, message);
    },
  };
}
