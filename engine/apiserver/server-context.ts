/**
 * What request handlers share: the catalog, one registry per resource, the store and the clock.
 * Built once by ApiServer (api-server.ts); handlers never construct registries themselves.
 */
import type { KubeObject } from '../api/objects';
import type { Clock } from '../base/clock';
import type { Logger } from '../base/logger';
import type { Store } from '../store/types';
import { ObjectRegistry } from './registry/object-registry';
import type { RegistryDeps } from './registry/registry-deps';
import type { DynamicCatalog } from './resources/dynamic-catalog';
import type { ResourceInfo } from './resources/resource-catalog';

export class ServerContext {
  private registries = new Map<ResourceInfo, ObjectRegistry>();

  constructor(
    readonly store: Store,
    readonly clock: Clock,
    readonly catalog: DynamicCatalog,
    readonly logger: Logger,
    private readonly registryDeps: RegistryDeps,
  ) {}

  registry(info: ResourceInfo): ObjectRegistry {
    let r = this.registries.get(info);
    if (!r) {
      r = new ObjectRegistry(info, this.registryDeps);
      this.registries.set(info, r);
    }
    return r;
  }

  /** Server-side apply of `applied` onto `current` by `manager` (conflicts are 409s unless `force`). */
  applyFields(info: ResourceInfo, current: KubeObject | undefined, applied: KubeObject, manager: string, force: boolean, subresource: string): KubeObject {
    const apiVersion = info.group === '' ? info.version : `${info.group}/${info.version}`;
    return this.registryDeps.managedFields.apply({ live: current, applied, manager, force, subresource, apiVersion, kindKey: info.kindKey });
  }

  crdScalePaths(info: ResourceInfo): { specReplicas: string[]; statusReplicas: string[]; labelSelector?: string[] } | undefined {
    return info.crd?.scale;
  }

  /** The registry for a group + plural resource, at its preferred version. */
  registryFor(group: string, plural: string): ObjectRegistry | undefined {
    const info = this.catalog.forResource(group, plural);
    return info ? this.registry(info) : undefined;
  }
}
