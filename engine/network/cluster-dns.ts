/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it for `cluster.local`:
 * - A `<svc>.<ns>.svc.cluster.local`: the Service's ClusterIP; a headless Service (clusterIP None) answers one
 *   record per ready endpoint address;
 * - A `<hostname>.<subdomain>.<ns>.svc.cluster.local`: a pod whose spec.hostname/subdomain match, when a headless
 *   Service named `subdomain` exists in its namespace (how StatefulSet pods get stable names);
 * - SRV `_<port>._<proto>.<svc>.<ns>.svc.cluster.local`: priority 0, weight 100 ÷ number of records, the
 *   named port; the target is the Service's name for a ClusterIP Service, and for a headless one each ready
 *   endpoint's name (its hostname, else its address with dashes) under the Service's name;
 * - relative names are tried with the pod's search domains first when they have fewer than ndots (5) dots, as the
 *   resolver does with `options ndots:5`.
 * Every answer carries its owner name, the fully qualified name that matched, as a DNS reply does.
 */
import type { KubeObject } from '../api/objects';
import type { DnsAnswer, DnsType, SrvRecord } from '../kubelet/runtime/simulated-network';

const ZONE = 'cluster.local';
const NDOTS = 5;

export interface DnsEndpoint {
  address: string;
  hostname?: string;
  /** The EndpointSlice's ports: name (may be empty), port, protocol. */
  ports: Array<{ name: string; port: number; protocol: string }>;
}

export interface DnsView {
  service(namespace: string, name: string): KubeObject | undefined;
  /** Ready endpoints of a Service (from its EndpointSlices), one per address. */
  readyEndpoints(namespace: string, service: string): DnsEndpoint[];
  pods(namespace: string): Iterable<KubeObject>;
}

interface ServiceSpec {
  clusterIP?: string;
  ports?: Array<{ name?: string; port: number; protocol?: string }>;
}

const isHeadless = (service: KubeObject): boolean => ((service['spec'] as ServiceSpec | undefined)?.clusterIP ?? '') === 'None';

/** The A addresses `fqdn` (no trailing dot) has in the cluster zone, or [] (NXDOMAIN). */
export function resolveFqdn(view: DnsView, fqdn: string): string[] {
  if (!fqdn.endsWith(`.svc.${ZONE}`)) return [];
  const labels = fqdn.slice(0, -`.svc.${ZONE}`.length).split('.');
  if (labels.length === 2) {
    const [svc, ns] = labels as [string, string];
    const service = view.service(ns, svc);
    if (!service) return [];
    const spec = (service['spec'] ?? {}) as ServiceSpec;
    if (spec.clusterIP && spec.clusterIP !== 'None') return [spec.clusterIP];
    return [...new Set(view.readyEndpoints(ns, svc).map((e) => e.address))].sort();
  }
  if (labels.length === 3) {
    const [host, subdomain, ns] = labels as [string, string, string];
    const service = view.service(ns, subdomain);
    if (!service || !isHeadless(service)) return [];
    for (const pod of view.pods(ns)) {
      const spec = (pod['spec'] ?? {}) as { hostname?: string; subdomain?: string };
      const ip = (pod['status'] as { podIP?: string } | undefined)?.podIP;
      if (spec.hostname === host && spec.subdomain === subdomain && ip) return [ip];
    }
  }
  return [];
}

/** The SRV records of `_port._proto.svc.ns.svc.cluster.local`, or [] (NXDOMAIN). */
export function resolveSrv(view: DnsView, fqdn: string): SrvRecord[] {
  if (!fqdn.endsWith(`.svc.${ZONE}`)) return [];
  const labels = fqdn.slice(0, -`.svc.${ZONE}`.length).split('.');
  if (labels.length !== 4 || !labels[0]!.startsWith('_') || !labels[1]!.startsWith('_')) return [];
  const [portLabel, protoLabel, svc, ns] = labels as [string, string, string, string];
  const portName = portLabel.slice(1);
  const protocol = protoLabel.slice(1).toUpperCase();
  const service = view.service(ns, svc);
  if (!service) return [];
  const serviceName = `${svc}.${ns}.svc.${ZONE}`;
  let records: Array<Omit<SrvRecord, 'weight'>> = [];
  if (!isHeadless(service)) {
    const sp = ((service['spec'] as ServiceSpec).ports ?? []).find((p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === protocol);
    if (sp) records = [{ priority: 0, port: sp.port, target: serviceName }];
  } else {
    for (const e of view.readyEndpoints(ns, svc)) {
      const p = e.ports.find((x) => x.name === portName && x.protocol === protocol);
      if (p) records.push({ priority: 0, port: p.port, target: `${e.hostname ?? e.address.replace(/\./g, '-')}.${serviceName}` });
    }
    records.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
  }
  const weight = records.length === 0 ? 0 : Math.floor(100 / records.length);
  return records.map((r) => ({ ...r, weight }));
}

/** The resolver's search order: the name as given (if it has ndots dots or ends with '.'), then with each search domain. */
function candidates(name: string, searchDomains: readonly string[]): string[] {
  const absolute = name.endsWith('.');
  const bare = absolute ? name.slice(0, -1) : name;
  const dots = bare.split('.').length - 1;
  if (absolute) return [bare];
  return dots >= NDOTS ? [bare, ...searchDomains.map((d) => `${bare}.${d}`)] : [...searchDomains.map((d) => `${bare}.${d}`), bare];
}

/** The first candidate name with records of `type`, or undefined (NXDOMAIN everywhere). */
export function query(view: DnsView, name: string, type: DnsType, searchDomains: readonly string[]): DnsAnswer | undefined {
  for (const c of candidates(name, searchDomains)) {
    if (type === 'A') {
      const addresses = resolveFqdn(view, c);
      if (addresses.length > 0) return { name: c, addresses, srv: [] };
    } else {
      const srv = resolveSrv(view, c);
      if (srv.length > 0) return { name: c, addresses: [], srv };
    }
  }
  return undefined;
}

/** The A addresses `name` resolves to through the search path ([] when it does not resolve). */
export function resolveName(view: DnsView, name: string, searchDomains: readonly string[]): string[] {
  return query(view, name, 'A', searchDomains)?.addresses ?? [];
}
