/**
 * The Recreate strategy (pkg/controller/deployment/recreate.go): scale every old ReplicaSet to 0, wait until
 * none of their pods is left running (terminating pods count), then create / scale the new ReplicaSet to the
 * full count.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { DeploymentSync } from './deployment-sync';
import { desiredReplicas } from './fenceposts';
import { deploymentComplete, syncRolloutStatus } from './progress';
import { actualReplicaCount, filterActive, specReplicas } from './replica-set-lists';

/** oldPodsRunning: any old ReplicaSet still reports replicas, or any pod of one is not finished. */
function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: Map<string, Pod[]>): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata?.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}

/** rolloutRecreate; `podMap` groups the Deployment's pods by owning ReplicaSet UID. */
export async function rolloutRecreate(s: DeploymentSync, rsList: readonly ReplicaSet[], podMap: Map<string, Pod[]>): Promise<void> {
  let { newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(rsList, false);
  let allRSs: Array<ReplicaSet | undefined> = [...oldRSs, newRS];
  let scaledDown = false;
  for (const rs of filterActive(oldRSs)) {
    if (specReplicas(rs) === 0) continue;
    if ((await s.scaleReplicaSetAndRecordEvent(rs, 0)).scaled) scaledDown = true;
  }
  if (scaledDown) return syncRolloutStatus(s, allRSs, newRS);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(s, allRSs, newRS);
  if (!newRS) {
    ({ newRS, oldRSs } = await s.getAllReplicaSetsAndSyncRevision(rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  if (newRS) await s.scaleReplicaSetAndRecordEvent(newRS, desiredReplicas(s.d));
  if (deploymentComplete(s.d, s.d.status ?? {})) await s.cleanupDeployment(oldRSs);
  return syncRolloutStatus(s, allRSs, newRS);
}
