/**
 * Which KindStrategy serves a resource: the built-in kinds' strategies, and for custom resources the generic
 * CR strategy (generation bumps on any change outside metadata and status, status split when the CRD has a
 * status subresource).
 */
import type { KubeObject } from '../../api/objects';
import { workloadStrategies } from '../kinds/workload-strategies';
import { otherStrategies } from '../kinds/other-strategies';
import { namespaceFinalizeStrategy } from '../kinds/core/namespace';
import type { KindStrategy } from '../registry/strategy';
import type { ResourceInfo } from '../resources/resource-catalog';
import { semanticDeepEqual } from '../validation/semantic-equal';

function withoutMetaAndStatus(obj: KubeObject): Record<string, unknown> {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

function customResourceStrategy(hasStatus: boolean): KindStrategy {
  return {
    prepareForCreate(obj) {
      if (hasStatus) delete obj['status'];
      obj.metadata = { ...obj.metadata, generation: 1 };
    },
    prepareForUpdate(obj, old) {
      if (hasStatus) {
        if (old['status'] !== undefined) obj['status'] = old['status'];
        else delete obj['status'];
      }
      const changed = !semanticDeepEqual(withoutMetaAndStatus(obj), withoutMetaAndStatus(old)) || (!hasStatus && !semanticDeepEqual(obj['status'], old['status']));
      const gen = old.metadata?.generation ?? 1;
      obj.metadata = { ...obj.metadata, generation: changed ? gen + 1 : gen };
    },
  };
}

const crWithStatus = customResourceStrategy(true);
const crWithoutStatus = customResourceStrategy(false);

export function strategyFor(info: ResourceInfo, subresource: string): KindStrategy | undefined {
  if (info.kindKey === 'core/Namespace' && subresource === 'finalize') return namespaceFinalizeStrategy as KindStrategy;
  if (info.crd) return info.subresources.some((s) => s.name === 'status') ? crWithStatus : crWithoutStatus;
  return (workloadStrategies[info.kindKey] ?? otherStrategies[info.kindKey]) as KindStrategy | undefined;
}
