/**
 * Namespace: pkg/registry/core/namespace/strategy.go + SetDefaults_Namespace/NamespaceStatus (1.32).
 * Namespaces carry no generation; spec.finalizers are owned by the finalize subresource, so ordinary
 * updates keep the stored ones.
 */
import type { Namespace } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../../../api/objects';
import { fieldError, FieldPath, type FieldError } from '../../errors/field-errors';
import type { KindStrategy } from '../../registry/strategy';
import { isQualifiedName } from '../../validation';
import { keepOldSpec, keepOldStatus } from './spec-status-rules';

type Ns = Namespace & KubeObject;

/** v1.LabelMetadataName, always equal to the namespace's name. */
export const LABEL_METADATA_NAME = 'kubernetes.io/metadata.name';
export const FINALIZER_KUBERNETES = 'kubernetes';
/** helper.IsStandardFinalizerName. */
const STANDARD_FINALIZERS = new Set([FINALIZER_KUBERNETES, 'orphan', 'foregroundDeletion']);

function ensureNameLabel(ns: Ns): void {
  const name = ns.metadata?.name;
  if (!name) return; // generateName: the registry calls defaults again once the name is known
  ns.metadata = { ...ns.metadata, labels: { ...ns.metadata?.labels, [LABEL_METADATA_NAME]: name } };
}

/** validateFinalizerName as the namespace finalizers use it (core.FinalizerName, not metadata finalizers). */
function validateSpecFinalizers(ns: Ns): FieldError[] {
  const errs: FieldError[] = [];
  // Upstream reports these at `spec.finalizers`, without an index.
  const path = FieldPath.of('spec', 'finalizers');
  for (const f of ns.spec?.finalizers ?? []) {
    for (const m of isQualifiedName(f)) errs.push(fieldError.invalid(path, f, m));
    if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      errs.push(fieldError.invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  }
  return errs;
}

export const namespaceStrategy: KindStrategy<Ns> = {
  defaults(ns) {
    // SetDefaults_Namespace plus the strategy's Canonicalize: the name label cannot be removed or changed.
    ensureNameLabel(ns);
    // SetDefaults_NamespaceStatus: Go always has a status struct, so the phase is always defaulted.
    ns.status = { ...ns.status, phase: ns.status?.phase || 'Active' };
  },
  prepareForCreate(ns) {
    ns.status = { phase: 'Active' };
    const finalizers = ns.spec?.finalizers ?? [];
    if (!finalizers.includes(FINALIZER_KUBERNETES)) {
      ns.spec = { ...ns.spec, finalizers: [...finalizers, FINALIZER_KUBERNETES] };
    }
  },
  prepareForUpdate(ns, old) {
    const finalizers = old.spec?.finalizers;
    ns.spec = finalizers === undefined ? { ...ns.spec } : { ...ns.spec, finalizers: [...finalizers] };
    if (finalizers === undefined) delete ns.spec.finalizers;
    keepOldStatus(ns, old);
    ensureNameLabel(ns);
  },
  validate(ns) {
    return validateSpecFinalizers(ns);
  },
  validateUpdate(ns) {
    return validateSpecFinalizers(ns);
  },
  prepareForStatusUpdate(ns, old) {
    keepOldSpec(ns, old);
    ensureNameLabel(ns);
  },
  validateStatusUpdate(ns) {
    const phase = ns.status?.phase ?? '';
    if (!ns.metadata?.deletionTimestamp) {
      if (phase !== 'Active') {
        return [fieldError.invalid('status.Phase', phase, "may only be 'Active' if `deletionTimestamp` is empty")];
      }
    } else if (phase !== 'Terminating') {
      return [fieldError.invalid('status.Phase', phase, "may only be 'Terminating' if `deletionTimestamp` is not empty")];
    }
    return [];
  },
};

/**
 * The `namespaces/{name}/finalize` subresource (namespaceFinalizeStrategy): only spec.finalizers may change,
 * status stays, and each finalizer is checked at its indexed path (ValidateNamespaceFinalizeUpdate).
 * The registry uses this in place of namespaceStrategy's update hooks for that subresource.
 */
export const namespaceFinalizeStrategy: KindStrategy<Ns> = {
  prepareForUpdate(ns, old) {
    const finalizers = ns.spec?.finalizers;
    ns.spec = deepCopy(old.spec ?? {});
    if (finalizers === undefined) delete ns.spec.finalizers;
    else ns.spec.finalizers = [...finalizers];
    keepOldStatus(ns, old);
    ensureNameLabel(ns);
  },
  validateUpdate(ns) {
    const errs: FieldError[] = [];
    (ns.spec?.finalizers ?? []).forEach((f, i) => {
      const path = FieldPath.of('spec', 'finalizers').index(i);
      for (const m of isQualifiedName(f)) errs.push(fieldError.invalid(path, f, m));
      if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(fieldError.invalid(path, f, 'name is neither a standard finalizer name nor is it fully qualified'));
    });
    return errs;
  },
};
