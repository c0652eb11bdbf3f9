/**
 * NodeResourcesFit (plugins/noderesources/fit.go, 1.32).
 * Filter: the node must hold one more pod (`Too many pods`) and the pod's effective requests on top of what is
 * already requested there (`Insufficient cpu`, `Insufficient memory`, `Insufficient ephemeral-storage`,
 * `Insufficient <extended resource>`); every shortfall is a reason, all Unschedulable (preemption may help).
 * Extended resources named in `ignoredResources`, or whose domain prefix is in `ignoredResourceGroups`, are not checked.
 * Score: scoringStrategy LeastAllocated (default; cpu and memory, weight 1), MostAllocated, or
 * RequestedToCapacityRatio with its utilization → score shape.
 */
import type { KubeObject } from '../../api/objects';
import {
  Status,
  type ClusterEvent,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type Resource,
  type ScorePlugin,
} from '../framework/interface';
import { newPodInfo } from '../framework/pod-info';
import {
  DEFAULT_SCORED_RESOURCES,
  fillAllocatableRequested,
  leastResourceScorer,
  mostResourceScorer,
  podResourceRequests,
  requestedToCapacityRatioScorer,
  type ResourceScorer,
  type ResourceSpec,
  type UtilizationShapePoint,
} from './helpers/resource-allocation';

export const NodeResourcesFitName = 'NodeResourcesFit';

const PRE_FILTER_KEY = 'PreFilter' + NodeResourcesFitName;
const PRE_SCORE_KEY = 'PreScore' + NodeResourcesFitName;

/** NodeResourcesFitArgs (kubescheduler.config.k8s.io/v1). */
export interface NodeResourcesFitArgs {
  ignoredResources?: string[];
  ignoredResourceGroups?: string[];
  scoringStrategy?: {
    type?: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
    resources?: ResourceSpec[];
    requestedToCapacityRatio?: { shape?: UtilizationShapePoint[] };
  };
}

export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** v1helper.IsExtendedResourceName: domain-prefixed, outside kubernetes.io, not a quota `requests.` name. */
export function isExtendedResourceName(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}

/** The pod's request as Filter reads it: the Resource plus its scalar names, sorted (Go ranges the map randomly; sorted keeps messages stable). */
export interface PodRequest {
  resource: Resource;
  scalarNames: string[];
}

export function podRequestOf(resource: Resource): PodRequest {
  return { resource, scalarNames: Object.keys(resource.scalar).sort() };
}

const FITS: InsufficientResource[] = [];

function withShortfall(out: InsufficientResource[], r: InsufficientResource): InsufficientResource[] {
  if (out === FITS) return [r];
  out.push(r);
  return out;
}

/**
 * fitsRequest: what the node lacks for the pod, in upstream's order (pods, cpu, memory, ephemeral, scalars).
 * Returns a shared empty array when everything fits (Filter's hot path allocates nothing then).
 */
export function fitsRequest(request: PodRequest, nodeInfo: NodeInfo, ignored: ReadonlySet<string>, ignoredGroups: ReadonlySet<string>): readonly InsufficientResource[] {
  const podRequest = request.resource;
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  let out = FITS;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out = withShortfall(out, { resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber });
  }
  const scalarNames = request.scalarNames;
  if (podRequest.milliCPU === 0 && podRequest.memory === 0 && podRequest.ephemeralStorage === 0 && scalarNames.length === 0) return out;
  if (podRequest.milliCPU > 0 && podRequest.milliCPU > alloc.milliCPU - used.milliCPU) {
    out = withShortfall(out, { resourceName: 'cpu', reason: 'Insufficient cpu', requested: podRequest.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  }
  if (podRequest.memory > 0 && podRequest.memory > alloc.memory - used.memory) {
    out = withShortfall(out, { resourceName: 'memory', reason: 'Insufficient memory', requested: podRequest.memory, used: used.memory, capacity: alloc.memory });
  }
  if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out = withShortfall(out, {
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: podRequest.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
    });
  }
  for (const name of scalarNames) {
    const quantity = podRequest.scalar[name] ?? 0;
    if (quantity === 0) continue;
    if (isExtendedResourceName(name) && (ignored.has(name) || (ignoredGroups.size > 0 && ignoredGroups.has(name.split('/')[0] as string)))) continue;
    const have = (alloc.scalar[name] ?? 0) - (used.scalar[name] ?? 0);
    if (quantity > have) out = withShortfall(out, { resourceName: name, reason: `Insufficient ${name}`, requested: quantity, used: used.scalar[name] ?? 0, capacity: alloc.scalar[name] ?? 0 });
  }
  return out;
}

function scorerFor(args: NodeResourcesFitArgs | undefined): { resources: readonly ResourceSpec[]; scorer: ResourceScorer } {
  const strategy = args?.scoringStrategy;
  const resources = strategy?.resources && strategy.resources.length > 0 ? strategy.resources : DEFAULT_SCORED_RESOURCES;
  switch (strategy?.type ?? 'LeastAllocated') {
    case 'MostAllocated':
      return { resources, scorer: mostResourceScorer(resources) };
    case 'RequestedToCapacityRatio':
      return { resources, scorer: requestedToCapacityRatioScorer(resources, strategy?.requestedToCapacityRatio?.shape ?? []) };
    default:
      return { resources, scorer: leastResourceScorer(resources) };
  }
}

export function newNodeResourcesFit(args: Record<string, unknown> | undefined, _handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const fitArgs = args as NodeResourcesFitArgs | undefined;
  const ignored = new Set(fitArgs?.ignoredResources ?? []);
  const ignoredGroups = new Set(fitArgs?.ignoredResourceGroups ?? []);
  const { resources, scorer } = scorerFor(fitArgs);
  // Scratch vectors reused by every Score call (the engine is single-threaded).
  const allocatable = new Array<number>(resources.length).fill(0);
  const requested = new Array<number>(resources.length).fill(0);

  return {
    name: NodeResourcesFitName,
    eventsToRegister(): ClusterEvent[] {
      return [
        { resource: 'Pod', action: 'Delete' },
        { resource: 'Node', action: 'Add' },
        { resource: 'Node', action: 'UpdateNodeAllocatable' },
      ];
    },
    preFilter(state: CycleState, pod: KubeObject) {
      state.write(PRE_FILTER_KEY, podRequestOf(newPodInfo(pod).request));
      return { status: Status.success() };
    },
    filter(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo): Status {
      const request = state.read<PodRequest>(PRE_FILTER_KEY) ?? podRequestOf(newPodInfo(pod).request);
      const insufficient = fitsRequest(request, nodeInfo, ignored, ignoredGroups);
      if (insufficient.length === 0) return Status.success();
      return new Status(
        'Unschedulable',
        insufficient.map((r) => r.reason),
      );
    },
    preScore(state: CycleState, pod: KubeObject): Status {
      state.write(PRE_SCORE_KEY, podResourceRequests(newPodInfo(pod), resources, false));
      return Status.success();
    },
    score(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo) {
      const podRequests = state.read<number[]>(PRE_SCORE_KEY) ?? podResourceRequests(newPodInfo(pod), resources, false);
      fillAllocatableRequested(nodeInfo, resources, podRequests, false, allocatable, requested);
      return { score: scorer(requested, allocatable), status: Status.success() };
    },
  };
}
