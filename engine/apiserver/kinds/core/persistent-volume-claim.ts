/**
 * PersistentVolumeClaim: SetDefaults_PersistentVolumeClaim[Spec], pkg/registry/core/persistentvolumeclaim
 * strategy and ValidatePersistentVolumeClaim[Update] (1.32). No generation.
 */
import type { PersistentVolumeClaim, PersistentVolumeClaimSpec } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { isDNS1123Subdomain, semanticDeepEqual, validateImmutableField, validateLabelSelector, validatePositiveQuantityValue, validateResourceQuantityValue } from '../../validation';
import { validateAccessModes, validateVolumeMode } from './access-modes';
import { readQuantity } from './quantities';
import { keepOldSpec, keepOldStatus } from './spec-status-rules';

type PVC = PersistentVolumeClaim & KubeObject;

const SPEC = FieldPath.of('spec');
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const SPEC_IMMUTABLE = 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims';

/** Go field names of core.PersistentVolumeClaimSpec, in declaration order, for the diff upstream appends. */
const GO_FIELDS: Array<[keyof PersistentVolumeClaimSpec, string]> = [
  ['accessModes', 'AccessModes'],
  ['selector', 'Selector'],
  ['resources', 'Resources'],
  ['volumeName', 'VolumeName'],
  ['storageClassName', 'StorageClassName'],
  ['volumeMode', 'VolumeMode'],
  ['dataSource', 'DataSource'],
  ['dataSourceRef', 'DataSourceRef'],
  ['volumeAttributesClassName', 'VolumeAttributesClassName'],
];

/**
 * A compact stand-in for the go-cmp diff upstream appends (go-cmp's own output is deliberately unstable, so
 * byte equality is impossible): one -/+ pair per changed field.
 */
function specDiff(prev: PersistentVolumeClaimSpec, next: PersistentVolumeClaimSpec): string {
  const lines = ['  core.PersistentVolumeClaimSpec{'];
  for (const [json, goName] of GO_FIELDS) {
    if (semanticDeepEqual(prev[json], next[json])) continue;
    lines.push(`- \t${goName}: ${JSON.stringify(prev[json] ?? null)},`, `+ \t${goName}: ${JSON.stringify(next[json] ?? null)},`);
  }
  lines.push('  }');
  return lines.join('\n');
}

function validatePVC(pvc: PVC): FieldError[] {
  const spec = pvc.spec ?? {};
  const errs: FieldError[] = [];
  const modes = spec.accessModes ?? [];
  if (modes.length === 0) errs.push(fieldError.required(SPEC.child('accessModes'), 'at least 1 access mode is required'));
  if (spec.selector !== undefined) errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
  errs.push(...validateAccessModes(modes, SPEC.child('accessModes')));
  const storagePath = SPEC.child('resources').key('storage');
  const requests = spec.resources?.requests ?? {};
  if (!Object.prototype.hasOwnProperty.call(requests, 'storage')) errs.push(fieldError.required(storagePath));
  else {
    const parsed = readQuantity(requests['storage'], storagePath);
    if (!parsed.ok) errs.push(parsed.error);
    else {
      const positive = validatePositiveQuantityValue(parsed.q, storagePath);
      errs.push(...(positive.length > 0 ? positive : validateResourceQuantityValue('storage', parsed.q, storagePath)));
    }
  }
  if (spec.storageClassName) {
    for (const m of isDNS1123Subdomain(spec.storageClassName)) errs.push(fieldError.invalid(SPEC.child('storageClassName'), spec.storageClassName, m));
  }
  errs.push(...validateVolumeMode(spec.volumeMode, SPEC.child('volumeMode')));
  return errs;
}

function storageOf(pvc: PVC): ReturnType<typeof readQuantity> | undefined {
  const v = pvc.spec?.resources?.requests?.['storage'];
  return v === undefined ? undefined : readQuantity(v, SPEC);
}

function validatePVCUpdate(pvc: PVC, old: PVC): FieldError[] {
  const errs = validatePVC(pvc);
  const next = deepCopy(pvc.spec ?? {});
  const prev = deepCopy(old.spec ?? {});
  // The binder sets volumeName once.
  if (!prev.volumeName) prev.volumeName = next.volumeName;
  // Moving the beta annotation's class into spec.storageClassName is allowed when they agree.
  const oldAnn = old.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  const newAnn = pvc.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (oldAnn !== undefined && oldAnn === newAnn && prev.storageClassName === undefined && next.storageClassName === oldAnn) {
    delete next.storageClassName;
  } else {
    if ((newAnn ?? '') !== (oldAnn ?? '')) {
      // ValidateImmutableAnnotation joins the key with a dot, not brackets.
      errs.push(fieldError.invalid(FieldPath.of('metadata', 'annotations', BETA_STORAGE_CLASS_ANNOTATION), newAnn ?? '', 'field is immutable'));
    }
    // An unset class may be set once (the default-class admission does it).
    if (oldAnn === undefined && prev.storageClassName === undefined && next.storageClassName !== undefined) delete next.storageClassName;
  }
  if (pvc.status?.phase === 'Bound') {
    if (next.resources?.requests !== undefined) {
      next.resources.requests = { ...next.resources.requests };
      const oldStorage = prev.resources?.requests?.['storage'];
      if (oldStorage === undefined) delete next.resources.requests['storage'];
      else next.resources.requests['storage'] = oldStorage;
    }
    if (next.volumeAttributesClassName !== undefined) next.volumeAttributesClassName = prev.volumeAttributesClassName;
  }
  if (!semanticDeepEqual(next, prev)) errs.push(fieldError.forbidden(SPEC, `${SPEC_IMMUTABLE}\n${specDiff(prev, next)}`));
  const newSize = storageOf(pvc);
  const oldSize = storageOf(old);
  if (newSize?.ok && oldSize?.ok && newSize.q.cmp(oldSize.q) < 0) {
    errs.push(fieldError.forbidden(FieldPath.of('spec', 'resources', 'requests', 'storage'), 'field can not be less than previous value'));
  }
  errs.push(...validateImmutableField(pvc.spec?.volumeMode, old.spec?.volumeMode, FieldPath.of('volumeMode')));
  return errs;
}

/** GetWarningsForPersistentVolumeClaim (1.32). */
function warnings(pvc: PVC): string[] {
  const out: string[] = [];
  if (pvc.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] !== undefined) {
    out.push(`metadata.annotations[${BETA_STORAGE_CLASS_ANNOTATION}]: deprecated since v1.8; use "storageClassName" attribute instead`);
  }
  for (const list of ['requests', 'limits'] as const) {
    const value = pvc.spec?.resources?.[list]?.['storage'];
    if (value === undefined) continue;
    const parsed = readQuantity(value, SPEC);
    if (parsed.ok && parsed.q.milliValue() % 1000n !== 0n) {
      out.push(`spec.resources.${list}[storage]: fractional byte value "${parsed.q.toString()}" is invalid, must be an integer`);
    }
  }
  return out;
}

export const persistentVolumeClaimStrategy: KindStrategy<PVC> = {
  warnings,
  defaults(pvc) {
    (pvc as KubeObject).status = { ...pvc.status, phase: pvc.status?.phase || 'Pending' };
    const spec = (pvc.spec ??= {});
    if (spec.volumeMode === undefined) spec.volumeMode = 'Filesystem';
  },
  prepareForCreate(pvc) {
    (pvc as KubeObject).status = { phase: 'Pending' };
  },
  prepareForUpdate: keepOldStatus,
  validate: validatePVC,
  validateUpdate: validatePVCUpdate,
  prepareForStatusUpdate: keepOldSpec,
};
