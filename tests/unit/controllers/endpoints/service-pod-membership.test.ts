/** servicesToUpdateForPod, after upstream's TestDetermineNeededServiceUpdates and TestGetServicesToUpdate (k8s.io/endpointslice/util). */
import { describe, expect, it } from 'vitest';
import { servicesToUpdateForPod } from '../../../../engine/controllers/endpoints/service-pod-membership';
import { pod, service } from './fixtures';

const a = service('a', { selector: { app: 'a' } });
const b = service('b', { selector: { app: 'b' } });
const ab = service('ab', { selector: { tier: 'web' } });
const empty = service('empty', { selector: {} });
const none = service('none', { selector: undefined });
const all = [a, b, ab, empty, none];

describe('servicesToUpdateForPod', () => {
  it('add/delete: every Service selecting the pod; a missing or empty selector (nil once stored) selects nothing', () => {
    expect([...servicesToUpdateForPod(all, undefined, pod(1, { labels: { app: 'a', tier: 'web' } }))].sort()).toEqual(['test/a', 'test/ab']);
    expect([...servicesToUpdateForPod(all, pod(1, { labels: { app: 'b', tier: 'web' } }), undefined)].sort()).toEqual(['test/ab', 'test/b']);
  });

  it('a resync (same resourceVersion) or an irrelevant change updates nothing', () => {
    const p = pod(1, { labels: { app: 'a' } });
    expect(servicesToUpdateForPod(all, p, p).size).toBe(0);
    expect(servicesToUpdateForPod(all, p, { ...p, metadata: { ...p.metadata, resourceVersion: '99', annotations: { x: 'y' } } }).size).toBe(0);
  });

  it('readiness change: the selecting Services', () => {
    const p = pod(1, { labels: { app: 'a', tier: 'web' } });
    const q = pod(1, { labels: { app: 'a', tier: 'web' }, ready: false });
    q.metadata = { ...q.metadata, resourceVersion: '99' };
    expect([...servicesToUpdateForPod(all, p, q)].sort()).toEqual(['test/a', 'test/ab']);
  });

  it('labels only changed: the symmetric difference; labels and pod changed: the union', () => {
    const p = pod(1, { labels: { app: 'a', tier: 'web' } });
    const relabelled = { ...p, metadata: { ...p.metadata, resourceVersion: '99', labels: { app: 'b', tier: 'web' } } };
    expect([...servicesToUpdateForPod(all, p, relabelled)].sort()).toEqual(['test/a', 'test/b']);
    const relabelledAndDeleted = { ...relabelled, metadata: { ...relabelled.metadata, deletionTimestamp: '2026-11-23T12:00:00Z' } };
    expect([...servicesToUpdateForPod(all, p, relabelledAndDeleted)].sort()).toEqual(['test/a', 'test/ab', 'test/b']);
  });
});
