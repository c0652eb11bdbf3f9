/**
 * Discovery as a 1.32 kube-apiserver serves it: the legacy documents (/api, /apis, /apis/<g>,
 * /api/v1, /apis/<g>/<v>) and aggregated discovery v2 (the same paths asked with
 * `Accept: application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`), which kubectl 1.32 uses.
 */
import type { ResourceInfo } from '../resources/resource-catalog';

export interface GroupVersions {
  group: string;
  versions: string[];
}

/** Groups in the order discovery lists them: core first, then upstream's priority order, then the rest by name. */
export function groupsInOrder(resources: readonly ResourceInfo[], order: readonly string[]): GroupVersions[] {
  const map = new Map<string, Set<string>>();
  for (const r of resources) {
    if (!map.has(r.group)) map.set(r.group, new Set());
    map.get(r.group)?.add(r.version);
  }
  const rank = (g: string): number => {
    const i = order.indexOf(g);
    return i < 0 ? order.length : i;
  };
  return [...map.entries()]
    .sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : rank(a) - rank(b) || a.localeCompare(b)))
    .map(([group, versions]) => ({ group, versions: [...versions].sort(compareKubeVersions) }));
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first (v2 > v1 > v1beta1 > v1alpha1). */
export function compareKubeVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return { major: -1, stage: -1, minor: 0, raw: v };
    return { major: Number(m[1]), stage: m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0, minor: Number(m[3] ?? 0), raw: v };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.major < 0 || y.major < 0) return x.major < 0 && y.major < 0 ? a.localeCompare(b) : x.major < 0 ? 1 : -1;
  return y.stage - x.stage || y.major - x.major || y.minor - x.minor;
}

const gv = (group: string, version: string) => (group === '' ? version : `${group}/${version}`);

export function apiVersionsDocument(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function apiGroup(g: GroupVersions) {
  const versions = g.versions.map((v) => ({ groupVersion: gv(g.group, v), version: v }));
  return { name: g.group, versions, preferredVersion: versions[0] };
}

export function apiGroupListDocument(groups: readonly GroupVersions[]) {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groups.filter((g) => g.group !== '').map(apiGroup) };
}

export function apiGroupDocument(g: GroupVersions) {
  return { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) };
}

export function apiResourceListDocument(group: string, version: string, resources: readonly ResourceInfo[]) {
  const list: Record<string, unknown>[] = [];
  for (const r of resources.filter((x) => x.group === group && x.version === version).sort((a, b) => a.plural.localeCompare(b.plural))) {
    const entry: Record<string, unknown> = {
      name: r.plural,
      singularName: r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: [...r.verbs],
    };
    if (r.shortNames.length > 0) entry['shortNames'] = [...r.shortNames];
    if (r.categories.length > 0) entry['categories'] = [...r.categories];
    list.push(entry);
    for (const s of r.subresources) {
      const sub: Record<string, unknown> = { name: `${r.plural}/${s.name}`, singularName: '', namespaced: r.namespaced };
      if (s.group !== undefined) sub['group'] = s.group;
      if (s.version !== undefined) sub['version'] = s.version;
      sub['kind'] = s.kind;
      sub['verbs'] = [...s.verbs];
      list.push(sub);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv(group, version), resources: list };
}

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

/** True when the client accepts aggregated discovery v2 (or v2beta1, which we answer as v2). */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => /as=APIGroupDiscoveryList/.test(part) && /g=apidiscovery\.k8s\.io/.test(part) && /v=v2(;|$|\s)/.test(part + ';'));
}

export function aggregatedDiscoveryDocument(groups: readonly GroupVersions[], resources: readonly ResourceInfo[], legacy: boolean) {
  const items = groups
    .filter((g) => (legacy ? g.group === '' : g.group !== ''))
    .map((g) => ({
      metadata: legacy ? { creationTimestamp: null } : { name: g.group, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: resources
          .filter((r) => r.group === g.group && r.version === v)
          .sort((a, b) => a.plural.localeCompare(b.plural))
          .map((r) => {
            const res: Record<string, unknown> = {
              resource: r.plural,
              responseKind: { group: r.group, version: r.version, kind: r.kind },
              scope: r.namespaced ? 'Namespaced' : 'Cluster',
              singularResource: r.singular,
              verbs: [...r.verbs],
            };
            if (r.shortNames.length > 0) res['shortNames'] = [...r.shortNames];
            if (r.categories.length > 0) res['categories'] = [...r.categories];
            if (r.subresources.length > 0) {
              res['subresources'] = r.subresources.map((s) => ({
                subresource: s.name,
                responseKind: { group: s.group ?? r.group, version: s.version ?? r.version, kind: s.kind },
                verbs: [...s.verbs],
              }));
            }
            return res;
          }),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}
