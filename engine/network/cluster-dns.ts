/**
 * Cluster DNS as CoreDNS's kubernetes plugin answers it for `cluster.local`:
 * - `<svc>.<ns>.svc.cluster.local`: the Service's ClusterIP; a headless Service (clusterIP None) answers its ready
 *   endpoints' addresses;
 * - `<hostname>.<subdomain>.<ns>.svc.cluster.local`: a pod whose spec.hostname/subdomain match, when a headless
 *   Service named `subdomain` exists in its namespace (how StatefulSet pods get stable names);
 * - relative names are tried with the pod's search domains first when they have fewer than ndots (5) dots, as the
 *   resolver does with `options ndots:5`.
 */
import type { KubeObject } from '../api/objects';

const ZONE = 'cluster.local';
const NDOTS = 5;

export interface DnsView {
  service(namespace: string, name: string): KubeObject | undefined;
  /** Ready endpoint addresses of a Service (from its EndpointSlices). */
  readyAddresses(namespace: string, service: string): string[];
  pods(namespace: string): Iterable<KubeObject>;
}

/** The addresses `fqdn` (no trailing dot) has in the cluster zone, or [] (NXDOMAIN). */
export function resolveFqdn(view: DnsView, fqdn: string): string[] {
  if (!fqdn.endsWith(`.svc.${ZONE}`)) return [];
  const labels = fqdn.slice(0, -`.svc.${ZONE}`.length).split('.');
  if (labels.length === 2) {
    const [svc, ns] = labels as [string, string];
    const service = view.service(ns, svc);
    if (!service) return [];
    const spec = (service['spec'] ?? {}) as { clusterIP?: string; type?: string; externalName?: string };
    if (spec.clusterIP && spec.clusterIP !== 'None') return [spec.clusterIP];
    return view.readyAddresses(ns, svc);
  }
  if (labels.length === 3) {
    const [host, subdomain, ns] = labels as [string, string, string];
    const service = view.service(ns, subdomain);
    if (!service || ((service['spec'] as { clusterIP?: string } | undefined)?.clusterIP ?? '') !== 'None') return [];
    for (const pod of view.pods(ns)) {
      const spec = (pod['spec'] ?? {}) as { hostname?: string; subdomain?: string };
      const ip = (pod['status'] as { podIP?: string } | undefined)?.podIP;
      if (spec.hostname === host && spec.subdomain === subdomain && ip) return [ip];
    }
  }
  return [];
}

/** The resolver's search: the name as given (if it has ndots dots or ends with '.'), then with each search domain. */
export function resolveName(view: DnsView, name: string, searchDomains: readonly string[]): string[] {
  const absolute = name.endsWith('.');
  const bare = absolute ? name.slice(0, -1) : name;
  const dots = bare.split('.').length - 1;
  const candidates = absolute ? [bare] : dots >= NDOTS ? [bare, ...searchDomains.map((d) => `${bare}.${d}`)] : [...searchDomains.map((d) => `${bare}.${d}`), bare];
  for (const c of candidates) {
    const found = resolveFqdn(view, c);
    if (found.length > 0) return found;
  }
  return [];
}
