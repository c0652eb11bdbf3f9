/**
 * ClusterIP and NodePort allocation for Services, with upstream's ranges and errors: service CIDR 10.96.0.0/12
 * (random free address; the API server's own `kubernetes` Service takes 10.96.0.1), node ports 30000-32767.
 * Used addresses are read from the stored Services, so allocation survives restarts without its own state.
 */
import type { KubeObject } from '../../api/objects';
import type { Random } from '../../base/clock';
import { fieldError, type FieldError } from '../errors/field-errors';
import { apiErrors } from '../errors/status-error';

export const SERVICE_CIDR = { base: (10 << 24) | (96 << 16), bits: 12 };
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}
interface ServiceSpec {
  type?: string;
  clusterIP?: string;
  clusterIPs?: string[];
  ipFamilies?: string[];
  ipFamilyPolicy?: string;
  ports?: ServicePort[];
}

export function ipToString(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function ipToNumber(ip: string): number | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
  return (((parts[0] as number) << 24) | ((parts[1] as number) << 16) | ((parts[2] as number) << 8) | (parts[3] as number)) >>> 0;
}

function inServiceCidr(n: number): boolean {
  const mask = (~0 << (32 - SERVICE_CIDR.bits)) >>> 0;
  return (n & mask) >>> 0 === SERVICE_CIDR.base >>> 0;
}

export function usedAllocations(services: readonly KubeObject[], except?: string): { ips: Set<string>; ports: Set<number> } {
  const ips = new Set<string>();
  const ports = new Set<number>();
  for (const s of services) {
    if (except !== undefined && s.metadata?.uid === except) continue;
    const spec = (s['spec'] ?? {}) as ServiceSpec;
    for (const ip of spec.clusterIPs ?? (spec.clusterIP ? [spec.clusterIP] : [])) if (ip !== 'None') ips.add(ip);
    for (const p of spec.ports ?? []) if (p.nodePort) ports.add(p.nodePort);
  }
  return { ips, ports };
}

/** Fills clusterIP(s), ipFamilies/ipFamilyPolicy and node ports; throws 422 for taken or out-of-range values. */
export function allocateServiceAddresses(svc: KubeObject, used: { ips: Set<string>; ports: Set<number> }, random: Random, old?: KubeObject): void {
  const spec = (svc['spec'] ??= {}) as ServiceSpec;
  const name = svc.metadata?.name ?? '';
  const errors: FieldError[] = [];
  const type = spec.type ?? 'ClusterIP';
  const oldSpec = (old?.['spec'] ?? {}) as ServiceSpec;

  if (type !== 'ExternalName') {
    if (spec.clusterIP === undefined || spec.clusterIP === '') {
      if (oldSpec.clusterIP) {
        spec.clusterIP = oldSpec.clusterIP;
      } else {
        const size = 2 ** (32 - SERVICE_CIDR.bits);
        let ip: string | undefined;
        for (let tries = 0; tries < 1000 && ip === undefined; tries++) {
          const offset = 1 + random.int(size - 2);
          const candidate = ipToString((SERVICE_CIDR.base + offset) >>> 0);
          if (!used.ips.has(candidate)) ip = candidate;
        }
        if (ip === undefined) throw apiErrors.internal('failed to allocate a serviceIP: range is full');
        spec.clusterIP = ip;
      }
    } else if (spec.clusterIP !== 'None' && spec.clusterIP !== oldSpec.clusterIP) {
      const n = ipToNumber(spec.clusterIP);
      if (n === undefined || !inServiceCidr(n)) {
        errors.push(
          fieldError.invalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: the provided IP (${spec.clusterIP}) is not in the valid range. The range of valid IPs is 10.96.0.0/12`),
        );
      } else if (used.ips.has(spec.clusterIP)) {
        errors.push(fieldError.invalid('spec.clusterIPs', [spec.clusterIP], `failed to allocate IP ${spec.clusterIP}: provided IP is already allocated`));
      }
    }
    spec.clusterIPs = [spec.clusterIP as string];
    if (spec.clusterIP !== 'None' || spec.ipFamilies === undefined) spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
  }

  if (type === 'NodePort' || type === 'LoadBalancer') {
    const taken = new Set(used.ports);
    (spec.ports ?? []).forEach((p, i) => {
      const oldPort = oldSpec.ports?.find((o) => o.port === p.port && (o.protocol ?? 'TCP') === (p.protocol ?? 'TCP'))?.nodePort;
      if (p.nodePort === undefined || p.nodePort === 0) {
        if (oldPort) {
          p.nodePort = oldPort;
          return;
        }
        let port: number | undefined;
        const span = NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1;
        for (let tries = 0; tries < 5000 && port === undefined; tries++) {
          const candidate = NODE_PORT_RANGE.min + random.int(span);
          if (!taken.has(candidate)) port = candidate;
        }
        if (port === undefined) throw apiErrors.internal('failed to allocate a nodePort: range is full');
        p.nodePort = port;
        taken.add(port);
        return;
      }
      if (p.nodePort === oldPort) return;
      if (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max) {
        errors.push(
          fieldError.invalid(
            `spec.ports[${i}].nodePort`,
            p.nodePort,
            `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`,
          ),
        );
      } else if (taken.has(p.nodePort)) {
        errors.push(fieldError.invalid(`spec.ports[${i}].nodePort`, p.nodePort, 'provided port is already allocated'));
      } else taken.add(p.nodePort);
    });
  }
  if (errors.length > 0) throw apiErrors.invalid({ group: '', kind: 'Service' }, name, errors);
}
