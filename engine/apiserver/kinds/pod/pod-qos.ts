/** qos.ComputePodQOS (pkg/apis/core/helper/qos, 1.32) over containers and init containers. */
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { Quantity, quantityFromJSON } from '../../validation';

export type PodQOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

const QOS_RESOURCES = ['cpu', 'memory'];

function positive(list: Record<string, unknown> | undefined): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.includes(name)) continue;
    let q: Quantity;
    try {
      q = quantityFromJSON(raw);
    } catch {
      continue;
    }
    if (q.sign() > 0) out.set(name, q);
  }
  return out;
}

export function computePodQOS(spec: PodSpec): PodQOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const all: Container[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  for (const c of all) {
    for (const [name, q] of positive(c.resources?.requests as Record<string, unknown> | undefined)) {
      requests.set(name, requests.get(name)?.add(q) ?? q);
    }
    const found = positive(c.resources?.limits as Record<string, unknown> | undefined);
    for (const [name, q] of found) limits.set(name, limits.get(name)?.add(q) ?? q);
    if (!found.has('memory') || !found.has('cpu')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (lim === undefined || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}
