/**
 * The admission contract, after k8s.io/apiserver/pkg/admission: the registry builds one `AdmissionAttributes`
 * per write and runs the chain twice — mutating plugins (`admit`) before validation, validating plugins
 * (`validate`) after it. A plugin rejects a request by throwing a StatusError (engine/apiserver/errors) whose
 * message matches upstream's byte for byte; anything else it throws is a bug.
 */
import type { KubeObject } from '../../api/objects';
import type { Random } from '../../base/clock';
import type { UserInfo } from '../handler-types';

export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  operation: AdmissionOperation;
  group: string;
  version: string;
  kind: string;
  /** The plural resource, e.g. `pods`. */
  resource: string;
  /** '' for the main resource, e.g. `status`, `binding`, `ephemeralcontainers`. */
  subresource: string;
  /** '' for cluster-scoped resources. */
  namespace: string;
  /** The request's name; '' on a create whose name is still to be generated. */
  name: string;
  /** The incoming object: a private, mutable copy. Mutating plugins change it in place. Absent on DELETE/CONNECT. */
  object?: KubeObject;
  /** The stored object on UPDATE/DELETE; frozen. */
  oldObject?: KubeObject;
  dryRun: boolean;
  user: UserInfo;
}

/** What plugins may read and write outside the request: the registry's view of the cluster and the clock. */
export interface AdmissionContext {
  /** Virtual ms. */
  now(): number;
  /** Seeded randomness (engine/base/clock.ts), e.g. for generated volume names. */
  random: Random;
  /** One stored object (frozen), or undefined when it does not exist. `namespace` is '' for cluster-scoped kinds. */
  get(group: string, resource: string, namespace: string, name: string): Promise<KubeObject | undefined>;
  /** Stored objects (frozen); all namespaces when `namespace` is omitted. */
  list(group: string, resource: string, namespace?: string): Promise<KubeObject[]>;
  /**
   * Writes a status update (e.g. ResourceQuota status.used) through the registry; skipped when dryRun.
   * `mutate` receives the freshest stored copy (frozen) and returns the new object; it may throw a StatusError
   * to abort, and then nothing is written and the error rejects the request.
   */
  updateStatus(group: string, resource: string, namespace: string, name: string, mutate: (obj: KubeObject) => KubeObject): Promise<void>;
}

export interface AdmissionPlugin {
  /** Upstream's plugin name, e.g. `NamespaceLifecycle`. */
  readonly name: string;
  /** Mutating phase. */
  admit?(a: AdmissionAttributes, ctx: AdmissionContext): void | Promise<void>;
  /** Validating phase; must not change `a.object`. */
  validate?(a: AdmissionAttributes, ctx: AdmissionContext): void | Promise<void>;
}

export type AdmissionPhase = 'mutating' | 'validating';

// The chain lives in chain.ts; re-exported here so callers can take the whole contract from one module.
export { defaultAdmissionChain, runAdmission } from './chain';
