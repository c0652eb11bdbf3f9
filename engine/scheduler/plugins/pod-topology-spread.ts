/**
 * PodTopologySpread (plugins/podtopologyspread, 1.32).
 * Constraints come from the pod (whenUnsatisfiable DoNotSchedule → Filter, ScheduleAnyway → Score), or — when
 * the pod states none — from the plugin's defaults: with defaultingType System (the default) zone maxSkew 5
 * and hostname maxSkew 3, both ScheduleAnyway, selecting like the pod's Services/RC/RS/StatefulSet.
 * minDomains defaults to 1, nodeAffinityPolicy to Honor, nodeTaintsPolicy to Ignore; matchLabelKeys adds
 * `key in (pod's value)` to the selector.
 * Filter: skew = matching pods in the node's domain + (1 if the pod matches itself) − the minimum over
 * eligible domains (0 while fewer than minDomains domains exist) must not exceed maxSkew
 * (`node(s) didn't match pod topology spread constraints`, Unschedulable); a node missing a topology key is
 * `... (missing required label)`, UnschedulableAndUnresolvable.
 * Score: per constraint, matching pods in the node's domain × log(domains + 2) + maxSkew − 1, then
 * normalized so the fewest matching pods score 100.
 */
import type { KubeObject } from '../../api/objects';
import { labelSelectorFromMeta } from '../../apiserver/selectors';
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
  type PodInfo,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../framework/interface';
import { defaultSpreadSelector, withMatchLabelKeys } from './helpers/default-spread-selector';
import { DomainMatchTotalsCache } from './helpers/domain-match-totals';
import { requiredNodeAffinity, type NodeMatcher } from './helpers/node-selector';
import { findUntoleratedTaint, isDoNotScheduleTaint, nodeTaints, podTolerations } from './helpers/taints';

export const PodTopologySpreadName = 'PodTopologySpread';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = ERR_REASON_CONSTRAINTS_NOT_MATCH + ' (missing required label)';

const PRE_FILTER_KEY = 'PreFilter' + PodTopologySpreadName;
const PRE_SCORE_KEY = 'PreScore' + PodTopologySpreadName;
const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

type Labels = Record<string, string>;
const NO_LABELS: Labels = {};
type Action = 'DoNotSchedule' | 'ScheduleAnyway';

/** v1.TopologySpreadConstraint as the pod (or the plugin args) states it. */
export interface TopologySpreadConstraintSpec {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: Action;
  labelSelector?: Parameters<typeof labelSelectorFromMeta>[0];
  minDomains?: number;
  nodeAffinityPolicy?: 'Honor' | 'Ignore';
  nodeTaintsPolicy?: 'Honor' | 'Ignore';
  matchLabelKeys?: string[];
}

/** PodTopologySpreadArgs. */
export interface PodTopologySpreadArgs {
  defaultConstraints?: TopologySpreadConstraintSpec[];
  defaultingType?: 'System' | 'List';
}

/** The System defaulting's constraints (systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraintSpec[] = [
  { topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  matches: (labels: Labels) => boolean;
  /** Identifies namespace + selector in the per-node count cache. */
  cacheKey: string;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

const nodeLabels = (n: NodeInfo): Labels => n.node.metadata?.labels ?? NO_LABELS;

function nodeLabelsMatchSpreadConstraints(labels: Labels, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (labels[c.topologyKey] === undefined) return false;
  return true;
}

/** matchNodeInclusionPolicies. */
function nodeIncluded(c: Constraint, pod: KubeObject, node: KubeObject, affinity: NodeMatcher | undefined): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && affinity && !affinity(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(nodeTaints(node), podTolerations(pod), isDoNotScheduleTaint)) return false;
  return true;
}

/** Matching-pod counts per topology pair (key, value), kept as key → value → count to avoid building pair strings. */
class PairCounts {
  readonly byKey = new Map<string, Map<string, number>>();
  get(key: string, value: string): number | undefined {
    return this.byKey.get(key)?.get(value);
  }
  add(key: string, value: string, delta: number): void {
    let byValue = this.byKey.get(key);
    if (!byValue) this.byKey.set(key, (byValue = new Map()));
    byValue.set(value, (byValue.get(value) ?? 0) + delta);
  }
  clone(): PairCounts {
    const c = new PairCounts();
    for (const [k, v] of this.byKey) c.byKey.set(k, new Map(v));
    return c;
  }
}

/** countPodsMatchSelector: same-namespace, not terminating, labels match. */
function countPods(n: NodeInfo, c: Constraint, namespace: string): number {
  let count = 0;
  for (const p of n.pods as readonly PodInfo[]) {
    const m = p.pod.metadata;
    if (m?.deletionTimestamp || m?.namespace !== namespace) continue;
    if (c.matches(m.labels ?? NO_LABELS)) count++;
  }
  return count;
}

class PreFilterState {
  constructor(
    readonly constraints: Constraint[],
    /** Matching pods over eligible nodes (TpPairToMatchNum; only pairs of eligible nodes are present). */
    readonly matchNum: PairCounts,
    /** topology key → minimum over its domains. */
    readonly minMatchByKey: Map<string, number>,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, this.matchNum.clone(), new Map(this.minMatchByKey));
  }

  recomputeMin(key: string): void {
    let min = Number.MAX_SAFE_INTEGER;
    for (const n of this.matchNum.byKey.get(key)?.values() ?? []) if (n < min) min = n;
    this.minMatchByKey.set(key, min);
  }

  /** The global minimum, or 0 while fewer than minDomains domains are eligible. */
  minMatchNum(key: string, minDomains: number): number {
    if ((this.matchNum.byKey.get(key)?.size ?? 0) < minDomains) return 0;
    return this.minMatchByKey.get(key) ?? Number.MAX_SAFE_INTEGER;
  }
}

interface PreScoreState {
  constraints: Constraint[];
  ignoredNodes: Set<string>;
  /** Non-hostname topology pairs of candidate nodes → matching pods. */
  pairCounts: PairCounts;
  normalizingWeights: number[];
}

export function newPodTopologySpread(args: Record<string, unknown> | undefined, handle: Handle): PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions {
  const a = args as PodTopologySpreadArgs | undefined;
  const systemDefaulted = (a?.defaultingType ?? 'System') === 'System';
  const defaultConstraints = systemDefaulted ? SYSTEM_DEFAULT_CONSTRAINTS : (a?.defaultConstraints ?? []);
  // Per node, per selector: the matching-pod count at a NodeInfo generation (nodes rarely change between cycles).
  const countCache = new WeakMap<NodeInfo, { generation: number; counts: Map<string, number> }>();
  // Whole-cluster domain totals for constraints whose node inclusion does not depend on the pod.
  const domainTotals = new DomainMatchTotalsCache();

  /** countPodsMatchSelector (cached per node generation). */
  function countMatching(n: NodeInfo, c: Constraint, namespace: string): number {
    // A handful of pods is cheaper to count than to look up.
    if (n.pods.length <= 8) return countPods(n, c, namespace);
    let entry = countCache.get(n);
    if (!entry || entry.generation !== n.generation) countCache.set(n, (entry = { generation: n.generation, counts: new Map() }));
    const cached = entry.counts.get(c.cacheKey);
    if (cached !== undefined) return cached;
    const count = countPods(n, c, namespace);
    entry.counts.set(c.cacheKey, count);
    return count;
  }

  function filterConstraints(specs: readonly TopologySpreadConstraintSpec[], namespace: string, podLabels: Labels, action: Action): Constraint[] {
    const out: Constraint[] = [];
    for (const c of specs) {
      if (c.whenUnsatisfiable !== action) continue;
      const sel = withMatchLabelKeys(labelSelectorFromMeta(c.labelSelector), c.matchLabelKeys, podLabels);
      out.push({
        maxSkew: c.maxSkew,
        topologyKey: c.topologyKey,
        matches: sel.matches,
        cacheKey: `${namespace}\u0000${sel.key}`,
        minDomains: c.minDomains ?? 1,
        nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
        nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
      });
    }
    return out;
  }

  function getConstraints(pod: KubeObject, action: Action): Constraint[] {
    const own = (pod['spec'] as { topologySpreadConstraints?: TopologySpreadConstraintSpec[] } | undefined)?.topologySpreadConstraints;
    const podLabels = pod.metadata?.labels ?? NO_LABELS;
    const namespace = pod.metadata?.namespace ?? '';
    if (own && own.length > 0) return filterConstraints(own, namespace, podLabels, action);
    const constraints = filterConstraints(defaultConstraints, namespace, podLabels, action);
    if (constraints.length === 0) return constraints;
    const selector = defaultSpreadSelector(pod, handle.snapshot());
    if (selector.empty) return [];
    for (const c of constraints) {
      c.matches = (labels) => selector.matchesLabels(labels);
      c.cacheKey = `${namespace}\u0000default:${selector.toString()}`;
    }
    return constraints;
  }

  return {
    name: PodTopologySpreadName,
    eventsToRegister(): ClusterEvent[] {
      return [
        { resource: 'Pod', action: 'All' },
        { resource: 'Node', action: 'Add' },
        { resource: 'Node', action: 'Delete' },
        { resource: 'Node', action: 'UpdateNodeLabel' },
        { resource: 'Node', action: 'UpdateNodeTaint' },
      ];
    },
    preFilter(state: CycleState, pod: KubeObject) {
      const constraints = getConstraints(pod, 'DoNotSchedule');
      if (constraints.length === 0) return { status: new Status('Skip') };
      const namespace = pod.metadata?.namespace ?? '';
      const affinity = requiredNodeAffinity(pod);
      const matchNum = new PairCounts();
      for (const n of handle.snapshot().list()) {
        const labels = nodeLabels(n);
        if (!nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
        for (const c of constraints) {
          if (!nodeIncluded(c, pod, n.node, affinity)) continue;
          matchNum.add(c.topologyKey, labels[c.topologyKey] as string, countMatching(n, c, namespace));
        }
      }
      const s = new PreFilterState(constraints, matchNum, new Map());
      for (const c of constraints) s.recomputeMin(c.topologyKey);
      state.write(PRE_FILTER_KEY, s);
      return { status: Status.success() };
    },
    addPod(state: CycleState, pod: KubeObject, toAdd: PodInfo, nodeInfo: NodeInfo): Status {
      updateWithPod(state.read<PreFilterState>(PRE_FILTER_KEY), toAdd.pod, pod, nodeInfo, 1);
      return Status.success();
    },
    removePod(state: CycleState, pod: KubeObject, toRemove: PodInfo, nodeInfo: NodeInfo): Status {
      updateWithPod(state.read<PreFilterState>(PRE_FILTER_KEY), toRemove.pod, pod, nodeInfo, -1);
      return Status.success();
    },
    filter(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo): Status {
      const s = state.read<PreFilterState>(PRE_FILTER_KEY);
      if (!s) return new Status('Error', [`error reading "${PRE_FILTER_KEY}" from cycleState: not found`]);
      const labels = nodeLabels(nodeInfo);
      const podLabels = pod.metadata?.labels ?? NO_LABELS;
      for (const c of s.constraints) {
        const value = labels[c.topologyKey];
        if (value === undefined) return new Status('UnschedulableAndUnresolvable', [ERR_REASON_NODE_LABEL_NOT_MATCH]);
        const self = c.matches(podLabels) ? 1 : 0;
        const skew = (s.matchNum.get(c.topologyKey, value) ?? 0) + self - s.minMatchNum(c.topologyKey, c.minDomains);
        if (skew > c.maxSkew) return new Status('Unschedulable', [ERR_REASON_CONSTRAINTS_NOT_MATCH]);
      }
      return Status.success();
    },
    preScore(state: CycleState, pod: KubeObject, filteredNodes: readonly NodeInfo[]): Status {
      const allNodes = handle.snapshot().list();
      if (filteredNodes.length === 0 || allNodes.length === 0) return Status.success();
      const constraints = getConstraints(pod, 'ScheduleAnyway');
      if (constraints.length === 0) return new Status('Skip');
      const own = (pod['spec'] as { topologySpreadConstraints?: unknown[] } | undefined)?.topologySpreadConstraints;
      // Only non-default spreading requires every topology label, so nodes without a zone still spread by hostname.
      const requireAllTopologies = (own?.length ?? 0) > 0 || !systemDefaulted;
      const s: PreScoreState = { constraints, ignoredNodes: new Set(), pairCounts: new PairCounts(), normalizingWeights: [] };
      const topoSize = constraints.map(() => 0);
      for (const n of filteredNodes) {
        const labels = nodeLabels(n);
        if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) {
          s.ignoredNodes.add(n.name);
          continue;
        }
        constraints.forEach((c, i) => {
          if (c.topologyKey === HOSTNAME) return;
          const value = labels[c.topologyKey] ?? '';
          if (s.pairCounts.get(c.topologyKey, value) === undefined) {
            s.pairCounts.add(c.topologyKey, value, 0);
            topoSize[i] = (topoSize[i] as number) + 1;
          }
        });
      }
      s.normalizingWeights = constraints.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? filteredNodes.length - s.ignoredNodes.size : (topoSize[i] as number)) + 2));
      const namespace = pod.metadata?.namespace ?? '';
      const affinity = requiredNodeAffinity(pod);
      // Every node counts for a constraint that requires no topology label and whose inclusion policies are
      // vacuous for this pod: its totals can be kept across cycles.
      const podIndependent = (c: Constraint): boolean => !requireAllTopologies && c.nodeTaintsPolicy === 'Ignore' && (c.nodeAffinityPolicy === 'Ignore' || !affinity);
      for (const c of constraints) {
        if (c.topologyKey === HOSTNAME || !podIndependent(c)) continue;
        const totals = domainTotals.get(c.cacheKey, c.topologyKey);
        totals.sync(allNodes, (n) => countMatching(n, c, namespace));
        const byValue = s.pairCounts.byKey.get(c.topologyKey);
        for (const [value, n] of byValue ?? []) byValue?.set(value, n + totals.total(value));
      }
      if (constraints.some((c) => c.topologyKey !== HOSTNAME && !podIndependent(c))) {
        for (const n of allNodes) {
          const labels = nodeLabels(n);
          if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(labels, constraints)) continue;
          for (const c of constraints) {
            if (c.topologyKey === HOSTNAME || podIndependent(c)) continue;
            const value = labels[c.topologyKey] ?? '';
            // Domains without a candidate node do not matter.
            if (s.pairCounts.get(c.topologyKey, value) === undefined) continue;
            if (!nodeIncluded(c, pod, n.node, affinity)) continue;
            s.pairCounts.add(c.topologyKey, value, countMatching(n, c, namespace));
          }
        }
      }
      state.write(PRE_SCORE_KEY, s);
      return Status.success();
    },
    score(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo) {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s) return { score: 0, status: new Status('Error', [`error reading "${PRE_SCORE_KEY}" from cycleState: not found`]) };
      if (s.ignoredNodes.has(nodeInfo.name)) return { score: 0, status: Status.success() };
      const labels = nodeLabels(nodeInfo);
      const namespace = pod.metadata?.namespace ?? '';
      let score = 0;
      for (let i = 0; i < s.constraints.length; i++) {
        const c = s.constraints[i] as Constraint;
        const value = labels[c.topologyKey];
        if (value === undefined) continue;
        const count = c.topologyKey === HOSTNAME ? countMatching(nodeInfo, c, namespace) : (s.pairCounts.get(c.topologyKey, value) ?? 0);
        score += count * (s.normalizingWeights[i] as number) + (c.maxSkew - 1);
      }
      return { score: Math.round(score), status: Status.success() };
    },
    normalizeScore(state: CycleState, _pod: KubeObject, scores: NodeScore[]): Status {
      const s = state.read<PreScoreState>(PRE_SCORE_KEY);
      if (!s) return Status.success();
      let min = Number.MAX_SAFE_INTEGER;
      let max = 0;
      for (const sc of scores) {
        if (s.ignoredNodes.has(sc.name)) continue;
        if (sc.score < min) min = sc.score;
        if (sc.score > max) max = sc.score;
      }
      for (const sc of scores) {
        if (s.ignoredNodes.has(sc.name)) sc.score = 0;
        else if (max === 0) sc.score = MAX_NODE_SCORE;
        else sc.score = Math.trunc((MAX_NODE_SCORE * (max + min - sc.score)) / max);
      }
      return Status.success();
    },
  };
}

/** preFilterState.updateWithPod: a pod added to / removed from `nodeInfo` in preemption's what-if. */
function updateWithPod(s: PreFilterState | undefined, updated: KubeObject, preemptor: KubeObject, nodeInfo: NodeInfo, delta: number): void {
  if (!s || updated.metadata?.namespace !== preemptor.metadata?.namespace) return;
  const labels = nodeLabels(nodeInfo);
  if (!nodeLabelsMatchSpreadConstraints(labels, s.constraints)) return;
  const affinity = requiredNodeAffinity(preemptor);
  const podLabels = updated.metadata?.labels ?? NO_LABELS;
  for (const c of s.constraints) {
    if (!c.matches(podLabels) || !nodeIncluded(c, preemptor, nodeInfo.node, affinity)) continue;
    s.matchNum.add(c.topologyKey, labels[c.topologyKey] as string, delta);
    s.recomputeMin(c.topologyKey);
  }
}
