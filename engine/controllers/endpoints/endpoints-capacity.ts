/**
 * The Endpoints object's 1000-address cap (pkg/controller/endpoint, 1.32): truncateEndpoints keeps at most 1000
 * addresses — not-ready ones go first; if ready ones alone exceed the cap, all not-ready are dropped and ready
 * ones are cut — each subset keeping a share proportional to its size (rounded up, the last subset taking what
 * is left), and the object is annotated `endpoints.kubernetes.io/over-capacity: truncated`.
 */
import type { EndpointSubset } from 'kubernetes-types/core/v1';

export const MAX_ENDPOINTS_CAPACITY = 1000;
export const OVER_CAPACITY_ANNOTATION = 'endpoints.kubernetes.io/over-capacity';
export const TRUNCATED = 'truncated';

/** Truncates `subsets` in place; true when it had to. */
export function truncateEndpoints(subsets: EndpointSubset[]): boolean {
  let totalReady = 0;
  let totalNotReady = 0;
  for (const ss of subsets) {
    totalReady += (ss.addresses ?? []).length;
    totalNotReady += (ss.notReadyAddresses ?? []).length;
  }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS_CAPACITY) return false;
  const truncateReady = totalReady > MAX_ENDPOINTS_CAPACITY;
  const max = truncateReady ? MAX_ENDPOINTS_CAPACITY : MAX_ENDPOINTS_CAPACITY - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  for (const ss of subsets) {
    const inSubset = (truncateReady ? ss.addresses : ss.notReadyAddresses) ?? [];
    const toBeAdded = Math.min(Math.ceil((inSubset.length / numTotal) * max), canBeAdded);
    if (truncateReady) {
      ss.addresses = inSubset.slice(0, toBeAdded);
      delete ss.notReadyAddresses;
      canBeAdded -= ss.addresses.length;
    } else {
      ss.notReadyAddresses = inSubset.slice(0, toBeAdded);
      canBeAdded -= ss.notReadyAddresses.length;
    }
  }
  return true;
}

/** capacityAnnotationSetCorrectly: within capacity and not annotated (an over-capacity list always needs a write). */
export function capacityAnnotationSetCorrectly(annotations: Record<string, string> | undefined, subsets: readonly EndpointSubset[]): boolean {
  let n = 0;
  for (const ss of subsets) n += (ss.addresses ?? []).length + (ss.notReadyAddresses ?? []).length;
  if (n > MAX_ENDPOINTS_CAPACITY) return false;
  return annotations?.[OVER_CAPACITY_ANNOTATION] === undefined;
}
