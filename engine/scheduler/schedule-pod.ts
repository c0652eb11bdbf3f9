/**
 * One scheduling decision (schedule_one.go schedulePod / findNodesThatFitPod / prioritizeNodes): PreFilter,
 * the pod's nominated node first, then Filter over the nodes from a round-robin start index until
 * numFeasibleNodesToFind pass, then PreScore/Score and selectHost. Everything it saw goes into the trace.
 */
import type { KubeObject } from '../api/objects';
import type { Random } from '../base/clock';
import { newDiagnosis, NO_NODES_AVAILABLE, type Diagnosis } from './framework/fit-error';
import { Status, type CycleState, type NodeInfo, type Snapshot } from './framework/interface';
import { numFeasibleNodesToFind } from './framework/nodes-to-find';
import type { FrameworkRuntime } from './framework/runtime';
import { selectHost } from './framework/select-host';
import type { NodeRejectionTrace, SchedulingTrace } from './trace/scheduling-trace';

export type ScheduleOutcome =
  | { kind: 'scheduled'; host: string; evaluatedNodes: number; feasibleNodes: number }
  | { kind: 'unfit'; numAllNodes: number; diagnosis: Diagnosis }
  | { kind: 'error'; message: string };

export class SchedulingAlgorithm {
  /** Where the next cycle starts filtering, so successive pods spread their search (nextStartNodeIndex). */
  nextStartNodeIndex = 0;

  constructor(private readonly random: Random) {}

  schedulePod(fw: FrameworkRuntime, state: CycleState, pod: KubeObject, snapshot: Snapshot, trace: SchedulingTrace): ScheduleOutcome {
    const allNodes = snapshot.list();
    if (allNodes.length === 0) return { kind: 'error', message: NO_NODES_AVAILABLE };
    const found = this.findNodesThatFitPod(fw, state, pod, snapshot, trace);
    if ('error' in found) return { kind: 'error', message: found.error };
    const { feasible, diagnosis } = found;
    trace.feasibleNodes = feasible.map((n) => n.name);
    if (feasible.length === 0) return { kind: 'unfit', numAllNodes: allNodes.length, diagnosis };
    const evaluatedNodes = feasible.length + diagnosis.nodeToStatus.size;
    if (feasible.length === 1) return { kind: 'scheduled', host: (feasible[0] as NodeInfo).name, evaluatedNodes, feasibleNodes: 1 };

    const names = trace.feasibleNodes;
    let totals: number[];
    if (!fw.hasScorePlugins) {
      totals = new Array<number>(feasible.length).fill(1);
    } else {
      const pre = fw.runPreScorePlugins(state, pod, feasible);
      if (!pre.isSuccess()) return { kind: 'error', message: pre.message() };
      const scored = fw.runScorePlugins(state, pod, feasible);
      trace.scores = scored.plugins;
      if (!scored.status.isSuccess()) return { kind: 'error', message: scored.status.message() };
      totals = scored.totals;
    }
    trace.scoredNodes = names;
    trace.totals = totals;
    const host = selectHost(names, totals, this.random);
    if (host === undefined) return { kind: 'error', message: 'empty priorityList' };
    return { kind: 'scheduled', host, evaluatedNodes, feasibleNodes: feasible.length };
  }

  private findNodesThatFitPod(
    fw: FrameworkRuntime,
    state: CycleState,
    pod: KubeObject,
    snapshot: Snapshot,
    trace: SchedulingTrace,
  ): { feasible: NodeInfo[]; diagnosis: Diagnosis } | { error: string } {
    const diagnosis = newDiagnosis();
    const allNodes = snapshot.list();
    const pre = fw.runPreFilterPlugins(state, pod, allNodes);
    if (!pre.status.isSuccess()) {
      if (!pre.status.isRejected()) return { error: pre.status.message() };
      // Every node is rejected with PreFilter's status; its message replaces the per-node reasons.
      diagnosis.absentNodesStatus = pre.status;
      diagnosis.preFilterMsg = pre.status.message();
      for (const p of pre.pluginsWithNodes) diagnosis.unschedulablePlugins.add(p);
      if (pre.status.plugin) diagnosis.unschedulablePlugins.add(pre.status.plugin);
      trace.preFilter = { plugin: pre.status.plugin, code: pre.status.code, reasons: pre.status.reasons };
      return { feasible: [], diagnosis };
    }

    const nominated = (pod['status'] as { nominatedNodeName?: string } | undefined)?.nominatedNodeName;
    if (nominated) {
      const ni = snapshot.get(nominated);
      if (ni && (!pre.nodeNames || pre.nodeNames.has(nominated))) {
        const s = fw.runFilterPluginsWithNominatedPods(state, pod, ni);
        if (s.code === 'Error') return { error: s.message() };
        if (s.isSuccess()) return { feasible: [ni], diagnosis };
      }
    }

    let nodes: readonly NodeInfo[] = allNodes;
    if (pre.nodeNames) {
      const narrowed: NodeInfo[] = [];
      for (const name of pre.nodeNames) {
        const ni = snapshot.get(name);
        if (ni) narrowed.push(ni);
      }
      nodes = narrowed;
      trace.preFilterNodes = narrowed.map((n) => n.name);
      diagnosis.absentNodesStatus = new Status('UnschedulableAndUnresolvable', [`node(s) didn't satisfy plugin(s) [${[...pre.pluginsWithNodes].sort().join(' ')}]`]);
    }

    const numNodesToFind = numFeasibleNodesToFind(fw.percentageOfNodesToScore, nodes.length);
    const feasible: NodeInfo[] = [];
    const n = nodes.length;
    const start = n === 0 ? 0 : this.nextStartNodeIndex % n;
    if (!fw.hasFilterPlugins) {
      for (let i = 0; i < numNodesToFind; i++) feasible.push(nodes[(start + i) % n] as NodeInfo);
    } else {
      const groups = new Map<string, NodeRejectionTrace>();
      for (let i = 0; i < n && feasible.length < numNodesToFind; i++) {
        const ni = nodes[(start + i) % n] as NodeInfo;
        const s = fw.runFilterPluginsWithNominatedPods(state, pod, ni);
        if (s.isSuccess()) {
          feasible.push(ni);
          continue;
        }
        if (s.code === 'Error') return { error: s.message() };
        diagnosis.nodeToStatus.set(ni.name, s);
        if (s.plugin) diagnosis.unschedulablePlugins.add(s.plugin);
        const key = `${s.plugin}\u0000${s.code}\u0000${s.reasons.join('\u0000')}`;
        let group = groups.get(key);
        if (!group) {
          group = { plugin: s.plugin, code: s.code, reasons: s.reasons, nodes: [] };
          groups.set(key, group);
          trace.rejected.push(group);
        }
        group.nodes.push(ni.name);
      }
    }
    const processed = feasible.length + diagnosis.nodeToStatus.size;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % allNodes.length;
    return { feasible, diagnosis };
  }
}
