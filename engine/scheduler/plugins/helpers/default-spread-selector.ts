/**
 * helper.DefaultSelector: the selector default topology spreading uses for a pod without constraints of its
 * own — the union of the selectors of the Services in its namespace that select it, then of its controller
 * (ownerReference with controller: true) when that is a ReplicationController, ReplicaSet or StatefulSet.
 * A Service with no selector selects nothing and contributes nothing.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../../../api/objects';
import { labelSelectorRequirements, requirementMatches, selectorFromRequirements, type LabelMatcher, type Requirement } from '../../../apiserver/selectors';
import type { Snapshot } from '../../framework/interface';

type Labels = Record<string, string>;

function selectsLabels(selector: Labels, labels: Labels): boolean {
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

function setRequirements(set: Labels): Requirement[] {
  return Object.keys(set).map((key) => ({ key, operator: '=' as const, values: [set[key] as string] }));
}

export function defaultSpreadSelector(pod: KubeObject, snapshot: Snapshot): LabelMatcher {
  const ns = pod.metadata?.namespace ?? '';
  const podLabels = pod.metadata?.labels ?? {};
  let labelSet: Labels = {};
  for (const svc of snapshot.objects('Service')) {
    if (svc.metadata?.namespace !== ns) continue;
    const selector = (svc['spec'] as { selector?: Labels } | undefined)?.selector;
    if (!selector) continue;
    if (selectsLabels(selector, podLabels)) labelSet = { ...labelSet, ...selector };
  }
  let requirements = setRequirements(labelSet);
  const owner = (pod.metadata?.ownerReferences ?? []).find((o) => o.controller === true);
  if (owner) {
    const group = owner.apiVersion.includes('/') ? owner.apiVersion.split('/')[0] : '';
    const kind =
      group === '' && owner.kind === 'ReplicationController'
        ? 'ReplicationController'
        : group === 'apps' && (owner.kind === 'ReplicaSet' || owner.kind === 'StatefulSet')
          ? owner.kind
          : undefined;
    const ctrl = kind ? snapshot.objects(kind).find((o) => o.metadata?.namespace === ns && o.metadata?.name === owner.name) : undefined;
    if (ctrl && kind === 'ReplicationController') {
      labelSet = { ...labelSet, ...((ctrl['spec'] as { selector?: Labels } | undefined)?.selector ?? {}) };
      requirements = setRequirements(labelSet);
    } else if (ctrl) {
      const sel = (ctrl['spec'] as { selector?: LabelSelector } | undefined)?.selector;
      const parsed = sel ? labelSelectorRequirements(sel) : undefined;
      if (parsed && 'requirements' in parsed) requirements = [...requirements, ...parsed.requirements];
    }
  }
  return selectorFromRequirements(requirements);
}

/** A selector plus `key in (value)` for each matchLabelKeys key the pod carries (mergeLabelSetWithSelector). */
export function withMatchLabelKeys(base: LabelMatcher, keys: readonly string[] | undefined, podLabels: Labels): { matches: (labels: Labels) => boolean; key: string } {
  // A nil selector (nothing) and an empty one (everything) both print as ''.
  const baseKey = base.empty && !base.matchesLabels({}) ? '<nothing>' : base.toString();
  const extra: Requirement[] = [];
  for (const k of keys ?? []) {
    const v = podLabels[k];
    if (v !== undefined) extra.push({ key: k, operator: 'in', values: [v] });
  }
  if (extra.length === 0) return { matches: (labels) => base.matchesLabels(labels), key: baseKey };
  return {
    matches: (labels) => base.matchesLabels(labels) && extra.every((r) => requirementMatches(r, labels)),
    key: `${baseKey}|${extra.map((r) => `${r.key}=${r.values[0]}`).join(',')}`,
  };
}
