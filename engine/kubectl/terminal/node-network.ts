/**
 * The node-side views of kube-proxy's work, as the notes read them on a node: `iptables-save [-t TABLE]`,
 * `iptables [-t TABLE] -S [CHAIN]` and `ipvsadm -Ln`. They render the rules from the Services, EndpointSlices
 * and Nodes the API server holds right now (engine/network/proxy-rules), for the cluster's proxy mode, on the
 * first node by name (every node's rules are the same, but for ipvsadm's NodePort lines on its own address).
 */
import type { KubeObject } from '../../api/objects';
import type { ApiHandler } from '../../apiserver/handler-types';
import type { Clock } from '../../base/clock';
import { ApiClient } from '../../client/api-client';
import { iptablesSaveLines, iptablesSpecLines, type RenderedProxyMode } from '../../network/proxy-rules/iptables-rules';
import { ipvsadmList } from '../../network/proxy-rules/ipvs-table';
import { servicePortRules } from '../../network/proxy-rules/service-ports';

export const NODE_NETWORK_COMMANDS = ['iptables-save', 'iptables', 'ipvsadm'] as const;

const KUBE_PROXY = { name: 'system:kube-proxy', groups: ['system:authenticated'] };
const IPTABLES_VERSION = 'v1.8.9 (nf_tables)';

export interface NodeNetworkContext {
  handler: ApiHandler;
  clock: Clock;
  mode: RenderedProxyMode;
  out(s: string): void;
  err(s: string): void;
}

interface ClusterView {
  services: KubeObject[];
  slices: KubeObject[];
  nodes: KubeObject[];
}

async function readCluster(handler: ApiHandler): Promise<ClusterView> {
  const client = new ApiClient(handler, KUBE_PROXY, 'kube-proxy/v1.32.4 (linux/amd64) kubernetes/59526cd');
  const [services, slices, nodes] = await Promise.all([
    client.list({ group: '', version: 'v1', resource: 'services' }),
    client.list({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' }),
    client.list({ group: '', version: 'v1', resource: 'nodes' }),
  ]);
  return { services: services.items, slices: slices.items, nodes: nodes.items };
}

/** kube-proxy's --cluster-cidr: kind's 10.244.0.0/16 while every node's podCIDR lies in it, else the lab's large-cluster CIDR. */
function clusterCidr(nodes: readonly KubeObject[]): string {
  const inKindRange = nodes.every((n) => {
    const cidr = (n['spec'] as { podCIDR?: string } | undefined)?.podCIDR;
    return cidr === undefined || cidr.startsWith('10.244.');
  });
  return inKindRange ? '10.244.0.0/16' : '10.128.0.0/9';
}

/** glibc ctime(): `Tue Nov 24 05:00:00 2026` (the day of month space-padded), in UTC. */
function ctime(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day} ${month} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** `-t nat`, `-tnat`, `--table nat`, `--table=nat`; undefined when absent. */
function tableFlag(args: readonly string[]): { table?: string; rest: string[] } {
  const rest: string[] = [];
  let table: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-t' || a === '--table') table = args[++i];
    else if (a.startsWith('--table=')) table = a.slice('--table='.length);
    else if (a.startsWith('-t') && a.length > 2 && !a.startsWith('--')) table = a.slice(2);
    else rest.push(a);
  }
  return { table, rest };
}

const KNOWN_TABLES = ['filter', 'nat'];

export async function runNodeNetworkCommand(cmd: (typeof NODE_NETWORK_COMMANDS)[number], args: readonly string[], ctx: NodeNetworkContext): Promise<number> {
  const view = await readCluster(ctx.handler);
  const ports = servicePortRules(view.services, view.slices);
  const rules = { ports, mode: ctx.mode, clusterCidr: clusterCidr(view.nodes) };
  const print = (lines: string[]) => ctx.out(lines.map((l) => `${l}\n`).join(''));

  if (cmd === 'ipvsadm') {
    const listing = args.some((a) => a === '-L' || a === '-l' || a === '--list' || /^-[A-Za-z]*L/.test(a));
    if (!listing && args.length > 0) {
      ctx.err('ipvsadm: only listing (ipvsadm -Ln) is available in the lab\n');
      return 2;
    }
    const node = [...view.nodes].sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1))[0];
    const addresses = ((node?.['status'] as { addresses?: Array<{ type: string; address: string }> } | undefined)?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
    print(ipvsadmList(ports, addresses, ctx.mode === 'ipvs'));
    return 0;
  }

  const { table, rest } = tableFlag(args);
  if (table !== undefined && !KNOWN_TABLES.includes(table)) {
    ctx.err(`${cmd === 'iptables-save' ? 'iptables-save' : 'iptables'}: table '${table}' does not exist\n`);
    return cmd === 'iptables-save' ? 1 : 3;
  }
  if (cmd === 'iptables-save') {
    if (rest.length > 0) {
      ctx.err(`iptables-save: unrecognized option '${rest[0]}'\n`);
      return 1;
    }
    const stamp = ctime(ctx.clock.now());
    const lines: string[] = [];
    for (const t of table === undefined ? ['filter', 'nat'] : [table]) {
      lines.push(`# Generated by iptables-save ${IPTABLES_VERSION} on ${stamp}`, ...iptablesSaveLines(rules, t as 'filter' | 'nat'), `# Completed on ${stamp}`);
    }
    print(lines);
    return 0;
  }
  // iptables: -S / --list-rules [CHAIN]
  const specIndex = rest.findIndex((a) => a === '-S' || a === '--list-rules');
  if (specIndex < 0) {
    ctx.err('iptables: only -S/--list-rules is available in the lab (or use iptables-save)\n');
    return 2;
  }
  const chain = rest[specIndex + 1];
  const lines = iptablesSpecLines(rules, (table ?? 'filter') as 'filter' | 'nat', chain);
  if (lines === undefined) {
    ctx.err(`iptables: No chain/target/match by that name.\n`);
    return 1;
  }
  print(lines);
  return 0;
}
