/**
 * calculateStatus (pkg/controller/replicaset/replica_set_utils.go): counts over the pods a ReplicaSet owns,
 * and the ReplicaFailure condition, set with the create/delete error's message while manageReplicas fails and
 * removed once it succeeds.
 */
import type { ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { rfc3339 } from '../../base/clock';
import { isPodAvailable, isPodReady } from './pod-availability';

export interface ReplicaSetLike {
  spec?: { replicas?: number; minReadySeconds?: number; template?: { metadata?: { labels?: Record<string, string> } } };
  status?: ReplicaSetStatus;
}

export function calculateReplicaSetStatus(rs: ReplicaSetLike, pods: Pod[], manageReplicasError: unknown, nowMs: number): ReplicaSetStatus {
  const status: ReplicaSetStatus = { ...(rs.status ?? { replicas: 0 }) };
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    const labels = pod.metadata?.labels ?? {};
    if (Object.entries(templateLabels).every(([k, v]) => labels[k] === v)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, rs.spec?.minReadySeconds ?? 0, nowMs)) available++;
    }
  }
  const failure = status.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (manageReplicasError !== undefined && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    const message = manageReplicasError instanceof Error ? manageReplicasError.message : String(manageReplicasError);
    const cond: ReplicaSetCondition = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: rfc3339(nowMs), reason, message };
    status.conditions = [...(status.conditions ?? []), cond];
  } else if (manageReplicasError === undefined && failure) {
    const rest = (status.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
    if (rest.length > 0) status.conditions = rest;
    else delete status.conditions;
  }
  status.replicas = pods.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return status;
}
