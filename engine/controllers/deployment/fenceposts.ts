/**
 * maxSurge / maxUnavailable resolved against the desired replicas (pkg/controller/deployment/util,
 * intstr.GetScaledValueFromIntOrPercent): percentages of surge round up, of unavailability round down, and
 * when both come out 0 unavailability becomes 1 so a rollout can always move.
 */
import type { Deployment } from 'kubernetes-types/apps/v1';

type IntOrString = number | string;

/** GetScaledValueFromIntOrPercent; a string that is neither a percent nor an integer is an error upstream. */
export function scaledValue(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (m) {
    const scaled = (Number.parseInt(m[1] as string, 10) * total) / 100;
    return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  }
  if (/^[+-]?\d+$/.test(v)) return Number.parseInt(v, 10);
  throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
}

/** ResolveFenceposts. */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

export function isRollingUpdate(d: Deployment): boolean {
  return d.spec?.strategy?.type === 'RollingUpdate';
}

export function desiredReplicas(d: Deployment): number {
  return d.spec?.replicas ?? 1;
}

/** MaxSurge: 0 for Recreate. */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, desiredReplicas(d)).surge;
}

/** MaxUnavailable: 0 for Recreate or zero replicas, never more than the replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = desiredReplicas(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  const { unavailable } = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas);
  return Math.min(unavailable, replicas);
}
