/**
 * Server-side apply (`application/apply-patch+yaml`), as the FieldManager's Apply path runs it
 * (structured-merge-diff merge.Updater.Apply wrapped by the apiserver's managers):
 *  1. a live object without managedFields first gets a `before-first-apply` Update entry for all its fields;
 *  2. the applied configuration is merged into the live object;
 *  3. the applier's Apply entry becomes exactly the fields of the configuration;
 *  4. fields the applier applied last time, omits now, and nobody else owns are removed;
 *  5. fields owned by other managers that the result changes are conflicts: a 409 unless `force`, in which
 *     case they move to the applier;
 *  6. an apply that changes nothing returns the live object untouched (its entry's time is not bumped).
 */
import type { KubeObject } from '../../../api/objects';
import { apiErrors } from '../../errors';
import { deepClone, jsonEqual } from '../json-value';
import { unclassifiedPatchError } from '../patch-errors';
import { applyConflictError, type Conflict } from './conflict-error';
import { FieldSet } from './field-set';
import { appliedFieldSet, compareObjects } from './field-sets-of-objects';
import { zeroValueSkeleton } from './go-zero-object';
import { ListItemError, type ListMetaLookup } from './list-meta';
import {
  capUpdateManagers,
  decodeManagedFields,
  ManagedFieldsDecodeError,
  managerIdentity,
  managerOrUnknown,
  stripMetadataFields,
  type Managers,
} from './managed-fields';
import { mergeObjects, pruneUnowned } from './merge-objects';
import type { FieldPath } from './path-element';
import { resetPaths, withManagedFields, withoutManagedFields } from './update-managed-fields';

export interface ServerSideApplyRequest {
  /** The stored object; undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration as sent (already decoded from YAML/JSON). */
  applied: KubeObject;
  /** The fieldManager query parameter (required by the API server for apply); '' becomes `unknown`. */
  manager: string;
  force: boolean;
  /** RFC 3339, second precision. */
  now: string;
  /** The request's group/version, e.g. `apps/v1`. */
  apiVersion: string;
  lookup: ListMetaLookup;
  subresource?: string;
  /** Fields the kind's strategy resets for this (sub)resource, e.g. `[['status']]`: never owned or conflicting. */
  resetFields?: readonly (readonly string[])[];
}

export const BEFORE_FIRST_APPLY_MANAGER = 'before-first-apply';

/** Throws a StatusError: 409 on conflicts, 400 if the configuration carries managedFields, 500 on bad data. */
export function serverSideApply(req: ServerSideApplyRequest): { object: KubeObject } {
  if (req.applied.metadata?.managedFields != null) throw apiErrors.badRequest('metadata.managedFields must be nil');
  try {
    return { object: apply(req) };
  } catch (e) {
    if (e instanceof ManagedFieldsDecodeError) throw unclassifiedPatchError(`failed to decode managed fields: ${e.message}`);
    if (e instanceof ListItemError) throw unclassifiedPatchError(`failed to create typed patch object: ${e.message}`);
    throw e;
  }
}

function apply(req: ServerSideApplyRequest): KubeObject {
  const subresource = req.subresource ?? '';
  const managers: Managers = decodeManagedFields(req.live?.metadata?.managedFields);
  const live = req.live === undefined ? {} : withoutManagedFields(req.live);

  if (req.live !== undefined && managers.size === 0) recordExistingFields(live, managers, req);

  const me = { manager: managerOrUnknown(req.manager), operation: 'Apply' as const, apiVersion: req.apiVersion, subresource };
  const myId = managerIdentity(me);
  const previous = managers.get(myId);
  const lastSet = previous?.set;

  let merged = mergeObjects(live, deepClone(req.applied), req.lookup) as KubeObject;
  const reset = resetPaths(req.resetFields);
  const mySet = appliedFieldSet(req.applied, req.lookup).withoutPrefixes(reset);
  managers.set(myId, { ...me, ...(previous?.time !== undefined ? { time: previous.time } : {}), set: mySet });

  if (lastSet !== undefined && !lastSet.isEmpty()) {
    let owned = new FieldSet();
    for (const m of managers.values()) owned = owned.union(m.set);
    merged = pruneUnowned(merged, lastSet, owned, req.lookup) as KubeObject;
  }

  settleOwnership(live, merged, managers, myId, req, reset);

  const mine = managers.get(myId);
  if (mine !== undefined) {
    const stripped = stripMetadataFields(mine.set);
    if (stripped.isEmpty()) managers.delete(myId);
    else mine.set = stripped;
  }

  capUpdateManagers(managers);
  if (jsonEqual(live, merged)) return withManagedFields(req.live === undefined ? merged : withoutManagedFields(req.live), managers);
  const after = managers.get(myId);
  if (after !== undefined) after.time = req.now;
  return withManagedFields(merged, managers);
}

/** skipNonAppliedManager.Apply: an Update by `before-first-apply` from the empty object to the live one. */
function recordExistingFields(live: KubeObject, managers: Managers, req: ServerSideApplyRequest): void {
  const cmp = compareObjects(zeroValueSkeleton(live), live, req.lookup);
  const set = stripMetadataFields(cmp.added.union(cmp.modified)).withoutPrefixes(resetPaths(req.resetFields));
  if (set.isEmpty()) return;
  const m = { manager: BEFORE_FIRST_APPLY_MANAGER, operation: 'Update' as const, apiVersion: req.apiVersion, subresource: req.subresource ?? '' };
  managers.set(managerIdentity(m), { ...m, time: req.now, set });
}

/** Updater.update: conflicts with, and removals from, every other manager. */
function settleOwnership(live: KubeObject, merged: KubeObject, managers: Managers, myId: string, req: ServerSideApplyRequest, reset: FieldPath[]): void {
  const cmp = compareObjects(live, merged, req.lookup);
  const changed = cmp.modified.union(cmp.added).withoutPrefixes(reset);
  const removed = cmp.removed.withoutPrefixes(reset);
  const conflicts: Conflict[] = [];
  const conflictSets = new Map<string, FieldSet>();
  for (const [id, m] of [...managers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (id === myId) continue;
    const overlap = m.set.intersection(changed);
    if (overlap.isEmpty()) continue;
    conflictSets.set(id, overlap);
    for (const path of overlap.paths()) conflicts.push({ manager: m, path });
  }
  if (!req.force && conflicts.length > 0) throw applyConflictError(conflicts);
  for (const [id, m] of managers) {
    if (id === myId) continue;
    const overlap = conflictSets.get(id);
    if (overlap !== undefined) m.set = m.set.difference(overlap);
    m.set = m.set.difference(removed);
    if (m.set.isEmpty()) managers.delete(id);
  }
}
