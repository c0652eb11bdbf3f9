/**
 * pkg/registry/core/pod/strategy.go (1.32): podStrategy and podStatusStrategy, plus the PodTemplate
 * strategy (pkg/registry/core/podtemplate).
 *
 * Not reproduced: applyAppArmorVersionSkew (annotation ↔ field sync), pod warnings, DropDisabledPodFields
 * (no alpha gates are simulated).
 */
import type { Pod, PodAffinityTerm, PodTemplate, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import type { KubeObject, ObjectMeta } from '../../../api/objects';
import { deepCopy } from '../../../api/objects';
import { FieldPath } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { semanticDeepEqual } from '../../validation';
import { setPodDefaults, setPodTemplateSpecDefaults } from './pod-defaults';
import { computePodQOS } from './pod-qos';
import { validatePodCreate, validatePodTemplateSpec } from './pod-spec-validation';
import { validatePodStatusUpdate, validatePodUpdate } from './pod-update-validation';

/** kubernetes-types marks server-set fields readonly; strategies are exactly the code that sets them. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const asPod = (o: KubeObject): Mutable<Pod> => o as unknown as Mutable<Pod>;

/** MatchLabelKeysInPodAffinity (beta, on in 1.32): turn matchLabelKeys/mismatchLabelKeys into selector terms. */
function applyMatchLabelKeys(pod: Pod): void {
  const labels = pod.metadata?.labels ?? {};
  const apply = (term: PodAffinityTerm): void => {
    if (!term.labelSelector) return;
    for (const key of term.matchLabelKeys ?? []) {
      const value = labels[key];
      if (value !== undefined) (term.labelSelector.matchExpressions ??= []).push({ key, operator: 'In', values: [value] });
    }
    for (const key of term.mismatchLabelKeys ?? []) {
      const value = labels[key];
      if (value !== undefined) (term.labelSelector.matchExpressions ??= []).push({ key, operator: 'NotIn', values: [value] });
    }
  };
  for (const a of [pod.spec?.affinity?.podAffinity, pod.spec?.affinity?.podAntiAffinity]) {
    if (!a) continue;
    (a.preferredDuringSchedulingIgnoredDuringExecution ?? []).forEach((w: WeightedPodAffinityTerm) => apply(w.podAffinityTerm));
    (a.requiredDuringSchedulingIgnoredDuringExecution ?? []).forEach(apply);
  }
}

export const podStrategy: KindStrategy = {
  defaults(obj) {
    setPodDefaults(asPod(obj));
  },
  prepareForCreate(obj) {
    const pod = asPod(obj);
    pod.status = { phase: 'Pending', qosClass: computePodQOS(pod.spec ?? { containers: [] }) };
    if ((pod.spec?.schedulingGates ?? []).length > 0) {
      pod.status.conditions = [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'SchedulingGated',
          message: 'Scheduling is blocked due to non-empty scheduling gates',
          lastProbeTime: null as unknown as string,
          lastTransitionTime: null as unknown as string,
        },
      ];
    }
    applyMatchLabelKeys(pod);
  },
  prepareForUpdate(obj, old) {
    const pod = asPod(obj);
    const oldPod = asPod(old);
    if (oldPod.status === undefined) delete pod.status;
    else pod.status = deepCopy(oldPod.status);
  },
  validate(obj) {
    return validatePodCreate(asPod(obj).spec ?? { containers: [] });
  },
  validateUpdate(obj, old) {
    return validatePodUpdate(asPod(obj), asPod(old));
  },
  /**
   * pods/status keeps spec and ownerReferences from the stored pod (old kubelets corrupt owner references).
   * Upstream also clears deletionTimestamp here and relies on the registry to restore it; we keep the
   * stored one directly.
   */
  prepareForStatusUpdate(obj, old) {
    const pod = asPod(obj);
    const oldPod = asPod(old);
    pod.spec = deepCopy(oldPod.spec);
    const meta: Mutable<ObjectMeta> = (pod.metadata ??= {});
    if (oldPod.metadata?.ownerReferences === undefined) delete meta.ownerReferences;
    else meta.ownerReferences = deepCopy(oldPod.metadata.ownerReferences);
    if (oldPod.metadata?.deletionTimestamp === undefined) delete meta.deletionTimestamp;
    else meta.deletionTimestamp = oldPod.metadata.deletionTimestamp;
  },
  validateStatusUpdate(obj, old) {
    return validatePodStatusUpdate(asPod(obj), asPod(old));
  },
};

const asTemplate = (o: KubeObject): PodTemplate => o as unknown as PodTemplate;

export const podTemplateStrategy: KindStrategy = {
  defaults(obj) {
    const t = asTemplate(obj);
    t.template ??= {};
    setPodTemplateSpecDefaults(t.template);
  },
  prepareForCreate(obj) {
    (obj.metadata ??= {}).generation = 1;
  },
  prepareForUpdate(obj, old) {
    const meta = (obj.metadata ??= {});
    const oldGeneration = old.metadata?.generation ?? 0;
    meta.generation = semanticDeepEqual(asTemplate(obj).template, asTemplate(old).template) ? oldGeneration : oldGeneration + 1;
  },
  validate(obj) {
    return validatePodTemplateSpec(asTemplate(obj).template, FieldPath.root('template'));
  },
  validateUpdate(obj) {
    return validatePodTemplateSpec(asTemplate(obj).template, FieldPath.root('template'));
  },
};
