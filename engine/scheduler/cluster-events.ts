/**
 * Which cluster events an informer change is (the scheduler's eventhandlers.go): node updates are split by what
 * changed, so a pod rejected for taints is not retried on a heartbeat-only status change.
 */
import type { KubeObject } from '../api/objects';
import type { ClusterEvent } from './framework/interface';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export function nodeUpdateEvents(oldNode: KubeObject, newNode: KubeObject): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  const os = (oldNode['spec'] ?? {}) as { taints?: unknown; unschedulable?: boolean };
  const ns = (newNode['spec'] ?? {}) as { taints?: unknown; unschedulable?: boolean };
  const ost = (oldNode['status'] ?? {}) as { allocatable?: unknown; conditions?: Array<{ type: string; status: string }> };
  const nst = (newNode['status'] ?? {}) as { allocatable?: unknown; conditions?: Array<{ type: string; status: string }> };
  if (!same(oldNode.metadata?.labels, newNode.metadata?.labels)) out.push({ resource: 'Node', action: 'UpdateNodeLabel' });
  if (!same(os.taints, ns.taints) || Boolean(os.unschedulable) !== Boolean(ns.unschedulable)) out.push({ resource: 'Node', action: 'UpdateNodeTaint' });
  if (!same(ost.allocatable, nst.allocatable)) out.push({ resource: 'Node', action: 'UpdateNodeAllocatable' });
  const conds = (c: Array<{ type: string; status: string }> | undefined) => (c ?? []).map((x) => `${x.type}=${x.status}`).join(',');
  if (conds(ost.conditions) !== conds(nst.conditions)) out.push({ resource: 'Node', action: 'UpdateNodeCondition' });
  return out;
}

export function assignedPodUpdateEvent(oldPod: KubeObject, newPod: KubeObject): ClusterEvent {
  if (!same(oldPod.metadata?.labels, newPod.metadata?.labels)) return { resource: 'Pod', action: 'UpdatePodLabel' };
  return { resource: 'Pod', action: 'Update' };
}
