/**
 * Rollout progress (pkg/controller/deployment/progress.go and util): the Progressing condition moves to
 * ReplicaSetUpdated while replicas move, NewReplicaSetAvailable when the rollout completes, and
 * ProgressDeadlineExceeded once progressDeadlineSeconds (virtual clock) pass without progress since the
 * condition's lastUpdateTime. A stuck Deployment is re-queued for exactly that moment.
 */
import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { NEW_RS_AVAILABLE_REASON, PAUSED_DEPLOY_REASON, RESUMED_DEPLOY_REASON, hasProgressDeadline, REPLICA_SET_UPDATED_REASON, TIMED_OUT_REASON, fromReplicaSetCondition, getCondition, newCondition, removeCondition, setCondition } from './conditions';
import type { DeploymentSync } from './deployment-sync';
import { statusEqual } from './deployment-sync';
import { desiredReplicas } from './fenceposts';


/** DeploymentComplete. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const n = desiredReplicas(d);
  return (s.updatedReplicas ?? 0) === n && (s.replicas ?? 0) === n && (s.availableReplicas ?? 0) === n && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/** DeploymentProgressing: more updated, fewer old, or more ready/available replicas than the last status. */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: lastUpdateTime + deadline strictly before now. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c) return false;
  if (c.reason === NEW_RS_AVAILABLE_REASON) return false;
  if (c.reason === TIMED_OUT_REASON) return true;
  const from = c.lastUpdateTime ? Date.parse(c.lastUpdateTime) : 0;
  return from + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 < nowMs;
}

/** getReplicaFailures: the new ReplicaSet's ReplicaFailure first, then any old one's. */
function replicaFailure(allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined): DeploymentCondition | undefined {
  for (const rs of [newRS, ...allRSs]) {
    const c = rs?.status?.conditions?.find((x) => x.type === 'ReplicaFailure');
    if (c) return fromReplicaSetCondition(c);
  }
  return undefined;
}

/** requeueStuckDeployment: look again when the deadline would pass (at least a second later). */
function requeueStuckDeployment(s: DeploymentSync, newStatus: DeploymentStatus): void {
  const d = s.d;
  const current = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !current) return;
  if (deploymentComplete(d, newStatus) || current.reason === TIMED_OUT_REASON) return;
  const lastUpdate = current.lastUpdateTime ? Date.parse(current.lastUpdateTime) : 0;
  const after = lastUpdate + (d.spec?.progressDeadlineSeconds ?? 0) * 1000 - s.now;
  if (after < 1000) {
    s.deps.requeueRateLimited();
    return;
  }
  s.deps.requeueAfter(after + 1000);
}

/** syncRolloutStatus. */
export async function syncRolloutStatus(s: DeploymentSync, allRSs: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined): Promise<void> {
  const d = s.d;
  const newStatus = s.calculateStatus(allRSs, newRS);
  if (!hasProgressDeadline(d)) removeCondition(newStatus, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const isComplete = newStatus.replicas === newStatus.updatedReplicas && current?.reason === NEW_RS_AVAILABLE_REASON;
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata?.name}" has successfully progressed.` : `Deployment "${d.metadata?.name}" has successfully progressed.`;
      setCondition(newStatus, newCondition('Progressing', 'True', NEW_RS_AVAILABLE_REASON, msg, s.now));
    } else if (deploymentProgressing(d, newStatus)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata?.name}" is progressing.` : `Deployment "${d.metadata?.name}" is progressing.`;
      const cond = newCondition('Progressing', 'True', REPLICA_SET_UPDATED_REASON, msg, s.now);
      // Progress refreshes lastUpdateTime even with the same reason; a True status keeps its transition time.
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(newStatus, 'Progressing');
      }
      setCondition(newStatus, cond);
    } else if (deploymentTimedOut(d, newStatus, s.now)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata?.name}" has timed out progressing.` : `Deployment "${d.metadata?.name}" has timed out progressing.`;
      setCondition(newStatus, newCondition('Progressing', 'False', TIMED_OUT_REASON, msg, s.now));
    }
  }
  const failure = replicaFailure(allRSs, newRS);
  if (failure) setCondition(newStatus, failure);
  else removeCondition(newStatus, 'ReplicaFailure');

  if (statusEqual(d.status, newStatus)) {
    requeueStuckDeployment(s, newStatus);
    return;
  }
  s.d.status = newStatus;
  await s.updateStatus();
}

/**
 * checkPausedConditions: pausing sets Progressing=Unknown DeploymentPaused ("Deployment is paused"), resuming
 * sets DeploymentResumed ("Deployment is resumed") so the deadline counts from the resume; a timed-out
 * Deployment keeps its ProgressDeadlineExceeded.
 */
export async function checkPausedConditions(s: DeploymentSync): Promise<void> {
  const d = s.d;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === TIMED_OUT_REASON) return;
  const pausedCondExists = cond?.reason === PAUSED_DEPLOY_REASON;
  const status = (d.status ??= {});
  if (d.spec?.paused && !pausedCondExists) {
    setCondition(status, newCondition('Progressing', 'Unknown', PAUSED_DEPLOY_REASON, 'Deployment is paused', s.now));
  } else if (!d.spec?.paused && pausedCondExists) {
    setCondition(status, newCondition('Progressing', 'Unknown', RESUMED_DEPLOY_REASON, 'Deployment is resumed', s.now));
  } else {
    return;
  }
  await s.updateStatus();
}
