/**
 * NodePorts (plugins/nodeports): the pod's containers' host ports must be free on the node.
 * PreFilter collects them (Skip when there are none). A wanted port conflicts with a used one of the same
 * protocol and number when either side binds 0.0.0.0 or both bind the same IP (HostPortInfo.CheckConflict).
 * Rejection is plain Unschedulable: evicting the holder frees the port.
 */
import type { KubeObject } from '../../api/objects';
import {
  Status,
  type ClusterEvent,
  type CycleState,
  type EnqueueExtensions,
  type FilterPlugin,
  type Handle,
  type HostPortInfo,
  type NodeInfo,
  type PreFilterPlugin,
} from '../framework/interface';
import { hostPorts } from '../framework/node-info';

export const NodePortsName = 'NodePorts';

export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

const PRE_FILTER_KEY = 'PreFilter' + NodePortsName;
const BIND_ALL = '0.0.0.0';

/** HostPortInfo.CheckConflict over the node's used ports (both sides already sanitized by `hostPorts`). */
export function portConflicts(used: readonly HostPortInfo[], want: HostPortInfo): boolean {
  for (const u of used) {
    if (u.port !== want.port || u.protocol !== want.protocol) continue;
    if (want.ip === BIND_ALL || u.ip === BIND_ALL || u.ip === want.ip) return true;
  }
  return false;
}

export function newNodePorts(_args: Record<string, unknown> | undefined, _handle: Handle): PreFilterPlugin & FilterPlugin & EnqueueExtensions {
  return {
    name: NodePortsName,
    eventsToRegister(): ClusterEvent[] {
      return [
        { resource: 'Pod', action: 'Delete' },
        { resource: 'Node', action: 'Add' },
        { resource: 'Node', action: 'Update' },
      ];
    },
    preFilter(state: CycleState, pod: KubeObject) {
      const wanted = hostPorts(pod);
      if (wanted.length === 0) return { status: new Status('Skip') };
      state.write(PRE_FILTER_KEY, wanted);
      return { status: Status.success() };
    },
    filter(state: CycleState, pod: KubeObject, nodeInfo: NodeInfo): Status {
      const wanted = state.read<HostPortInfo[]>(PRE_FILTER_KEY) ?? hostPorts(pod);
      if (nodeInfo.usedPorts.length === 0) return Status.success();
      for (const w of wanted) if (portConflicts(nodeInfo.usedPorts, w)) return new Status('Unschedulable', [ERR_REASON_NODE_PORTS]);
      return Status.success();
    },
  };
}
