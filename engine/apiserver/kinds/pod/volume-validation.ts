/**
 * ValidateVolumes / validateVolumeSource (pkg/apis/core/validation, 1.32) for the volume sources a lab uses;
 * every other source is still counted so that "more than 1 volume type" and "must specify a volume type"
 * behave as upstream.
 */
import type { Volume, KeyToPath } from 'kubernetes-types/core/v1';
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';
import { QuantityParseError, quantityFromJSON } from '../../validation';
import { validateDNS1123Label } from './container-validation';
import { validateLocalNonReservedPath, validatePathNoBacksteps } from './path-validation';

const FILE_MODE_ERROR_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'];

/** The sources in upstream's check order; the first one set wins, every later one is "may not specify more". */
const SOURCE_ORDER = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'configMap',
  'csi',
  'ephemeral',
  'image',
] as const;

type Json = Record<string, unknown>;

function validateMode(mode: unknown, path: FieldPath): FieldError[] {
  return typeof mode === 'number' && (mode > 0o777 || mode < 0) ? [fieldError.invalid(path, mode, FILE_MODE_ERROR_MSG)] : [];
}

function validateKeyToPath(kp: KeyToPath, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if ((kp.key ?? '').length === 0) errs.push(fieldError.required(path.child('key'), ''));
  if ((kp.path ?? '').length === 0) errs.push(fieldError.required(path.child('path'), ''));
  errs.push(...validateLocalNonReservedPath(kp.path ?? '', path.child('path')));
  errs.push(...validateMode(kp.mode, path.child('mode')));
  return errs;
}

function validateItems(items: readonly KeyToPath[] | undefined, path: FieldPath): FieldError[] {
  return (items ?? []).flatMap((kp, i) => validateKeyToPath(kp, path.index(i)));
}

function validateSource(key: string, src: Json, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  switch (key) {
    case 'emptyDir': {
      if (src.sizeLimit !== undefined) {
        try {
          if (quantityFromJSON(src.sizeLimit).sign() < 0) errs.push(fieldError.forbidden(path.child('sizeLimit'), 'SizeLimit field must be a valid resource quantity'));
        } catch (e) {
          if (!(e instanceof QuantityParseError)) throw e;
          errs.push(fieldError.invalid(path.child('sizeLimit'), src.sizeLimit, e.message));
        }
      }
      break;
    }
    case 'hostPath': {
      const p = (src.path as string | undefined) ?? '';
      if (p.length === 0) return [fieldError.required(path.child('path'), '')];
      errs.push(...validatePathNoBacksteps(p, path.child('path')));
      const type = (src.type as string | undefined) ?? '';
      if (!HOST_PATH_TYPES.includes(type)) errs.push(fieldError.notSupported(path.child('type'), type, HOST_PATH_TYPES));
      break;
    }
    case 'secret':
      if (((src.secretName as string | undefined) ?? '').length === 0) errs.push(fieldError.required(path.child('secretName'), ''));
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
      errs.push(...validateItems(src.items as KeyToPath[] | undefined, path.child('items')));
      break;
    case 'configMap':
      if (((src.name as string | undefined) ?? '').length === 0) errs.push(fieldError.required(path.child('name'), ''));
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
      errs.push(...validateItems(src.items as KeyToPath[] | undefined, path.child('items')));
      break;
    case 'persistentVolumeClaim':
      if (((src.claimName as string | undefined) ?? '').length === 0) errs.push(fieldError.required(path.child('claimName'), ''));
      break;
    case 'nfs': {
      if (((src.server as string | undefined) ?? '').length === 0) errs.push(fieldError.required(path.child('server'), ''));
      const p = (src.path as string | undefined) ?? '';
      if (p.length === 0) errs.push(fieldError.required(path.child('path'), ''));
      if (!p.startsWith('/')) errs.push(fieldError.invalid(path.child('path'), p, 'must be an absolute path'));
      break;
    }
    case 'downwardAPI':
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
      ((src.items as Json[] | undefined) ?? []).forEach((item, i) => {
        const p = path.child('items').index(i);
        const itemPath = (item.path as string | undefined) ?? '';
        if (itemPath.length === 0) errs.push(fieldError.required(p.child('path'), ''));
        errs.push(...validateLocalNonReservedPath(itemPath, p.child('path')));
        errs.push(...validateMode(item.mode, p.child('mode')));
      });
      break;
    case 'projected':
      errs.push(...validateMode(src.defaultMode, path.child('defaultMode')));
      break;
    case 'csi':
      if (((src.driver as string | undefined) ?? '').length === 0) errs.push(fieldError.required(path.child('driver'), ''));
      break;
    case 'ephemeral':
      if (src.volumeClaimTemplate === undefined || src.volumeClaimTemplate === null) errs.push(fieldError.required(path.child('volumeClaimTemplate'), ''));
      break;
  }
  return errs;
}

/** ValidateVolumes: returns the names that later volumeMounts may reference (only volumes without errors). */
export function validateVolumes(volumes: readonly Volume[] | undefined, path: FieldPath): { names: Set<string>; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (volumes ?? []).forEach((vol, i) => {
    const p = path.index(i);
    const raw = vol as unknown as Json;
    const el: FieldError[] = [];
    let count = 0;
    for (const key of SOURCE_ORDER) {
      const src = raw[key];
      if (src === undefined || src === null) continue;
      if (count > 0) {
        el.push(fieldError.forbidden(p.child(key), 'may not specify more than 1 volume type'));
        continue;
      }
      count++;
      el.push(...validateSource(key, src as Json, p.child(key)));
    }
    if (count === 0) el.push(fieldError.required(p, 'must specify a volume type'));
    const name = vol.name ?? '';
    if (name.length === 0) el.push(fieldError.required(p.child('name'), ''));
    else el.push(...validateDNS1123Label(name, p.child('name')));
    if (names.has(name)) el.push(fieldError.duplicate(p.child('name'), name));
    if (el.length === 0) names.add(name);
    else errors.push(...el);
  });
  return { names, errors };
}

