/**
 * The EndpointSlice reconciler's plan (k8s.io/endpointslice reconciler.go, 1.32) for one Service and address
 * type: desired endpoints grouped by port set; per group, existing slices keep the endpoints still desired (updated
 * when one changed, deleted when none is left); leftovers first fill slices already being updated (fullest first),
 * then the unchanged slice they fit best, then new slices of at most `maxEndpointsPerSlice`. Slices of port sets
 * no longer wanted, or not owned by this Service, are deleted; a Service with no endpoints keeps one empty
 * placeholder slice. Finally deletions are turned into updates of the same slice where a creation was planned.
 * Pure: the controller performs the writes.
 */
import { deepCopy } from '../../api/objects';
import type { Endpoint, EndpointPort } from 'kubernetes-types/discovery/v1';
import type { EndpointSliceObject, NodeObject, PodObject, ServiceObject } from './endpoint-types';
import { isIPv6, isServiceIPSet, shouldPodBeInEndpoints } from './pod-endpoint-eligibility';
import { endpointIdentity, endpointsEqualBeyondIdentity, podToSliceEndpoint, portMapKey, sliceEndpointPorts } from './pod-to-slice-endpoint';

export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

export interface SlicePlan {
  create: EndpointSliceObject[];
  update: EndpointSliceObject[];
  delete: EndpointSliceObject[];
  /** Pods left out because their Node is not (yet) known; the Service is retried. */
  podsWithoutNode: string[];
}

export interface SliceReconcileInput {
  service: ServiceObject;
  pods: readonly PodObject[];
  node(name: string): NodeObject | undefined;
  /** Slices labelled for this Service and managed by this controller, none pending deletion. */
  existing: readonly EndpointSliceObject[];
  maxEndpointsPerSlice?: number;
}

type AddressType = 'IPv4' | 'IPv6';

/**
 * getAddressTypesForService: one address type per Service ipFamily; without ipFamilies (an older API server
 * wrote the Service) the ClusterIP's family, or both for a headless Service.
 */
export function serviceAddressTypes(svc: ServiceObject): AddressType[] {
  const types = new Set<AddressType>();
  for (const f of svc.spec?.ipFamilies ?? []) if (f === 'IPv4' || f === 'IPv6') types.add(f);
  if (types.size > 0) return [...types];
  if (isServiceIPSet(svc)) return [isIPv6(svc.spec?.clusterIP ?? '') ? 'IPv6' : 'IPv4'];
  return ['IPv4', 'IPv6'];
}

export function ownedBy(slice: EndpointSliceObject, svc: ServiceObject): boolean {
  return (slice.metadata?.ownerReferences ?? []).some((o) => o.uid === svc.metadata?.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

const RESERVED = new Set([SERVICE_NAME_LABEL, MANAGED_BY_LABEL, HEADLESS_LABEL]);

/** setEndpointSliceLabels: the Service's labels (reserved keys skipped) plus the reserved ones; whether they differ. */
export function sliceLabels(slice: EndpointSliceObject | undefined, svc: ServiceObject): { labels: Record<string, string>; changed: boolean } {
  const current: Record<string, string> = {};
  for (const [k, v] of Object.entries(slice?.metadata?.labels ?? {})) if (!RESERVED.has(k)) current[k] = v;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) if (!RESERVED.has(k)) labels[k] = v;
  const keys = Object.keys(labels);
  const changed = keys.length !== Object.keys(current).length || keys.some((k) => current[k] !== labels[k]);
  if (!isServiceIPSet(svc)) labels[HEADLESS_LABEL] = '';
  labels[SERVICE_NAME_LABEL] = svc.metadata?.name ?? '';
  labels[MANAGED_BY_LABEL] = CONTROLLER_NAME;
  return { labels, changed };
}

/** newEndpointSlice: generateName `<service>-`, controller ownerReference to the Service, no endpoints yet. */
export function newEndpointSlice(svc: ServiceObject, ports: EndpointPort[], addressType: 'IPv4' | 'IPv6'): EndpointSliceObject {
  const name = svc.metadata?.name ?? '';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      // getEndpointSlicePrefix drops the dash only when `<name>-` would be an invalid prefix, which a valid
      // Service name (a DNS-1035 label of at most 63 characters) never makes.
      generateName: `${name}-`,
      namespace: svc.metadata?.namespace,
      labels: sliceLabels(undefined, svc).labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

/** An ordered set of endpoints keyed by identity (EndpointSet); pops in insertion order for determinism. */
class EndpointSet {
  private readonly items = new Map<string, Endpoint>();
  insert(ep: Endpoint): void {
    this.items.set(endpointIdentity(ep), ep);
  }
  get(ep: Endpoint): Endpoint | undefined {
    return this.items.get(endpointIdentity(ep));
  }
  delete(ep: Endpoint): void {
    this.items.delete(endpointIdentity(ep));
  }
  get size(): number {
    return this.items.size;
  }
  pop(): Endpoint {
    const [key, ep] = this.items.entries().next().value as [string, Endpoint];
    this.items.delete(key);
    return ep;
  }
}

function reconcilePortGroup(
  svc: ServiceObject,
  existing: readonly EndpointSliceObject[],
  desired: EndpointSet,
  ports: EndpointPort[],
  addressType: 'IPv4' | 'IPv6',
  max: number,
): { create: EndpointSliceObject[]; update: EndpointSliceObject[]; delete: EndpointSliceObject[] } {
  const byName = new Map<string, EndpointSliceObject>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: string[] = [];
  // 1. Keep what is still desired in each existing slice.
  for (const slice of existing) {
    const name = slice.metadata?.name ?? '';
    byName.set(name, slice);
    const kept: Endpoint[] = [];
    let endpointChanged = false;
    for (const ep of slice.endpoints ?? []) {
      const want = desired.get(ep);
      if (!want) continue;
      kept.push(want);
      if (!endpointsEqualBeyondIdentity(want, ep)) endpointChanged = true;
      desired.delete(ep);
    }
    const { labels, changed: labelsChanged } = sliceLabels(slice, svc);
    if (endpointChanged || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.push(name);
      else {
        const copy = deepCopy(slice);
        copy.endpoints = kept;
        copy.metadata = { ...copy.metadata, labels };
        byName.set(name, copy);
        toUpdate.push(name);
      }
    } else if (labelsChanged) {
      const copy = deepCopy(slice);
      copy.metadata = { ...copy.metadata, labels };
      byName.set(name, copy);
      toUpdate.push(name);
    } else {
      unchanged.push(name);
    }
  }
  // 2. Fill slices already being updated, fullest first.
  if (desired.size > 0 && toUpdate.length > 0) {
    const slices = toUpdate.map((n) => byName.get(n)!).sort((a, b) => (b.endpoints ?? []).length - (a.endpoints ?? []).length);
    for (const slice of slices) {
      while (desired.size > 0 && slice.endpoints.length < max) slice.endpoints.push(desired.pop());
    }
  }
  // 3. Fit the rest into the unchanged slice closest to full, else new slices.
  const create: EndpointSliceObject[] = [];
  while (desired.size > 0) {
    let fill: EndpointSliceObject | undefined;
    if (desired.size < max && unchanged.length > 0) {
      const chosen = sliceToFill(unchanged.map((n) => byName.get(n)!), desired.size, max);
      if (chosen) {
        fill = deepCopy(chosen);
        byName.set(fill.metadata?.name ?? '', fill);
      }
    }
    fill ??= newEndpointSlice(svc, ports, addressType);
    while (desired.size > 0 && fill.endpoints.length < max) fill.endpoints.push(desired.pop());
    const name = fill.metadata?.name;
    if (name) {
      toUpdate.push(name);
      unchanged.splice(unchanged.indexOf(name), 1);
    } else {
      create.push(fill);
    }
  }
  return { create, update: toUpdate.map((n) => byName.get(n)!), delete: toDelete.map((n) => byName.get(n)!) };
}

/** getSliceToFill: the slice that ends up closest to full with `count` more endpoints, if any fits them all. */
function sliceToFill(slices: readonly EndpointSliceObject[], count: number, max: number): EndpointSliceObject | undefined {
  let closestDiff = max;
  let closest: EndpointSliceObject | undefined;
  for (const s of slices) {
    const diff = max - (count + (s.endpoints ?? []).length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = s;
      if (diff === 0) break;
    }
  }
  return closest;
}

/** An empty slice equal to the placeholder this controller would create (placeholderSliceCompare). */
function isPlaceholder(slice: EndpointSliceObject, svc: ServiceObject, addressType: string): boolean {
  return (
    slice.addressType === addressType &&
    (slice.endpoints ?? []).length === 0 &&
    (slice.ports ?? []).length === 0 &&
    ownedBy(slice, svc) &&
    !sliceLabels(slice, svc).changed
  );
}

export function planSlices(input: SliceReconcileInput): SlicePlan {
  const types = serviceAddressTypes(input.service);
  const plan: SlicePlan = { create: [], update: [], delete: [], podsWithoutNode: [] };
  for (const addressType of types) {
    const part = planForAddressType(input, addressType, input.existing.filter((s) => s.addressType === addressType));
    plan.create.push(...part.create);
    plan.update.push(...part.update);
    plan.delete.push(...part.delete);
    for (const p of part.podsWithoutNode) if (!plan.podsWithoutNode.includes(p)) plan.podsWithoutNode.push(p);
  }
  // Slices of an address type the Service no longer has (its families changed) go.
  plan.delete.push(...input.existing.filter((s) => !types.includes(s.addressType as AddressType)));
  return plan;
}

function planForAddressType(input: SliceReconcileInput, addressType: AddressType, mine: readonly EndpointSliceObject[]): SlicePlan {
  const { service } = input;
  const max = input.maxEndpointsPerSlice ?? DEFAULT_MAX_ENDPOINTS_PER_SLICE;
  const plan: SlicePlan = { create: [], update: [], delete: [], podsWithoutNode: [] };

  const existingByPorts = new Map<string, EndpointSliceObject[]>();
  for (const slice of mine) {
    if (!ownedBy(slice, service)) {
      plan.delete.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports);
    existingByPorts.set(key, [...(existingByPorts.get(key) ?? []), slice]);
  }

  const desiredByPorts = new Map<string, { ports: EndpointPort[]; endpoints: EndpointSet }>();
  for (const pod of input.pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = sliceEndpointPorts(service, pod);
    const key = portMapKey(ports);
    let group = desiredByPorts.get(key);
    if (!group) desiredByPorts.set(key, (group = { ports, endpoints: new EndpointSet() }));
    const nodeName = pod.spec?.nodeName ?? '';
    const node = input.node(nodeName);
    if (!node && service.spec?.publishNotReadyAddresses !== true) {
      plan.podsWithoutNode.push(pod.metadata?.name ?? '');
      continue;
    }
    const ep = podToSliceEndpoint(pod, node, service, addressType);
    if (ep.addresses.length > 0) group.endpoints.insert(ep);
  }

  for (const [key, group] of desiredByPorts) {
    const r = reconcilePortGroup(service, existingByPorts.get(key) ?? [], group.endpoints, group.ports, addressType, max);
    plan.create.push(...r.create);
    plan.update.push(...r.update);
    plan.delete.push(...r.delete);
  }
  for (const [key, slices] of existingByPorts) if (!desiredByPorts.has(key)) plan.delete.push(...slices);

  // A Service with no endpoints keeps one empty placeholder slice.
  if (plan.delete.length === mine.length && plan.create.length === 0) {
    // Deleting only the placeholder to create it again would be churn: keep it.
    if (plan.delete.length === 1 && isPlaceholder(plan.delete[0]!, service, addressType)) plan.delete.length = 0;
    else plan.create.push(newEndpointSlice(service, [], addressType));
  }

  // finalize: rather than delete one slice and create another, reuse the deleted slice's name.
  for (let i = 0; i < plan.delete.length && plan.create.length > 0; ) {
    const old = plan.delete[i]!;
    const fresh = plan.create[plan.create.length - 1]!;
    if (old.addressType === fresh.addressType && ownedBy(old, service)) {
      const reused = deepCopy(old);
      reused.metadata = { ...reused.metadata, labels: fresh.metadata?.labels, ownerReferences: fresh.metadata?.ownerReferences };
      reused.endpoints = fresh.endpoints;
      reused.ports = fresh.ports;
      plan.create.pop();
      plan.update.push(reused);
      plan.delete.splice(i, 1);
    } else {
      i++;
    }
  }
  return plan;
}
