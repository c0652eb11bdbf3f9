/**
 * noderesources.resourceAllocationScorer: per scored resource, the node's allocatable and what would be
 * requested with the pod on it, then one scoring function over both vectors.
 * - `useRequested` false (NodeResourcesFit): cpu/memory use the non-zero requests (100m / 200Mi stand in for
 *   unstated ones) on both the node and pod side; true (BalancedAllocation): the plain requests.
 * - A scalar (extended, hugepages) resource the pod does not request is left out (0, 0), as is any resource the
 *   node does not advertise; scorers skip entries with allocatable 0.
 */
import { MAX_NODE_SCORE, type NodeInfo, type PodInfo } from '../../framework/interface';
import { isScalarResourceName } from '../../framework/pod-info';

export interface ResourceSpec {
  name: string;
  weight: number;
}

/** DefaultResources / the default scoring strategy's resources. */
export const DEFAULT_SCORED_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

export type ResourceScorer = (requested: readonly number[], allocatable: readonly number[]) => number;

/** calculatePodResourceRequest for one resource. */
export function podResourceRequest(p: PodInfo, name: string, useRequested: boolean): number {
  switch (name) {
    case 'cpu':
      return useRequested ? p.request.milliCPU : p.nonZeroRequest.milliCPU;
    case 'memory':
      return useRequested ? p.request.memory : p.nonZeroRequest.memory;
    case 'ephemeral-storage':
      return p.request.ephemeralStorage;
    default:
      return p.request.scalar[name] ?? 0;
  }
}

export function podResourceRequests(p: PodInfo, resources: readonly ResourceSpec[], useRequested: boolean): number[] {
  return resources.map((r) => podResourceRequest(p, r.name, useRequested));
}

/**
 * Fills `allocatable`/`requested` (same length as `resources`) for `nodeInfo` with the pod's requests added,
 * the way calculateResourceAllocatableRequest does.
 */
export function fillAllocatableRequested(
  nodeInfo: NodeInfo,
  resources: readonly ResourceSpec[],
  podRequests: readonly number[],
  useRequested: boolean,
  allocatable: number[],
  requested: number[],
): void {
  for (let i = 0; i < resources.length; i++) {
    const name = (resources[i] as ResourceSpec).name;
    const podRequest = podRequests[i] ?? 0;
    let alloc = 0;
    let req = 0;
    if (name === 'cpu') {
      alloc = nodeInfo.allocatable.milliCPU;
      req = (useRequested ? nodeInfo.requested.milliCPU : nodeInfo.nonZeroRequested.milliCPU) + podRequest;
    } else if (name === 'memory') {
      alloc = nodeInfo.allocatable.memory;
      req = (useRequested ? nodeInfo.requested.memory : nodeInfo.nonZeroRequested.memory) + podRequest;
    } else if (name === 'ephemeral-storage') {
      alloc = nodeInfo.allocatable.ephemeralStorage;
      req = nodeInfo.requested.ephemeralStorage + podRequest;
    } else if (!(podRequest === 0 && isScalarResourceName(name)) && nodeInfo.allocatable.scalar[name] !== undefined) {
      alloc = nodeInfo.allocatable.scalar[name] ?? 0;
      req = (nodeInfo.requested.scalar[name] ?? 0) + podRequest;
    }
    allocatable[i] = alloc;
    requested[i] = alloc === 0 ? 0 : req;
  }
}

/** leastRequestedScore: the free share of capacity, 0 when over-requested. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** mostRequestedScore: the used share of capacity; over-requests count as full (1.32). */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) requested = capacity;
  return Math.trunc((requested * MAX_NODE_SCORE) / capacity);
}

/** The weighted (integer) mean of a per-resource score, over resources the node has. */
function weightedScorer(resources: readonly ResourceSpec[], perResource: (requested: number, capacity: number) => number, round: boolean): ResourceScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let i = 0; i < requested.length; i++) {
      const alloc = allocatable[i] ?? 0;
      if (alloc === 0) continue;
      const weight = (resources[i] as ResourceSpec).weight;
      nodeScore += perResource(requested[i] ?? 0, alloc) * weight;
      weightSum += weight;
    }
    if (weightSum === 0) return 0;
    return round ? Math.round(nodeScore / weightSum) : Math.trunc(nodeScore / weightSum);
  };
}

export const leastResourceScorer = (resources: readonly ResourceSpec[]): ResourceScorer => weightedScorer(resources, leastRequestedScore, false);
export const mostResourceScorer = (resources: readonly ResourceSpec[]): ResourceScorer => weightedScorer(resources, mostRequestedScore, false);

export interface UtilizationShapePoint {
  utilization: number;
  score: number;
}

/** config.MaxCustomPriorityScore: shape scores are 0..10, scaled to MAX_NODE_SCORE. */
const MAX_CUSTOM_PRIORITY_SCORE = 10;
const MAX_UTILIZATION = 100;

/** helper.BuildBrokenLinearFunction over (utilization → score) points sorted by utilization (Go integer maths). */
export function brokenLinearFunction(shape: readonly UtilizationShapePoint[]): (p: number) => number {
  return (p) => {
    for (let i = 0; i < shape.length; i++) {
      const cur = shape[i] as UtilizationShapePoint;
      if (p <= cur.utilization) {
        if (i === 0) return cur.score;
        const prev = shape[i - 1] as UtilizationShapePoint;
        return prev.score + Math.trunc(((cur.score - prev.score) * (p - prev.utilization)) / (cur.utilization - prev.utilization));
      }
    }
    return (shape[shape.length - 1] as UtilizationShapePoint).score;
  };
}

/** requestedToCapacityRatioScorer: the shape (scores scaled ×10) at each resource's utilization, weighted mean rounded. */
export function requestedToCapacityRatioScorer(resources: readonly ResourceSpec[], shape: readonly UtilizationShapePoint[]): ResourceScorer {
  const scaled = shape.map((p) => ({ utilization: p.utilization, score: p.score * (MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE) }));
  const raw = brokenLinearFunction(scaled);
  const perResource = (requested: number, capacity: number): number => {
    if (capacity === 0 || requested > capacity) return raw(MAX_UTILIZATION);
    return raw(Math.trunc((requested * MAX_UTILIZATION) / capacity));
  };
  return weightedScorer(resources, perResource, true);
}

/**
 * balancedResourceScorer (1.32): 100 × (1 − std) of the requested/allocatable fractions (each capped at 1);
 * with two resources std is |f1 − f2| / 2.
 */
export function balancedResourceScorer(requested: readonly number[], allocatable: readonly number[]): number {
  const fractions: number[] = [];
  let total = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i] ?? 0;
    if (alloc === 0) continue;
    const f = Math.min((requested[i] ?? 0) / alloc, 1);
    total += f;
    fractions.push(f);
  }
  let std = 0;
  if (fractions.length === 2) {
    std = Math.abs(((fractions[0] as number) - (fractions[1] as number)) / 2);
  } else if (fractions.length > 2) {
    const mean = total / fractions.length;
    let sum = 0;
    for (const f of fractions) sum += (f - mean) * (f - mean);
    std = Math.sqrt(sum / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}
