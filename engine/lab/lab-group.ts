/** The lab's own API group, `lab.clusterlab.dev/v1`: cluster-wide knobs of the simulation as Kubernetes objects. */
import type { ResourceRef } from '../client/api-client';

export const LAB_GROUP = 'lab.clusterlab.dev';
export const LAB_VERSION = 'v1';
export const LAB_API_VERSION = `${LAB_GROUP}/${LAB_VERSION}`;

export const CLOCKS: ResourceRef = { group: LAB_GROUP, version: LAB_VERSION, resource: 'clocks' };
export const FAULTS: ResourceRef = { group: LAB_GROUP, version: LAB_VERSION, resource: 'faults' };

/** The one Clock the ClockController honours. */
export const CLOCK_NAME = 'cluster';
/** Bounds of spec.speed (the VirtualClock's MIN_SPEED/MAX_SPEED). */
export const MIN_CLOCK_SPEED = 0.25;
export const MAX_CLOCK_SPEED = 100;

export const FAULT_TYPES = ['StopKubelet', 'PartitionNode', 'CrashContainer', 'FillMemory', 'KillLeader'] as const;
/** The leader-elected control-plane components a KillLeader fault can target. */
export const LEADER_ELECTED_COMPONENTS = ['kube-controller-manager', 'kube-scheduler'] as const;
export type LeaderElectedComponent = (typeof LEADER_ELECTED_COMPONENTS)[number];
export type FaultType = (typeof FAULT_TYPES)[number];
/** Runs the heal before a deleted Fault disappears. */
export const HEAL_FINALIZER = 'lab.clusterlab.dev/heal';

/** A status condition as metav1.Condition shapes it. */
export interface LabCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  observedGeneration?: number;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

/** meta.SetStatusCondition: replaces by type, keeping lastTransitionTime when the status is unchanged. */
export function setCondition(conditions: readonly LabCondition[], next: LabCondition): LabCondition[] {
  const old = conditions.find((c) => c.type === next.type);
  const merged = old && old.status === next.status ? { ...next, lastTransitionTime: old.lastTransitionTime } : next;
  return [...conditions.filter((c) => c.type !== next.type), merged];
}
