import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../../../../engine/scheduler/cache/scheduler-cache';
import { SchedulerSnapshot } from '../../../../engine/scheduler/cache/snapshot';
import { newPodInfo } from '../../../../engine/scheduler/framework/pod-info';
import { makeNode, makePod } from './fixtures';

describe('SchedulerCache', () => {
  it('assumes, confirms and forgets pods; requested totals follow', () => {
    const cache = new SchedulerCache();
    const snap = new SchedulerSnapshot();
    cache.addOrUpdateNode(makeNode('n1', { cpu: '2', pods: '10' }));
    const p = makePod('p', { cpu: '500m' });
    cache.assumePod(newPodInfo(p), 'n1');
    cache.updateSnapshot(snap);
    expect(snap.get('n1')?.requested.milliCPU).toBe(500);
    expect(cache.isAssumed(p.metadata!.uid!)).toBe(true);
    cache.forgetPod(p.metadata!.uid!);
    cache.updateSnapshot(snap);
    expect(snap.get('n1')?.requested.milliCPU).toBe(0);
    cache.assumePod(newPodInfo(p), 'n1');
    cache.addOrUpdatePod({ ...p, spec: { ...(p['spec'] as object), nodeName: 'n1' } }); // informer confirms
    expect(cache.isAssumed(p.metadata!.uid!)).toBe(false);
    cache.updateSnapshot(snap);
    expect(snap.get('n1')?.pods.length).toBe(1);
    expect(snap.get('n1')?.requested.milliCPU).toBe(500);
  });

  it('updateSnapshot copies only the NodeInfos that changed and keeps list identity otherwise', () => {
    const cache = new SchedulerCache();
    const snap = new SchedulerSnapshot();
    for (let i = 0; i < 5; i++) cache.addOrUpdateNode(makeNode(`n${i}`, { cpu: '2', pods: '10' }));
    cache.updateSnapshot(snap);
    const list = snap.list();
    const n0 = snap.get('n0');
    const gen3 = snap.get('n3')?.generation;
    cache.assumePod(newPodInfo(makePod('p', { cpu: '1' })), 'n0');
    cache.updateSnapshot(snap);
    expect(snap.list()).toBe(list); // no node added or removed: same array
    expect(snap.get('n0')).toBe(n0); // refreshed in place
    expect(n0?.requested.milliCPU).toBe(1000);
    expect(snap.get('n3')?.generation).toBe(gen3);
    cache.removeNode('n4');
    cache.updateSnapshot(snap);
    expect(snap.list().map((n) => n.name)).toEqual(['n0', 'n1', 'n2', 'n3']);
  });

  it('tracks pods with affinity for the snapshot lists', () => {
    const cache = new SchedulerCache();
    const snap = new SchedulerSnapshot();
    cache.addOrUpdateNode(makeNode('n1', { pods: '10' }));
    cache.addOrUpdateNode(makeNode('n2', { pods: '10' }));
    const anti = makePod('a', { node: 'n2' });
    (anti['spec'] as Record<string, unknown>)['affinity'] = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { x: 'y' } }, topologyKey: 'kubernetes.io/hostname' }] } };
    cache.addOrUpdatePod(anti);
    cache.updateSnapshot(snap);
    expect(snap.havePodsWithAffinity().map((n) => n.name)).toEqual(['n2']);
    expect(snap.havePodsWithRequiredAntiAffinity().map((n) => n.name)).toEqual(['n2']);
    cache.removePod(anti);
    cache.updateSnapshot(snap);
    expect(snap.havePodsWithRequiredAntiAffinity()).toEqual([]);
  });

  it('shares image summaries so numNodes counts every node with the image', () => {
    const cache = new SchedulerCache();
    const snap = new SchedulerSnapshot();
    const withImage = (name: string) => ({ ...makeNode(name, { pods: '10' }), status: { allocatable: { pods: '10' }, images: [{ names: ['nginx'], sizeBytes: 100 }] } });
    cache.addOrUpdateNode(withImage('n1'));
    cache.addOrUpdateNode(withImage('n2'));
    cache.updateSnapshot(snap);
    expect(snap.get('n1')?.imageStates.get('nginx:latest')).toEqual({ size: 100, numNodes: 2 });
  });
});
