/** Node and pod condition shapes and the lookups the node controllers share. */
import type { KubeObject } from '../../api/objects';

export interface NodeCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  lastHeartbeatTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface PodCondition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export function nodeConditions(node: KubeObject): NodeCondition[] {
  return ((node.status as { conditions?: NodeCondition[] } | undefined)?.conditions ?? []) as NodeCondition[];
}

export function nodeCondition(node: KubeObject, type: string): NodeCondition | undefined {
  return nodeConditions(node).find((c) => c.type === type);
}

export function podConditions(pod: KubeObject): PodCondition[] {
  return ((pod.status as { conditions?: PodCondition[] } | undefined)?.conditions ?? []) as PodCondition[];
}

/**
 * apipod.UpdatePodCondition: sets `cond` into `conditions` (by type), keeping the old lastTransitionTime when the
 * status did not change; returns whether anything changed.
 */
export function updatePodCondition(conditions: PodCondition[], cond: PodCondition, now: string): boolean {
  const next: PodCondition = { ...cond, lastTransitionTime: now };
  const i = conditions.findIndex((c) => c.type === cond.type);
  if (i < 0) {
    conditions.push(next);
    return true;
  }
  const old = conditions[i] as PodCondition;
  if (old.status === next.status) next.lastTransitionTime = old.lastTransitionTime ?? now;
  const same =
    old.status === next.status &&
    old.reason === next.reason &&
    old.message === next.message &&
    (old.lastProbeTime ?? null) === (next.lastProbeTime ?? null) &&
    old.lastTransitionTime === next.lastTransitionTime;
  conditions[i] = next;
  return !same;
}

/** component-helpers GetZoneKey: "<region>:\0:<zone>" from the beta or GA topology labels, "" without either. */
export function zoneKey(node: KubeObject): string {
  const labels = node.metadata?.labels ?? {};
  const zone = labels['failure-domain.beta.kubernetes.io/zone'] ?? labels['topology.kubernetes.io/zone'] ?? '';
  const region = labels['failure-domain.beta.kubernetes.io/region'] ?? labels['topology.kubernetes.io/region'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}
