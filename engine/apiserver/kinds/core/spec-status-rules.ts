/**
 * The spec/status split shared by kinds with a status subresource, as their upstream strategies implement it:
 * a main-resource write may not touch status, a status write may not touch spec, and — for kinds that track
 * it — metadata.generation starts at 1 and moves only when the desired state changes.
 */
import { deepCopy, type KubeObject } from '../../../api/objects';
import { semanticDeepEqual } from '../../validation';

/** Create: drop whatever status the client sent. */
export function dropStatus(obj: KubeObject): void {
  delete obj.status;
}

/** Main-resource update: status comes from the stored object. */
export function keepOldStatus(obj: KubeObject, old: KubeObject): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = deepCopy(old.status);
}

/** Status update: spec comes from the stored object. */
export function keepOldSpec(obj: KubeObject, old: KubeObject): void {
  if (old.spec === undefined) delete obj.spec;
  else obj.spec = deepCopy(old.spec);
}

export function setInitialGeneration(obj: KubeObject): void {
  obj.metadata = { ...obj.metadata, generation: 1 };
}

/**
 * Clients cannot write generation (rest.BeforeUpdate copies the old one); it moves by one when any of the
 * given top-level fields changed semantically.
 */
export function bumpGenerationOnChange(obj: KubeObject, old: KubeObject, fields: readonly string[] = ['spec']): void {
  const oldGeneration = old.metadata?.generation ?? 0;
  const changed = fields.some((f) => !semanticDeepEqual(obj[f], old[f]));
  obj.metadata = { ...obj.metadata, generation: changed ? oldGeneration + 1 : oldGeneration };
}
