/**
 * framework.AffinityTerm.Matches: a pod matches a pod (anti-)affinity term when its namespace is one the term
 * names, or its namespace's labels match the term's namespaceSelector, and its labels match the selector.
 */
import type { KubeObject } from '../../../api/objects';
import type { AffinityTerm, Snapshot } from '../../framework/interface';

const NO_LABELS: Record<string, string> = {};

export function affinityTermMatches(term: AffinityTerm, pod: KubeObject, nsLabels: Record<string, string> | undefined): boolean {
  const ns = pod.metadata?.namespace ?? '';
  if (!term.namespaces.has(ns) && !term.namespaceSelector(nsLabels ?? NO_LABELS)) return false;
  return term.selector(pod.metadata?.labels ?? NO_LABELS);
}

/** podMatchesAllAffinityTerms: false for no terms. */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: KubeObject, nsLabels: Record<string, string> | undefined): boolean {
  if (terms.length === 0) return false;
  for (const t of terms) if (!affinityTermMatches(t, pod, nsLabels)) return false;
  return true;
}

/** Namespace labels looked up once per namespace for one cycle. */
export function namespaceLabelCache(snapshot: Snapshot): (namespace: string) => Record<string, string> | undefined {
  const cache = new Map<string, Record<string, string> | undefined>();
  return (namespace) => {
    if (cache.has(namespace)) return cache.get(namespace);
    const labels = snapshot.namespaceLabels(namespace);
    cache.set(namespace, labels);
    return labels;
  };
}
