/**
 * A pod's effective requests and limits, after k8s.io/component-helpers/resource PodRequests/PodLimits (which
 * ResourceQuota charges) and LimitRanger's copy of them (which ignores overhead): regular containers and
 * restartable (sidecar) init containers add up; each ordinary init container runs alone next to the sidecars
 * started before it, and the pod needs the larger of the two.
 */
import { accumulate, raiseTo, toResourceList, type ResourceList } from './resource-list';

interface ContainerJson {
  restartPolicy?: string;
  resources?: { requests?: unknown; limits?: unknown };
}

interface PodSpecJson {
  containers?: ContainerJson[];
  initContainers?: ContainerJson[];
  overhead?: unknown;
}

type Field = 'requests' | 'limits';

function aggregate(spec: PodSpecJson, field: Field): ResourceList {
  const total: ResourceList = new Map();
  for (const c of spec.containers ?? []) accumulate(total, toResourceList(c.resources?.[field]));
  const sidecars: ResourceList = new Map();
  const initPeak: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    const own = toResourceList(c.resources?.[field]);
    if (c.restartPolicy === 'Always') {
      accumulate(total, own);
      accumulate(sidecars, own);
      raiseTo(initPeak, sidecars);
    } else {
      const alongside: ResourceList = new Map();
      accumulate(alongside, own);
      accumulate(alongside, sidecars);
      raiseTo(initPeak, alongside);
    }
  }
  raiseTo(total, initPeak);
  return total;
}

export function podRequests(spec: PodSpecJson, opts: { includeOverhead: boolean }): ResourceList {
  const reqs = aggregate(spec, 'requests');
  if (opts.includeOverhead) accumulate(reqs, toResourceList(spec.overhead));
  return reqs;
}

export function podLimits(spec: PodSpecJson, opts: { includeOverhead: boolean }): ResourceList {
  const limits = aggregate(spec, 'limits');
  if (opts.includeOverhead) {
    // Overhead only raises limits the pod already sets; an unlimited resource stays unlimited.
    for (const [k, v] of toResourceList(spec.overhead)) if (limits.has(k)) accumulate(limits, new Map([[k, v]]));
  }
  return limits;
}
