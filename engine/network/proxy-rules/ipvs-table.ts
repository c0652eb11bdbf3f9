/**
 * `ipvsadm -Ln` on a node whose kube-proxy runs in IPVS mode (pkg/proxy/ipvs): one virtual server per Service
 * ClusterIP:port, and per NodePort on the node's addresses, scheduler `rr`, every ready endpoint a real server
 * with masquerading (`Masq`) and weight 1; ClientIP affinity shows as `persistent <timeoutSeconds>`.
 * Lines follow ipvsadm's print formats (`%s  %s %s` for a service, `  -> %-28s %-7s %-6d %-10u %-10u` for a
 * destination). The kernel lists services in hash order; here they are sorted by protocol and address so the
 * table reads the same on every run. Connection counters are 0: the lab keeps no conntrack table.
 */
import type { ServicePortRules } from './service-ports';

const HEADER = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];

const ipKey = (ip: string): number => ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);

interface VirtualServer {
  protocol: string;
  ip: string;
  port: number;
  persistent?: number;
  endpoints: readonly string[];
}

/**
 * The table; `nodeAddresses` are the addresses the NodePorts are bound on (the node's InternalIPs). With
 * `ipvsMode` false (kube-proxy runs iptables or userspace) the kernel table is empty and only the header prints.
 */
export function ipvsadmList(ports: readonly ServicePortRules[], nodeAddresses: readonly string[], ipvsMode: boolean): string[] {
  if (!ipvsMode) return [...HEADER];
  const servers: VirtualServer[] = [];
  for (const sp of ports) {
    servers.push({ protocol: sp.protocol, ip: sp.clusterIP, port: sp.port, persistent: sp.affinitySeconds, endpoints: sp.endpoints });
    if (sp.nodePort) for (const ip of nodeAddresses) servers.push({ protocol: sp.protocol, ip, port: sp.nodePort, persistent: sp.affinitySeconds, endpoints: sp.endpoints });
  }
  servers.sort((a, b) => (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : ipKey(a.ip) - ipKey(b.ip) || a.port - b.port));
  const lines = [...HEADER];
  for (const s of servers) {
    lines.push(`${s.protocol}  ${s.ip}:${s.port} rr${s.persistent !== undefined ? ` persistent ${s.persistent}` : ''}`);
    for (const ep of s.endpoints) lines.push(`  -> ${ep.padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}`);
  }
  return lines;
}
