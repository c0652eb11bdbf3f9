/**
 * PersistentVolume: SetDefaults_PersistentVolume, pkg/registry/core/persistentvolume/strategy.go and
 * ValidatePersistentVolume[Update] (1.32). No generation. PersistentVolumeLastPhaseTransitionTime is GA, so
 * create sets phase Pending with lastPhaseTransitionTime, and status writes that change the phase stamp it.
 */
import type { PersistentVolume, PersistentVolumeSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../../api/objects';
import { rfc3339 } from '../../../base/clock';
import { fieldError, FieldPath, GoValue, goQuote, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { isDNS1123Subdomain, semanticDeepEqual, validateImmutableField, validatePositiveQuantityValue } from '../../validation';
import { validateAccessModes, validateVolumeMode } from './access-modes';
import { readQuantity } from './quantities';
import { keepOldSpec, keepOldStatus } from './spec-status-rules';

type PV = PersistentVolume & KubeObject;

const SPEC = FieldPath.of('spec');
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];
/** The volume-source fields of PersistentVolumeSpec (its embedded PersistentVolumeSource). */
const VOLUME_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi',
  'cinder', 'fc', 'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk',
  'portworxVolume', 'scaleIO', 'local', 'storageos', 'csi',
] as const;

/** %#v of a core.ResourceList; the Quantity structs inside are elided (Go prints their internals). */
const resourceListValue = (keys: readonly string[]): GoValue =>
  new GoValue(`core.ResourceList{${keys.map((k) => `${goQuote(k)}:resource.Quantity{…}`).join(', ')}}`);

const isAbsolute = (p: string): boolean => p.startsWith('/');
const hasBacksteps = (p: string): boolean => p.split(/[\\/]/).includes('..');

function validateSource(spec: PersistentVolumeSpec): FieldError[] {
  const errs: FieldError[] = [];
  let count = 0;
  for (const name of VOLUME_SOURCES) {
    const src = spec[name] as Record<string, unknown> | undefined;
    if (src === undefined) continue;
    const path = SPEC.child(name);
    if (count > 0) {
      errs.push(fieldError.forbidden(path, 'may not specify more than 1 volume type'));
      continue;
    }
    count++;
    const str = (k: string): string => (typeof src[k] === 'string' ? (src[k] as string) : '');
    switch (name) {
      case 'hostPath':
        if (str('path') === '') errs.push(fieldError.required(path.child('path')));
        else if (hasBacksteps(str('path'))) errs.push(fieldError.invalid(path.child('path'), str('path'), "must not contain '..'"));
        break;
      case 'local':
        if (str('path') === '') errs.push(fieldError.required(path.child('path')));
        else if (hasBacksteps(str('path'))) errs.push(fieldError.invalid(path.child('path'), str('path'), "must not contain '..'"));
        if (spec.nodeAffinity === undefined) errs.push(fieldError.required(SPEC.child('nodeAffinity'), 'Local volume requires node affinity'));
        break;
      case 'nfs':
        if (str('server') === '') errs.push(fieldError.required(path.child('server')));
        if (str('path') === '') errs.push(fieldError.required(path.child('path')));
        else if (!isAbsolute(str('path'))) errs.push(fieldError.invalid(path.child('path'), str('path'), 'must be an absolute path'));
        break;
      case 'csi':
        if (str('driver') === '') errs.push(fieldError.required(path.child('driver')));
        if (str('volumeHandle') === '') errs.push(fieldError.required(path.child('volumeHandle')));
        break;
      default:
        break;
    }
  }
  if (count === 0) errs.push(fieldError.required(SPEC, 'must specify a volume type'));
  return errs;
}

function validatePV(pv: PV): FieldError[] {
  const spec = pv.spec ?? {};
  const errs: FieldError[] = [];
  const modes = spec.accessModes ?? [];
  if (modes.length === 0) errs.push(fieldError.required(SPEC.child('accessModes')));
  errs.push(...validateAccessModes(modes, SPEC.child('accessModes')));
  const capacity = spec.capacity ?? {};
  const keys = Object.keys(capacity);
  if (keys.length === 0) errs.push(fieldError.required(SPEC.child('capacity')));
  if (!keys.includes('storage') || keys.length > 1) errs.push(fieldError.notSupported(SPEC.child('capacity'), resourceListValue(keys), ['storage']));
  for (const [r, v] of Object.entries(capacity)) {
    const parsed = readQuantity(v, SPEC.child('capacity').key(r));
    if (!parsed.ok) errs.push(parsed.error);
    else errs.push(...validatePositiveQuantityValue(parsed.q, SPEC.child('capacity').key(r)));
  }
  errs.push(...validateSource(spec));
  const policy = spec.persistentVolumeReclaimPolicy ?? '';
  if (policy !== '' && !RECLAIM_POLICIES.includes(policy)) {
    errs.push(fieldError.notSupported(SPEC.child('persistentVolumeReclaimPolicy'), policy, RECLAIM_POLICIES));
  }
  if (spec.storageClassName) {
    for (const m of isDNS1123Subdomain(spec.storageClassName)) errs.push(fieldError.invalid(SPEC.child('storageClassName'), spec.storageClassName, m));
  }
  errs.push(...validateVolumeMode(spec.volumeMode, SPEC.child('volumeMode')));
  return errs;
}

const sourceOf = (spec: PersistentVolumeSpec | undefined): Record<string, unknown> =>
  Object.fromEntries(VOLUME_SOURCES.map((k) => [k, spec?.[k]]));

/** GetWarningsForPersistentVolume (1.32), without the deprecated node-label and volume-plugin notes. */
function warnings(pv: PV): string[] {
  const out: string[] = [];
  const annotations = pv.metadata?.annotations ?? {};
  if ('volume.beta.kubernetes.io/storage-class' in annotations) {
    out.push('metadata.annotations[volume.beta.kubernetes.io/storage-class]: deprecated since v1.8; use "storageClassName" attribute instead');
  }
  if ('volume.beta.kubernetes.io/mount-options' in annotations) {
    out.push('metadata.annotations[volume.beta.kubernetes.io/mount-options]: deprecated since v1.31; use "mountOptions" attribute instead');
  }
  if (pv.spec?.persistentVolumeReclaimPolicy === 'Recycle') {
    out.push('spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.');
  }
  return out;
}

export const persistentVolumeStrategy: KindStrategy<PV> = {
  warnings,
  defaults(pv) {
    (pv as KubeObject).status = { ...pv.status, phase: pv.status?.phase || 'Pending' };
    const spec = (pv.spec ??= {});
    if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
    if (spec.volumeMode === undefined) spec.volumeMode = 'Filesystem';
  },
  prepareForCreate(pv, ctx) {
    (pv as KubeObject).status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339(ctx.now) };
  },
  prepareForUpdate: keepOldStatus,
  validate: validatePV,
  validateUpdate(pv, old) {
    const errs = validatePV(pv);
    if (!semanticDeepEqual(sourceOf(pv.spec), sourceOf(old.spec))) {
      // Upstream appends a go-cmp diff of the two sources after this line; we do not reproduce it.
      errs.push(fieldError.forbidden(SPEC.child('persistentvolumesource'), 'spec.persistentvolumesource is immutable after creation'));
    }
    errs.push(...validateImmutableField(pv.spec?.volumeMode, old.spec?.volumeMode, FieldPath.of('volumeMode')));
    if (old.spec?.nodeAffinity !== undefined) {
      errs.push(...validateImmutableField(pv.spec?.nodeAffinity, old.spec.nodeAffinity, FieldPath.of('nodeAffinity')));
    }
    return errs;
  },
  prepareForStatusUpdate(pv, old, ctx) {
    keepOldSpec(pv, old);
    if ((pv.status?.phase ?? '') !== (old.status?.phase ?? '')) {
      (pv as KubeObject).status = { ...pv.status, lastPhaseTransitionTime: rfc3339(ctx.now) };
    }
  },
};
