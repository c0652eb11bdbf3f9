/**
 * Which pods a Service's endpoints include and how (k8s.io/endpointslice/util, 1.32): ShouldPodBeInEndpoints,
 * ShouldSetHostname, IsPodReady, and podEndpointsChanged, which decides whether a pod update can move an endpoint.
 */
import type { PodObject, ServiceObject } from './endpoint-types';

/** The pod's Ready condition is True. */
export function isPodReady(pod: PodObject): boolean {
  return pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

/**
 * Terminal pods (Succeeded/Failed) and pods without an IP never appear; terminating pods (deletionTimestamp set)
 * appear only when `includeTerminating` — the EndpointSlice controller always passes true, the Endpoints
 * controller passes the Service's publishNotReadyAddresses.
 */
export function shouldPodBeInEndpoints(pod: PodObject, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && (pod.status?.podIPs ?? []).length === 0) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** A pod's `hostname` is published only when its `subdomain` names this Service, in the same namespace. */
export function shouldSetHostname(pod: PodObject, svc: ServiceObject): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name && svc.metadata?.namespace === pod.metadata?.namespace;
}

/** The pod IP of the family the Service wants (its first ipFamily; IPv4 when none is recorded). */
export function podIPForFamily(pod: PodObject, family: 'IPv4' | 'IPv6'): string | undefined {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip ?? '');
  return ips.find((ip) => isIPv6(ip) === (family === 'IPv6'));
}

export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/**
 * The family of the Endpoints addresses (podToEndpointAddressForService): the Service's first ipFamily; without
 * ipFamilies (written by an older API server) the ClusterIP's family, or for a headless Service the pod IP's.
 */
export function serviceAddressFamily(svc: ServiceObject, pod: PodObject): 'IPv4' | 'IPv6' {
  const first = svc.spec?.ipFamilies?.[0];
  if (first !== undefined) return first === 'IPv6' ? 'IPv6' : 'IPv4';
  if (isServiceIPSet(svc)) return isIPv6(svc.spec?.clusterIP ?? '') ? 'IPv6' : 'IPv4';
  return isIPv6(pod.status?.podIP ?? '') ? 'IPv6' : 'IPv4';
}

/**
 * podEndpointsChanged: [podChanged, labelsChanged]. A pod "changed" for endpoints when its deletionTimestamp,
 * readiness or IPs changed; labels (or hostname/subdomain) changing may change which Services select it.
 */
export function podEndpointsChanged(oldPod: PodObject, newPod: PodObject): [boolean, boolean] {
  const labelsChanged =
    !sameLabels(oldPod.metadata?.labels, newPod.metadata?.labels) ||
    oldPod.spec?.hostname !== newPod.spec?.hostname ||
    oldPod.spec?.subdomain !== newPod.spec?.subdomain;
  if (oldPod.metadata?.deletionTimestamp !== newPod.metadata?.deletionTimestamp) return [true, labelsChanged];
  if (isPodReady(oldPod) !== isPodReady(newPod)) return [true, labelsChanged];
  const oldIPs = (oldPod.status?.podIPs ?? []).map((p) => p.ip);
  const newIPs = (newPod.status?.podIPs ?? []).map((p) => p.ip);
  if (oldIPs.length !== newIPs.length || oldIPs.some((ip, i) => ip !== newIPs[i])) return [true, labelsChanged];
  return [false, labelsChanged];
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every((k) => (a ?? {})[k] === (b ?? {})[k]);
}

/** ClusterIP is neither empty nor "None" (helper.IsServiceIPSet); otherwise the Service is headless. */
export function isServiceIPSet(svc: ServiceObject): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}
