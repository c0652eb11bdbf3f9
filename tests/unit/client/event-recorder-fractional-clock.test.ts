/**
 * A clock driven by real time reads fractional milliseconds (real elapsed × speed). Event names carry the creation
 * time in nanoseconds (client-go: "%v.%x" of t.UnixNano()); converting a fractional now() to BigInt used to throw
 * inside the recorder's best-effort catch, so every pod event of a real-time lab was silently dropped.
 */
import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../engine/client/api-client';
import { LegacyEventRecorder, SeriesEventRecorder } from '../../../engine/client/event-recorder';
import { VirtualClock } from '../../../engine/base/virtual-clock';
import type { KubeObject } from '../../../engine/api/objects';

function recordingClient(): { client: ApiClient; created: KubeObject[] } {
  const created: KubeObject[] = [];
  const client = { create: async (_ref: unknown, obj: KubeObject) => (created.push(obj), obj) } as unknown as ApiClient;
  return { client, created };
}

const POD = { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'web', uid: 'u-1' };

describe('event recorders on a fractional clock', () => {
  it('legacy and series recorders still write the event, named <object>.<hex nanoseconds>', async () => {
    const clock = new VirtualClock({ startMs: Date.UTC(2026, 10, 23, 21, 0, 0), seed: 1 });
    clock.advance(0.3157);
    const { client, created } = recordingClient();
    await new LegacyEventRecorder(client, clock, 'kubelet', 'node-1').event(POD, 'Normal', 'Pulling', 'Pulling image "nginx:1.27"');
    await new SeriesEventRecorder(client, clock, 'default-scheduler', 'default-scheduler-control-plane').event(POD, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/web to node-1');
    expect(created.map((e) => e['reason'])).toEqual(['Pulling', 'Scheduled']);
    // The sub-millisecond part survives to within float precision at 2026 epoch magnitudes (~0.25 µs).
    const expected = BigInt(Date.UTC(2026, 10, 23, 21, 0, 0)) * 1_000_000n + 315_700n;
    for (const e of created) {
      const m = /^web\.([0-9a-f]+)$/.exec(e.metadata?.name ?? '');
      expect(m, e.metadata?.name).not.toBeNull();
      const diff = BigInt(`0x${m?.[1] ?? '0'}`) - expected;
      expect(diff < 0n ? -diff : diff).toBeLessThan(1_000n);
    }
  });

  it('recorders sharing a clock never hand out the same name at the same instant', async () => {
    const clock = new VirtualClock({ startMs: Date.UTC(2026, 10, 23, 21, 0, 0), seed: 1 });
    const { client, created } = recordingClient();
    await new SeriesEventRecorder(client, clock, 'default-scheduler', 'default-scheduler-control-plane').event(POD, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/web to node-1');
    await new LegacyEventRecorder(client, clock, 'kubelet', 'node-1').event(POD, 'Normal', 'Pulling', 'Pulling image "nginx:1.27"');
    const names = created.map((e) => e.metadata?.name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });
});
