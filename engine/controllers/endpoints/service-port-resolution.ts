/**
 * podutil.FindPort (pkg/api/v1/pod/util.go, 1.32): a numeric targetPort is used as is; a named one is looked
 * up among the containers' ports with the same name and protocol, then among restartable init containers
 * (sidecars). Undefined when a named port is not found — the pod then offers no endpoint for that Service port.
 */
import type { ServicePort } from 'kubernetes-types/core/v1';
import type { PodObject } from './endpoint-types';

export function findPort(pod: PodObject, svcPort: ServicePort): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  const protocol = svcPort.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}
