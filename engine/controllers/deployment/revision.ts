/**
 * The annotations a Deployment keeps on its ReplicaSets (pkg/controller/deployment/util/deployment_util.go):
 * the rollout revision, the history of revisions a reused ReplicaSet served (a rollback), and the desired /
 * max replicas used for proportional scaling. Functions named set* mutate the copy they are given.
 */
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../api/objects';
import { desiredReplicas, maxSurge } from './fenceposts';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** maxRevHistoryLengthInChars: the revision-history annotation drops its oldest entries beyond this length. */
const MAX_REV_HISTORY_LENGTH_IN_CHARS = 2000;

/** Annotations a Deployment does not copy onto its ReplicaSets (annotationsToSkip). */
const SKIPPED = new Set([
  LAST_APPLIED_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  'deprecated.deployment.rollback.to',
]);

function parseRevision(v: string | undefined): number | undefined {
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number.parseInt(v, 10) : undefined;
}

/** Revision: the annotation's number, 0 when absent; unparsable counts as 0 here (MaxRevision skips it). */
export function revisionOf(obj: KubeObject | ReplicaSet): number {
  return parseRevision(obj.metadata?.annotations?.[REVISION_ANNOTATION]) ?? 0;
}

export function maxRevision(list: readonly ReplicaSet[]): number {
  return list.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);
}

function annotationsOf(rs: ReplicaSet): Record<string, string> {
  const meta = (rs.metadata ??= {});
  return (meta.annotations ??= {});
}

/** copyDeploymentAnnotationsToReplicaSet. */
function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const annotations = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    if (SKIPPED.has(k) || annotations[k] === v) continue;
    annotations[k] = v;
    changed = true;
  }
  return changed;
}

/** SetReplicasAnnotations: desired-replicas and max-replicas; true when either changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const annotations = annotationsOf(rs);
  let changed = false;
  if (annotations[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    annotations[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (annotations[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    annotations[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

/** ReplicasAnnotationsNeedUpdate. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number.parseInt(v, 10);
}

export const desiredReplicasAnnotation = (rs: ReplicaSet) => intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
export const maxReplicasAnnotation = (rs: ReplicaSet) => intAnnotation(rs, MAX_REPLICAS_ANNOTATION);

/**
 * SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision to `newRevision` when it
 * is higher (recording the old one in revision-history when the ReplicaSet already had one: a rollback), and on
 * a ReplicaSet about to be created, the replicas annotations. True when anything changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: string, exists: boolean): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const annotations = annotationsOf(rs);
  const hadRevision = REVISION_ANNOTATION in annotations;
  const oldRevision = annotations[REVISION_ANNOTATION] ?? '';
  const oldRevisionInt = oldRevision === '' ? 0 : parseRevision(oldRevision);
  if (oldRevisionInt === undefined) return false;
  const newRevisionInt = parseRevision(newRevision) ?? 0;
  if (oldRevisionInt < newRevisionInt) {
    annotations[REVISION_ANNOTATION] = newRevision;
    changed = true;
  }
  if (hadRevision && oldRevisionInt < newRevisionInt) {
    const history = annotations[REVISION_HISTORY_ANNOTATION] ?? '';
    const old = history.split(',');
    if ((old[0] ?? '').length === 0) {
      annotations[REVISION_HISTORY_ANNOTATION] = oldRevision;
    } else {
      let total = history.length + oldRevision.length + 1;
      let start = 0;
      while (total > MAX_REV_HISTORY_LENGTH_IN_CHARS && start < old.length) {
        total -= (old[start] ?? '').length + 1;
        start++;
      }
      if (total <= MAX_REV_HISTORY_LENGTH_IN_CHARS) annotations[REVISION_HISTORY_ANNOTATION] = [...old.slice(start), oldRevision].join(',');
    }
  }
  if (!exists && setReplicasAnnotations(rs, desiredReplicas(d), desiredReplicas(d) + maxSurge(d))) changed = true;
  return changed;
}

/** SetDeploymentRevision: true when the Deployment's revision annotation changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const meta = (d.metadata ??= {});
  const annotations = (meta.annotations ??= {});
  if (annotations[REVISION_ANNOTATION] === revision) return false;
  annotations[REVISION_ANNOTATION] = revision;
  return true;
}
