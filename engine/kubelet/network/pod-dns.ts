/**
 * /etc/resolv.conf and /etc/hosts as the kubelet has them written for a pod (pkg/kubelet/network/dns/dns.go,
 * kubelet_pods.go managedHostsFileContent).
 */
import type { Pod } from 'kubernetes-types/core/v1';

export const CLUSTER_DNS_IP = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';
/** The node's own resolver (kind nodes resolve through the Docker network's gateway). */
const HOST_NAMESERVER = '172.18.0.1';

export function resolvConf(pod: Pod): string {
  const spec = pod.spec;
  const ns = pod.metadata?.namespace ?? 'default';
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  const clusterFirst = policy === 'ClusterFirst' ? !spec?.hostNetwork : policy === 'ClusterFirstWithHostNet';
  let nameservers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (clusterFirst) {
    nameservers = [CLUSTER_DNS_IP];
    searches = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
    options = ['ndots:5'];
  } else if (policy !== 'None') {
    nameservers = [HOST_NAMESERVER];
  }
  const cfg = spec?.dnsConfig;
  if (cfg) {
    nameservers = [...new Set([...nameservers, ...(cfg.nameservers ?? [])])];
    searches = [...new Set([...searches, ...(cfg.searches ?? [])])];
    for (const o of cfg.options ?? []) {
      const text = o.value !== undefined ? `${o.name}:${o.value}` : (o.name ?? '');
      const key = (o.name ?? '') + ':';
      options = options.filter((x) => !x.startsWith(key) && x !== o.name);
      options.push(text);
    }
  }
  let out = '';
  if (searches.length > 0) out += `search ${searches.join(' ')}\n`;
  for (const n of nameservers) out += `nameserver ${n}\n`;
  if (options.length > 0) out += `options ${options.join(' ')}\n`;
  return out;
}

export function hostsFile(pod: Pod, podIp: string): string {
  const spec = pod.spec;
  const hostname = spec?.hostname || (pod.metadata?.name ?? '');
  let out = '# Kubernetes-managed hosts file.\n';
  out += '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  if (spec?.subdomain) out += `${podIp}\t${hostname}.${spec.subdomain}.${pod.metadata?.namespace}.svc.${CLUSTER_DOMAIN}\t${hostname}\n`;
  else out += `${podIp}\t${hostname}\n`;
  const aliases = spec?.hostAliases ?? [];
  if (aliases.length > 0) {
    out += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) out += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return out;
}
