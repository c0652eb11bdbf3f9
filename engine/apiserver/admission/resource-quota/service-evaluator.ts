/**
 * Quota accounting for services (pkg/quota/v1/evaluator/core/services.go): each service counts once, a
 * LoadBalancer once more as `services.loadbalancers`, and NodePort/LoadBalancer services one
 * `services.nodeports` per port — only ports that name a nodePort when a LoadBalancer turns allocation off.
 * Updates are charged too, because a service can change type.
 */
import type { KubeObject } from '../../../api/objects';
import { quantityFromInt } from '../quantity';
import type { ResourceList } from '../resource-list';
import type { QuotaEvaluator } from './evaluator';

const SERVICE_RESOURCES = new Set(['count/services', 'services', 'services.nodeports', 'services.loadbalancers']);

interface ServiceSpec {
  type?: string;
  ports?: { nodePort?: number }[];
  allocateLoadBalancerNodePorts?: boolean;
}

export function serviceUsage(obj: KubeObject): ResourceList {
  const spec = (obj.spec ?? {}) as ServiceSpec;
  const ports = spec.ports ?? [];
  let nodePorts = 0;
  let loadBalancers = 0;
  if (spec.type === 'NodePort') nodePorts = ports.length;
  if (spec.type === 'LoadBalancer') {
    nodePorts = spec.allocateLoadBalancerNodePorts === false ? ports.filter((p) => p.nodePort !== undefined && p.nodePort !== 0).length : ports.length;
    loadBalancers = 1;
  }
  return new Map([
    ['count/services', quantityFromInt(1)],
    ['services', quantityFromInt(1)],
    ['services.loadbalancers', quantityFromInt(loadBalancers)],
    ['services.nodeports', quantityFromInt(nodePorts)],
  ]);
}

export const serviceEvaluator: QuotaEvaluator = {
  handles: (a) => a.operation === 'CREATE' || a.operation === 'UPDATE',
  matchingResources: (names) => names.filter((n) => SERVICE_RESOURCES.has(n)),
  matchesScope: () => false,
  constraints: () => undefined,
  usage: serviceUsage,
};
