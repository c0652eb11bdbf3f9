/**
 * admission.NewForbidden / NewNotFound from k8s.io/apiserver/pkg/admission/errors.go: the error names the
 * request's resource and the object's name — the request name, else metadata.name, else metadata.generateName
 * (names are generated after admission), else `Unknown`.
 */
import { apiErrors, type StatusCause, type StatusError } from '../errors';
import type { AdmissionAttributes } from './types';

export function admissionObjectName(a: AdmissionAttributes): string {
  if (a.name !== '') return a.name;
  const meta = a.object?.metadata;
  if (meta === undefined) return 'Unknown';
  if (meta.name) return meta.name;
  if (meta.generateName) return meta.generateName;
  return 'Unknown';
}

export function admissionForbidden(a: AdmissionAttributes, reason: string, causes?: StatusCause[]): StatusError {
  return apiErrors.forbidden({ group: a.group, resource: a.resource }, admissionObjectName(a), reason, causes);
}

/** utilerrors.NewAggregate(errs).Error(): one message alone, several deduplicated inside `[a, b]`. */
export function aggregateErrorText(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  if (unique.length === 1) return unique[0] as string;
  return `[${unique.join(', ')}]`;
}
