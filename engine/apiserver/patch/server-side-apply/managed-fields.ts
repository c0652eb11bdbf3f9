/**
 * metadata.managedFields as k8s.io/apimachinery/pkg/util/managedfields/internal decodes and encodes it: one
 * entry per manager identity — (manager, subresource) for Apply, (manager, apiVersion, subresource) for
 * Update — with its field set. Encoding sorts entries like sortEncodedManagedFields: operation (so `Apply`
 * before `Update`), then time, manager, apiVersion, subresource.
 */
import { isJsonObject } from '../json-value';
import { FieldSet, type FieldsV1 } from './field-set';

export type ManagedFieldsOperation = 'Apply' | 'Update';

/** metav1.ManagedFieldsEntry; keys in Go's struct order, so JSON output matches the API server's. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: ManagedFieldsOperation;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: FieldsV1;
  subresource?: string;
}

export interface ManagerState {
  manager: string;
  operation: ManagedFieldsOperation;
  apiVersion: string;
  subresource: string;
  /** Unset when the manager's last operation changed nothing (upstream leaves the time out then). */
  time?: string;
  set: FieldSet;
}

/** Keyed by managerIdentity. */
export type Managers = Map<string, ManagerState>;

/** BuildManagerIdentifier: the JSON of the entry without fields and time, and without apiVersion for Apply. */
export function managerIdentity(m: { manager: string; operation: ManagedFieldsOperation; apiVersion: string; subresource: string }): string {
  const id: Record<string, string> = { manager: m.manager, operation: m.operation };
  if (m.operation === 'Update' && m.apiVersion !== '') id['apiVersion'] = m.apiVersion;
  if (m.subresource !== '') id['subresource'] = m.subresource;
  return JSON.stringify(id);
}

export class ManagedFieldsDecodeError extends Error {}

/** DecodeManagedFields, with upstream's error texts. */
export function decodeManagedFields(entries: unknown): Managers {
  const managers: Managers = new Map();
  if (!Array.isArray(entries)) return managers;
  entries.forEach((raw, i) => {
    const e = (isJsonObject(raw) ? raw : {}) as ManagedFieldsEntry;
    if (e.operation !== 'Apply' && e.operation !== 'Update') throw new ManagedFieldsDecodeError('operation must be `Apply` or `Update`');
    if (typeof e.apiVersion !== 'string' || e.apiVersion.length < 1) throw new ManagedFieldsDecodeError('apiVersion must not be empty');
    if (e.fieldsType === undefined || e.fieldsType === '') throw new ManagedFieldsDecodeError(`missing fieldsType in managed fields entry ${i}`);
    if (e.fieldsType !== 'FieldsV1') throw new ManagedFieldsDecodeError(`invalid fieldsType ${JSON.stringify(e.fieldsType)} in managed fields entry ${i}`);
    const state: ManagerState = {
      manager: e.manager ?? '',
      operation: e.operation,
      apiVersion: e.apiVersion,
      subresource: e.subresource ?? '',
      set: FieldSet.fromFieldsV1(e.fieldsV1 ?? {}),
    };
    if (e.time !== undefined) state.time = e.time;
    managers.set(managerIdentity(state), state);
  });
  return managers;
}

const seconds = (t: string | undefined): number => (t === undefined ? 0 : Math.floor(Date.parse(t) / 1000));
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** encodeManagedFields; undefined when there are no managers (the field is then omitted). */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] | undefined {
  if (managers.size === 0) return undefined;
  const entries = [...managers.values()].map((m): ManagedFieldsEntry => {
    const e: ManagedFieldsEntry = { manager: m.manager, operation: m.operation, apiVersion: m.apiVersion };
    if (m.time !== undefined) e.time = m.time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = m.set.toFieldsV1();
    if (m.subresource !== '') e.subresource = m.subresource;
    return e;
  });
  return entries.sort(
    (p, q) =>
      cmp(p.operation ?? '', q.operation ?? '') ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager ?? '', q.manager ?? '') ||
      cmp(p.apiVersion ?? '', q.apiVersion ?? '') ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
}

/** stripMetaManager: fields no manager owns, taken out of the current manager's set. */
const STRIPPED_PATHS: readonly (readonly string[])[] = [
  ['apiVersion'],
  ['kind'],
  ['metadata'],
  ['metadata', 'name'],
  ['metadata', 'namespace'],
  ['metadata', 'creationTimestamp'],
  ['metadata', 'selfLink'],
  ['metadata', 'uid'],
  ['metadata', 'clusterName'],
  ['metadata', 'generation'],
  ['metadata', 'managedFields'],
  ['metadata', 'resourceVersion'],
];
const STRIP_SET = FieldSet.fromPaths(STRIPPED_PATHS.map((p) => p.map((field) => ({ field }))));

export function stripMetadataFields(set: FieldSet): FieldSet {
  return set.difference(STRIP_SET);
}

/** Manager name used when none is given (buildManagerInfo). */
export const managerOrUnknown = (manager: string): string => (manager === '' ? 'unknown' : manager);

/** DefaultMaxUpdateManagers. */
const MAX_UPDATE_MANAGERS = 10;
const OLD_UPDATES_MANAGER = 'ancient-changes';

/**
 * capManagersManager: with more than 10 Update entries, the oldest are folded, per apiVersion, into an
 * `ancient-changes` entry (which takes the time of the newest entry folded in). Mutates `managers`.
 */
export function capUpdateManagers(managers: Managers): void {
  const updaters = [...managers.entries()].filter(([, m]) => m.operation === 'Update').map(([id]) => id);
  if (updaters.length <= MAX_UPDATE_MANAGERS) return;
  updaters.sort((a, b) => seconds(managers.get(a)?.time) - seconds(managers.get(b)?.time) || cmp(a, b));
  const firstByVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > MAX_UPDATE_MANAGERS; i++) {
    const id = updaters[i] as string;
    const m = managers.get(id) as ManagerState;
    const bucket = { manager: OLD_UPDATES_MANAGER, operation: 'Update' as const, apiVersion: m.apiVersion, subresource: '' };
    const bucketId = managerIdentity(bucket);
    const first = firstByVersion.get(m.apiVersion);
    if (first === undefined) {
      firstByVersion.set(m.apiVersion, id);
      continue;
    }
    let existing = managers.get(bucketId);
    if (existing === undefined) {
      const firstState = managers.get(first) as ManagerState;
      managers.delete(first);
      existing = { ...bucket, set: firstState.set };
      managers.set(bucketId, existing);
    }
    const merged: ManagerState = { ...bucket, set: m.set.union(existing.set) };
    if (m.time !== undefined) merged.time = m.time;
    managers.set(bucketId, merged);
    managers.delete(id);
    length--;
  }
}
