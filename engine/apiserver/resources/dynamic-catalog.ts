/**
 * The live set of served resources: the built-ins plus one entry per served version of every established
 * CustomResourceDefinition. Lookups are by group/version/plural (URLs) and by group/kind (bodies).
 */
import type { KubeObject } from '../../api/objects';
import { Emitter } from '../../base/event';
import { BUILTIN_RESOURCES, kindKeyOf, type ResourceInfo, type SubresourceInfo, type Verb } from './resource-catalog';

const CR_VERBS: Verb[] = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

interface CrdVersion {
  name: string;
  served?: boolean;
  subresources?: { status?: unknown; scale?: { specReplicasPath?: string; statusReplicasPath?: string; labelSelectorPath?: string } };
}

interface CrdSpec {
  group: string;
  names: { plural: string; singular?: string; kind: string; shortNames?: string[]; categories?: string[]; listKind?: string };
  scope: 'Namespaced' | 'Cluster';
  versions: CrdVersion[];
}

/** `.spec.replicas` → ['spec', 'replicas'] (CRD scale paths are simple dotted paths). */
function jsonPathFields(path: string): string[] {
  return path.split('.').filter((s) => s !== '');
}

export function resourcesFromCrd(crd: KubeObject): ResourceInfo[] {
  const spec = crd['spec'] as CrdSpec | undefined;
  if (!spec?.group || !spec.names?.plural || !spec.names.kind) return [];
  const out: ResourceInfo[] = [];
  for (const v of spec.versions ?? []) {
    if (v.served === false) continue;
    const subresources: SubresourceInfo[] = [];
    if (v.subresources?.scale) subresources.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
    if (v.subresources?.status) subresources.push({ name: 'status', kind: spec.names.kind, verbs: ['get', 'patch', 'update'] });
    out.push({
      group: spec.group,
      version: v.name,
      kind: spec.names.kind,
      plural: spec.names.plural,
      singular: spec.names.singular || spec.names.kind.toLowerCase(),
      namespaced: spec.scope === 'Namespaced',
      shortNames: spec.names.shortNames ?? [],
      categories: spec.names.categories ?? [],
      verbs: CR_VERBS,
      subresources,
      kindKey: kindKeyOf(spec.group, spec.names.kind),
      storagePrefix: `/registry/${spec.group}/${spec.names.plural}/`,
      crd: {
        name: crd.metadata?.name ?? '',
        uid: crd.metadata?.uid ?? '',
        scale: v.subresources?.scale
          ? {
              specReplicas: jsonPathFields(v.subresources.scale.specReplicasPath ?? '.spec.replicas'),
              statusReplicas: jsonPathFields(v.subresources.scale.statusReplicasPath ?? '.status.replicas'),
              labelSelector: v.subresources.scale.labelSelectorPath ? jsonPathFields(v.subresources.scale.labelSelectorPath) : undefined,
            }
          : undefined,
      },
    });
  }
  return out;
}

export class DynamicCatalog {
  private byPath = new Map<string, ResourceInfo>();
  private custom: ResourceInfo[] = [];
  /** Served by an aggregated API server (metrics.k8s.io), listed in discovery like the built-ins. */
  private aggregated: ResourceInfo[] = [];
  private readonly changed = new Emitter<void>();
  /** Fires when the set of custom resources changed (discovery and OpenAPI caches drop their copies). */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.rebuild();
  }

  private static path(group: string, version: string, plural: string): string {
    return `${group}/${version}/${plural}`;
  }

  private rebuild(): void {
    this.byPath.clear();
    for (const r of [...BUILTIN_RESOURCES, ...this.aggregated, ...this.custom]) this.byPath.set(DynamicCatalog.path(r.group, r.version, r.plural), r);
  }

  setAggregatedResources(resources: readonly ResourceInfo[]): void {
    this.aggregated = [...resources];
    this.rebuild();
    this.changed.fire();
  }

  setCustomResourceDefinitions(crds: readonly KubeObject[]): void {
    this.custom = crds.filter((c) => !c.metadata?.deletionTimestamp).flatMap(resourcesFromCrd);
    this.rebuild();
    this.changed.fire();
  }

  all(): ResourceInfo[] {
    return [...this.byPath.values()];
  }

  lookup(group: string, version: string, plural: string): ResourceInfo | undefined {
    return this.byPath.get(DynamicCatalog.path(group, version, plural));
  }

  /** The resource for a group/kind, preferring `version` when several versions serve it. */
  forKind(group: string, kind: string, version?: string): ResourceInfo | undefined {
    let found: ResourceInfo | undefined;
    for (const r of this.byPath.values()) {
      if (r.group !== group || r.kind !== kind) continue;
      if (version === undefined || r.version === version) return r;
      found ??= r;
    }
    return found;
  }

  forResource(group: string, plural: string): ResourceInfo | undefined {
    for (const r of this.byPath.values()) if (r.group === group && r.plural === plural) return r;
    return undefined;
  }
}
