/**
 * NodeAffinity (plugins/nodeaffinity).
 * PreFilter: Skip when the pod has no nodeSelector, no required node affinity and the profile adds none;
 * narrows the node set when every required term names nodes by `metadata.name In` (terms are ORed, a term's
 * name lists intersected; an empty result is `pod affinity terms conflict`, UnschedulableAndUnresolvable).
 * Filter: the profile's addedAffinity first (`node(s) didn't match scheduler-enforced node affinity`), then
 * nodeSelector AND required terms (`node(s) didn't match Pod's node affinity/selector`), both
 * UnschedulableAndUnresolvable.
 * Score: the summed weights of the preferred terms (pod's and addedAffinity's) a node matches, normalized so
 * the best node scores 100. PreScore Skips when there are none.
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
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/interface';
import { defaultNormalizeScore } from './helpers/default-normalize-score';
import {
  compileNodeSelectorTerm,
  compileNodeSelectorTerms,
  podNodeAffinity,
  requiredNodeAffinity,
  type NodeAffinitySpec,
  type NodeMatcher,
  type PreferredSchedulingTerm,
} from './helpers/node-selector';

export const NodeAffinityName = 'NodeAffinity';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

const PRE_FILTER_KEY = 'PreFilter' + NodeAffinityName;
const PRE_SCORE_KEY = 'PreScore' + NodeAffinityName;

interface WeightedMatcher {
  weight: number;
  match: NodeMatcher;
}

/** NodeAffinityArgs. */
export interface NodeAffinityArgs {
  addedAffinity?: NodeAffinitySpec;
}

function compilePreferred(terms: readonly PreferredSchedulingTerm[] | undefined): WeightedMatcher[] {
  const out: WeightedMatcher[] = [];
  for (const t of terms ?? []) {
    if (!t.weight) continue;
    const match = compileNodeSelectorTerm(t.preference);
    if (match) out.push({ weight: t.weight, match });
  }
  return out;
}

const matchAll: NodeMatcher = () => true;

/** The node names a pod's required terms pin it to (PreFilterResult), or a conflict, or no narrowing. */
function nodeNamesOfRequiredTerms(affinity: NodeAffinitySpec | undefined): Set<string> | 'conflict' | undefined {
  const terms = affinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  let union: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    // A term without a name restriction lets every node through: the terms are ORed.
    if (!termNames) return undefined;
    union ??= new Set();
    for (const n of termNames) union.add(n);
  }
  if (union && union.size === 0) return 'conflict';
  return union;
}

export function newNodeAffinity(args: Record<string, unknown> | undefined, _handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const added = (args as NodeAffinityArgs | undefined)?.addedAffinity;
  const addedRequired = added?.requiredDuringSchedulingIgnoredDuringExecution ? compileNodeSelectorTerms(added.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms) : undefined;
  const addedPreferred = compilePreferred(added?.preferredDuringSchedulingIgnoredDuringExecution);
  const enforcedReject = (): Status => new Status('UnschedulableAndUnresolvable', [ERR_REASON_ENFORCED]);
  const podReject = (): Status => new Status('UnschedulableAndUnresolvable', [ERR_REASON_POD]);

  return {
    name: NodeAffinityName,
    eventsToRegister(): ClusterEvent[] {
      return [
        { resource: 'Node', action: 'Add' },
        { resource: 'Node', action: 'UpdateNodeLabel' },
      ];
    },
    preFilter(state: CycleState, pod: KubeObject): { result?: PreFilterResult; status: Status } {
      const affinity = podNodeAffinity(pod);
      const hasNodeSelector = (pod['spec'] as { nodeSelector?: unknown } | undefined)?.nodeSelector != null;
      const hasRequired = affinity?.requiredDuringSchedulingIgnoredDuringExecution != null;
      if (!hasRequired && !addedRequired && !hasNodeSelector) return { status: new Status('Skip') };
      state.write(PRE_FILTER_KEY, requiredNodeAffinity(pod) ?? matchAll);
      const names = nodeNamesOfRequiredTerms(affinity);
      if (names === 'conflict') return { status: new Status('UnschedulableAndUnresolvable', [ERR_REASON_CONFLICT]) };
      return { result: names ? { nodeNames: names } : undefined, status: Status.success() };
    },
    filter(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo): Status {
      if (addedRequired && !addedRequired(nodeInfo.node)) return enforcedReject();
      const match = state.read<NodeMatcher>(PRE_FILTER_KEY) ?? requiredNodeAffinity(pod) ?? matchAll;
      return match(nodeInfo.node) ? Status.success() : podReject();
    },
    preScore(state: CycleState, pod: KubeObject): Status {
      const preferred = [...addedPreferred, ...compilePreferred(podNodeAffinity(pod)?.preferredDuringSchedulingIgnoredDuringExecution)];
      if (preferred.length === 0) return new Status('Skip');
      state.write(PRE_SCORE_KEY, preferred);
      return Status.success();
    },
    score(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo) {
      const preferred = state.read<WeightedMatcher[]>(PRE_SCORE_KEY) ?? [...addedPreferred, ...compilePreferred(podNodeAffinity(pod)?.preferredDuringSchedulingIgnoredDuringExecution)];
      let score = 0;
      for (const t of preferred) if (t.match(nodeInfo.node)) score += t.weight;
      return { score, status: Status.success() };
    },
    normalizeScore(_state, _pod, scores: NodeScore[]): Status {
      defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
      return Status.success();
    },
  };
}
