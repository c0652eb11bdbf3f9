import { describe, expect, it } from 'vitest';
import { newNodeResourcesBalancedAllocation } from '../../../../engine/scheduler/plugins/node-resources-balanced-allocation';
import { makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, podWithRequests, runScore } from './fixtures';

const handle = makeHandle(makeSnapshot([]));
const node = (name: string, cpu: string, memory: string) => makeNode(name, { allocatable: { cpu, memory, pods: '110' } });
const cpuAndMemory = () =>
  makePod('p', {
    containers: [
      { name: 'a', image: 'x', resources: { requests: { cpu: '1000m', memory: '2000' } } },
      { name: 'b', image: 'x', resources: { requests: { cpu: '2000m', memory: '3000' } } },
    ],
  });

// Upstream: noderesources/balanced_allocation_test.go TestNodeResourcesBalancedAllocation.
describe('NodeResourcesBalancedAllocation', () => {
  it('nothing scheduled, resources requested, differently sized nodes: |0.75-0.5|/2 → 87; equal fractions → 100', () => {
    const scores = runScore(newNodeResourcesBalancedAllocation(undefined, handle), cpuAndMemory(), [makeNodeInfo(node('node1', '4000m', '10000')), makeNodeInfo(node('node2', '6000m', '10000'))]);
    expect(scores).toEqual([
      { name: 'node1', score: 87 },
      { name: 'node2', score: 100 },
    ]);
  });
  it('resources requested, pods scheduled with resources: plain requests, not the non-zero defaults', () => {
    // machine1 10000m/20000 holds 3000m/5000 (two pods); incoming 3000m/5000 → cpu 0.6, mem 0.5 → std 0.05 → 95.
    const existing = [podWithRequests('e1', { cpu: '1000m', memory: '2000' }), podWithRequests('e2', { cpu: '2000m', memory: '3000' })];
    const scores = runScore(newNodeResourcesBalancedAllocation(undefined, handle), cpuAndMemory(), [makeNodeInfo(node('machine1', '10000m', '20000'), existing)]);
    expect(scores?.map((s) => s.score)).toEqual([95]);
  });
  it('fractions above 1 are capped', () => {
    const scores = runScore(newNodeResourcesBalancedAllocation(undefined, handle), cpuAndMemory(), [makeNodeInfo(node('small', '1000m', '10000'))]);
    // cpu min(3, 1) = 1, memory 0.5 → std 0.25 → 75.
    expect(scores?.map((s) => s.score)).toEqual([75]);
  });
  it('three resources use the population standard deviation', () => {
    const plugin = newNodeResourcesBalancedAllocation({ resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: 'example.com/gpu', weight: 1 }] }, handle);
    const pod = makePod('p', { containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '1000m', memory: '5000', 'example.com/gpu': '4' } } }] });
    const n = makeNodeInfo(makeNode('n', { allocatable: { cpu: '4000m', memory: '10000', 'example.com/gpu': '4', pods: '110' } }));
    // fractions 0.25, 0.5, 1 → mean 0.5833, std = sqrt(((0.3333)^2 + (0.0833)^2 + (0.4167)^2)/3) = 0.3118 → 68.
    expect(runScore(plugin, pod, [n])?.map((s) => s.score)).toEqual([68]);
  });
});
