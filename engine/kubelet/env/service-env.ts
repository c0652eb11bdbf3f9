/**
 * Service environment variables (pkg/kubelet/envvars): `<NAME>_SERVICE_HOST`, `_SERVICE_PORT`, one
 * `_SERVICE_PORT_<PORTNAME>` per named port, and the Docker-links style `_PORT…` variables. Only services with
 * a ClusterIP take part.
 */
import type { KubeObject } from '../../api/objects';

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
}

function envName(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

export function serviceEnv(services: KubeObject[]): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = [];
  const sorted = [...services].sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  for (const svc of sorted) {
    const spec = (svc['spec'] ?? {}) as { clusterIP?: string; ports?: ServicePort[] };
    const ip = spec.clusterIP;
    if (!ip || ip === 'None') continue;
    const prefix = envName(svc.metadata?.name ?? '');
    const ports = spec.ports ?? [];
    out.push({ name: `${prefix}_SERVICE_HOST`, value: ip });
    const first = ports[0];
    if (first) out.push({ name: `${prefix}_SERVICE_PORT`, value: String(first.port) });
    for (const p of ports) if (p.name) out.push({ name: `${prefix}_SERVICE_PORT_${envName(p.name)}`, value: String(p.port) });
    if (first) out.push({ name: `${prefix}_PORT`, value: `${(first.protocol ?? 'TCP').toLowerCase()}://${ip}:${first.port}` });
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const base = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push({ name: base, value: `${proto.toLowerCase()}://${ip}:${p.port}` });
      out.push({ name: `${base}_PROTO`, value: proto.toLowerCase() });
      out.push({ name: `${base}_PORT`, value: String(p.port) });
      out.push({ name: `${base}_ADDR`, value: ip });
    }
  }
  return out;
}
