/**
 * One pod as an EndpointSlice endpoint (k8s.io/endpointslice utils.go, 1.32): podToEndpoint and getEndpointPorts.
 * serving = the pod's Ready condition; terminating = deletionTimestamp set; ready = serving and not terminating,
 * or always with publishNotReadyAddresses. The zone comes from the node's topology.kubernetes.io/zone label.
 */
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { NodeObject, PodObject, ServiceObject } from './endpoint-types';
import { isIPv6, isPodReady, shouldSetHostname } from './pod-endpoint-eligibility';
import { findPort } from './service-port-resolution';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

export function podToSliceEndpoint(pod: PodObject, node: NodeObject | undefined, svc: ServiceObject, addressType: 'IPv4' | 'IPv6'): Endpoint {
  const serving = isPodReady(pod);
  const terminating = pod.metadata?.deletionTimestamp !== undefined && pod.metadata.deletionTimestamp !== null;
  const ready = svc.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const addresses = (pod.status?.podIPs ?? []).map((p) => p.ip ?? '').filter((ip) => ip !== '' && isIPv6(ip) === (addressType === 'IPv6'));
  // Field order as the API serializes an Endpoint.
  const ep: Endpoint = { addresses, conditions: { ready, serving, terminating } };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec?.hostname;
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata?.namespace ?? '', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '' };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.[ZONE_LABEL];
  if (zone) ep.zone = zone;
  return ep;
}

/** getEndpointPorts: one port per Service port the pod resolves, `name` always present ("" when unnamed). */
export function sliceEndpointPorts(svc: ServiceObject, pod: PodObject): EndpointPort[] {
  const svcPorts = svc.spec?.ports ?? [];
  if (svcPorts.length === 0 && svc.spec?.clusterIP === 'None') return [];
  const out: EndpointPort[] = [];
  for (const sp of svcPorts) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' };
    if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/** Identity of an endpoint within a port group (hashEndpoint): addresses, hostname and the target's namespace/name. */
export function endpointIdentity(ep: Endpoint): string {
  return JSON.stringify([[...ep.addresses].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? '']);
}

/** EndpointsEqualBeyondHash: nodeName, zone, the three conditions and the target (ignoring its resourceVersion). */
export function endpointsEqualBeyondIdentity(a: Endpoint, b: Endpoint): boolean {
  const target = (e: Endpoint) => JSON.stringify([e.targetRef?.kind, e.targetRef?.namespace, e.targetRef?.name, e.targetRef?.uid, e.targetRef?.apiVersion, e.targetRef?.fieldPath]);
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    a.conditions?.ready === b.conditions?.ready &&
    a.conditions?.serving === b.conditions?.serving &&
    a.conditions?.terminating === b.conditions?.terminating &&
    target(a) === target(b)
  );
}

/** PortMapKey: the port set, independent of order. */
export function portMapKey(ports: readonly EndpointPort[] | undefined | null): string {
  return JSON.stringify((ports ?? []).map((p) => JSON.stringify([p.name ?? '', p.port ?? null, p.protocol ?? '', p.appProtocol ?? null])).sort());
}
