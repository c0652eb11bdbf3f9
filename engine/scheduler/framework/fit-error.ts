/**
 * Why a pod fit nowhere (framework.Diagnosis + FitError.Error): `0/N nodes are available: <reasons>.` where the
 * reasons are counted over the nodes' rejection statuses, printed `<count> <reason>`, and sorted as strings
 * (Go's sort.Strings, so `10 x` sorts before `2 y`). Nodes absent from the map (PreFilter narrowed them away, or
 * preemption never tried them) count with `absentNodesStatus`'s reasons. A PreFilter rejection replaces the
 * per-node reasons; PostFilter's message (preemption's) follows after a space.
 */
import { compareGoStrings } from '../../apiserver/selectors/label-requirement';
import { Status } from './interface';

export interface Diagnosis {
  /** Node name → the status that rejected it. */
  nodeToStatus: Map<string, Status>;
  /** Status of nodes not in `nodeToStatus` (NodeToStatus.AbsentNodesStatus). */
  absentNodesStatus: Status;
  /** Plugins that rejected the pod (decides which cluster events requeue it). */
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return {
    nodeToStatus: new Map(),
    absentNodesStatus: new Status('UnschedulableAndUnresolvable'),
    unschedulablePlugins: new Set(),
    preFilterMsg: '',
    postFilterMsg: '',
  };
}

/** framework.NoNodeAvailableMsg. */
export const noNodeAvailableMsg = (numAllNodes: number): string => `0/${numAllNodes} nodes are available`;

/** The error schedulePod returns when the snapshot has no nodes at all (ErrNoNodesAvailable). */
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${noNodeAvailableMsg(numAllNodes)}:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const status of d.nodeToStatus.values()) for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0) for (const r of d.absentNodesStatus.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    const lines = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(compareGoStrings);
    if (lines.length > 0) msg += ` ${lines.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}
