/**
 * Sorting, filtering and counting a Deployment's ReplicaSets (pkg/controller/controller_utils.go and
 * pkg/controller/deployment/util). ReplicaSets here are the listers' frozen objects: never modified.
 */
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { revisionOf } from './revision';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

const created = (rs: ReplicaSet) => (rs.metadata?.creationTimestamp ? Date.parse(rs.metadata.creationTimestamp) : 0);
export const specReplicas = (rs: ReplicaSet | undefined) => rs?.spec?.replicas ?? 1;

/** ReplicaSetsByCreationTimestamp: older first, ties by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = created(a);
  const tb = created(b);
  if (ta === tb) return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : (a.metadata?.name ?? '') > (b.metadata?.name ?? '') ? 1 : 0;
  return ta - tb;
}

/** ReplicaSetsByRevision: lower revision first, ties by creation. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revisionOf(a);
  const rb = revisionOf(b);
  return ra === rb ? byCreationTimestamp(a, b) : ra - rb;
}

/** ReplicaSetsBySizeNewer: larger first; equal sizes newer first (scaling up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  if (specReplicas(a) === specReplicas(b)) return byCreationTimestamp(b, a);
  return specReplicas(b) - specReplicas(a);
}

/** ReplicaSetsBySizeOlder: larger first; equal sizes older first (scaling down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  if (specReplicas(a) === specReplicas(b)) return byCreationTimestamp(a, b);
  return specReplicas(b) - specReplicas(a);
}

/** FilterActiveReplicaSets: present and with spec.replicas > 0. */
export function filterActive(list: Array<ReplicaSet | undefined>): ReplicaSet[] {
  return list.filter((rs): rs is ReplicaSet => rs !== undefined && specReplicas(rs) > 0);
}

const sum = (list: Array<ReplicaSet | undefined>, f: (rs: ReplicaSet) => number) => list.reduce((n, rs) => n + (rs ? f(rs) : 0), 0);
/** GetReplicaCountForReplicaSets: sum of spec.replicas. */
export const replicaCount = (list: Array<ReplicaSet | undefined>) => sum(list, specReplicas);
/** GetActualReplicaCountForReplicaSets: sum of status.replicas. */
export const actualReplicaCount = (list: Array<ReplicaSet | undefined>) => sum(list, (rs) => rs.status?.replicas ?? 0);
export const readyReplicaCount = (list: Array<ReplicaSet | undefined>) => sum(list, (rs) => rs.status?.readyReplicas ?? 0);
export const availableReplicaCount = (list: Array<ReplicaSet | undefined>) => sum(list, (rs) => rs.status?.availableReplicas ?? 0);

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * EqualIgnoreHash: the templates are semantically equal once the pod-template-hash label is dropped from
 * both (an empty label map and a missing one count as equal, as apiequality.Semantic does).
 */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const meta = { ...(t?.metadata ?? {}) };
    const labels = { ...(meta.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH_LABEL];
    if (Object.keys(labels).length > 0) meta.labels = labels;
    else delete meta.labels;
    return canonical({ ...(t ?? {}), metadata: meta });
  };
  return strip(a) === strip(b);
}

/** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(template: PodTemplateSpec | undefined, list: readonly ReplicaSet[]): ReplicaSet | undefined {
  return [...list].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, template));
}

/** FindOldReplicaSets (all old ones; the "required" subset is filterActive of it). */
export function findOldReplicaSets(newRS: ReplicaSet | undefined, list: readonly ReplicaSet[]): ReplicaSet[] {
  return list.filter((rs) => !newRS || rs.metadata?.uid !== newRS.metadata?.uid);
}
