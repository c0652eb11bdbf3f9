/**
 * Scheduling-related PodSpec checks (pkg/apis/core/validation, 1.32): tolerations, affinity,
 * topology spread constraints and scheduling gates.
 */
import type {
  Affinity,
  NodeSelector,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinityTerm,
  Toleration,
  TopologySpreadConstraint,
  PodSchedulingGate,
} from 'kubernetes-types/core/v1';
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import { isValidLabelValue, validateLabelName, validateLabelSelector, validateNamespaceName } from '../../validation';
import { validateQualifiedName } from './container-validation';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateTaintEffect(effect: string, path: FieldPath): FieldError[] {
  return TAINT_EFFECTS.includes(effect) ? [] : [fieldError.notSupported(path, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: readonly Toleration[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (tolerations ?? []).forEach((t, i) => {
    const p = path.index(i);
    const key = t.key ?? '';
    const operator = t.operator ?? '';
    const value = t.value ?? '';
    const effect = t.effect ?? '';
    if (key.length > 0) errs.push(...validateLabelName(key, p.child('key')));
    if (key.length === 0 && operator !== 'Exists') {
      errs.push(fieldError.invalid(p.child('operator'), operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(fieldError.invalid(p.child('effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (operator) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length !== 0) errs.push(fieldError.invalid(p.child('operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0) errs.push(fieldError.invalid(p.child('operator'), t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(fieldError.notSupported(p.child('operator'), operator, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, p.child('effect')));
  });
  return errs;
}

/** validateOnlyAddedTolerations: existing tolerations may only change tolerationSeconds. */
export function validateOnlyAddedTolerations(
  newTolerations: readonly Toleration[] | undefined,
  oldTolerations: readonly Toleration[] | undefined,
  path: FieldPath,
): FieldError[] {
  const same = (a: Toleration, b: Toleration): boolean =>
    (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') && (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
  for (const old of oldTolerations ?? []) {
    if (!(newTolerations ?? []).some((n) => same(old, n))) {
      return [fieldError.forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
    }
  }
  return validateTolerations(newTolerations, path);
}

function validateNodeSelectorRequirement(rq: NodeSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const values = rq.values ?? [];
  switch (rq.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(fieldError.required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(fieldError.forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(fieldError.required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(fieldError.invalid(path.child('operator'), rq.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(rq.key ?? '', path.child('key')));
  return errs;
}

function validateNodeFieldSelectorRequirement(req: NodeSelectorRequirement, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if ((req.values ?? []).length !== 1) {
        errs.push(fieldError.required(path.child('values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
      }
      break;
    default:
      errs.push(fieldError.invalid(path.child('operator'), req.operator ?? '', 'not a valid selector operator'));
  }
  if (req.key !== 'metadata.name') errs.push(fieldError.notSupported(path.child('key'), req.key ?? '', ['metadata.name']));
  return errs;
}

function validateNodeSelectorTerm(term: NodeSelectorTerm, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (term.matchExpressions ?? []).forEach((r, i) => errs.push(...validateNodeSelectorRequirement(r, path.child('matchExpressions').index(i))));
  (term.matchFields ?? []).forEach((r, i) => errs.push(...validateNodeFieldSelectorRequirement(r, path.child('matchFields').index(i))));
  return errs;
}

function validateNodeSelector(sel: NodeSelector, path: FieldPath): FieldError[] {
  const terms = sel.nodeSelectorTerms ?? [];
  const termsPath = path.child('nodeSelectorTerms');
  if (terms.length === 0) return [fieldError.required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, termsPath.index(i)));
}

function validateWeight(weight: number | undefined, path: FieldPath): FieldError[] {
  const w = weight ?? 0;
  return w <= 0 || w > 100 ? [fieldError.invalid(path, w, 'must be in the range 1-100')] : [];
}

function validatePodAffinityTerm(term: PodAffinityTerm, path: FieldPath): FieldError[] {
  const errs = validateLabelSelector(term.labelSelector, path.child('labelSelector'));
  errs.push(...validateLabelSelector(term.namespaceSelector, path.child('namespaceSelector')));
  for (const ns of term.namespaces ?? []) {
    for (const m of validateNamespaceName(ns, false)) errs.push(fieldError.invalid(path.child('namespace'), ns, m));
  }
  const topologyKey = term.topologyKey ?? '';
  if (topologyKey.length === 0) errs.push(fieldError.required(path.child('topologyKey'), 'can not be empty'));
  else errs.push(...validateLabelName(topologyKey, path.child('topologyKey')));
  return errs;
}

function validatePodAffinity(
  a: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[] },
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach((t, i) =>
    errs.push(...validatePodAffinityTerm(t, path.child('requiredDuringSchedulingIgnoredDuringExecution').index(i))),
  );
  (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w, i) => {
    const p = path.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
    errs.push(...validateWeight(w.weight, p.child('weight')));
    errs.push(...validatePodAffinityTerm(w.podAffinityTerm ?? ({} as PodAffinityTerm), p.child('podAffinityTerm')));
  });
  return errs;
}

export function validateAffinity(affinity: Affinity | undefined, path: FieldPath): FieldError[] {
  if (!affinity) return [];
  const errs: FieldError[] = [];
  const na = affinity.nodeAffinity;
  if (na) {
    const p = path.child('nodeAffinity');
    if (na.requiredDuringSchedulingIgnoredDuringExecution) {
      errs.push(...validateNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, p.child('requiredDuringSchedulingIgnoredDuringExecution')));
    }
    (na.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((term, i) => {
      const tp = p.child('preferredDuringSchedulingIgnoredDuringExecution').index(i);
      errs.push(...validateWeight(term.weight, tp.child('weight')));
      errs.push(...validateNodeSelectorTerm(term.preference ?? {}, tp.child('preference')));
    });
  }
  if (affinity.podAffinity) errs.push(...validatePodAffinity(affinity.podAffinity, path.child('podAffinity')));
  if (affinity.podAntiAffinity) errs.push(...validatePodAffinity(affinity.podAntiAffinity, path.child('podAntiAffinity')));
  return errs;
}

const WHEN_UNSATISFIABLE = ['DoNotSchedule', 'ScheduleAnyway'];

export function validateTopologySpreadConstraints(constraints: readonly TopologySpreadConstraint[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (constraints ?? []).forEach((c, i) => {
    const p = path.index(i);
    const maxSkew = c.maxSkew ?? 0;
    if (maxSkew <= 0) errs.push(fieldError.invalid(p.child('maxSkew'), maxSkew, 'must be greater than zero'));
    const topologyKey = c.topologyKey ?? '';
    if (topologyKey.length === 0) errs.push(fieldError.required(p.child('topologyKey'), 'can not be empty'));
    else errs.push(...validateLabelName(topologyKey, p.child('topologyKey')));
    const when = c.whenUnsatisfiable ?? '';
    if (!WHEN_UNSATISFIABLE.includes(when)) errs.push(fieldError.notSupported(p.child('whenUnsatisfiable'), when, WHEN_UNSATISFIABLE));
    if (c.minDomains !== undefined && c.minDomains !== null) {
      if (c.minDomains <= 0) errs.push(fieldError.invalid(p.child('minDomains'), c.minDomains, 'must be greater than zero'));
      else if (when !== 'DoNotSchedule') {
        errs.push(fieldError.invalid(p.child('minDomains'), c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when}`));
      }
    }
    const pair = `{${topologyKey}, ${when}}`;
    if (seen.has(pair)) errs.push(fieldError.duplicate(p, pair));
    seen.add(pair);
    errs.push(...validateLabelSelector(c.labelSelector, p.child('labelSelector')));
  });
  return errs;
}

export function validateSchedulingGates(gates: readonly PodSchedulingGate[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  (gates ?? []).forEach((g, i) => {
    const name = g.name ?? '';
    errs.push(...validateQualifiedName(name, path.index(i)));
    if (seen.has(name)) errs.push(fieldError.duplicate(path.index(i), name));
    seen.add(name);
  });
  return errs;
}

/** validateOnlyDeletedSchedulingGates: updates may remove gates, never add them. */
export function validateOnlyDeletedSchedulingGates(
  newGates: readonly PodSchedulingGate[] | undefined,
  oldGates: readonly PodSchedulingGate[] | undefined,
  path: FieldPath,
): FieldError[] {
  if ((newGates ?? []).length === 0) return [];
  const additional = new Map<string, number>();
  (newGates ?? []).forEach((g, i) => additional.set(g.name ?? '', i));
  for (const g of oldGates ?? []) additional.delete(g.name ?? '');
  return [...additional].map(([gate, i]) => fieldError.forbidden(path.index(i).child('name'), `only deletion is allowed, but found new scheduling gate '${gate}'`));
}
