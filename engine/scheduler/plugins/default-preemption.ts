/**
 * DefaultPreemption (PostFilter), as plugins/defaultpreemption + framework/preemption do it:
 * 1. The pod must be eligible: not preemptionPolicy=Never, and no lower-priority pod already terminating by
 *    preemption on its nominated node.
 * 2. Candidates come only from nodes Filter rejected as `Unschedulable` (UnschedulableAndUnresolvable ones can't
 *    be helped). A dry run per node (from a random offset, stopping after max(10% of them, 100) candidates)
 *    removes every lower-priority pod, checks the pod fits, then reprieves victims from the most important
 *    down — PDB-violating ones first — keeping only those whose return would stop the pod fitting.
 * 3. pickOneNodeForPreemption: fewest PDB violations, lowest highest-victim priority, smallest priority sum,
 *    fewest victims, latest start of the highest-priority victims, then the first.
 * 4. Victims are evicted gracefully (Handle.evictVictim), lower-priority pods nominated to the node lose their
 *    nomination, and the pod is nominated to the node.
 * When nothing helps the message is `preemption: 0/N nodes are available: <counts>.`, nodes never tried
 * counting as `Preemption is not helpful for scheduling`.
 */
import type { KubeObject } from '../../api/objects';
import { labelSelectorFromMeta } from '../../apiserver/selectors';
import { fitErrorMessage, newDiagnosis } from '../framework/fit-error';
import { Status, type CycleState, type Handle, type NodeInfo, type PodInfo, type PostFilterPlugin, type PostFilterResult } from '../framework/interface';
import type { MutableNodeInfo } from '../framework/node-info';

export const DefaultPreemptionName = 'DefaultPreemption';

const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
const NO_VICTIMS = 'No preemption victims found for incoming pod';
const MAX_INT32_PLUS_ONE = 2 ** 31;

const priorityOf = (pod: KubeObject): number => ((pod['spec'] as { priority?: number } | undefined)?.priority ?? 0);

interface Candidate {
  node: string;
  /** Most important first. */
  victims: KubeObject[];
  numPDBViolations: number;
}

export function newDefaultPreemption(args: Record<string, unknown> | undefined, handle: Handle): PostFilterPlugin {
  const minCandidateNodesPercentage = typeof args?.['minCandidateNodesPercentage'] === 'number' ? args['minCandidateNodesPercentage'] : 10;
  const minCandidateNodesAbsolute = typeof args?.['minCandidateNodesAbsolute'] === 'number' ? args['minCandidateNodesAbsolute'] : 100;

  /** GetPodStartTime: status.startTime, or now for pods not started yet. */
  const startTime = (pod: KubeObject): number => {
    const t = (pod['status'] as { startTime?: string } | undefined)?.startTime;
    return t ? Date.parse(t) : handle.clock.now();
  };
  /** util.MoreImportantPod. */
  const moreImportant = (a: KubeObject, b: KubeObject): boolean => {
    const pa = priorityOf(a);
    const pb = priorityOf(b);
    return pa !== pb ? pa > pb : startTime(a) < startTime(b);
  };

  const eligibility = (pod: KubeObject, statuses: Map<string, Status>): string | undefined => {
    if ((pod['spec'] as { preemptionPolicy?: string } | undefined)?.preemptionPolicy === 'Never') return 'not eligible due to preemptionPolicy=Never.';
    const nominated = (pod['status'] as { nominatedNodeName?: string } | undefined)?.nominatedNodeName;
    if (!nominated) return undefined;
    if (statuses.get(nominated)?.code === 'UnschedulableAndUnresolvable') return undefined;
    const ni = handle.snapshot().get(nominated);
    const prio = priorityOf(pod);
    for (const p of ni?.pods ?? []) if (priorityOf(p.pod) < prio && terminatingByPreemption(p.pod)) return 'not eligible due to a terminating pod on the nominated node.';
    return undefined;
  };

  const selectVictimsOnNode = (state: CycleState, pod: KubeObject, ni: MutableNodeInfo, pdbs: readonly KubeObject[]): { victims: KubeObject[]; violations: number; status: Status } => {
    const remove = (p: PodInfo): Status => {
      ni.removePod(p.pod.metadata?.uid ?? '');
      return handle.runPreFilterExtensionRemovePod?.(state, pod, p, ni) ?? Status.success();
    };
    const add = (p: PodInfo): Status => {
      ni.addPod(p);
      return handle.runPreFilterExtensionAddPod?.(state, pod, p, ni) ?? Status.success();
    };
    const prio = priorityOf(pod);
    const potential = ni.pods.filter((p) => priorityOf(p.pod) < prio);
    for (const p of potential) {
      const s = remove(p);
      if (!s.isSuccess()) return { victims: [], violations: 0, status: s };
    }
    if (potential.length === 0) return { victims: [], violations: 0, status: new Status('UnschedulableAndUnresolvable', [NO_VICTIMS]) };
    const fits = handle.runFilterPlugins(state, pod, ni);
    if (!fits.isSuccess()) return { victims: [], violations: 0, status: fits };
    potential.sort((a, b) => (moreImportant(a.pod, b.pod) ? -1 : moreImportant(b.pod, a.pod) ? 1 : 0));
    const { violating, nonViolating } = splitByPDBViolation(potential, pdbs);
    const victims: KubeObject[] = [];
    const reprieve = (p: PodInfo): boolean | Status => {
      const s = add(p);
      if (!s.isSuccess()) return s;
      if (handle.runFilterPlugins(state, pod, ni).isSuccess()) return true;
      const r = remove(p);
      if (!r.isSuccess()) return r;
      victims.push(p.pod);
      return false;
    };
    let violations = 0;
    for (const p of violating) {
      const r = reprieve(p);
      if (r instanceof Status) return { victims: [], violations: 0, status: r };
      if (!r) violations++;
    }
    for (const p of nonViolating) {
      const r = reprieve(p);
      if (r instanceof Status) return { victims: [], violations: 0, status: r };
    }
    if (violating.length > 0 && nonViolating.length > 0) victims.sort((a, b) => (moreImportant(a, b) ? -1 : moreImportant(b, a) ? 1 : 0));
    return { victims, violations, status: Status.success() };
  };

  /** pickOneNodeForPreemption's score functions, applied in order while ties remain. */
  const pick = (candidates: Candidate[]): Candidate => {
    const earliestStartOfTopVictims = (c: Candidate): number => {
      const top = priorityOf(c.victims[0] as KubeObject);
      let earliest = Infinity;
      for (const v of c.victims) if (priorityOf(v) === top) earliest = Math.min(earliest, startTime(v));
      return earliest;
    };
    const scoreFns: Array<(c: Candidate) => number> = [
      (c) => -c.numPDBViolations,
      (c) => -priorityOf(c.victims[0] as KubeObject),
      (c) => -c.victims.reduce((sum, v) => sum + priorityOf(v) + MAX_INT32_PLUS_ONE, 0),
      (c) => -c.victims.length,
      (c) => earliestStartOfTopVictims(c),
    ];
    let remaining = candidates;
    for (const f of scoreFns) {
      let best = -Infinity;
      let selected: Candidate[] = [];
      for (const c of remaining) {
        const s = f(c);
        if (s > best) {
          best = s;
          selected = [];
        }
        if (s === best) selected.push(c);
      }
      if (selected.length === 1) return selected[0] as Candidate;
      remaining = selected;
    }
    return remaining[0] as Candidate;
  };

  const unhelpful = (numAllNodes: number, nodeToStatus: Map<string, Status>): { result: PostFilterResult; status: Status } => {
    const d = newDiagnosis();
    d.nodeToStatus = nodeToStatus;
    d.absentNodesStatus = new Status('UnschedulableAndUnresolvable', [NOT_HELPFUL]);
    return { result: { nominatedNodeName: '' }, status: new Status('Unschedulable', [`preemption: ${fitErrorMessage(numAllNodes, d)}`]) };
  };

  return {
    name: DefaultPreemptionName,
    async postFilter(state, pod, statuses) {
      const notEligible = eligibility(pod, statuses);
      if (notEligible) return { status: new Status('Unschedulable', [`preemption: ${notEligible}`]) };
      const snapshot = handle.snapshot();
      const all = snapshot.list();
      if (all.length === 0) return { status: new Status('Error', ['preemption: no nodes available']) };
      const potential = all.filter((n) => statuses.get(n.name)?.code === 'Unschedulable');
      if (potential.length === 0) return unhelpful(all.length, new Map());

      const pdbs = snapshot.objects('PodDisruptionBudget');
      const n = potential.length;
      const numCandidates = Math.min(n, Math.max(Math.trunc((n * minCandidateNodesPercentage) / 100), minCandidateNodesAbsolute));
      const offset = handle.clock.random.int(n);
      const nonViolating: Candidate[] = [];
      const violating: Candidate[] = [];
      const nodeStatuses = new Map<string, Status>();
      for (let i = 0; i < n; i++) {
        const node = potential[(offset + i) % n] as NodeInfo;
        const r = selectVictimsOnNode(state.clone(), pod, (node as MutableNodeInfo).clone(), pdbs);
        if (r.status.isSuccess() && r.victims.length > 0) {
          const c = { node: node.name, victims: r.victims, numPDBViolations: r.violations };
          (r.violations === 0 ? nonViolating : violating).push(c);
          if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
          continue;
        }
        const status = r.status.isSuccess() ? new Status('Error', [`expected at least one victim pod on node "${node.name}"`]) : r.status;
        if (status.code === 'Error') return { status: new Status('Error', [`preemption: ${status.message()}`]) };
        nodeStatuses.set(node.name, status);
      }
      const candidates = [...nonViolating, ...violating];
      if (candidates.length === 0) return unhelpful(all.length, nodeStatuses);

      const best = candidates.length === 1 ? (candidates[0] as Candidate) : pick(candidates);
      try {
        for (const victim of best.victims) {
          if (victim.metadata?.deletionTimestamp) continue; // already going
          await handle.evictVictim(victim, pod);
        }
      } catch (err) {
        return { status: new Status('Error', [err instanceof Error ? err.message : String(err)]) };
      }
      // Lower-priority pods nominated to this node may no longer fit there: drop their nomination so they
      // look elsewhere sooner (getLowerPriorityNominatedPods + clearNominatedNodeName; failures not critical).
      const prio = priorityOf(pod);
      for (const nominee of handle.nominatedPodsForNode?.(best.node) ?? []) {
        if (priorityOf(nominee.pod) >= prio) continue;
        try {
          await handle.clearNominatedNodeName?.(nominee.pod);
        } catch {
          // upstream logs and carries on
        }
      }
      return { result: { nominatedNodeName: best.node }, status: Status.success() };
    },
  };
}

/** A pod being deleted because the scheduler preempted it (DisruptionTarget, reason PreemptionByScheduler). */
function terminatingByPreemption(pod: KubeObject): boolean {
  if (!pod.metadata?.deletionTimestamp) return false;
  const conditions = (pod['status'] as { conditions?: Array<{ type: string; status: string; reason?: string }> } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === 'DisruptionTarget' && c.status === 'True' && c.reason === 'PreemptionByScheduler');
}

/** filterPodsWithPDBViolation: walking pods in order, each matching PDB's allowed disruptions count down. */
function splitByPDBViolation(pods: readonly PodInfo[], pdbs: readonly KubeObject[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => ((p['status'] as { disruptionsAllowed?: number } | undefined)?.disruptionsAllowed ?? 0));
  const selectors = pdbs.map((p) => {
    try {
      return labelSelectorFromMeta((p['spec'] as { selector?: Parameters<typeof labelSelectorFromMeta>[0] } | undefined)?.selector);
    } catch {
      return undefined;
    }
  });
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const info of pods) {
    const pod = info.pod;
    const labels = pod.metadata?.labels ?? {};
    let violated = false;
    if (Object.keys(labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        const sel = selectors[i];
        if (pdb.metadata?.namespace !== pod.metadata?.namespace || !sel || sel.empty || !sel.matchesLabels(labels)) return;
        const disrupted = (pdb['status'] as { disruptedPods?: Record<string, string> } | undefined)?.disruptedPods ?? {};
        if (pod.metadata?.name !== undefined && pod.metadata.name in disrupted) return;
        allowed[i] = (allowed[i] as number) - 1;
        if ((allowed[i] as number) < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(info);
  }
  return { violating, nonViolating };
}
