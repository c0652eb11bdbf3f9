/**
 * generic.NewObjectCountEvaluator: one `count/<resource>[.<group>]` per object, charged on create only. Core
 * configmaps, secrets, replicationcontrollers and resourcequotas also answer to their pre-1.9 plain names.
 */
import { quantityFromInt } from '../quantity';
import type { QuotaEvaluator } from './evaluator';

const LEGACY_NAMES = new Set(['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas']);

export const objectCountName = (group: string, resource: string): string => (group === '' ? `count/${resource}` : `count/${resource}.${group}`);

export function objectCountEvaluator(group: string, resource: string): QuotaEvaluator {
  const names = [objectCountName(group, resource)];
  if (group === '' && LEGACY_NAMES.has(resource)) names.push(resource);
  return {
    handles: (a) => a.operation === 'CREATE',
    matchingResources: (input) => input.filter((n) => names.includes(n)),
    matchesScope: () => false,
    constraints: () => undefined,
    usage: () => new Map(names.map((n) => [n, quantityFromInt(1)])),
  };
}
