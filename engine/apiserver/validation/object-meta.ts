/**
 * ObjectMeta checks from k8s.io/apimachinery/pkg/api/validation/objectmeta.go (1.32), same order and text.
 */
import type { ObjectMeta, OwnerReference, ManagedFieldsEntry } from 'kubernetes-types/meta/v1';
import { fieldError, FieldPath, type FieldError } from '../errors/field-errors';
import { validateAnnotations, validateLabels } from './labels';
import { byteLength, isQualifiedName, validateNamespaceName, type NameValidator } from './names';
import { semanticDeepEqual } from './semantic-equal';
import { badValueOrNil } from './go-literals';

export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';
export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
const MAX_SUBRESOURCE_NAME_LENGTH = 256;
const FIELD_MANAGER_MAX_LENGTH = 128;

export interface ObjectMetaOptions {
  namespaced: boolean;
  nameValidator: NameValidator;
}

export function validateNonnegativeField(value: number, path: FieldPath): FieldError[] {
  return value < 0 ? [fieldError.invalid(path, value, IS_NEGATIVE_ERROR_MSG)] : [];
}

/** `field is immutable` unless semantically equal; the bad value is the new value. */
export function validateImmutableField(newVal: unknown, oldVal: unknown, path: FieldPath): FieldError[] {
  return semanticDeepEqual(newVal, oldVal) ? [] : [fieldError.invalid(path, badValueOrNil(newVal), FIELD_IMMUTABLE_ERROR_MSG)];
}

export function validateFinalizerName(name: string, path: FieldPath): FieldError[] {
  return isQualifiedName(name).map((m) => fieldError.invalid(path, name, m));
}

export function validateFinalizers(finalizers: readonly string[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const list = finalizers ?? [];
  for (const f of list) errs.push(...validateFinalizerName(f, path));
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    errs.push(fieldError.invalid(path, [...list], 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return errs;
}

function validateOwnerReference(ref: OwnerReference, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const apiVersion = ref.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  // schema.ParseGroupVersion: "v1" → group "", version "v1"; "a/b" → group a, version b.
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const kind = ref.kind ?? '';
  if (version.length === 0) errs.push(fieldError.invalid(path.child('apiVersion'), apiVersion, 'version must not be empty'));
  if (kind.length === 0) errs.push(fieldError.invalid(path.child('kind'), kind, 'kind must not be empty'));
  if ((ref.name ?? '').length === 0) errs.push(fieldError.invalid(path.child('name'), ref.name ?? '', 'name must not be empty'));
  if ((ref.uid ?? '').length === 0) errs.push(fieldError.invalid(path.child('uid'), ref.uid ?? '', 'uid must not be empty'));
  if (group === '' && version === 'v1' && kind === 'Event') {
    errs.push(fieldError.invalid(path, ref, '/v1, Kind=Event is disallowed from being an owner'));
  }
  return errs;
}

export function validateOwnerReferences(refs: readonly OwnerReference[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  let firstController = '';
  for (const ref of refs ?? []) {
    errs.push(...validateOwnerReference(ref, path));
    if (ref.controller === true) {
      const current = `${ref.kind}/${ref.name}`;
      if (firstController !== '') {
        errs.push(
          fieldError.invalid(
            path,
            refs,
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      } else {
        firstController = current;
      }
    }
  }
  return errs;
}

export function validateManagedFields(entries: readonly ManagedFieldsEntry[] | undefined, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  (entries ?? []).forEach((e, i) => {
    const p = path.index(i);
    if (e.operation !== 'Apply' && e.operation !== 'Update') {
      errs.push(fieldError.invalid(p.child('operation'), e.operation ?? '', 'must be `Apply` or `Update`'));
    }
    if ((e.fieldsType ?? '').length > 0 && e.fieldsType !== 'FieldsV1') {
      errs.push(fieldError.invalid(p.child('fieldsType'), e.fieldsType, 'must be `FieldsV1`'));
    }
    errs.push(...validateFieldManager(e.manager ?? '', p.child('manager')));
    if ((e.subresource ?? '').length > MAX_SUBRESOURCE_NAME_LENGTH) {
      errs.push(fieldError.tooLong(p.child('subresource'), '', MAX_SUBRESOURCE_NAME_LENGTH));
    }
  });
  return errs;
}

/** metav1validation.ValidateFieldManager: at most 128 bytes, every rune printable (`%#U` with its byte offset). */
export function validateFieldManager(manager: string, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (byteLength(manager) > FIELD_MANAGER_MAX_LENGTH) errs.push(fieldError.tooLong(path, '', FIELD_MANAGER_MAX_LENGTH));
  let offset = 0;
  for (const ch of manager) {
    const c = ch.codePointAt(0) ?? 0;
    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
    if (!(c === 0x20 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch))) {
      const hex = c.toString(16).toUpperCase().padStart(4, '0');
      errs.push(fieldError.invalid(path, manager, `invalid character U+${hex} (at position ${offset})`));
    }
    offset += byteLength(ch);
  }
  return errs;
}

/** ValidateObjectMetaAccessor: generateName, name, namespace, generation, labels, annotations, owners, finalizers, managedFields. */
export function validateObjectMeta(meta: ObjectMeta | undefined, opts: ObjectMetaOptions, path: FieldPath = FieldPath.root('metadata')): FieldError[] {
  const m = meta ?? {};
  const errs: FieldError[] = [];
  const generateName = m.generateName ?? '';
  if (generateName.length !== 0) {
    for (const msg of opts.nameValidator(generateName, true)) errs.push(fieldError.invalid(path.child('generateName'), generateName, msg));
  }
  const name = m.name ?? '';
  if (name.length === 0) errs.push(fieldError.required(path.child('name'), 'name or generateName is required'));
  else for (const msg of opts.nameValidator(name, false)) errs.push(fieldError.invalid(path.child('name'), name, msg));
  const namespace = m.namespace ?? '';
  if (opts.namespaced) {
    if (namespace.length === 0) errs.push(fieldError.required(path.child('namespace'), ''));
    else for (const msg of validateNamespaceName(namespace, false)) errs.push(fieldError.invalid(path.child('namespace'), namespace, msg));
  } else if (namespace.length !== 0) {
    errs.push(fieldError.forbidden(path.child('namespace'), 'not allowed on this type'));
  }
  errs.push(...validateNonnegativeField(m.generation ?? 0, path.child('generation')));
  errs.push(...validateLabels(m.labels, path.child('labels')));
  errs.push(...validateAnnotations(m.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(m.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateFinalizers(m.finalizers, path.child('finalizers')));
  errs.push(...validateManagedFields(m.managedFields, path.child('managedFields')));
  return errs;
}

/** ValidateObjectMetaAccessorUpdate. */
export function validateObjectMetaUpdate(
  newMeta: ObjectMeta | undefined,
  oldMeta: ObjectMeta | undefined,
  path: FieldPath = FieldPath.root('metadata'),
): FieldError[] {
  const n = newMeta ?? {};
  const o = oldMeta ?? {};
  const errs: FieldError[] = [];
  if (o.deletionTimestamp) {
    const old = new Set(o.finalizers ?? []);
    const extra = [...new Set((n.finalizers ?? []).filter((f) => !old.has(f)))].sort();
    if (extra.length !== 0) {
      errs.push(
        fieldError.forbidden(
          path.child('finalizers'),
          `no new finalizers can be added if the object is being deleted, found new finalizers []string{${extra.map((f) => JSON.stringify(f)).join(', ')}}`,
        ),
      );
    }
  }
  if ((n.resourceVersion ?? '').length === 0) {
    errs.push(fieldError.invalid(path.child('resourceVersion'), n.resourceVersion ?? '', 'must be specified for an update'));
  }
  if ((n.generation ?? 0) < (o.generation ?? 0)) {
    errs.push(fieldError.invalid(path.child('generation'), n.generation ?? 0, 'must not be decremented'));
  }
  errs.push(...validateImmutableField(n.name ?? '', o.name ?? '', path.child('name')));
  errs.push(...validateImmutableField(n.namespace ?? '', o.namespace ?? '', path.child('namespace')));
  errs.push(...validateImmutableField(n.uid ?? '', o.uid ?? '', path.child('uid')));
  errs.push(...validateImmutableField(n.creationTimestamp, o.creationTimestamp, path.child('creationTimestamp')));
  errs.push(...validateImmutableField(n.deletionTimestamp, o.deletionTimestamp, path.child('deletionTimestamp')));
  errs.push(...validateImmutableField(n.deletionGracePeriodSeconds, o.deletionGracePeriodSeconds, path.child('deletionGracePeriodSeconds')));
  errs.push(...validateLabels(n.labels, path.child('labels')));
  errs.push(...validateAnnotations(n.annotations, path.child('annotations')));
  errs.push(...validateOwnerReferences(n.ownerReferences, path.child('ownerReferences')));
  errs.push(...validateManagedFields(n.managedFields, path.child('managedFields')));
  return errs;
}
