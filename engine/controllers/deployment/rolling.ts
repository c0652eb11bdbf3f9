/**
 * The RollingUpdate strategy (pkg/controller/deployment/rolling.go): each sync first scales the new ReplicaSet
 * up as far as maxSurge allows, otherwise scales old ReplicaSets down as far as maxUnavailable allows (unhealthy
 * old replicas first), and once complete cleans up history. One step per sync; informer events drive the next.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { DeploymentSync } from './deployment-sync';
import { newRSNewReplicas } from './deployment-sync';
import { desiredReplicas, maxUnavailable } from './fenceposts';
import { deploymentComplete, syncRolloutStatus } from './progress';
import { availableReplicaCount, byCreationTimestamp, filterActive, replicaCount, specReplicas } from './replica-set-lists';

async function reconcileNewReplicaSet(s: DeploymentSync, allRSs: ReplicaSet[], newRS: ReplicaSet): Promise<boolean> {
  const desired = desiredReplicas(s.d);
  if (specReplicas(newRS) === desired) return false;
  if (specReplicas(newRS) > desired) return (await s.scaleReplicaSetAndRecordEvent(newRS, desired)).scaled;
  return (await s.scaleReplicaSetAndRecordEvent(newRS, newRSNewReplicas(s.d, allRSs, newRS))).scaled;
}

/** cleanupUnhealthyReplicas: scale old ReplicaSets down by their unavailable replicas, oldest first. */
async function cleanupUnhealthyReplicas(s: DeploymentSync, oldRSs: ReplicaSet[], maxCleanupCount: number): Promise<{ oldRSs: ReplicaSet[]; count: number }> {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanupCount) break;
    const target = sorted[i] as ReplicaSet;
    const replicas = specReplicas(target);
    const available = target.status?.availableReplicas ?? 0;
    if (replicas === 0 || replicas === available) continue;
    const scaledDown = Math.min(maxCleanupCount - total, replicas - available);
    const { rs } = await s.scaleReplicaSetAndRecordEvent(target, replicas - scaledDown);
    total += scaledDown;
    sorted[i] = rs;
  }
  return { oldRSs: sorted, count: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate: keep at least replicas - maxUnavailable available. */
async function scaleDownOldReplicaSets(s: DeploymentSync, allRSs: ReplicaSet[], oldRSs: ReplicaSet[]): Promise<number> {
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const totalToScaleDown = available - minAvailable;
  let total = 0;
  for (const target of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= totalToScaleDown) break;
    if (specReplicas(target) === 0) continue;
    const count = Math.min(specReplicas(target), totalToScaleDown - total);
    await s.scaleReplicaSetAndRecordEvent(target, specReplicas(target) - count);
    total += count;
  }
  return total;
}

async function reconcileOldReplicaSets(s: DeploymentSync, allRSs: ReplicaSet[], oldRSs: ReplicaSet[], newRS: ReplicaSet): Promise<boolean> {
  if (replicaCount(oldRSs) === 0) return false;
  const minAvailable = desiredReplicas(s.d) - maxUnavailable(s.d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  const cleaned = await cleanupUnhealthyReplicas(s, oldRSs, maxScaledDown);
  const scaledDown = await scaleDownOldReplicaSets(s, [...cleaned.oldRSs, newRS], cleaned.oldRSs);
  return cleaned.count + scaledDown > 0;
}

/** rolloutRolling. */
export async function rolloutRolling(s: DeploymentSync, rsList: readonly ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(rsList, true);
  if (!newRS) return;
  const allRSs = [...oldRSs, newRS];
  if (await reconcileNewReplicaSet(s, allRSs, newRS)) return syncRolloutStatus(s, allRSs, newRS);
  if (await reconcileOldReplicaSets(s, allRSs, filterActive(oldRSs), newRS)) return syncRolloutStatus(s, allRSs, newRS);
  if (deploymentComplete(s.d, s.d.status ?? {})) await s.cleanupDeployment(oldRSs);
  return syncRolloutStatus(s, allRSs, newRS);
}
