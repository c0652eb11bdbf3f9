/**
 * NodeResourcesBalancedAllocation (plugins/noderesources/balanced_allocation.go, 1.32): favours nodes whose
 * resource fractions (requested with the pod / allocatable, plain requests) stay close to each other:
 * 100 × (1 − standard deviation). Args: `resources` (default cpu and memory, weight 1; weights unused).
 */
import type { KubeObject } from '../../api/objects';
import { Status, type CycleState, type Handle, type NodeInfo, type PreScorePlugin, type ScorePlugin } from '../framework/interface';
import { newPodInfo } from '../framework/pod-info';
import { balancedResourceScorer, DEFAULT_SCORED_RESOURCES, fillAllocatableRequested, podResourceRequests, type ResourceSpec } from './helpers/resource-allocation';

export const NodeResourcesBalancedAllocationName = 'NodeResourcesBalancedAllocation';

const PRE_SCORE_KEY = 'PreScore' + NodeResourcesBalancedAllocationName;

/** NodeResourcesBalancedAllocationArgs. */
export interface NodeResourcesBalancedAllocationArgs {
  resources?: ResourceSpec[];
}

export function newNodeResourcesBalancedAllocation(args: Record<string, unknown> | undefined, _handle: Handle): PreScorePlugin & ScorePlugin {
  const configured = (args as NodeResourcesBalancedAllocationArgs | undefined)?.resources;
  const resources = configured && configured.length > 0 ? configured : DEFAULT_SCORED_RESOURCES;
  const allocatable = new Array<number>(resources.length).fill(0);
  const requested = new Array<number>(resources.length).fill(0);
  return {
    name: NodeResourcesBalancedAllocationName,
    preScore(state: CycleState, pod: KubeObject): Status {
      state.write(PRE_SCORE_KEY, podResourceRequests(newPodInfo(pod), resources, true));
      return Status.success();
    },
    score(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo) {
      const podRequests = state.read<number[]>(PRE_SCORE_KEY) ?? podResourceRequests(newPodInfo(pod), resources, true);
      fillAllocatableRequested(nodeInfo, resources, podRequests, true, allocatable, requested);
      return { score: balancedResourceScorer(requested, allocatable), status: Status.success() };
    },
  };
}
