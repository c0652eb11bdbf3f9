/** The evaluator registry (pkg/quota/v1/install): the core kinds' own evaluators, object counting for the rest. */
import { claimEvaluator } from './claim-evaluator';
import type { QuotaEvaluator } from './evaluator';
import { objectCountEvaluator } from './object-count-evaluator';
import { podEvaluator } from './pod-evaluator';
import { serviceEvaluator } from './service-evaluator';

const CORE_EVALUATORS: Record<string, QuotaEvaluator> = {
  pods: podEvaluator,
  services: serviceEvaluator,
  persistentvolumeclaims: claimEvaluator,
};

/** quotainstall.DefaultIgnoredResources: events are never charged. */
export const isIgnoredByQuota = (group: string, resource: string): boolean => group === '' && resource === 'events';

/** Object-count evaluators are stateless, so one per group/resource is built once and reused. */
const objectCountEvaluators = new Map<string, QuotaEvaluator>();

export function evaluatorFor(group: string, resource: string): QuotaEvaluator {
  const core = group === '' ? CORE_EVALUATORS[resource] : undefined;
  if (core) return core;
  const key = `${resource}.${group}`;
  let ev = objectCountEvaluators.get(key);
  if (ev === undefined) {
    ev = objectCountEvaluator(group, resource);
    objectCountEvaluators.set(key, ev);
  }
  return ev;
}
