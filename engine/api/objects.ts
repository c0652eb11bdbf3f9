/**
 * The shapes every part of Cluster Lab shares: a Kubernetes object as JSON, and its metadata.
 * Typed kinds come from `kubernetes-types` (the upstream field docs ride along); this module holds
 * only the generic envelope that the store, the API server and the renderer pass around.
 */
import type { ObjectMeta as UpstreamObjectMeta, OwnerReference, ListMeta } from 'kubernetes-types/meta/v1';

export type { OwnerReference, ListMeta };

/** kubernetes-types marks server-set fields readonly; the API server is the one that sets them. */
export type ObjectMeta = { -readonly [K in keyof UpstreamObjectMeta]: UpstreamObjectMeta[K] };

/** Any Kubernetes object as it travels as JSON. `metadata` is always present once stored. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  [field: string]: unknown;
}

/** A stored object: metadata is guaranteed. */
export interface StoredKubeObject extends KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta & { name: string; uid: string; resourceVersion: string; creationTimestamp: string };
}

export interface KubeList<T extends KubeObject = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

/** Splits `apps/v1` into group and version; the core group is ''. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function formatApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** A JSON value; objects from the store are deep-frozen and must be cloned before mutation. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Structured deep copy of plain JSON data (no Dates, Maps or cycles in Kubernetes objects). */
export function deepCopy<T>(value: T): T {
  return structuredCloneJson(value);
}

function structuredCloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(structuredCloneJson) as unknown as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v !== undefined) out[k] = structuredCloneJson(v);
  }
  return out as T;
}

/** Freezes an object graph in place so shared cache entries cannot be mutated by readers. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
  }
  return value;
}
