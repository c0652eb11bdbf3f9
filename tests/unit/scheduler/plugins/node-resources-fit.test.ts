import { describe, expect, it } from 'vitest';
import { newNodeResourcesFit } from '../../../../engine/scheduler/plugins/node-resources-fit';
import { brokenLinearFunction } from '../../../../engine/scheduler/plugins/helpers/resource-allocation';
import { makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, podWithRequests, reasonsByNode, runFilter, runScore } from './fixtures';

const handle = makeHandle(makeSnapshot([]));

/** makeResources(10, 20, 32, 5, 20, 5) of upstream's fit_test.go: milliCPU 10, memory 20, pods 32, extended 5, ephemeral 20, hugepages 5. */
const upstreamNode = () =>
  makeNode('machine1', { allocatable: { cpu: '10m', memory: '20', pods: '32', 'example.com/aaa': '5', 'ephemeral-storage': '20', 'hugepages-test': '5' } });
const res = (cpu: number, mem: number, extra: Record<string, string> = {}) => ({ ...(cpu ? { cpu: `${cpu}m` } : {}), ...(mem ? { memory: `${mem}` } : {}), ...extra });

// Upstream: noderesources/fit_test.go TestEnoughRequests.
describe('NodeResourcesFit Filter', () => {
  const cases: Array<{ name: string; pod: Record<string, string>; init?: Record<string, string>; existing: Record<string, string>; args?: Record<string, unknown>; want: string }> = [
    { name: 'no resources requested always fits', pod: {}, existing: res(10, 20), want: '' },
    { name: 'too many resources fails', pod: res(1, 1), existing: res(10, 20), want: 'Unschedulable: Insufficient cpu, Insufficient memory' },
    { name: 'too many resources fails due to init container cpu', pod: res(1, 1), init: res(3, 1), existing: res(8, 19), want: 'Unschedulable: Insufficient cpu' },
    { name: 'too many resources fails due to init container memory', pod: res(1, 1), init: res(1, 3), existing: res(9, 19), want: 'Unschedulable: Insufficient memory' },
    { name: 'init container fits because it\'s the max, not sum, of containers and init containers', pod: res(1, 1), init: res(1, 1), existing: res(9, 19), want: '' },
    { name: 'both resources fit', pod: res(1, 1), existing: res(5, 5), want: '' },
    { name: 'one resource memory fits', pod: res(2, 1), existing: res(9, 5), want: 'Unschedulable: Insufficient cpu' },
    { name: 'one resource cpu fits', pod: res(1, 2), existing: res(5, 19), want: 'Unschedulable: Insufficient memory' },
    { name: 'equal edge case', pod: res(5, 1), existing: res(5, 19), want: '' },
    { name: 'extended resource fits', pod: { 'example.com/aaa': '1' }, existing: {}, want: '' },
    { name: 'extended resource capacity enforced', pod: { 'example.com/aaa': '10' }, existing: {}, want: 'Unschedulable: Insufficient example.com/aaa' },
    { name: 'extended resource allocatable enforced', pod: { 'example.com/aaa': '1' }, existing: { 'example.com/aaa': '5' }, want: 'Unschedulable: Insufficient example.com/aaa' },
    { name: 'extended resource allocatable enforced for unknown resource', pod: { 'example.com/bbb': '1' }, existing: {}, want: 'Unschedulable: Insufficient example.com/bbb' },
    { name: 'hugepages resource capacity enforced', pod: { 'hugepages-test': '10' }, existing: {}, want: 'Unschedulable: Insufficient hugepages-test' },
    { name: 'skip checking ignored extended resource', pod: { 'example.com/bbb': '2' }, existing: {}, args: { ignoredResources: ['example.com/bbb'] }, want: '' },
    { name: 'skip checking ignored extended resource via resource groups', pod: { 'example.com/bbb': '2' }, existing: {}, args: { ignoredResourceGroups: ['example.com'] }, want: '' },
    { name: 'ephemeral local storage request is over', pod: { 'ephemeral-storage': '25' }, existing: {}, want: 'Unschedulable: Insufficient ephemeral-storage' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pod = makePod('p', {
        containers: [{ name: 'c', image: 'x', resources: { requests: c.pod } }],
        ...(c.init ? { initContainers: [{ name: 'i', image: 'x', resources: { requests: c.init } }] } : {}),
      });
      const ni = makeNodeInfo(upstreamNode(), [podWithRequests('existing', c.existing)]);
      expect(reasonsByNode(runFilter(newNodeResourcesFit(c.args, handle), pod, [ni]))).toEqual({ machine1: c.want });
    });
  }

  // Upstream: TestPredicateWithPodCount / "even without specified resources, predicate fails when there's no space for additional pod".
  it('Too many pods once the node holds its allocatable pod count, together with resource shortfalls', () => {
    const node = makeNode('n', { allocatable: { cpu: '10m', memory: '20', pods: '1' } });
    const ni = makeNodeInfo(node, [podWithRequests('existing', res(10, 20))]);
    expect(reasonsByNode(runFilter(newNodeResourcesFit(undefined, handle), makePod('p'), [ni]))).toEqual({ n: 'Unschedulable: Too many pods' });
    expect(reasonsByNode(runFilter(newNodeResourcesFit(undefined, handle), podWithRequests('p', res(1, 1)), [ni]))).toEqual({
      n: 'Unschedulable: Too many pods, Insufficient cpu, Insufficient memory',
    });
  });
});

const cpuAndMemory = () =>
  makePod('p', {
    containers: [
      { name: 'a', image: 'x', resources: { requests: { cpu: '1000m', memory: '2000' } } },
      { name: 'b', image: 'x', resources: { requests: { cpu: '2000m', memory: '3000' } } },
    ],
  });
const sizedNodes = () => [
  makeNodeInfo(makeNode('node1', { allocatable: { cpu: '4000m', memory: '10000', pods: '110' } })),
  makeNodeInfo(makeNode('node2', { allocatable: { cpu: '6000m', memory: '10000', pods: '110' } })),
];

describe('NodeResourcesFit Score', () => {
  // Upstream: least_allocated_test.go "nothing scheduled, resources requested, differently sized nodes".
  it('LeastAllocated (default): (4000-3000)/4000 and (10000-5000)/10000 → 37; 50/50 → 50', () => {
    expect(runScore(newNodeResourcesFit(undefined, handle), cpuAndMemory(), sizedNodes())).toEqual([
      { name: 'node1', score: 37 },
      { name: 'node2', score: 50 },
    ]);
  });
  // Upstream: most_allocated_test.go "nothing scheduled, resources requested, differently sized nodes".
  it('MostAllocated: 75 and 50 → 62; 50/50 → 50', () => {
    const args = { scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] } };
    expect(runScore(newNodeResourcesFit(args, handle), cpuAndMemory(), sizedNodes())?.map((s) => s.score)).toEqual([62, 50]);
  });
  // Upstream: least_allocated_test.go "resources with weights": cpu weight 3, memory weight 1 → (25*3+50)/4 = 31, (50*3+50)/4 = 50.
  it('LeastAllocated with weights', () => {
    const args = { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] } };
    expect(runScore(newNodeResourcesFit(args, handle), cpuAndMemory(), sizedNodes())?.map((s) => s.score)).toEqual([31, 50]);
  });
  it('a pod without requests is scored with 100m / 200Mi (non-zero defaults)', () => {
    const node = makeNodeInfo(makeNode('n', { allocatable: { cpu: '1000m', memory: `${800 * 1024 * 1024}`, pods: '110' } }));
    // cpu (1000-100)/1000 = 90, memory (800-200)/800 = 75 → 82.
    expect(runScore(newNodeResourcesFit(undefined, handle), makePod('p'), [node])?.map((s) => s.score)).toEqual([82]);
  });
  it('RequestedToCapacityRatio maps utilization through the shape (scores ×10), weighted, rounded', () => {
    const args = { scoringStrategy: { type: 'RequestedToCapacityRatio', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }], requestedToCapacityRatio: { shape: [{ utilization: 0, score: 10 }, { utilization: 100, score: 0 }] } } };
    // node1: cpu 75% → 25, memory 50% → 50 → round(37.5) = 38; node2: 50, 50 → 50.
    expect(runScore(newNodeResourcesFit(args, handle), cpuAndMemory(), sizedNodes())?.map((s) => s.score)).toEqual([38, 50]);
  });
  // Upstream: helper/shape_score_test.go TestBrokenLinearFunction.
  it('broken linear function (shape 10→1, 90→9)', () => {
    const f = brokenLinearFunction([{ utilization: 10, score: 1 }, { utilization: 90, score: 9 }]);
    const table: Array<[number, number]> = [[-10, 1], [0, 1], [9, 1], [10, 1], [15, 1], [19, 1], [20, 2], [89, 8], [90, 9], [99, 9], [100, 9], [110, 9]];
    for (const [p, want] of table) expect(f(p), `p=${p}`).toBe(want);
  });
});
