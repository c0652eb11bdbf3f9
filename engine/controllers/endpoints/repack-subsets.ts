/**
 * RepackSubsets (pkg/api/v1/endpoints/util.go, 1.32): groups addresses by the exact set of ports they offer, so
 * the Endpoints object lists each (address set, port set) once. An address is keyed by IP and target UID; for a
 * port it is not ready if any contribution said not ready. Addresses sort by IP (bytewise) then target UID.
 *
 * Deviation: upstream orders ports and subsets by an md5 of their Go-struct dump (an arbitrary but stable
 * order); here ports sort by (port, protocol, name) and subsets by their first address, equally stable.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';

const NO_PORT = '\u0000no-port';

function portKey(p: EndpointPort): string {
  return JSON.stringify([p.name ?? '', p.port, p.protocol ?? '', p.appProtocol ?? null]);
}

function addressKey(a: EndpointAddress): string {
  return `${a.ip}\u0000${a.targetRef?.uid ?? ''}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** LessEndpointAddress: by IP, then an address without a target before one with, then by target UID. */
export function compareEndpointAddresses(a: EndpointAddress, b: EndpointAddress): number {
  const byIP = compareStrings(a.ip, b.ip);
  if (byIP !== 0) return byIP;
  if (!a.targetRef && !b.targetRef) return 0;
  if (!a.targetRef) return -1;
  if (!b.targetRef) return 1;
  return compareStrings(a.targetRef.uid ?? '', b.targetRef.uid ?? '');
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return a.port - b.port || compareStrings(a.protocol ?? '', b.protocol ?? '') || compareStrings(a.name ?? '', b.name ?? '');
}

export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const addresses = new Map<string, EndpointAddress>();
  const ports = new Map<string, EndpointPort | undefined>();
  /** port key → address key → ready */
  const byPort = new Map<string, Map<string, boolean>>();
  const note = (addr: EndpointAddress, port: string, ready: boolean) => {
    const key = addressKey(addr);
    if (!addresses.has(key)) addresses.set(key, { ...addr });
    let set = byPort.get(port);
    if (!set) byPort.set(port, (set = new Map()));
    // Not ready always trumps ready.
    if (set.get(key) !== false) set.set(key, ready);
  };
  for (const ss of subsets) {
    const portKeys = (ss.ports ?? []).length === 0 ? [NO_PORT] : (ss.ports ?? []).map((p) => {
      const k = portKey(p);
      ports.set(k, p);
      return k;
    });
    for (const k of portKeys) {
      for (const a of ss.addresses ?? []) note(a, k, true);
      for (const a of ss.notReadyAddresses ?? []) note(a, k, false);
    }
  }
  // Group ports by the identical (address, readiness) set they map to.
  const groups = new Map<string, { set: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const [pk, set] of byPort) {
    const setKey = JSON.stringify([...set].sort(([a], [b]) => compareStrings(a, b)));
    let g = groups.get(setKey);
    if (!g) groups.set(setKey, (g = { set, ports: [] }));
    const port = ports.get(pk);
    if (pk !== NO_PORT && port) g.ports.push({ ...port });
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [ak, isReady] of g.set) (isReady ? ready : notReady).push(addresses.get(ak)!);
    const ss: EndpointSubset = {};
    if (ready.length > 0) ss.addresses = ready.sort(compareEndpointAddresses);
    if (notReady.length > 0) ss.notReadyAddresses = notReady.sort(compareEndpointAddresses);
    if (g.ports.length > 0) ss.ports = g.ports.sort(comparePorts);
    out.push(ss);
  }
  const first = (ss: EndpointSubset) => ss.addresses?.[0] ?? ss.notReadyAddresses?.[0];
  return out.sort((a, b) => {
    const fa = first(a);
    const fb = first(b);
    return (fa && fb ? compareEndpointAddresses(fa, fb) : 0) || compareStrings(JSON.stringify(a.ports ?? []), JSON.stringify(b.ports ?? []));
  });
}
