/**
 * The recorders' correlation against an in-process API server, on the virtual clock (client-go tools/record's
 * EventCorrelator and tools/events' series):
 * - the same event again within 10 minutes is one Event with count 2, 3, …;
 * - the 10th distinct message for the same object and reason starts `(combined from similar events): …`, and
 *   further distinct messages count that one up, message updated;
 * - an isomorphic events.k8s.io event (same reference, action, reason) becomes series {count: 2} on the first
 *   repeat, whatever its note; later repeats wait for the 30-minute heartbeat.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LegacyEventRecorder, SeriesEventRecorder, type ObjectReference } from '../../../engine/client/event-recorder';
import { startSimCluster, type SimCluster } from '../../support/sim-cluster';

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const EVENTS = { group: '', version: 'v1', resource: 'events', namespace: 'default' };
const POD: ObjectReference = { kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'p', uid: '1b4e28ba-2fa1-11d2-883f-0016d3cca427', resourceVersion: '7' };

describe('event correlation', () => {
  it('dedups repeats into count, and combines the 10th distinct message onwards', async () => {
    sim = await startSimCluster({ nodes: 1 });
    const s = sim;
    const recorder = new LegacyEventRecorder(s.admin, s.clock, 'test-controller');
    for (let i = 0; i < 3; i++) {
      await recorder.event(POD, 'Warning', 'Same', 'the same message');
      await s.advance(1_000);
    }
    for (let i = 1; i <= 12; i++) await recorder.event(POD, 'Normal', 'Varied', `message ${i}`);
    const events = (await s.admin.list(EVENTS, { fieldSelector: 'involvedObject.name=p' })).items;
    const same = events.filter((e) => e['reason'] === 'Same');
    expect(same).toHaveLength(1);
    expect(same[0]).toMatchObject({ count: 3, message: 'the same message' });
    expect(Date.parse(String(same[0]!['lastTimestamp'])) - Date.parse(String(same[0]!['firstTimestamp']))).toBe(2_000);
    const varied = events.filter((e) => e['reason'] === 'Varied').map((e) => [e['message'], e['count']]);
    expect(varied).toHaveLength(10);
    expect(varied.slice(0, 9)).toEqual(Array.from({ length: 9 }, (_, i) => [`message ${i + 1}`, 1]));
    expect(varied[9]).toEqual(['(combined from similar events): message 12', 3]);
  });

  it('turns an isomorphic events.k8s.io repeat into series {count: 2}', async () => {
    sim = await startSimCluster({ nodes: 1 });
    const s = sim;
    const recorder = new SeriesEventRecorder(s.admin, s.clock, 'default-scheduler', 'default-scheduler-control-plane');
    await recorder.event(POD, 'Warning', 'FailedScheduling', 'Scheduling', '0/1 nodes are available: 1 Insufficient cpu.');
    await s.advance(10_000);
    await recorder.event(POD, 'Warning', 'FailedScheduling', 'Scheduling', '0/1 nodes are available: 1 Insufficient memory.');
    await s.advance(10_000);
    await recorder.event(POD, 'Warning', 'FailedScheduling', 'Scheduling', '0/1 nodes are available: 1 Insufficient memory.');
    let events = (await s.admin.list(EVENTS, { fieldSelector: 'involvedObject.name=p' })).items;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ message: '0/1 nodes are available: 1 Insufficient cpu.', series: { count: 2 } });
    expect(Date.parse(String((events[0]!['series'] as { lastObservedTime: string }).lastObservedTime)) - Date.parse(String(events[0]!['eventTime']))).toBe(10_000);
    // A changed reference (the pod was updated) is a different event.
    await recorder.event({ ...POD, resourceVersion: '8' }, 'Warning', 'FailedScheduling', 'Scheduling', 'x');
    events = (await s.admin.list(EVENTS, { fieldSelector: 'involvedObject.name=p' })).items;
    expect(events).toHaveLength(2);
    // The heartbeat writes the third occurrence within 30 minutes.
    await s.advance(30 * 60_000, 60_000);
    events = (await s.admin.list(EVENTS, { fieldSelector: 'involvedObject.name=p' })).items;
    expect(events.find((e) => e['message'] === '0/1 nodes are available: 1 Insufficient cpu.')).toMatchObject({ series: { count: 3 } });
    recorder.dispose();
  });
});
