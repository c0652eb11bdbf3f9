/**
 * Memory-pressure eviction (pkg/kubelet/eviction): the hard threshold memory.available<100Mi; every 10 s
 * (monitoringInterval) while below it, one pod is evicted, ranked as rankMemoryPressure does: pods whose usage
 * exceeds their requests first, then by priority (lower first), then by usage above requests (larger first).
 * The MemoryPressure condition stays True for 5 minutes (evictionPressureTransitionPeriod) after the last
 * observation of pressure.
 */
import type { Pod } from 'kubernetes-types/core/v1';
import { parseQuantity, quantityValue } from '../../apiserver/admission/quantity';

export const MEMORY_AVAILABLE_THRESHOLD_BYTES = 100 * 1024 * 1024;
export const EVICTION_MONITORING_INTERVAL_MS = 10_000;
export const PRESSURE_TRANSITION_PERIOD_MS = 5 * 60_000;

export interface PodMemory {
  pod: Pod;
  /** Working set per container name. */
  usage: Map<string, number>;
}

function requestBytes(pod: Pod, container: string): number {
  const c = (pod.spec?.containers ?? []).find((x) => x.name === container);
  const req = c?.resources?.requests?.['memory'];
  return req === undefined ? 0 : Number(quantityValue(parseQuantity(req as string)));
}

function total(p: PodMemory): number {
  let n = 0;
  for (const v of p.usage.values()) n += v;
  return n;
}

function requests(p: PodMemory): number {
  let n = 0;
  for (const c of p.pod.spec?.containers ?? []) n += requestBytes(p.pod, c.name);
  return n;
}

export function rankForMemoryEviction(pods: PodMemory[]): PodMemory[] {
  return [...pods].sort((a, b) => {
    const ea = total(a) > requests(a) ? 0 : 1;
    const eb = total(b) > requests(b) ? 0 : 1;
    if (ea !== eb) return ea - eb;
    const pa = a.pod.spec?.priority ?? 0;
    const pb = b.pod.spec?.priority ?? 0;
    if (pa !== pb) return pa - pb;
    return total(b) - requests(b) - (total(a) - requests(a));
  });
}

/** A memory quantity as resource.Quantity prints a BinarySI value: the largest exact Ki/Mi/Gi unit, or bytes. */
export function binaryQuantity(bytes: number): string {
  const units = ['', 'Ki', 'Mi', 'Gi', 'Ti'];
  let value = Math.round(bytes);
  let i = 0;
  while (i < units.length - 1 && value !== 0 && value % 1024 === 0) {
    value /= 1024;
    i++;
  }
  return `${value}${units[i]}`;
}

/** evictionMessage: the node-level sentence plus one per container using more than it requested. */
export function evictionMessage(p: PodMemory, availableBytes: number): string {
  let msg = `The node was low on resource: memory. Threshold quantity: 100Mi, available: ${binaryQuantity(Math.max(0, Math.floor(availableBytes / 1024)) * 1024)}. `;
  for (const c of p.pod.spec?.containers ?? []) {
    const used = p.usage.get(c.name) ?? 0;
    const req = requestBytes(p.pod, c.name);
    if (used > req) msg += `Container ${c.name} was using ${binaryQuantity(Math.floor(used / 1024) * 1024)}, request is ${binaryQuantity(req)}, has larger consumption of memory. `;
  }
  return msg;
}
