/**
 * What a resource registry needs from the rest of the API server. Passed in (not imported) so the registry
 * stays testable and so kind-specific behaviour (strategies, admission, allocation) plugs in from one place:
 * api-server.ts, the composition root of the API server.
 */
import type { Clock } from '../../base/clock';
import type { KubeObject } from '../../api/objects';
import type { Store } from '../../store/types';
import type { FieldError } from '../errors/field-errors';
import type { UserInfo } from '../handler-types';
import type { ResourceInfo } from '../resources/resource-catalog';
import type { KindStrategy } from './strategy';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE';

export interface AdmissionRequest {
  operation: Operation;
  info: ResourceInfo;
  subresource: string;
  namespace: string;
  name: string;
  object?: KubeObject;
  oldObject?: KubeObject;
  dryRun: boolean;
  user: UserInfo;
}

export interface AdmissionRunner {
  mutate(req: AdmissionRequest): Promise<void>;
  validate(req: AdmissionRequest): Promise<void>;
}

/** Kind-specific steps that are not strategy (they touch other state): IP allocation, namespace finalization. */
export interface KindHooks {
  /** After validation, before the write: allocate (ClusterIP, NodePort). May throw a StatusError. */
  beforeCreate?(obj: KubeObject, dryRun: boolean): Promise<void>;
  beforeUpdate?(obj: KubeObject, old: KubeObject, dryRun: boolean): Promise<void>;
  /** After a successful (non-dry-run) write; `obj` is undefined when the write removed the object. */
  afterWrite?(obj: KubeObject | undefined, old: KubeObject | undefined): void;
  /**
   * Replaces the generic delete for kinds whose deletion is a state change first (Namespace → Terminating).
   * Returns the object to answer with, or undefined to continue with the generic delete.
   */
  interceptDelete?(current: KubeObject, dryRun: boolean): Promise<KubeObject | undefined>;
  /**
   * Whether an object with a deletionTimestamp may now leave the store; the registry already requires empty
   * metadata.finalizers. Namespaces also wait for spec.finalizers (the namespace controller's).
   */
  readyToDelete?(obj: KubeObject): boolean;
  /** Pod-style graceful deletion: the grace period to apply, or 0 to delete at once. */
  gracePeriod?(current: KubeObject, requested: number | undefined): number;
}

export interface ManagedFieldsTracker {
  /** Records a non-apply write by `manager` (operation Update) on `next`, given the previous state. */
  update(args: { old: KubeObject | undefined; next: KubeObject; manager: string; subresource: string; apiVersion: string; kindKey: string }): KubeObject;
  /** Server-side apply: merges `applied` into `live`; throws a 409 on conflicts unless `force`. */
  apply(args: { live: KubeObject | undefined; applied: KubeObject; manager: string; force: boolean; subresource: string; apiVersion: string; kindKey: string }): KubeObject;
}

export interface SchemaChecks {
  /** Unknown field paths (`spec.foo`) for Strict/Warn field validation; [] when the kind has no schema. */
  unknownFields(info: ResourceInfo, obj: KubeObject): string[];
  /** A Go-json-style type error for the first mismatch, or undefined. */
  typeError(info: ResourceInfo, obj: KubeObject): string | undefined;
  /** Drops fields unknown to the schema, as decoding into Go structs does. */
  prune(info: ResourceInfo, obj: KubeObject): void;
  /** A custom resource's violations of its CRD version's openAPIV3Schema (type, required, enum). */
  customResourceErrors?(info: ResourceInfo, obj: KubeObject): FieldError[];
}

export interface RegistryDeps {
  store: Store;
  clock: Clock;
  /** The strategy for the main resource (subresource '') or for a subresource with its own rules (namespaces/finalize). */
  strategyFor(info: ResourceInfo, subresource: string): KindStrategy | undefined;
  validateMeta(info: ResourceInfo, obj: KubeObject, old: KubeObject | undefined): FieldError[];
  admission: AdmissionRunner;
  managedFields: ManagedFieldsTracker;
  schema: SchemaChecks;
  hooksFor(info: ResourceInfo): KindHooks | undefined;
}
