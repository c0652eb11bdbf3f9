/**
 * The seam between a node's simulated runtime and the cluster network (engine/network): how a process in a
 * container reaches an IP that is not in its own sandbox, and how names resolve beyond /etc/hosts.
 * Without a network set, a runtime reaches only its own sandboxes by pod IP and resolves no DNS names.
 */
import type { Connection } from './container-runtime';

export type DnsType = 'A' | 'SRV';

export interface SrvRecord {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

/** The records one fully qualified name has: owner name plus A addresses or SRV records. */
export interface DnsAnswer {
  name: string;
  addresses: string[];
  srv: SrvRecord[];
}

export interface SimulatedNetwork {
  /** A connection to ip:port (a pod on any node, a Service ClusterIP…), or undefined when refused/unreachable. */
  connect(ip: string, port: number, from: { sandboxIp: string }): Connection | undefined;
  /**
   * The IP `name` resolves to for a pod whose resolv.conf has these search domains (CoreDNS semantics:
   * `web`, `web.default`, `web.default.svc.cluster.local`), or undefined (NXDOMAIN).
   */
  lookup(name: string, from: { sandboxIp: string; searchDomains: string[] }): string | undefined;
  /** A DNS query as nslookup makes it: the owner name that answered and its records, or undefined (NXDOMAIN). */
  query(name: string, type: DnsType, from: { sandboxIp: string; searchDomains: string[] }): DnsAnswer | undefined;
}
