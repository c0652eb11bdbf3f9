/**
 * labels.Selector: a conjunction of requirements kept sorted by key (stable, like ByKey on insertion).
 * `everything` (no requirements) matches all objects; `nothing` (a nil metav1.LabelSelector) matches none.
 * Both print as ''.
 */
import type { KubeObject } from '../../api/objects';
import { compareGoStrings, requirementMatches, requirementString, type Labels, type Requirement } from './label-requirement';

export interface LabelMatcher {
  matches(obj: KubeObject): boolean;
  /** True when the selector has no requirements (Selector.Empty()); a `nothing` selector is also empty. */
  readonly empty: boolean;
  /** Canonical form, e.g. `app=web,tier in (a,b)`. */
  toString(): string;
  /** The requirements, sorted by key. */
  readonly requirements: readonly Requirement[];
  /** Matches a bare label set. */
  matchesLabels(labels: Labels | undefined): boolean;
}

export function selectorFromRequirements(requirements: readonly Requirement[]): LabelMatcher {
  const sorted = [...requirements].sort((a, b) => compareGoStrings(a.key, b.key));
  const matchesLabels = (labels: Labels | undefined): boolean => sorted.every((r) => requirementMatches(r, labels ?? {}));
  return {
    requirements: sorted,
    empty: sorted.length === 0,
    matchesLabels,
    matches: (obj) => matchesLabels(obj.metadata?.labels),
    toString: () => sorted.map(requirementString).join(','),
  };
}

export const everythingSelector = (): LabelMatcher => selectorFromRequirements([]);

export function nothingSelector(): LabelMatcher {
  return {
    requirements: [],
    empty: true,
    matchesLabels: () => false,
    matches: () => false,
    toString: () => '',
  };
}
