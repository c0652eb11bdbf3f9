/**
 * NodeUnschedulable (plugins/nodeunschedulable): a cordoned node (spec.unschedulable) admits only pods that
 * tolerate the `node.kubernetes.io/unschedulable:NoSchedule` taint.
 */
import type { KubeObject } from '../../api/objects';
import { Status, type ClusterEvent, type EnqueueExtensions, type FilterPlugin, type Handle, type NodeInfo } from '../framework/interface';
import { podTolerations, tolerationsTolerateTaint, type Taint } from './helpers/taints';

export const NodeUnschedulableName = 'NodeUnschedulable';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export function newNodeUnschedulable(_args: Record<string, unknown> | undefined, _handle: Handle): FilterPlugin & EnqueueExtensions {
  return {
    name: NodeUnschedulableName,
    eventsToRegister(): ClusterEvent[] {
      return [
        { resource: 'Node', action: 'Add' },
        { resource: 'Node', action: 'UpdateNodeTaint' },
        { resource: 'Pod', action: 'UpdatePodTolerations' },
      ];
    },
    filter(_state, pod: KubeObject, nodeInfo: NodeInfo): Status {
      const unschedulable = (nodeInfo.node['spec'] as { unschedulable?: boolean } | undefined)?.unschedulable;
      if (!unschedulable) return Status.success();
      if (tolerationsTolerateTaint(podTolerations(pod), UNSCHEDULABLE_TAINT)) return Status.success();
      return new Status('UnschedulableAndUnresolvable', [ERR_REASON_UNSCHEDULABLE]);
    },
  };
}
