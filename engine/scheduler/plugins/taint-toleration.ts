/**
 * TaintToleration (plugins/tainttoleration).
 * Filter: the first NoSchedule/NoExecute taint the pod does not tolerate rejects the node
 * (`node(s) had untolerated taint {key: value}`, UnschedulableAndUnresolvable).
 * Score: how many PreferNoSchedule taints the pod does not tolerate (counting only its tolerations with effect
 * PreferNoSchedule or none), normalized reversed so the fewest intolerable taints score 100.
 */
import type { KubeObject } from '../../api/objects';
import {
  MAX_NODE_SCORE,
  Status,
  type ClusterEvent,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type NodeScore,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/interface';
import { defaultNormalizeScore } from './helpers/default-normalize-score';
import { findUntoleratedTaint, isDoNotScheduleTaint, nodeTaints, podTolerations, tolerationsTolerateTaint, type Toleration } from './helpers/taints';

export const TaintTolerationName = 'TaintToleration';

const PRE_SCORE_KEY = 'PreScore' + TaintTolerationName;

export function untoleratedTaintReason(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

export function newTaintToleration(_args: Record<string, unknown> | undefined, _handle: Handle): FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  return {
    name: TaintTolerationName,
    eventsToRegister(): ClusterEvent[] {
      return [
        { resource: 'Node', action: 'Add' },
        { resource: 'Node', action: 'UpdateNodeTaint' },
        { resource: 'Pod', action: 'UpdatePodTolerations' },
      ];
    },
    filter(_state, pod: KubeObject, nodeInfo: NodeInfo): Status {
      const taints = nodeTaints(nodeInfo.node);
      if (taints.length === 0) return Status.success();
      const taint = findUntoleratedTaint(taints, podTolerations(pod), isDoNotScheduleTaint);
      if (!taint) return Status.success();
      return new Status('UnschedulableAndUnresolvable', [untoleratedTaintReason(taint.key, taint.value)]);
    },
    preScore(state: CycleState, pod: KubeObject): Status {
      const preferNoSchedule = podTolerations(pod).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
      state.write(PRE_SCORE_KEY, preferNoSchedule);
      return Status.success();
    },
    score(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo) {
      const tolerations = state.read<Toleration[]>(PRE_SCORE_KEY) ?? podTolerations(pod).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
      let count = 0;
      for (const taint of nodeTaints(nodeInfo.node)) {
        if (taint.effect !== 'PreferNoSchedule') continue;
        if (!tolerationsTolerateTaint(tolerations, taint)) count++;
      }
      return { score: count, status: Status.success() };
    },
    normalizeScore(_state, _pod, scores: NodeScore[]): Status {
      defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
      return Status.success();
    },
  };
}
