/**
 * One pod's contribution to a Service's Endpoints (pkg/controller/endpoint, 1.32): podToEndpointAddressForService,
 * endpointPortFromServicePort and addEndpointSubset — one single-address subset per (pod, Service port), ready
 * or not ready, which RepackSubsets later merges.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset, ServicePort } from 'kubernetes-types/core/v1';
import type { PodObject, ServiceObject } from './endpoint-types';
import { isPodReady, podIPForFamily, serviceAddressFamily, shouldSetHostname } from './pod-endpoint-eligibility';
import { findPort } from './service-port-resolution';

/** The address for `pod`, or undefined when it has no IP of the Service's family. */
export function podToEndpointAddress(svc: ServiceObject, pod: PodObject): EndpointAddress | undefined {
  const ip = podIPForFamily(pod, serviceAddressFamily(svc, pod));
  if (ip === undefined) return undefined;
  // Field order as the API serializes an EndpointAddress: ip, hostname, nodeName, targetRef.
  const addr: EndpointAddress = { ip };
  if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec?.hostname;
  // Upstream always points nodeName at spec.nodeName; a pod with an IP is always bound, so it is never empty.
  if (pod.spec?.nodeName) addr.nodeName = pod.spec.nodeName;
  addr.targetRef = { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' };
  return addr;
}

export function endpointPortFromServicePort(svcPort: ServicePort, portNum: number): EndpointPort {
  const port: EndpointPort = { port: portNum, protocol: svcPort.protocol ?? 'TCP' };
  if (svcPort.name) port.name = svcPort.name;
  if (svcPort.appProtocol !== undefined) port.appProtocol = svcPort.appProtocol;
  return port;
}

/**
 * The single-address subsets `pod` adds: per Service port whose target the pod resolves; none for a pod whose
 * IP family does not match; for a headless Service without ports, one port-less subset.
 * Ready unless the pod is not Ready and the Service does not publish not-ready addresses.
 */
export function podSubsets(svc: ServiceObject, pod: PodObject): EndpointSubset[] {
  const addr = podToEndpointAddress(svc, pod);
  if (!addr) return [];
  const ready = svc.spec?.publishNotReadyAddresses === true || isPodReady(pod);
  const subset = (ports: EndpointPort[]): EndpointSubset => (ready ? { addresses: [{ ...addr }], ports } : { notReadyAddresses: [{ ...addr }], ports });
  const svcPorts = svc.spec?.ports ?? [];
  if (svcPorts.length === 0) return svc.spec?.clusterIP === 'None' ? [subset([])] : [];
  const out: EndpointSubset[] = [];
  for (const sp of svcPorts) {
    const num = findPort(pod, sp);
    if (num === undefined) continue;
    out.push(subset([endpointPortFromServicePort(sp, num)]));
  }
  return out;
}
