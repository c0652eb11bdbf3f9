/**
 * managedFields bookkeeping for every write that is not an apply (create, update, patch of any other type),
 * as the FieldManager's Update path does it: the fields the write added or changed go to the writer's
 * (manager, Update, apiVersion, subresource) entry, stamped with `now`; other managers lose them and any
 * fields the write removed; managers left with nothing are dropped.
 */
import type { KubeObject } from '../../../api/objects';
import { isJsonObject, jsonEqual } from '../json-value';
import { compareObjects } from './field-sets-of-objects';
import { zeroValueSkeleton } from './go-zero-object';
import type { ListMetaLookup } from './list-meta';
import type { FieldPath } from './path-element';
import {
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  ManagedFieldsDecodeError,
  managerIdentity,
  managerOrUnknown,
  stripMetadataFields,
  type Managers,
} from './managed-fields';

export interface UpdateManagedFieldsRequest {
  /** The stored object before the write; undefined for a create. */
  old: KubeObject | undefined;
  /** The object about to be stored; its managedFields (if any) are what the client sent. */
  next: KubeObject;
  /** fieldManager, or defaultManagerFromUserAgent(...); '' becomes `unknown`. */
  manager: string;
  operation: 'Update';
  subresource?: string;
  /** RFC 3339, second precision. */
  now: string;
  /** The request's group/version, e.g. `apps/v1`. */
  apiVersion: string;
  lookup: ListMetaLookup;
  /**
   * Fields the kind's strategy resets for this (sub)resource (GetResetFields), e.g. `[['status']]` for a
   * main resource: nobody gains or loses ownership of them through this write.
   */
  resetFields?: readonly (readonly string[])[];
}

/**
 * Returns `next` with metadata.managedFields recomputed: a new top-level object and metadata; everything else is
 * shared with `next` (inputs are never modified, so sharing is safe and spares a deep copy per write).
 */
export function updateManagedFields(req: UpdateManagedFieldsRequest): KubeObject {
  const next = req.next;
  const managers = managersForUpdate(req);
  const isCreate = req.old === undefined;
  // skipNonAppliedManager: an existing object that has no managedFields is not tracked by updates.
  if (managers.size === 0 && !isCreate) return withManagedFields(next, managers);

  const before = isCreate ? zeroValueSkeleton(next) : withoutManagedFields(req.old as KubeObject);
  const reset = resetPaths(req.resetFields);
  const cmp = compareObjects(before, withoutManagedFields(next), req.lookup);
  const changed = cmp.added.union(cmp.modified).withoutPrefixes(reset);
  const removed = cmp.removed.withoutPrefixes(reset);

  for (const [id, m] of managers) {
    m.set = m.set.difference(changed).difference(removed);
    if (m.set.isEmpty()) managers.delete(id);
  }
  const current = stripMetadataFields(changed);
  if (!current.isEmpty()) {
    const me = { manager: managerOrUnknown(req.manager), operation: 'Update' as const, apiVersion: req.apiVersion, subresource: req.subresource ?? '' };
    const id = managerIdentity(me);
    const previous = managers.get(id);
    managers.set(id, { ...me, time: req.now, set: previous ? previous.set.union(current) : current });
  }
  capUpdateManagers(managers);
  return withManagedFields(next, managers);
}

/** decodeLiveOrNew: a `[]` from the client resets; valid client entries win; otherwise the stored ones. */
function managersForUpdate(req: UpdateManagedFieldsRequest): Managers {
  const sent = req.next.metadata?.managedFields;
  if (Array.isArray(sent) && (sent.length === 0 || (sent.length === 1 && isJsonObject(sent[0]) && Object.keys(sent[0]).length === 0))) {
    return new Map();
  }
  const liveEntries = req.old?.metadata?.managedFields;
  if (sent !== undefined && !jsonEqual(sent, liveEntries)) {
    try {
      const decoded = decodeManagedFields(sent);
      if (decoded.size > 0) return decoded;
    } catch (e) {
      if (!(e instanceof ManagedFieldsDecodeError)) throw e;
    }
  }
  try {
    return decodeManagedFields(liveEntries);
  } catch (e) {
    if (e instanceof ManagedFieldsDecodeError) return new Map();
    throw e;
  }
}

/** `obj` without metadata.managedFields; shares everything else with `obj` (read-only use). */
export function withoutManagedFields(obj: KubeObject): KubeObject {
  if (obj.metadata === undefined || obj.metadata.managedFields === undefined) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

export function withManagedFields(obj: KubeObject, managers: Managers): KubeObject {
  const encoded = encodeManagedFields(managers);
  const metadata = { ...(obj.metadata ?? {}) };
  if (encoded === undefined) delete metadata.managedFields;
  else metadata.managedFields = encoded as NonNullable<typeof metadata.managedFields>;
  return { ...obj, metadata };
}

export function resetPaths(fields: readonly (readonly string[])[] | undefined): FieldPath[] {
  return (fields ?? []).map((names) => names.map((field) => ({ field })));
}
