/**
 * The in-tree plugin registry (plugins/registry.go NewInTreeRegistry), limited to the plugins this lab
 * implements: plugin name → factory. Profiles instantiate from it by name.
 */
import type { PluginFactory } from '../framework/interface';
import { DefaultBinderName, newDefaultBinder } from './default-binder';
import { DefaultPreemptionName, newDefaultPreemption } from './default-preemption';
import { ImageLocalityName, newImageLocality } from './image-locality';
import { InterPodAffinityName, newInterPodAffinity } from './inter-pod-affinity';
import { NodeAffinityName, newNodeAffinity } from './node-affinity';
import { NodeNameName, newNodeName } from './node-name';
import { NodePortsName, newNodePorts } from './node-ports';
import { NodeResourcesBalancedAllocationName, newNodeResourcesBalancedAllocation } from './node-resources-balanced-allocation';
import { NodeResourcesFitName, newNodeResourcesFit } from './node-resources-fit';
import { NodeUnschedulableName, newNodeUnschedulable } from './node-unschedulable';
import { PodTopologySpreadName, newPodTopologySpread } from './pod-topology-spread';
import { PrioritySortName, newPrioritySort } from './priority-sort';
import { SchedulingGatesName, newSchedulingGates } from './scheduling-gates';
import { TaintTolerationName, newTaintToleration } from './taint-toleration';
import { VolumeBindingName, newVolumeBinding } from './volume-binding';

export const inTreeRegistry: Record<string, PluginFactory> = {
  [SchedulingGatesName]: newSchedulingGates,
  [PrioritySortName]: newPrioritySort,
  [NodeUnschedulableName]: newNodeUnschedulable,
  [NodeNameName]: newNodeName,
  [TaintTolerationName]: newTaintToleration,
  [NodeAffinityName]: newNodeAffinity,
  [NodePortsName]: newNodePorts,
  [NodeResourcesFitName]: newNodeResourcesFit,
  [VolumeBindingName]: newVolumeBinding,
  [PodTopologySpreadName]: newPodTopologySpread,
  [InterPodAffinityName]: newInterPodAffinity,
  [DefaultPreemptionName]: newDefaultPreemption,
  [NodeResourcesBalancedAllocationName]: newNodeResourcesBalancedAllocation,
  [ImageLocalityName]: newImageLocality,
  [DefaultBinderName]: newDefaultBinder,
};
