/** StatefulSet: SetDefaults_StatefulSet, ValidateStatefulSetSpec/Update, pkg/registry/apps/statefulset (1.32). */
import type { StatefulSet, StatefulSetSpec } from 'kubernetes-types/apps/v1';
import type { KubeObject } from '../../../api/objects';
import { deepCopy } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { goIntOrString, goLabelSelector, semanticDeepEqual, validateAnnotations, validateLabels, validateNonnegativeField } from '../../validation';
import { setEmbeddedObjectMetaDefaults, setPersistentVolumeClaimSpecDefaults, setPodTemplateSpecDefaults } from '../pod/pod-defaults';
import { intOrPercentValue, isNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent';
import { bumpGenerationIf, keepOldSpecAndLabels, keepOldStatus, selectorMismatch, setGeneration, specChanged, specOf, validateRequiredSelector } from './workload-template';

const asStatefulSet = (o: KubeObject): StatefulSet => o as unknown as StatefulSet;
const RETENTION_POLICIES = ['Retain', 'Delete'];

export function setStatefulSetDefaults(obj: KubeObject): void {
  const spec = specOf<StatefulSetSpec>(obj);
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady';
  const us = (spec.updateStrategy ??= {});
  if (!us.type) {
    us.type = 'RollingUpdate';
    us.rollingUpdate ??= {};
  }
  if (us.type === 'RollingUpdate' && us.rollingUpdate) {
    if (us.rollingUpdate.partition === undefined || us.rollingUpdate.partition === null) us.rollingUpdate.partition = 0;
  }
  const retention = (spec.persistentVolumeClaimRetentionPolicy ??= {});
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  spec.template ??= {};
  setPodTemplateSpecDefaults(spec.template);
  // Embedded PVCs: the v1 conversion writes their TypeMeta, and PVC defaults give status.phase Pending.
  for (const pvc of (spec.volumeClaimTemplates ?? []) as unknown as Record<string, unknown>[]) {
    pvc.apiVersion ??= 'v1';
    pvc.kind ??= 'PersistentVolumeClaim';
    setEmbeddedObjectMetaDefaults(pvc);
    setPersistentVolumeClaimSpecDefaults((pvc.spec ??= {}) as Record<string, unknown>);
    const status = (pvc.status ??= {}) as Record<string, unknown>;
    if (!status.phase) status.phase = 'Pending';
  }
}

export function validateStatefulSetSpec(spec: StatefulSetSpec | undefined, path: FieldPath): FieldError[] {
  const s = spec ?? ({} as StatefulSetSpec);
  const errs: FieldError[] = [];
  const pmp = s.podManagementPolicy ?? '';
  if (pmp === '') errs.push(fieldError.required(path.child('podManagementPolicy'), ''));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(fieldError.invalid(path.child('podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));

  const us = s.updateStrategy ?? {};
  const usPath = path.child('updateStrategy');
  switch (us.type ?? '') {
    case '':
      errs.push(fieldError.required(usPath, ''));
      break;
    case 'OnDelete':
      if (us.rollingUpdate) errs.push(fieldError.invalid(usPath.child('rollingUpdate'), us.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      if (us.rollingUpdate) {
        const ru = us.rollingUpdate;
        const p = usPath.child('rollingUpdate');
        errs.push(...validateNonnegativeField(ru.partition ?? 0, p.child('partition')));
        if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) {
          errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, p.child('maxUnavailable')));
          if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(fieldError.invalid(p.child('maxUnavailable'), goIntOrString(ru.maxUnavailable), 'cannot be 0'));
          errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, p.child('maxUnavailable')));
        }
      }
      break;
    default:
      errs.push(fieldError.invalid(usPath, us, "must be 'RollingUpdate' or 'OnDelete'"));
  }

  const retention = s.persistentVolumeClaimRetentionPolicy;
  if (retention) {
    const p = path.child('persistentVolumeClaimRetentionPolicy');
    for (const key of ['whenDeleted', 'whenScaled'] as const) {
      const v = retention[key] ?? '';
      if (!RETENTION_POLICIES.includes(v)) errs.push(fieldError.notSupported(p.child(key), v, RETENTION_POLICIES));
    }
  }
  errs.push(...validateNonnegativeField(s.replicas ?? 0, path.child('replicas')));
  if (s.ordinals) errs.push(...validateNonnegativeField(s.ordinals.start ?? 0, path.child('ordinals.start')));

  const sel = validateRequiredSelector(s.selector, 'statefulset', path.child('selector'));
  errs.push(...sel.errs);
  const tPath = path.child('template');
  if (sel.selector === 'invalid') errs.push(fieldError.invalid(path.child('selector'), goLabelSelector(s.selector), ''));
  else if (!s.template) errs.push(fieldError.required(tPath, ''));
  else {
    // ValidatePodTemplateSpecForStatefulSet: upstream checks only labels and annotations of the template here.
    errs.push(...selectorMismatch(sel.selector, s.template, tPath));
    errs.push(...validateLabels(s.template.metadata?.labels, tPath.child('labels')));
    errs.push(...validateAnnotations(s.template.metadata?.annotations, tPath.child('annotations')));
  }
  const restartPolicy = s.template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errs.push(fieldError.notSupported(tPath.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (s.template?.spec?.activeDeadlineSeconds !== undefined && s.template?.spec?.activeDeadlineSeconds !== null) {
    errs.push(fieldError.forbidden(tPath.child('spec', 'activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported'));
  }
  return errs;
}

/** The spec fields an update may change; everything else (selector, serviceName, volumeClaimTemplates, …) is frozen. */
const UPDATABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy'] as const;

export function validateStatefulSetUpdate(obj: StatefulSet, old: StatefulSet): FieldError[] {
  const errs = validateStatefulSetSpec(obj.spec, FieldPath.root('spec'));
  const clone = deepCopy((obj.spec ?? {}) as unknown as Record<string, unknown>);
  const oldSpec = (old.spec ?? {}) as unknown as Record<string, unknown>;
  for (const key of UPDATABLE) {
    if (oldSpec[key] === undefined) delete clone[key];
    else clone[key] = oldSpec[key];
  }
  if (!semanticDeepEqual(clone, oldSpec)) {
    errs.push(
      fieldError.forbidden(
        FieldPath.root('spec'),
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

export const statefulSetStrategy: KindStrategy = {
  defaults: setStatefulSetDefaults,
  prepareForCreate(obj) {
    // replicas and availableReplicas have no omitempty.
    obj.status = { availableReplicas: 0, replicas: 0 };
    setGeneration(obj, 1);
  },
  prepareForUpdate(obj, old) {
    keepOldStatus(obj, old);
    bumpGenerationIf(obj, old, specChanged(obj, old));
  },
  validate(obj) {
    return validateStatefulSetSpec(asStatefulSet(obj).spec, FieldPath.root('spec'));
  },
  validateUpdate(obj, old) {
    return validateStatefulSetUpdate(asStatefulSet(obj), asStatefulSet(old));
  },
  prepareForStatusUpdate: keepOldSpecAndLabels,
  validateStatusUpdate(obj) {
    const status = (obj.status ?? {}) as Record<string, number | undefined>;
    const path = FieldPath.root('status');
    const errs: FieldError[] = [];
    for (const f of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'] as const) {
      errs.push(...validateNonnegativeField(status[f] ?? 0, path.child(f)));
    }
    if (status.observedGeneration !== undefined) errs.push(...validateNonnegativeField(status.observedGeneration, path.child('observedGeneration')));
    return errs;
  },
};

