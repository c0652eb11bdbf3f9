/**
 * The RESTMapper kubectl builds from aggregated discovery (/api and /apis, apidiscovery.k8s.io/v2): which
 * resource a command-line word names — plural, singular, short name or kind, optionally qualified as
 * `resource.group` or `resource.version.group` — at the group's preferred version.
 */
import { ACCEPT_DISCOVERY, type Json, type Rest } from './rest';
import { KubectlError } from './kubectl-error';

export interface ResourceMapping {
  group: string;
  version: string;
  /** Plural resource name. */
  resource: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories: string[];
  subresources: string[];
  /** The group's preferred version (discovery lists it first). */
  preferred: boolean;
}

export function groupVersion(m: { group: string; version: string }): string {
  return m.group === '' ? m.version : `${m.group}/${m.version}`;
}

/** `deployments.apps` / `pods` */
export function groupResource(m: ResourceMapping): string {
  return m.group === '' ? m.resource : `${m.resource}.${m.group}`;
}

/** `deployment.apps` / `pod` — the `-o name` and message prefix (lower-cased kind). */
export function kindPrefix(m: { kind: string; group: string }): string {
  const k = m.kind.toLowerCase();
  return m.group === '' ? k : `${k}.${m.group}`;
}

/** `apps/v1, Resource=deployments` — schema.GroupVersionResource's String(). */
export function gvrString(m: ResourceMapping): string {
  return `${m.group}/${m.version}, Resource=${m.resource}`;
}

export class Discovery {
  private cache: Promise<ResourceMapping[]> | undefined;
  constructor(private readonly rest: Rest) {}

  resources(): Promise<ResourceMapping[]> {
    this.cache ??= this.load();
    return this.cache;
  }

  /** Forget what was discovered (a CRD came or went). */
  invalidate(): void {
    this.cache = undefined;
  }

  private async load(): Promise<ResourceMapping[]> {
    const out: ResourceMapping[] = [];
    for (const path of ['/api', '/apis']) {
      const list = await this.rest.json<{ items?: Json[] }>({ method: 'GET', path, query: { timeout: '32s' }, accept: ACCEPT_DISCOVERY });
      for (const item of list.items ?? []) {
        const group = ((item['metadata'] as Json | undefined)?.['name'] as string | undefined) ?? '';
        const versions = (item['versions'] as Json[] | undefined) ?? [];
        versions.forEach((v, vi) => {
          for (const r of (v['resources'] as Json[] | undefined) ?? []) {
            const rk = r['responseKind'] as Json | undefined;
            out.push({
              group,
              version: v['version'] as string,
              resource: r['resource'] as string,
              singular: (r['singularResource'] as string | undefined) ?? '',
              kind: (rk?.['kind'] as string | undefined) ?? '',
              namespaced: r['scope'] === 'Namespaced',
              shortNames: (r['shortNames'] as string[] | undefined) ?? [],
              verbs: (r['verbs'] as string[] | undefined) ?? [],
              categories: (r['categories'] as string[] | undefined) ?? [],
              subresources: ((r['subresources'] as Json[] | undefined) ?? []).map((s) => s['subresource'] as string),
              preferred: vi === 0,
            });
          }
        });
      }
    }
    return out;
  }

  /** Every API group/version, in discovery order (`kubectl api-versions` sorts them). */
  async groupVersions(): Promise<string[]> {
    const seen = new Set<string>();
    for (const r of await this.resources()) seen.add(groupVersion(r));
    return [...seen];
  }

  /** Resolves a resource word; throws kubectl's `the server doesn't have a resource type` error. */
  async resolve(word: string): Promise<ResourceMapping> {
    const m = await this.find(word);
    if (!m) throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(word)}`);
    return m;
  }

  async find(word: string): Promise<ResourceMapping | undefined> {
    const all = await this.resources();
    const w = word.toLowerCase();
    const matches = (r: ResourceMapping, name: string) => r.resource === name || r.singular === name || r.shortNames.includes(name) || r.kind.toLowerCase() === name;
    // Fully qualified: resource.version.group, then resource.group.
    const parts = w.split('.');
    if (parts.length >= 3) {
      const [name, version] = [parts[0] as string, parts[1] as string];
      const group = parts.slice(2).join('.');
      const hit = all.find((r) => r.group === group && r.version === version && matches(r, name));
      if (hit) return hit;
    }
    if (parts.length >= 2) {
      const name = parts[0] as string;
      const group = parts.slice(1).join('.');
      const hit = all.find((r) => r.preferred && r.group === group && matches(r, name)) ?? all.find((r) => r.group === group && matches(r, name));
      if (hit) return hit;
    }
    const exact = (pred: (r: ResourceMapping) => boolean) => all.find((r) => r.preferred && pred(r) && !r.resource.includes('/'));
    return (
      exact((r) => r.resource === w) ??
      exact((r) => r.singular === w) ??
      exact((r) => r.shortNames.includes(w)) ??
      exact((r) => r.kind.toLowerCase() === w)
    );
  }

  /** The mapping for an object's apiVersion + kind (manifests). */
  async forKind(apiVersion: string, kind: string): Promise<ResourceMapping | undefined> {
    const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
    return (await this.resources()).find((r) => r.group === group && r.version === version && r.kind === kind);
  }

  /** Resources in a category (`all`), preferred versions, in discovery order. */
  async category(name: string): Promise<ResourceMapping[]> {
    return (await this.resources()).filter((r) => r.preferred && r.categories.includes(name));
  }
}

export function resourcePath(m: ResourceMapping, namespace: string | undefined, name?: string, subresource?: string): string {
  const base = m.group === '' ? `/api/${m.version}` : `/apis/${m.group}/${m.version}`;
  const ns = m.namespaced && namespace ? `/namespaces/${namespace}` : '';
  return `${base}${ns}/${m.resource}${name !== undefined ? `/${name}` : ''}${subresource ? `/${subresource}` : ''}`;
}
