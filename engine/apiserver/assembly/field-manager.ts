/**
 * managedFields bookkeeping for every write (k8s.io/apiserver fieldmanager): non-apply writes are recorded as
 * operation Update of their manager; server-side apply merges and records operation Apply. List semantics come
 * from the served schema (x-kubernetes-list-type / map keys), through SchemaRegistry.
 */
import type { KubeObject } from '../../api/objects';
import type { Clock } from '../../base/clock';
import { rfc3339 } from '../../base/clock';
import { serverSideApply, updateManagedFields, type ListMetaLookup } from '../patch';
import type { ManagedFieldsTracker } from '../registry/registry-deps';
import type { DynamicCatalog } from '../resources/dynamic-catalog';
import type { ResourceInfo } from '../resources/resource-catalog';
import type { SchemaRegistry } from './schema-registry';

export class FieldManager implements ManagedFieldsTracker {
  private lookups = new Map<string, ListMetaLookup>();
  /** kindKey@apiVersion → resource; every write asks, and the catalog lookup scans all resources. */
  private infos = new Map<string, ResourceInfo | undefined>();

  constructor(
    private readonly clock: Clock,
    private readonly catalog: DynamicCatalog,
    private readonly schemas: SchemaRegistry,
  ) {
    catalog.onDidChange(() => {
      this.lookups.clear();
      this.infos.clear();
    });
  }

  private lookupFor(kindKey: string, apiVersion: string): ListMetaLookup {
    const key = `${kindKey}@${apiVersion}`;
    let lookup = this.lookups.get(key);
    if (!lookup) {
      const info = this.infoFor(kindKey, apiVersion);
      const memo = new Map<string, ReturnType<ListMetaLookup>>();
      lookup = (path) => {
        if (!info) return {};
        const memoKey = path.join('\u0000');
        const hit = memo.get(memoKey);
        if (hit) return hit;
        const meta = this.schemas.patchMeta(info, path);
        // The only defaulted list-map key among built-in kinds is a port's protocol (TCP), which upstream needs to
        // key `k:{"containerPort":80,"protocol":"TCP"}` for a port that omits it.
        const mapKeyDefaults = meta.mapKeys?.includes('protocol') ? { protocol: 'TCP' } : undefined;
        const result = { listType: meta.listType, mapKeys: meta.mapKeys, mapType: meta.mapType as 'atomic' | 'granular' | undefined, mapKeyDefaults };
        memo.set(memoKey, result);
        return result;
      };
      this.lookups.set(key, lookup);
    }
    return lookup;
  }

  private infoFor(kindKey: string, apiVersion: string): ResourceInfo | undefined {
    const key = `${kindKey}@${apiVersion}`;
    if (this.infos.has(key)) return this.infos.get(key);
    const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
    const [groupPart = '', kind = ''] = kindKey.split('/');
    const info = this.catalog.forKind(groupPart === 'core' ? '' : groupPart, kind, version);
    this.infos.set(key, info);
    return info;
  }

  /**
   * Fields a write path resets and therefore never owns (strategies' GetResetFields): the main resource of a kind
   * with a status subresource resets status; the status subresource resets spec and metadata.
   */
  private resetFields(kindKey: string, apiVersion: string, subresource: string): string[][] | undefined {
    const info = this.infoFor(kindKey, apiVersion);
    if (!info?.subresources.some((s) => s.name === 'status')) return undefined;
    return subresource === 'status' ? [['spec'], ['metadata']] : [['status']];
  }

  update(args: { old: KubeObject | undefined; next: KubeObject; manager: string; subresource: string; apiVersion: string; kindKey: string }): KubeObject {
    return updateManagedFields({
      old: args.old,
      next: args.next,
      manager: args.manager,
      operation: 'Update',
      subresource: args.subresource === '' ? undefined : args.subresource,
      now: rfc3339(this.clock.now()),
      apiVersion: args.apiVersion,
      lookup: this.lookupFor(args.kindKey, args.apiVersion),
      resetFields: this.resetFields(args.kindKey, args.apiVersion, args.subresource),
    });
  }

  apply(args: { live: KubeObject | undefined; applied: KubeObject; manager: string; force: boolean; subresource: string; apiVersion: string; kindKey: string }): KubeObject {
    return serverSideApply({
      live: args.live,
      applied: args.applied,
      manager: args.manager,
      force: args.force,
      now: rfc3339(this.clock.now()),
      apiVersion: args.apiVersion,
      lookup: this.lookupFor(args.kindKey, args.apiVersion),
      subresource: args.subresource === '' ? undefined : args.subresource,
      resetFields: this.resetFields(args.kindKey, args.apiVersion, args.subresource),
    }).object;
  }
}
