/**
 * kube-proxy's iptables rules as `iptables-save` prints them on a node (pkg/proxy/iptables/proxier.go, 1.32),
 * for the three proxy modes the lab offers:
 * - iptables: KUBE-SERVICES → KUBE-SVC-<hash> → KUBE-SEP-<hash> (DNAT), `-m statistic --mode random
 *   --probability 1/(n-i)` on every endpoint rule but the last, `-m recent` for ClientIP affinity, NodePorts
 *   through KUBE-NODEPORTS → KUBE-EXT-<hash>, and REJECT in the filter table for Services without endpoints;
 * - ipvs: the few iptables rules IPVS mode keeps (ipset matches; the balancing is in `ipvsadm -Ln`);
 * - userspace (removed upstream in 1.26, kept for the notes): KUBE-PORTALS-* REDIRECTs to kube-proxy's port.
 *
 * Chain names use upstream's hash, so `KUBE-SVC-NPX46M4PTMTKRN6Y` is default/kubernetes:https here as on any
 * cluster. Probabilities print as iptables-save reads them back from xt_statistic: 1/(n-i) scaled to 2^31,
 * rounded, divided back, with 11 decimals (0.33333333349 for 1/3).
 * Within a table, chains print as iptables-save orders them: built-ins first, then the rest by name; rules
 * are grouped by chain in that order, and within a chain in the order kube-proxy writes them.
 */
import type { ServicePortRules } from './service-ports';
import { portProtoHash } from './service-ports';

export type RenderedProxyMode = 'iptables' | 'ipvs' | 'userspace';

const MASQ_MARK = '0x4000/0x4000';

/** xt_statistic's round trip of kube-proxy's `%0.10f` probability. */
export function savedProbability(n: number): string {
  const written = Number((1 / n).toFixed(10));
  return (Math.round(written * 2 ** 31) / 2 ** 31).toFixed(11);
}

class Table {
  private readonly chains = new Map<string, string[]>();
  constructor(
    readonly name: string,
    private readonly builtins: readonly string[],
  ) {
    for (const b of builtins) this.chains.set(b, []);
  }
  chain(name: string): void {
    if (!this.chains.has(name)) this.chains.set(name, []);
  }
  rule(chain: string, ...args: string[]): void {
    this.chain(chain);
    this.chains.get(chain)!.push(`-A ${chain} ${args.join(' ')}`);
  }
  lines(): string[] {
    const custom = [...this.chains.keys()].filter((c) => !this.builtins.includes(c)).sort();
    const order = [...this.builtins, ...custom];
    return [
      `*${this.name}`,
      ...this.builtins.map((c) => `:${c} ACCEPT [0:0]`),
      ...custom.map((c) => `:${c} - [0:0]`),
      ...order.flatMap((c) => this.chains.get(c)!),
      'COMMIT',
    ];
  }
}

const comment = (text: string): string[] => ['-m', 'comment', '--comment', `"${text}"`];
const proto = (p: string): string => p.toLowerCase();

function natTableIptables(ports: readonly ServicePortRules[], clusterCidr: string): Table {
  const nat = new Table('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
  commonNat(nat);
  for (const sp of ports) {
    const p = proto(sp.protocol);
    const hash = portProtoHash(sp.name, p);
    const svcChain = `KUBE-SVC-${hash}`;
    if (sp.endpoints.length === 0) continue; // the filter table REJECTs it
    nat.rule('KUBE-SERVICES', '-d', `${sp.clusterIP}/32`, '-p', p, ...comment(`${sp.name} cluster IP`), '-m', p, '--dport', String(sp.port), '-j', svcChain);
    nat.rule(svcChain, '!', '-s', clusterCidr, '-d', `${sp.clusterIP}/32`, '-p', p, ...comment(`${sp.name} cluster IP`), '-m', p, '--dport', String(sp.port), '-j', 'KUBE-MARK-MASQ');
    if (sp.nodePort) {
      const extChain = `KUBE-EXT-${hash}`;
      nat.rule('KUBE-NODEPORTS', '-p', p, ...comment(sp.name), '-m', p, '--dport', String(sp.nodePort), '-j', extChain);
      nat.rule(extChain, ...comment(`masquerade traffic for ${sp.name} external destinations`), '-j', 'KUBE-MARK-MASQ');
      nat.rule(extChain, '-j', svcChain);
    }
    const seps = sp.endpoints.map((ep) => ({ ep, chain: `KUBE-SEP-${portProtoHash(sp.name, p, ep)}` }));
    if (sp.affinitySeconds !== undefined) {
      for (const { ep, chain } of seps) {
        nat.rule(svcChain, ...comment(`${sp.name} -> ${ep}`), '-m', 'recent', '--rcheck', '--seconds', String(sp.affinitySeconds), '--reap', '--name', chain, '--mask', '255.255.255.255', '--rsource', '-j', chain);
      }
    }
    seps.forEach(({ ep, chain }, i) => {
      const statistic = i < seps.length - 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', savedProbability(seps.length - i)] : [];
      nat.rule(svcChain, ...comment(`${sp.name} -> ${ep}`), ...statistic, '-j', chain);
      const ip = ep.slice(0, ep.lastIndexOf(':'));
      nat.rule(chain, '-s', `${ip}/32`, ...comment(sp.name), '-j', 'KUBE-MARK-MASQ');
      const recent = sp.affinitySeconds !== undefined ? ['-m', 'recent', '--set', '--name', chain, '--mask', '255.255.255.255', '--rsource'] : [];
      nat.rule(chain, '-p', p, ...comment(sp.name), ...recent, '-m', p, '-j', 'DNAT', '--to-destination', ep);
    });
  }
  nat.rule('KUBE-SERVICES', ...comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODEPORTS');
  return nat;
}

/** Chains and jumps every mode's nat table has (the masquerade mark and the POSTROUTING hook). */
function commonNat(nat: Table): void {
  nat.chain('KUBE-NODEPORTS');
  nat.chain('KUBE-PROXY-CANARY');
  nat.rule('PREROUTING', ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES');
  nat.rule('OUTPUT', ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES');
  nat.rule('POSTROUTING', ...comment('kubernetes postrouting rules'), '-j', 'KUBE-POSTROUTING');
  nat.rule('KUBE-MARK-MASQ', '-j', 'MARK', '--set-xmark', MASQ_MARK);
  nat.rule('KUBE-POSTROUTING', '-m', 'mark', '!', '--mark', MASQ_MARK, '-j', 'RETURN');
  nat.rule('KUBE-POSTROUTING', '-j', 'MARK', '--set-xmark', '0x4000/0x0');
  nat.rule('KUBE-POSTROUTING', ...comment('kubernetes service traffic requiring SNAT'), '-j', 'MASQUERADE', '--random-fully');
}

function natTableIpvs(ports: readonly ServicePortRules[], clusterCidr: string): Table {
  const nat = new Table('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
  commonNat(nat);
  nat.chain('KUBE-LOAD-BALANCER');
  nat.rule('KUBE-SERVICES', '!', '-s', clusterCidr, ...comment('Kubernetes service cluster ip + port for masquerade purpose'), '-m', 'set', '--match-set', 'KUBE-CLUSTER-IP', 'dst,dst', '-j', 'KUBE-MARK-MASQ');
  nat.rule('KUBE-SERVICES', '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODE-PORT');
  nat.rule('KUBE-SERVICES', '-m', 'set', '--match-set', 'KUBE-CLUSTER-IP', 'dst,dst', '-j', 'ACCEPT');
  for (const p of [...new Set(ports.filter((sp) => sp.nodePort).map((sp) => sp.protocol))].sort()) {
    nat.rule('KUBE-NODE-PORT', '-p', proto(p), ...comment(`Kubernetes nodeport ${p} port for masquerade purpose`), '-m', 'set', '--match-set', `KUBE-NODE-PORT-${p}`, 'dst', '-j', 'KUBE-MARK-MASQ');
  }
  nat.chain('KUBE-NODE-PORT');
  return nat;
}

/** The userspace proxier's portal rules: each Service port REDIRECTs to the port kube-proxy listens on for it. */
function natTableUserspace(ports: readonly ServicePortRules[]): Table {
  const nat = new Table('nat', ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING']);
  nat.rule('PREROUTING', ...comment('handle ClusterIPs; NOTE: this must be before the NodePort rules'), '-j', 'KUBE-PORTALS-CONTAINER');
  nat.rule('PREROUTING', '-m', 'addrtype', '--dst-type', 'LOCAL', ...comment('handle service NodePorts; NOTE: this must be the last rule in the chain'), '-j', 'KUBE-NODEPORT-CONTAINER');
  nat.rule('OUTPUT', ...comment('handle ClusterIPs; NOTE: this must be before the NodePort rules'), '-j', 'KUBE-PORTALS-HOST');
  nat.rule('OUTPUT', '-m', 'addrtype', '--dst-type', 'LOCAL', ...comment('handle service NodePorts; NOTE: this must be the last rule in the chain'), '-j', 'KUBE-NODEPORT-HOST');
  for (const c of ['KUBE-PORTALS-CONTAINER', 'KUBE-PORTALS-HOST', 'KUBE-NODEPORT-CONTAINER', 'KUBE-NODEPORT-HOST']) nat.chain(c);
  for (const sp of ports) {
    const p = proto(sp.protocol);
    const proxyPort = userspaceProxyPort(sp);
    nat.rule('KUBE-PORTALS-CONTAINER', '-d', `${sp.clusterIP}/32`, '-p', p, ...comment(sp.name), '-m', p, '--dport', String(sp.port), '-j', 'REDIRECT', '--to-ports', String(proxyPort));
    nat.rule('KUBE-PORTALS-HOST', '-d', `${sp.clusterIP}/32`, '-p', p, ...comment(sp.name), '-m', p, '--dport', String(sp.port), '-j', 'DNAT', '--to-destination', `127.0.0.1:${proxyPort}`);
    if (sp.nodePort) {
      nat.rule('KUBE-NODEPORT-CONTAINER', '-p', p, ...comment(sp.name), '-m', p, '--dport', String(sp.nodePort), '-j', 'REDIRECT', '--to-ports', String(proxyPort));
      nat.rule('KUBE-NODEPORT-HOST', '-p', p, ...comment(sp.name), '-m', p, '--dport', String(sp.nodePort), '-j', 'DNAT', '--to-destination', `127.0.0.1:${proxyPort}`);
    }
  }
  return nat;
}

/**
 * The local port the userspace proxier listens on for a Service port. Upstream takes a free ephemeral port at
 * random; here it is derived from the Service port's hash so the rules read the same on every run.
 */
function userspaceProxyPort(sp: ServicePortRules): number {
  const h = portProtoHash(sp.name, proto(sp.protocol));
  let n = 0;
  for (const ch of h) n = (n * 31 + ch.charCodeAt(0)) % 28_232;
  return 32_768 + n;
}

function filterTable(ports: readonly ServicePortRules[], mode: RenderedProxyMode): Table {
  const filter = new Table('filter', ['INPUT', 'FORWARD', 'OUTPUT']);
  if (mode === 'userspace') return filter;
  filter.chain('KUBE-PROXY-CANARY');
  filter.rule('INPUT', '-m', 'conntrack', '--ctstate', 'NEW', ...comment('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL');
  filter.rule('INPUT', ...comment('kubernetes health check service ports'), '-j', 'KUBE-NODEPORTS');
  filter.rule('INPUT', '-m', 'conntrack', '--ctstate', 'NEW', ...comment('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES');
  filter.rule('FORWARD', '-m', 'conntrack', '--ctstate', 'NEW', ...comment('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL');
  filter.rule('FORWARD', ...comment('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD');
  filter.rule('FORWARD', '-m', 'conntrack', '--ctstate', 'NEW', ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES');
  filter.rule('FORWARD', '-m', 'conntrack', '--ctstate', 'NEW', ...comment('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES');
  filter.rule('OUTPUT', '-m', 'conntrack', '--ctstate', 'NEW', ...comment('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL');
  filter.rule('OUTPUT', '-m', 'conntrack', '--ctstate', 'NEW', ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES');
  filter.rule('KUBE-FORWARD', '-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'DROP');
  filter.rule('KUBE-FORWARD', ...comment('kubernetes forwarding rules'), '-m', 'mark', '--mark', MASQ_MARK, '-j', 'ACCEPT');
  filter.rule('KUBE-FORWARD', ...comment('kubernetes forwarding conntrack rule'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT');
  for (const c of ['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES']) filter.chain(c);
  if (mode === 'ipvs') return filter;
  for (const sp of ports) {
    if (sp.endpoints.length > 0) continue;
    const p = proto(sp.protocol);
    filter.rule('KUBE-SERVICES', '-d', `${sp.clusterIP}/32`, '-p', p, ...comment(`${sp.name} has no endpoints`), '-m', p, '--dport', String(sp.port), '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable');
    if (sp.nodePort) {
      filter.rule('KUBE-EXTERNAL-SERVICES', '-p', p, ...comment(`${sp.name} has no endpoints`), '-m', 'addrtype', '--dst-type', 'LOCAL', '-m', p, '--dport', String(sp.nodePort), '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable');
    }
  }
  return filter;
}

function natTable(ports: readonly ServicePortRules[], mode: RenderedProxyMode, clusterCidr: string): Table {
  if (mode === 'ipvs') return natTableIpvs(ports, clusterCidr);
  if (mode === 'userspace') return natTableUserspace(ports);
  return natTableIptables(ports, clusterCidr);
}

export interface IptablesView {
  ports: readonly ServicePortRules[];
  mode: RenderedProxyMode;
  /** The cluster's pod CIDR (kube-proxy's --cluster-cidr), for the masquerade rules. */
  clusterCidr: string;
}

/** The rules of `table` (or of filter and nat) as `iptables-save` lines, without its header and footer comments. */
export function iptablesSaveLines(view: IptablesView, table?: 'nat' | 'filter'): string[] {
  const tables = table === 'nat' ? [natTable(view.ports, view.mode, view.clusterCidr)] : table === 'filter' ? [filterTable(view.ports, view.mode)] : [filterTable(view.ports, view.mode), natTable(view.ports, view.mode, view.clusterCidr)];
  return tables.flatMap((t) => t.lines());
}

/** `iptables -t <table> -S [chain]`: the chain declarations (`-N`, `-P` for built-ins) and rules, no counters. */
export function iptablesSpecLines(view: IptablesView, table: 'nat' | 'filter', chain?: string): string[] | undefined {
  const lines = iptablesSaveLines(view, table);
  const policies = lines.filter((l) => / ACCEPT \[0:0\]$/.test(l)).map((l) => `-P ${l.slice(1, l.indexOf(' '))} ACCEPT`);
  const customs = lines.filter((l) => / - \[0:0\]$/.test(l)).map((l) => `-N ${l.slice(1, l.indexOf(' '))}`);
  const rules = lines.filter((l) => l.startsWith('-A '));
  if (chain === undefined) return [...policies, ...customs, ...rules];
  const declared = policies.find((l) => l.split(' ')[1] === chain) ?? customs.find((l) => l.split(' ')[1] === chain);
  if (declared === undefined) return undefined;
  return [declared, ...rules.filter((l) => l.split(' ')[1] === chain)];
}
