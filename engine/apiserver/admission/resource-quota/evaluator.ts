/**
 * quota.Evaluator (k8s.io/apiserver/pkg/quota/v1): how one kind is charged against ResourceQuotas. Pods,
 * services and claims have their own evaluators (pkg/quota/v1/evaluator/core); every other namespaced kind is
 * charged one `count/<resource>[.<group>]` per object on create, plus the legacy plain names below.
 */
import type { KubeObject } from '../../../api/objects';
import type { ResourceList } from '../resource-list';
import type { AdmissionAttributes } from '../types';

export interface ScopeSelectorRequirement {
  scopeName: string;
  operator?: string;
  values?: string[];
}

export interface QuotaEvaluator {
  /** Whether this operation can change usage at all. */
  handles(a: AdmissionAttributes): boolean;
  /** The subset of a quota's resource names this kind is charged for. */
  matchingResources(names: readonly string[]): string[];
  /** Whether the object falls inside one scope of a quota. */
  matchesScope(selector: ScopeSelectorRequirement, obj: KubeObject): boolean;
  /** A `must specify …` text when the object omits something a matching quota requires. */
  constraints(required: readonly string[], obj: KubeObject): string | undefined;
  /** What the object charges; `nowMs` decides whether a terminating pod still counts. */
  usage(obj: KubeObject, nowMs: number): ResourceList;
}
