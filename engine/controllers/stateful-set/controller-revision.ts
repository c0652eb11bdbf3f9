/**
 * ControllerRevisions as the StatefulSet controller makes them (pkg/controller/history + statefulset getPatch):
 * the data is `{"spec":{"template":{…,"$patch":"replace"}}}` marshalled with sorted keys (Go's json.Marshal of
 * maps), the name `<set>-<hash>` with hash = SafeEncodeString(FNV-1 32 of the data, then the collision count in
 * decimal). Our stored templates omit Go's zero-value fields (e.g. `creationTimestamp: null`), so the bytes —
 * and the hash — are of the same shape as a real cluster's, not the same value.
 */
import type { KubeObject } from '../../api/objects';
import { utf8Bytes } from '../../base/base64';
import { safeEncodeString } from '../deployment/pod-template-hash';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** Go's json.Marshal of nested maps: keys sorted, `<`, `>`, `&` escaped. */
export function goMarshalSorted(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  if (Array.isArray(value)) return `[${value.map(goMarshalSorted).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${goMarshalSorted(k)}:${goMarshalSorted(obj[k])}`)
    .join(',')}}`;
}

export function revisionData(template: unknown): Record<string, unknown> {
  return { spec: { template: { ...(template as object), $patch: 'replace' } } };
}

/** HashControllerRevision: FNV-1 (not 1a) over the raw data, then the probe. */
export function hashControllerRevision(data: unknown, collisionCount?: number): string {
  let h = FNV32_OFFSET;
  const write = (bytes: Uint8Array) => {
    for (const b of bytes) h = Math.imul(h, FNV32_PRIME) ^ b;
    h >>>= 0;
  };
  write(utf8Bytes(goMarshalSorted(data)));
  if (collisionCount !== undefined) write(utf8Bytes(String(collisionCount)));
  return safeEncodeString(String(h >>> 0));
}

/** ControllerRevisionName: the parent's name (cut to 223 characters) and the hash. */
export function controllerRevisionName(parent: string, hash: string): string {
  return `${parent.length > 223 ? parent.slice(0, 223) : parent}-${hash}`;
}

export function revisionOf(obj: KubeObject): number {
  return Number((obj as { revision?: number }).revision ?? 0);
}
