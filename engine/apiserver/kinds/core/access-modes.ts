/** Access-mode and volume-mode rules PersistentVolume and PersistentVolumeClaim share (1.32). */
import { fieldError, type FieldError, type FieldPath } from '../../errors/field-errors';

/** sets.List(supportedAccessModes): sorted. */
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
export const VOLUME_MODES = ['Block', 'Filesystem'];

export function validateAccessModes(modes: readonly string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let rwop = false;
  let other = false;
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode)) errs.push(fieldError.notSupported(path, mode, ACCESS_MODES));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(mode)) other = true;
  }
  if (rwop && other) errs.push(fieldError.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

export function validateVolumeMode(mode: string | undefined, path: FieldPath): FieldError[] {
  return mode !== undefined && !VOLUME_MODES.includes(mode) ? [fieldError.notSupported(path, mode, VOLUME_MODES)] : [];
}
