/** The timeline ring: lanes from real component identities, Events with their causes, bounded history, batched pushes. */
import { describe, expect, it, vi } from 'vitest';
import type { TimelineEntry } from '../../../main/bridge/contract';
import { laneFromEventSource, laneFromUserAgent, resourceOfStoreKey, Timeline } from '../../../main/host/timeline';

describe('lanes', () => {
  it('maps the User-Agents Kubernetes 1.32 components send', () => {
    expect(laneFromUserAgent('kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd')).toBe('client');
    expect(laneFromUserAgent('kube-scheduler/v1.32.4 (linux/amd64) kubernetes/59526cd')).toBe('scheduler');
    expect(laneFromUserAgent('kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/59526cd')).toBe('controller:kube-controller-manager');
    expect(laneFromUserAgent('kubelet/v1.32.4 (linux/amd64) kubernetes/59526cd', 'node-1')).toBe('kubelet:node-1');
    expect(laneFromUserAgent(undefined)).toBe('client');
  });

  it('maps Event reporters: default-scheduler, kubelet on its host, controllers by name', () => {
    expect(laneFromEventSource('default-scheduler', undefined)).toBe('scheduler');
    expect(laneFromEventSource('kubelet', 'node-2')).toBe('kubelet:node-2');
    expect(laneFromEventSource('replicaset-controller', undefined)).toBe('controller:replicaset-controller');
    expect(laneFromEventSource('deployment-controller', undefined)).toBe('controller:deployment-controller');
  });

  it('finds the resource in store keys, grouped or core', () => {
    expect(resourceOfStoreKey('/registry/pods/default/web')).toBe('pods');
    expect(resourceOfStoreKey('/registry/deployments/default/web')).toBe('deployments');
    expect(resourceOfStoreKey('/registry/lab.clusterlab.dev/clocks/cluster')).toBe('clocks');
  });
});

describe('Timeline', () => {
  it('records a scheduler Event with its involved object as the cause', () => {
    const pushed: TimelineEntry[][] = [];
    const t = new Timeline((e) => pushed.push(e), () => 1000);
    t.recordStoreEvent({
      type: 'ADDED',
      key: '/registry/events/default/web-1.17f',
      revision: 7,
      object: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'web-1.17f', namespace: 'default', uid: 'e1' },
        involvedObject: { kind: 'Pod', name: 'web-1', namespace: 'default', uid: 'pod-uid' },
        reason: 'Scheduled',
        message: 'Successfully assigned default/web-1 to node-1',
        source: { component: 'default-scheduler' },
      } as never,
    });
    t.flush();
    expect(pushed).toEqual([[expect.objectContaining({ seq: 1, time: 1000, lane: 'scheduler', type: 'event', reason: 'Scheduled', message: 'Successfully assigned default/web-1 to node-1', causes: ['pod-uid'] })]]);
    t.dispose();
  });

  it('records a controller-written Pod as that controller’s request plus a store revision caused by its owner', () => {
    const t = new Timeline(() => {}, () => 5);
    t.recordStoreEvent({
      type: 'ADDED',
      key: '/registry/pods/default/web-1',
      revision: 9,
      object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default', uid: 'p1', ownerReferences: [{ uid: 'rs1' }], managedFields: [{ manager: 'kube-controller-manager', time: '2026-01-01T00:00:00Z' }] } } as never,
    });
    const h = t.history();
    expect(h.map((e) => [e.lane, e.type, e.verb])).toEqual([
      ['controller:kube-controller-manager', 'request', 'create'],
      ['store', 'store', 'ADDED'],
    ]);
    expect(h[1]!.causes).toEqual(['p1', 'rs1']);
    t.dispose();
  });

  it('keeps the newest `capacity` entries, oldest first, and answers history since a seq', () => {
    const t = new Timeline(() => {}, () => 0, 3);
    for (let i = 0; i < 5; i++) t.add({ lane: 'client', type: 'request', verb: `v${i}` });
    expect(t.history().map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(t.history(4).map((e) => e.seq)).toEqual([5]);
    expect(t.history(5)).toEqual([]);
    expect(t.size).toBe(3);
    t.dispose();
  });

  it('pushes one batch per interval however many entries arrive', () => {
    vi.useFakeTimers();
    try {
      const pushed: TimelineEntry[][] = [];
      const t = new Timeline((e) => pushed.push(e), () => 0, 100, 50);
      for (let i = 0; i < 10; i++) t.add({ lane: 'store', type: 'store' });
      expect(pushed).toHaveLength(0);
      vi.advanceTimersByTime(50);
      expect(pushed.map((b) => b.length)).toEqual([10]);
      t.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
