/**
 * What kube-proxy programs, as data: one entry per Service port that has a ClusterIP, with its ready endpoints
 * (from the Service's EndpointSlices) in kube-proxy's order. The iptables and IPVS renderers both read this, and
 * nothing else, so the two views of one cluster can never disagree about which backends a Service has.
 */
import type { KubeObject } from '../../api/objects';
import { sha256Hex } from '../../kubelet/runtime/sha256';

interface ServiceSpec {
  clusterIP?: string;
  type?: string;
  sessionAffinity?: string;
  sessionAffinityConfig?: { clientIP?: { timeoutSeconds?: number } };
  ports?: Array<{ name?: string; port: number; protocol?: string; nodePort?: number; targetPort?: number | string }>;
}

interface SliceShape {
  ports?: Array<{ name?: string; port?: number; protocol?: string }>;
  endpoints?: Array<{ addresses: string[]; conditions?: { ready?: boolean } }>;
}

export interface ServicePortRules {
  /** proxy.ServicePortName.String(): `ns/name`, or `ns/name:port-name` for a named port. */
  name: string;
  namespace: string;
  service: string;
  protocol: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  /** sessionAffinity ClientIP: its timeoutSeconds; undefined without affinity. */
  affinitySeconds?: number;
  /** Ready endpoints as `ip:port`, sorted as kube-proxy sorts them (by that string). */
  endpoints: string[];
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Go's base32.StdEncoding of bytes (with `=` padding). */
export function base32Std(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

/** kube-proxy's portProtoHash: the first 16 base32 characters of sha256(servicePortName + protocol [+ endpoint]). */
export function portProtoHash(servicePortName: string, protocol: string, endpoint = ''): string {
  const hex = sha256Hex(servicePortName + protocol + endpoint);
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return base32Std(bytes).slice(0, 16);
}

/** The Service ports kube-proxy programs: ClusterIP Services (not headless, not ExternalName), sorted by name. */
export function servicePortRules(services: readonly KubeObject[], slices: readonly KubeObject[]): ServicePortRules[] {
  const out: ServicePortRules[] = [];
  for (const svc of services) {
    const spec = (svc['spec'] ?? {}) as ServiceSpec;
    const clusterIP = spec.clusterIP;
    if (!clusterIP || clusterIP === 'None' || spec.type === 'ExternalName') continue;
    const namespace = svc.metadata?.namespace ?? '';
    const service = svc.metadata?.name ?? '';
    const own = slices.filter((s) => s.metadata?.namespace === namespace && s.metadata?.labels?.['kubernetes.io/service-name'] === service) as unknown as SliceShape[];
    for (const sp of spec.ports ?? []) {
      const protocol = sp.protocol ?? 'TCP';
      const endpoints = new Set<string>();
      for (const slice of own) {
        const port = (slice.ports ?? []).find((p) => (p.name ?? '') === (sp.name ?? '') && (p.protocol ?? 'TCP') === protocol);
        if (port?.port === undefined) continue;
        for (const e of slice.endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses) endpoints.add(`${a}:${port.port}`);
      }
      out.push({
        name: `${namespace}/${service}${sp.name ? `:${sp.name}` : ''}`,
        namespace,
        service,
        protocol,
        clusterIP,
        port: sp.port,
        nodePort: sp.nodePort,
        affinitySeconds: spec.sessionAffinity === 'ClientIP' ? (spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10_800) : undefined,
        endpoints: [...endpoints].sort(),
      });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}
