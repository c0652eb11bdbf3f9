/**
 * Which Services a pod event concerns (GetPodUpdateProjectionKey + GetServicesToUpdate, k8s.io/endpointslice/util
 * 1.32): Services whose selector matches the pod's labels; when labels changed, the union of old and new matches
 * if the pod also changed, else only the Services gained or lost. A nil selector matches nothing.
 */
import { objectKey, type Informer } from '../../client/informer';
import type { PodObject, ServiceObject } from './endpoint-types';
import { podEndpointsChanged } from './pod-endpoint-eligibility';

/**
 * The Service's selector as the controllers see it, or undefined for "no selector". An empty map counts as none:
 * built-in objects are stored as protobuf, where an empty map decodes as nil, so upstream's `Selector == nil`
 * holds for `selector: {}` too.
 */
export function serviceSelector(svc: ServiceObject): Record<string, string> | undefined {
  const selector = svc.spec?.selector;
  return selector && Object.keys(selector).length > 0 ? selector : undefined;
}

export function selectorMatches(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

function servicesMatching(services: readonly ServiceObject[], labels: Record<string, string> | undefined): Set<string> {
  const keys = new Set<string>();
  for (const svc of services) {
    const selector = serviceSelector(svc);
    if (!selector) continue;
    if (selectorMatches(selector, labels)) keys.add(objectKey(svc));
  }
  return keys;
}

/** Keys of the Services to resync for a pod add (old undefined), delete (new undefined) or update. */
export function servicesToUpdateForPod(services: readonly ServiceObject[], oldPod: PodObject | undefined, newPod: PodObject | undefined): Set<string> {
  if (!oldPod && !newPod) return new Set();
  if (!oldPod || !newPod) return servicesMatching(services, (newPod ?? oldPod)?.metadata?.labels);
  if (oldPod.metadata?.resourceVersion === newPod.metadata?.resourceVersion) return new Set();
  const [podChanged, labelsChanged] = podEndpointsChanged(oldPod, newPod);
  if (!podChanged && !labelsChanged) return new Set();
  const current = servicesMatching(services, newPod.metadata?.labels);
  if (!labelsChanged) return current;
  const previous = servicesMatching(services, oldPod.metadata?.labels);
  if (podChanged) return new Set([...current, ...previous]);
  const out = new Set<string>();
  for (const k of current) if (!previous.has(k)) out.add(k);
  for (const k of previous) if (!current.has(k)) out.add(k);
  return out;
}

/**
 * The informer wiring both endpoint controllers share: a Service change queues that Service, a pod change queues
 * every Service whose endpoints it may change (servicesToUpdateForPod).
 */
export function enqueueServicesOnChange(services: Informer, pods: Informer, enqueue: (serviceKey: string) => void): void {
  const onService = (obj: { metadata?: { namespace?: string; name?: string } }) => enqueue(objectKey(obj));
  services.addHandlers({ onAdd: onService, onUpdate: (_o, n) => onService(n), onDelete: onService });
  const onPod = (oldPod: PodObject | undefined, newPod: PodObject | undefined) => {
    const ns = (newPod ?? oldPod)?.metadata?.namespace;
    for (const key of servicesToUpdateForPod(services.list(ns) as ServiceObject[], oldPod, newPod)) enqueue(key);
  };
  pods.addHandlers({
    onAdd: (p) => onPod(undefined, p as PodObject),
    onUpdate: (o, n) => onPod(o as PodObject, n as PodObject),
    onDelete: (p) => onPod(p as PodObject, undefined),
  });
}
