/** NodeName (plugins/nodename): a pod that names its node (spec.nodeName) fits only that node. */
import type { KubeObject } from '../../api/objects';
import { Status, type ClusterEvent, type EnqueueExtensions, type FilterPlugin, type Handle, type NodeInfo } from '../framework/interface';

export const NodeNameName = 'NodeName';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export function newNodeName(_args: Record<string, unknown> | undefined, _handle: Handle): FilterPlugin & EnqueueExtensions {
  return {
    name: NodeNameName,
    eventsToRegister(): ClusterEvent[] {
      return [{ resource: 'Node', action: 'Add' }];
    },
    filter(_state, pod: KubeObject, nodeInfo: NodeInfo): Status {
      const nodeName = (pod['spec'] as { nodeName?: string } | undefined)?.nodeName;
      if (!nodeName || nodeName === nodeInfo.name) return Status.success();
      return new Status('UnschedulableAndUnresolvable', [ERR_REASON_NODE_NAME]);
    },
  };
}
