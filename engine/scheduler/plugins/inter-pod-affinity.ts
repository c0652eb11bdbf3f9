/**
 * InterPodAffinity (plugins/interpodaffinity, 1.32).
 * PreFilter counts, per topology pair (key=value of a node label):
 *  - existing pods' required anti-affinity terms the incoming pod matches (existingAntiAffinityCounts);
 *  - existing pods that match ALL of the incoming pod's required affinity terms (affinityCounts, per term key);
 *  - existing pods matching each of its required anti-affinity terms (antiAffinityCounts).
 * Filter, in upstream's order:
 *  - every affinity term's topology key must be on the node with a matching pod in that domain, unless no pod
 *    anywhere matches and the pod matches its own terms (the first of a self-affine group)
 *    → `node(s) didn't match pod affinity rules` (UnschedulableAndUnresolvable);
 *  - no anti-affinity term may have a matching pod in the node's domain → `node(s) didn't match pod anti-affinity rules`;
 *  - no existing pod's anti-affinity may cover the node's domains → `node(s) didn't satisfy existing pods anti-affinity rules`
 *    (both Unschedulable: preemption can remove the offending pods).
 * Score: preferred terms both ways (incoming pod's preferred (anti-)affinity on existing pods, existing pods'
 * preferred (anti-)affinity and required affinity × hardPodAffinityWeight on the incoming pod), summed per
 * topology domain, min–max normalized to 0..100.
 */
import type { KubeObject } from '../../api/objects';
import {
  MAX_NODE_SCORE,
  Status,
  type AffinityTerm,
  type ClusterEvent,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type Handle,
  type NodeInfo,
  type NodeScore,
  type PodInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
  type WeightedAffinityTerm,
} from '../framework/interface';
import { newPodInfo } from '../framework/pod-info';
import { affinityTermMatches, namespaceLabelCache, podMatchesAllAffinityTerms } from './helpers/affinity-term-match';

export const InterPodAffinityName = 'InterPodAffinity';

export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

const PRE_FILTER_KEY = 'PreFilter' + InterPodAffinityName;
const PRE_SCORE_KEY = 'PreScore' + InterPodAffinityName;

/** InterPodAffinityArgs. */
export interface InterPodAffinityArgs {
  hardPodAffinityWeight?: number;
  ignorePreferredTermsOfExistingPods?: boolean;
}

type Labels = Record<string, string>;
const NO_LABELS: Labels = {};
const pairKey = (key: string, value: string): string => `${key}\u0000${value}`;
const nodeLabels = (n: NodeInfo): Labels => n.node.metadata?.labels ?? NO_LABELS;

/** topologyToMatchedTermCount: entries that drop to 0 are removed, so `size` says whether anything matched. */
class TopologyCounts {
  readonly counts = new Map<string, number>();
  update(labels: Labels, topologyKey: string, delta: number): void {
    const value = labels[topologyKey];
    if (value === undefined) return;
    const k = pairKey(topologyKey, value);
    const next = (this.counts.get(k) ?? 0) + delta;
    if (next === 0) this.counts.delete(k);
    else this.counts.set(k, next);
  }
  get(key: string, value: string): number {
    return this.counts.get(pairKey(key, value)) ?? 0;
  }
  clone(): TopologyCounts {
    const c = new TopologyCounts();
    for (const [k, v] of this.counts) c.counts.set(k, v);
    return c;
  }
}

class PreFilterState {
  constructor(
    readonly podInfo: PodInfo,
    readonly namespaceLabels: Labels | undefined,
    readonly existingAntiAffinityCounts: TopologyCounts,
    readonly affinityCounts: TopologyCounts,
    readonly antiAffinityCounts: TopologyCounts,
    readonly nsLabelsOf: (ns: string) => Labels | undefined,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.podInfo, this.namespaceLabels, this.existingAntiAffinityCounts.clone(), this.affinityCounts.clone(), this.antiAffinityCounts.clone(), this.nsLabelsOf);
  }

  /** updateWithPod: account for `p` appearing on (+1) or leaving (−1) the node with `labels`. */
  updateWithPod(p: PodInfo, labels: Labels, multiplier: number): void {
    for (const t of p.requiredAntiAffinityTerms) {
      if (affinityTermMatches(t, this.podInfo.pod, this.namespaceLabels)) this.existingAntiAffinityCounts.update(labels, t.topologyKey, multiplier);
    }
    this.countIncomingTerms(p.pod, labels, multiplier);
  }

  countIncomingTerms(existing: KubeObject, labels: Labels, multiplier: number): void {
    const nsLabels = this.nsLabelsOf(existing.metadata?.namespace ?? '');
    const affinity = this.podInfo.requiredAffinityTerms;
    if (affinity.length > 0 && podMatchesAllAffinityTerms(affinity, existing, nsLabels)) {
      for (const t of affinity) this.affinityCounts.update(labels, t.topologyKey, multiplier);
    }
    for (const t of this.podInfo.requiredAntiAffinityTerms) {
      if (affinityTermMatches(t, existing, nsLabels)) this.antiAffinityCounts.update(labels, t.topologyKey, multiplier);
    }
  }
}

function satisfyPodAffinity(s: PreFilterState, labels: Labels): boolean {
  let podsExist = true;
  for (const t of s.podInfo.requiredAffinityTerms) {
    const value = labels[t.topologyKey];
    // Every topology key must be on the node.
    if (value === undefined) return false;
    if (s.affinityCounts.get(t.topologyKey, value) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: nothing matches anywhere yet, but it matches its own terms.
  return s.affinityCounts.counts.size === 0 && podMatchesAllAffinityTerms(s.podInfo.requiredAffinityTerms, s.podInfo.pod, s.namespaceLabels);
}

function satisfyPodAntiAffinity(s: PreFilterState, labels: Labels): boolean {
  if (s.antiAffinityCounts.counts.size === 0) return true;
  for (const t of s.podInfo.requiredAntiAffinityTerms) {
    const value = labels[t.topologyKey];
    if (value !== undefined && s.antiAffinityCounts.get(t.topologyKey, value) > 0) return false;
  }
  return true;
}

function satisfyExistingPodsAntiAffinity(s: PreFilterState, labels: Labels): boolean {
  if (s.existingAntiAffinityCounts.counts.size === 0) return true;
  for (const key in labels) if (s.existingAntiAffinityCounts.get(key, labels[key] as string) > 0) return false;
  return true;
}

/** topologyKey → topology value → score. */
type ScoreMap = Map<string, Map<string, number>>;

function processTerm(m: ScoreMap, term: AffinityTerm, weight: number, pod: KubeObject, nsLabels: Labels | undefined, labels: Labels, multiplier: number): void {
  if (!affinityTermMatches(term, pod, nsLabels)) return;
  const value = labels[term.topologyKey];
  if (value === undefined) return;
  let byValue = m.get(term.topologyKey);
  if (!byValue) m.set(term.topologyKey, (byValue = new Map()));
  byValue.set(value, (byValue.get(value) ?? 0) + weight * multiplier);
}

function processTerms(m: ScoreMap, terms: readonly WeightedAffinityTerm[], pod: KubeObject, nsLabels: Labels | undefined, labels: Labels, multiplier: number): void {
  for (const t of terms) processTerm(m, t, t.weight, pod, nsLabels, labels, multiplier);
}

export function newInterPodAffinity(args: Record<string, unknown> | undefined, handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const a = args as InterPodAffinityArgs | undefined;
  const hardPodAffinityWeight = a?.hardPodAffinityWeight ?? 1;
  const ignorePreferredTermsOfExistingPods = a?.ignorePreferredTermsOfExistingPods ?? false;

  return {
    name: InterPodAffinityName,
    eventsToRegister(): ClusterEvent[] {
      return [
        { resource: 'Pod', action: 'All' },
        { resource: 'Node', action: 'Add' },
        { resource: 'Node', action: 'UpdateNodeLabel' },
      ];
    },
    preFilter(state: CycleState, pod: KubeObject, nodes: readonly NodeInfo[]) {
      const snapshot = handle.snapshot();
      const podInfo = newPodInfo(pod);
      const nsLabelsOf = namespaceLabelCache(snapshot);
      const s = new PreFilterState(podInfo, nsLabelsOf(pod.metadata?.namespace ?? ''), new TopologyCounts(), new TopologyCounts(), new TopologyCounts(), nsLabelsOf);
      for (const n of snapshot.havePodsWithRequiredAntiAffinity()) {
        const labels = nodeLabels(n);
        for (const existing of n.podsWithRequiredAntiAffinity) {
          for (const t of existing.requiredAntiAffinityTerms) {
            if (affinityTermMatches(t, pod, s.namespaceLabels)) s.existingAntiAffinityCounts.update(labels, t.topologyKey, 1);
          }
        }
      }
      if (podInfo.requiredAffinityTerms.length + podInfo.requiredAntiAffinityTerms.length > 0) {
        for (const n of nodes) {
          const labels = nodeLabels(n);
          for (const existing of n.pods) s.countIncomingTerms(existing.pod, labels, 1);
        }
      }
      state.write(PRE_FILTER_KEY, s);
      return { status: Status.success() };
    },
    addPod(state: CycleState, _pod: KubeObject, toAdd: PodInfo, nodeInfo: NodeInfo): Status {
      state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(toAdd, nodeLabels(nodeInfo), 1);
      return Status.success();
    },
    removePod(state: CycleState, _pod: KubeObject, toRemove: PodInfo, nodeInfo: NodeInfo): Status {
      state.read<PreFilterState>(PRE_FILTER_KEY)?.updateWithPod(toRemove, nodeLabels(nodeInfo), -1);
      return Status.success();
    },
    filter(state: CycleState, _pod: KubeObject, nodeInfo: NodeInfo): Status {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (!s) return new Status('Error', [`error reading "${PRE_FILTER_KEY}" from cycleState: not found`]);
      const labels = nodeLabels(nodeInfo);
      if (s.podInfo.requiredAffinityTerms.length > 0 && !satisfyPodAffinity(s, labels)) return new Status('UnschedulableAndUnresolvable', [ERR_REASON_AFFINITY_RULES_NOT_MATCH]);
      if (!satisfyPodAntiAffinity(s, labels)) return new Status('Unschedulable', [ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH]);
      if (!satisfyExistingPodsAntiAffinity(s, labels)) return new Status('Unschedulable', [ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH]);
      return Status.success();
    },
    preScore(state: CycleState, pod: KubeObject): Status {
      const snapshot = handle.snapshot();
      const podInfo = newPodInfo(pod);
      const hasConstraints = podInfo.preferredAffinityTerms.length + podInfo.preferredAntiAffinityTerms.length > 0;
      if (ignorePreferredTermsOfExistingPods && !hasConstraints) return new Status('Skip');
      const nsLabels = snapshot.namespaceLabels(pod.metadata?.namespace ?? '');
      const topologyScore: ScoreMap = new Map();
      // Without preferred terms of its own, only nodes hosting pods with affinity can contribute.
      const nodes = hasConstraints ? snapshot.list() : snapshot.havePodsWithAffinity();
      for (const n of nodes) {
        const labels = nodeLabels(n);
        if (Object.keys(labels).length === 0) continue;
        for (const existing of hasConstraints ? n.pods : n.podsWithAffinity) {
          const existingNs = existing.pod.metadata?.namespace ?? '';
          const existingNsLabels = hasConstraints ? snapshot.namespaceLabels(existingNs) : undefined;
          processTerms(topologyScore, podInfo.preferredAffinityTerms, existing.pod, existingNsLabels, labels, 1);
          processTerms(topologyScore, podInfo.preferredAntiAffinityTerms, existing.pod, existingNsLabels, labels, -1);
          if (hardPodAffinityWeight > 0) {
            for (const t of existing.requiredAffinityTerms) processTerm(topologyScore, t, hardPodAffinityWeight, pod, nsLabels, labels, 1);
          }
          if (!ignorePreferredTermsOfExistingPods) {
            processTerms(topologyScore, existing.preferredAffinityTerms, pod, nsLabels, labels, 1);
            processTerms(topologyScore, existing.preferredAntiAffinityTerms, pod, nsLabels, labels, -1);
          }
        }
      }
      if (topologyScore.size === 0) return new Status('Skip');
      state.write(PRE_SCORE_KEY, topologyScore);
      return Status.success();
    },
    score(state: CycleState, _pod: KubeObject, nodeInfo: NodeInfo) {
      const topologyScore = state.read<ScoreMap>(PRE_SCORE_KEY);
      let score = 0;
      if (topologyScore) {
        const labels = nodeLabels(nodeInfo);
        for (const [key, byValue] of topologyScore) {
          const value = labels[key];
          if (value !== undefined) score += byValue.get(value) ?? 0;
        }
      }
      return { score, status: Status.success() };
    },
    normalizeScore(state: CycleState, _pod: KubeObject, scores: NodeScore[]): Status {
      const topologyScore = state.read<ScoreMap>(PRE_SCORE_KEY);
      if (!topologyScore || topologyScore.size === 0) return Status.success();
      let min = Infinity;
      let max = -Infinity;
      for (const s of scores) {
        if (s.score < min) min = s.score;
        if (s.score > max) max = s.score;
      }
      const diff = max - min;
      for (const s of scores) s.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((s.score - min) / diff)) : 0;
      return Status.success();
    },
  };
}
