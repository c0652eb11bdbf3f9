/** TriggerTimeTracker, after upstream's trigger_time_tracker_test.go (pkg/controller/util/endpoint). */
import { describe, expect, it } from 'vitest';
import type { PodObject } from '../../../../engine/controllers/endpoints/endpoint-types';
import { TriggerTimeTracker } from '../../../../engine/controllers/endpoints/trigger-time-tracker';
import { pod, service } from './fixtures';

const t0 = '2026-11-23T10:00:00Z';
const t1 = '2026-11-23T10:00:01Z';
const t2 = '2026-11-23T10:00:02Z';
const withReady = (p: PodObject, at: string): PodObject => ({ ...p, status: { ...p.status, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: at }] } });
const svc = service('foo', {});
svc.metadata = { ...svc.metadata, creationTimestamp: t0 };
const ms = (s: string) => Date.parse(s);

describe('TriggerTimeTracker', () => {
  it('TestNewService: the first sync of a Service yields no trigger time', () => {
    const tracker = new TriggerTimeTracker();
    expect(tracker.compute('test/foo', svc, [withReady(pod(1), t1)])).toBeUndefined();
  });

  it('TestPodAdded / TestPodUpdated: the changed pod time; nothing when nothing changed', () => {
    const tracker = new TriggerTimeTracker();
    tracker.compute('test/foo', svc, [withReady(pod(1), t1)]);
    expect(tracker.compute('test/foo', svc, [withReady(pod(1), t1), withReady(pod(2), t2)])).toBe(ms(t2));
    expect(tracker.compute('test/foo', svc, [withReady(pod(1), t1), withReady(pod(2), t2)])).toBeUndefined();
  });

  it('TestPodsAdded: the minimum of the changed times', () => {
    const tracker = new TriggerTimeTracker();
    tracker.compute('test/foo', svc, []);
    expect(tracker.compute('test/foo', svc, [withReady(pod(1), t2), withReady(pod(2), t1)])).toBe(ms(t1));
  });

  it('TestServiceDeleted: a recreated Service starts afresh', () => {
    const tracker = new TriggerTimeTracker();
    tracker.compute('test/foo', svc, []);
    tracker.deleteService('test/foo');
    expect(tracker.compute('test/foo', svc, [withReady(pod(1), t1)])).toBeUndefined();
  });
});
