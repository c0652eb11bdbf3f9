/**
 * The generic registry for one resource (k8s.io/apiserver registry/generic/registry.Store): create, get, list,
 * update, patch, delete and watch over the Store, with upstream's metadata rules, strategies, admission,
 * managed fields, dry-run, field validation, finalizers and graceful deletion.
 *
 * Invariant: nothing is written unless every check passed; a rejected request leaves revision and contents as
 * they were.
 */
import { deepCopy, type KubeObject } from '../../api/objects';
import { rfc3339 } from '../../base/clock';
import { StoreError, type StoredValue } from '../../store/types';
import { fieldError, GoValue, type FieldError } from '../errors/field-errors';
import { apiErrors, StatusError } from '../errors/status-error';
import type { UserInfo } from '../handler-types';
import type { ResourceInfo } from '../resources/resource-catalog';
import { goBase64Error } from '../request/go-base64';
import { generateName, newUid } from './object-identity';
import type { RegistryDeps } from './registry-deps';
import type { StrategyContext } from './strategy';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface WriteOptions {
  dryRun: boolean;
  fieldManager: string;
  fieldValidation: FieldValidation;
  user: UserInfo;
  subresource: string;
}

export interface WriteResult {
  object: KubeObject;
  /** 201 for creates, 200 otherwise. */
  created: boolean;
  warnings: string[];
}

export interface DeleteOptions {
  dryRun: boolean;
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  preconditions?: { uid?: string; resourceVersion?: string };
  user: UserInfo;
}

export interface DeleteResult {
  /** The object as it now is (with deletionTimestamp when deletion is pending) or as it was when removed. */
  object: KubeObject;
  /** True when the object is gone from the store. */
  deleted: boolean;
}

const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_FOREGROUND = 'foregroundDeletion';

export class ObjectRegistry {
  constructor(
    readonly info: ResourceInfo,
    private readonly deps: RegistryDeps,
  ) {}

  get groupResource() {
    return { group: this.info.group, resource: this.info.plural };
  }
  private get groupKind() {
    return { group: this.info.group, kind: this.info.kind };
  }

  key(namespace: string, name: string): string {
    return this.info.namespaced ? `${this.info.storagePrefix}${namespace}/${name}` : `${this.info.storagePrefix}${name}`;
  }

  /** Prefix for list/watch: one namespace, or every namespace when '' (or cluster-scoped). */
  prefix(namespace: string): string {
    return this.info.namespaced && namespace !== '' ? `${this.info.storagePrefix}${namespace}/` : this.info.storagePrefix;
  }

  private ctx(subresource: string): StrategyContext {
    return { now: this.deps.clock.now(), subresource };
  }

  async get(namespace: string, name: string): Promise<KubeObject> {
    const v = await this.deps.store.get(this.key(namespace, name));
    if (!v) throw apiErrors.notFound(this.groupResource, name);
    return v.object;
  }

  async tryGet(namespace: string, name: string): Promise<StoredValue | undefined> {
    return this.deps.store.get(this.key(namespace, name));
  }

  // ---- create -------------------------------------------------------------------------------------------

  async create(namespace: string, body: KubeObject, opts: WriteOptions): Promise<WriteResult> {
    const warnings = this.checkBody(body, opts.fieldValidation);
    const obj = deepCopy(body);
    this.checkTypeAndNamespace(obj, namespace);
    const meta = (obj.metadata ??= {});
    if (this.info.namespaced) meta.namespace = namespace;
    else delete meta.namespace;

    // rest.BeforeCreate: system fields are the server's, whatever the client sent.
    const now = this.deps.clock.now();
    if (!meta.name && meta.generateName) meta.name = generateName(this.deps.clock.random, meta.generateName);
    meta.uid = newUid(this.deps.clock.random);
    meta.creationTimestamp = rfc3339(now);
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.resourceVersion;
    delete meta.selfLink;
    delete meta.generation;

    const strategy = this.deps.strategyFor(this.info, '');
    const ctx = this.ctx('');
    strategy?.defaults?.(obj);
    strategy?.prepareForCreate?.(obj, ctx);
    const name = meta.name ?? '';
    const admissionReq = { operation: 'CREATE' as const, info: this.info, subresource: '', namespace, name, object: obj, dryRun: opts.dryRun, user: opts.user };
    await this.deps.admission.mutate(admissionReq);

    const errors = [...this.deps.validateMeta(this.info, obj, undefined), ...this.schemaErrors(obj), ...(strategy?.validate?.(obj, ctx) ?? [])];
    if (errors.length > 0) throw apiErrors.invalid(this.groupKind, name, errors);
    await this.deps.admission.validate(admissionReq);
    await this.deps.hooksFor(this.info)?.beforeCreate?.(obj, opts.dryRun);
    warnings.push(...(strategy?.warnings?.(obj, undefined) ?? []));

    const tracked = this.deps.managedFields.update({ old: undefined, next: obj, manager: opts.fieldManager, subresource: '', apiVersion: this.apiVersion, kindKey: this.info.kindKey });
    if (opts.dryRun) {
      const existing = await this.deps.store.get(this.key(namespace, name));
      if (existing) throw apiErrors.alreadyExists(this.groupResource, name);
      return { object: tracked, created: true, warnings };
    }
    try {
      const stored = await this.deps.store.create(this.key(namespace, name), tracked);
      this.deps.hooksFor(this.info)?.afterWrite?.(stored.object, undefined);
      return { object: stored.object, created: true, warnings };
    } catch (err) {
      throw this.mapStoreError(err, name);
    }
  }

  // ---- update / patch -----------------------------------------------------------------------------------

  /**
   * PUT semantics, and the second half of every patch: `compute(current)` returns the desired object. The whole
   * read-modify-write retries on concurrent modification unless the desired object pins a resourceVersion.
   */
  async update(
    namespace: string,
    name: string,
    opts: WriteOptions,
    compute: (current: KubeObject | undefined) => Promise<KubeObject> | KubeObject,
    mode: { allowCreate: boolean; isApply?: boolean } = { allowCreate: false },
  ): Promise<WriteResult> {
    const key = this.key(namespace, name);
    const warnings: string[] = [];
    let created = false;
    let result: KubeObject | undefined;
    const subresource = opts.subresource;
    try {
      const stored = await this.deps.store.guaranteedUpdate<KubeObject>(
        key,
        async (current) => {
          warnings.length = 0;
          if (current === undefined) {
            if (!mode.allowCreate || subresource !== '') throw apiErrors.notFound(this.groupResource, name);
            const desired = await compute(undefined);
            const r = await this.create(namespace, { ...desired, metadata: { ...desired.metadata, name } }, { ...opts, dryRun: true });
            created = true;
            warnings.push(...r.warnings);
            result = r.object;
            if (opts.dryRun) throw new DryRunDone();
            return r.object;
          }
          const desired = await compute(current);
          warnings.push(...this.checkBody(desired, opts.fieldValidation));
          const next = await this.prepareUpdate(namespace, name, desired, current, opts, warnings, mode.isApply === true);
          result = next;
          if (opts.dryRun) throw new DryRunDone();
          return next;
        },
        { ignoreNotFound: mode.allowCreate },
      );
      const final = await this.finishDeletionIfFinalized(stored);
      this.deps.hooksFor(this.info)?.afterWrite?.(final.deleted ? undefined : final.object, final.object);
      return { object: final.object, created, warnings };
    } catch (err) {
      if (err instanceof DryRunDone && result) return { object: result, created, warnings };
      throw this.mapStoreError(err, name);
    }
  }

  /** rest.BeforeUpdate + strategy + admission + validation, producing the object to store. */
  private async prepareUpdate(
    namespace: string,
    name: string,
    desired: KubeObject,
    current: KubeObject,
    opts: WriteOptions,
    warnings: string[],
    isApply: boolean,
  ): Promise<KubeObject> {
    const obj = deepCopy(desired);
    this.checkTypeAndNamespace(obj, namespace);
    const meta = (obj.metadata ??= {});
    const oldMeta = current.metadata ?? {};
    if (meta.name !== undefined && meta.name !== name) {
      throw apiErrors.badRequest('the name of the object (' + meta.name + ') does not match the name on the URL (' + name + ')');
    }
    meta.name = name;
    if (this.info.namespaced) meta.namespace = namespace;
    // Optimistic concurrency: a resourceVersion in the body is a precondition; kinds whose strategy disallows
    // unconditional updates require one (store.Update reports the uint64 0 with the resource as kind).
    const rvUnset = meta.resourceVersion === undefined || meta.resourceVersion === '' || meta.resourceVersion === '0';
    if (!isApply && rvUnset && !allowsUnconditionalUpdate(this.info)) {
      throw apiErrors.invalid({ group: this.info.group, kind: this.info.plural }, name, [
        fieldError.invalid('metadata.resourceVersion', new GoValue('0x0'), 'must be specified for an update'),
      ]);
    }
    if (meta.resourceVersion !== undefined && meta.resourceVersion !== '' && meta.resourceVersion !== oldMeta.resourceVersion) {
      throw apiErrors.conflict(this.groupResource, name);
    }
    meta.resourceVersion = oldMeta.resourceVersion;
    meta.generation = oldMeta.generation;
    if (!meta.uid) meta.uid = oldMeta.uid;
    meta.creationTimestamp = oldMeta.creationTimestamp;
    if (oldMeta.deletionTimestamp) meta.deletionTimestamp = oldMeta.deletionTimestamp;
    else delete meta.deletionTimestamp;
    if (oldMeta.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
    else delete meta.deletionGracePeriodSeconds;

    const strategy = this.deps.strategyFor(this.info, opts.subresource);
    const ctx = this.ctx(opts.subresource);
    strategy?.defaults?.(obj);
    if (opts.subresource === 'status') {
      if (strategy?.prepareForStatusUpdate) strategy.prepareForStatusUpdate(obj, current, ctx);
      else keepAllButStatus(obj, current);
    } else {
      strategy?.prepareForUpdate?.(obj, current, ctx);
    }
    const admissionReq = { operation: 'UPDATE' as const, info: this.info, subresource: opts.subresource, namespace, name, object: obj, oldObject: current, dryRun: opts.dryRun, user: opts.user };
    await this.deps.admission.mutate(admissionReq);
    const errors = [
      ...this.deps.validateMeta(this.info, obj, current),
      ...this.schemaErrors(obj),
      ...(opts.subresource === 'status' ? (strategy?.validateStatusUpdate?.(obj, current, ctx) ?? []) : (strategy?.validateUpdate?.(obj, current, ctx) ?? [])),
    ];
    if (errors.length > 0) throw apiErrors.invalid(this.groupKind, name, errors);
    await this.deps.admission.validate(admissionReq);
    await this.deps.hooksFor(this.info)?.beforeUpdate?.(obj, current, opts.dryRun);
    warnings.push(...(strategy?.warnings?.(obj, current) ?? []));

    if (isApply) return obj; // managed fields were computed by the apply itself
    return this.deps.managedFields.update({ old: current, next: obj, manager: opts.fieldManager, subresource: opts.subresource, apiVersion: this.apiVersion, kindKey: this.info.kindKey });
  }

  /** An update that leaves an object with deletionTimestamp and no finalizers completes its deletion. */
  private async finishDeletionIfFinalized(stored: StoredValue): Promise<{ object: KubeObject; deleted: boolean }> {
    const meta = stored.object.metadata;
    const ready = this.deps.hooksFor(this.info)?.readyToDelete?.(stored.object) ?? true;
    if (meta?.deletionTimestamp && (meta.finalizers ?? []).length === 0 && ready && !this.isGracefulPending(stored.object)) {
      try {
        const gone = await this.deps.store.delete(stored.key, { uid: meta.uid });
        return { object: gone.object, deleted: true };
      } catch (err) {
        if (err instanceof StoreError && err.code === 'KeyNotFound') return { object: stored.object, deleted: true };
        throw err;
      }
    }
    return { object: stored.object, deleted: false };
  }

  /** A pod in graceful termination stays until its kubelet deletes it with grace 0. */
  private isGracefulPending(obj: KubeObject): boolean {
    const grace = obj.metadata?.deletionGracePeriodSeconds;
    return grace !== undefined && grace > 0;
  }

  // ---- delete ---------------------------------------------------------------------------------------------

  async delete(namespace: string, name: string, opts: DeleteOptions): Promise<DeleteResult> {
    const key = this.key(namespace, name);
    const current = await this.deps.store.get(key);
    if (!current) throw apiErrors.notFound(this.groupResource, name);
    const meta = current.object.metadata ?? {};
    if (opts.preconditions?.uid !== undefined && opts.preconditions.uid !== meta.uid) {
      throw apiErrors.conflict(this.groupResource, name, `Precondition failed: UID in precondition: ${opts.preconditions.uid}, UID in object meta: ${meta.uid ?? ''}`);
    }
    if (opts.preconditions?.resourceVersion !== undefined && opts.preconditions.resourceVersion !== meta.resourceVersion) {
      throw apiErrors.conflict(
        this.groupResource,
        name,
        `Precondition failed: ResourceVersion in precondition: ${opts.preconditions.resourceVersion}, ResourceVersion in object meta: ${meta.resourceVersion ?? ''}`,
      );
    }
    const admissionReq = { operation: 'DELETE' as const, info: this.info, subresource: '', namespace, name, oldObject: current.object, dryRun: opts.dryRun, user: opts.user };
    await this.deps.admission.mutate(admissionReq);
    await this.deps.admission.validate(admissionReq);

    const hooks = this.deps.hooksFor(this.info);
    const intercepted = await hooks?.interceptDelete?.(current.object, opts.dryRun);
    if (intercepted) return { object: intercepted, deleted: false };

    const grace = hooks?.gracePeriod?.(current.object, opts.gracePeriodSeconds) ?? 0;
    const finalizers = this.finalizersAfterDelete(current.object, opts.propagationPolicy);
    const pendingFinalizers = finalizers.length > 0;

    if (!pendingFinalizers && grace === 0) {
      if (opts.dryRun) return { object: current.object, deleted: true };
      try {
        const gone = await this.deps.store.delete(key, { uid: meta.uid });
        hooks?.afterWrite?.(undefined, gone.object);
        return { object: gone.object, deleted: true };
      } catch (err) {
        throw this.mapStoreError(err, name);
      }
    }

    // Deletion becomes a state: set deletionTimestamp (once) and the finalizers the policy needs.
    const now = this.deps.clock.now();
    const next = deepCopy(current.object);
    const nm = (next.metadata ??= {});
    if (!nm.deletionTimestamp) {
      nm.deletionTimestamp = rfc3339(now + grace * 1000);
      nm.deletionGracePeriodSeconds = grace;
    } else if (grace < (nm.deletionGracePeriodSeconds ?? Infinity)) {
      // A shorter grace period may be requested while terminating (kubectl delete --grace-period=0 --force).
      nm.deletionTimestamp = rfc3339(now + grace * 1000);
      nm.deletionGracePeriodSeconds = grace;
    }
    if (pendingFinalizers) nm.finalizers = finalizers;
    if (opts.dryRun) return { object: next, deleted: false };
    try {
      const stored = await this.deps.store.update(key, next, { resourceVersion: meta.resourceVersion });
      hooks?.afterWrite?.(stored.object, current.object);
      return { object: stored.object, deleted: false };
    } catch (err) {
      throw this.mapStoreError(err, name);
    }
  }

  /**
   * Finalizers an object carries once deleted with `policy` (generic registry's deletionFinalizersForGarbageCollection):
   * Orphan adds `orphan`, Foreground adds `foregroundDeletion`, Background removes both.
   */
  private finalizersAfterDelete(obj: KubeObject, policy: DeleteOptions['propagationPolicy']): string[] {
    const existing = obj.metadata?.finalizers ?? [];
    let out = existing.filter((f) => f !== FINALIZER_ORPHAN && f !== FINALIZER_FOREGROUND);
    const hadOrphan = existing.includes(FINALIZER_ORPHAN);
    const hadForeground = existing.includes(FINALIZER_FOREGROUND);
    if (policy === 'Orphan') out = [...out, FINALIZER_ORPHAN];
    else if (policy === 'Foreground') out = [...out, FINALIZER_FOREGROUND];
    else if (policy === undefined) {
      if (hadOrphan) out.push(FINALIZER_ORPHAN);
      if (hadForeground) out.push(FINALIZER_FOREGROUND);
    }
    return out;
  }

  // ---- helpers --------------------------------------------------------------------------------------------

  get apiVersion(): string {
    return this.info.group === '' ? this.info.version : `${this.info.group}/${this.info.version}`;
  }

  /** Field validation on the decoded body: Strict rejects unknown fields, Warn reports them; both prune. */
  private checkBody(body: KubeObject, mode: FieldValidation): string[] {
    this.checkDecodedKind(body);
    // Custom resources decode as unstructured JSON: no Go types, so no decode type errors; the CRD schema
    // validation reports wrong types as 422 causes instead.
    const typeError = this.info.crd ? undefined : (this.deps.schema.typeError(this.info, body) ?? bytesFieldError(this.info.kindKey, body));
    if (typeError) throw apiErrors.badRequest(`${this.info.kind} in version "${this.info.version}" cannot be handled as a ${this.info.kind}: ${typeError}`);
    const unknown = mode === 'Ignore' ? [] : this.deps.schema.unknownFields(this.info, body);
    if (unknown.length > 0 && mode === 'Strict') {
      throw apiErrors.badRequest(
        `${this.info.kind} in version "${this.info.version}" cannot be handled as a ${this.info.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
      );
    }
    if (unknown.length > 0 || mode === 'Ignore') this.deps.schema.prune(this.info, body);
    return unknown.map((f) => `unknown field "${f}"`);
  }

  /**
   * A body of another kind decodes as that kind and then fails conversion into the endpoint's type; the create
   * and update handlers report it through transformDecodeError with the body's kind and version.
   */
  private checkDecodedKind(body: KubeObject): void {
    if (body.kind === undefined || body.kind === '' || body.kind === this.info.kind) return;
    const version = (body.apiVersion ?? '').split('/').pop() || this.info.version;
    const internalPackage = this.info.group === '' ? 'core' : (this.info.group.split('.')[0] ?? this.info.group);
    throw apiErrors.badRequest(
      `${body.kind} in version ${JSON.stringify(version)} cannot be handled as a ${this.info.kind}: converting (${version}.${body.kind}) to (${internalPackage}.${this.info.kind}): unknown conversion`,
    );
  }

  /** Custom resources only: the CRD schema validation that follows ObjectMeta validation upstream. */
  private schemaErrors(obj: KubeObject): FieldError[] {
    return this.info.crd ? (this.deps.schema.customResourceErrors?.(this.info, obj) ?? []) : [];
  }

  private checkTypeAndNamespace(obj: KubeObject, namespace: string): void {
    if (obj.apiVersion !== undefined && obj.apiVersion !== this.apiVersion) {
      throw apiErrors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${this.apiVersion})`);
    }
    obj.apiVersion = this.apiVersion;
    obj.kind = this.info.kind;
    const ns = obj.metadata?.namespace;
    if (this.info.namespaced && ns !== undefined && ns !== '' && ns !== namespace) {
      throw apiErrors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  }

  mapStoreError(err: unknown, name: string): unknown {
    if (err instanceof StatusError) return err;
    if (err instanceof StoreError) {
      switch (err.code) {
        case 'KeyExists':
          return apiErrors.alreadyExists(this.groupResource, name);
        case 'KeyNotFound':
          return apiErrors.notFound(this.groupResource, name);
        case 'Conflict':
          return apiErrors.conflict(this.groupResource, name);
        case 'Expired':
          return apiErrors.resourceExpired(err.message);
        default:
          return apiErrors.internal(err.message);
      }
    }
    return err;
  }
}

/**
 * AllowUnconditionalUpdate(): true for every served built-in strategy except CustomResourceDefinition's; false
 * for custom resources (apiextensions-apiserver customResourceStrategy).
 */
function allowsUnconditionalUpdate(info: ResourceInfo): boolean {
  return !info.crd && info.kindKey !== 'apiextensions.k8s.io/CustomResourceDefinition';
}

/** The []byte maps of built-in kinds: Go's JSON decoder base64-decodes each value and fails on bad input. */
const BYTES_MAPS: Record<string, string> = { 'core/Secret': 'data', 'core/ConfigMap': 'binaryData' };

function bytesFieldError(kindKey: string, body: KubeObject): string | undefined {
  const field = BYTES_MAPS[kindKey];
  const map = field === undefined ? undefined : body[field];
  if (map === null || typeof map !== 'object') return undefined;
  for (const value of Object.values(map as Record<string, unknown>)) {
    if (typeof value !== 'string') continue;
    const err = goBase64Error(value);
    if (err) return err;
  }
  return undefined;
}

/** Thrown inside guaranteedUpdate to stop before the write in dry-run mode. */
class DryRunDone extends Error {}

/** Generic status-subresource rule: only `status` changes; spec and metadata stay (except what upstream allows). */
function keepAllButStatus(obj: KubeObject, old: KubeObject): void {
  const status = obj['status'];
  for (const k of Object.keys(obj)) if (k !== 'apiVersion' && k !== 'kind') delete obj[k];
  for (const [k, v] of Object.entries(old)) if (k !== 'status') obj[k] = deepCopy(v);
  if (status !== undefined) obj['status'] = status;
}
