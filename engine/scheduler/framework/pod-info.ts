/**
 * PodInfo: what the scheduler precomputes once per pod version (framework.PodInfo + NodeInfo's calculateResource).
 * - `request` is resourcehelper.PodRequests: the sum of app containers plus restartable-init (sidecar) containers,
 *   maxed with each regular init container (which also runs next to the sidecars started before it), plus
 *   spec.overhead. CPU in millicores, memory/ephemeral storage in bytes, scalars by name.
 * - `nonZeroRequest` is the same computation with 100m CPU / 200Mi memory substituted where a container states no
 *   request (schedutil.DefaultMilliCPURequest / DefaultMemoryRequest); an explicit 0 stays 0, as upstream.
 * - Pod (anti-)affinity terms are parsed once; namespaces default to the pod's own namespace when the term has
 *   neither `namespaces` nor a `namespaceSelector` (getNamespacesFromPodAffinityTerm).
 * The pod count is not part of `request` (upstream counts NodeInfo.Pods against allocatable pods).
 */
import type { KubeObject } from '../../api/objects';
import { parseQuantity } from '../../apiserver/admission/quantity';
import { labelSelectorFromMeta } from '../../apiserver/selectors';
import type { AffinityTerm, PodInfo, Resource, WeightedAffinityTerm } from './interface';

export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

type ResourceList = Record<string, string | number>;
interface ContainerSpec {
  resources?: { requests?: ResourceList };
  restartPolicy?: string;
}
interface AffinityTermSpec {
  labelSelector?: Parameters<typeof labelSelectorFromMeta>[0];
  namespaceSelector?: Parameters<typeof labelSelectorFromMeta>[0];
  namespaces?: string[];
  topologyKey?: string;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, allowedPodNumber: 0, scalar: {} };
}

/** schedutil.IsScalarResourceName: extended (domain-prefixed), hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-');
}

/** Parsed quantities by their text: a cluster repeats a handful of request strings (`100m`, `1Gi`) endlessly. */
const parsedQuantities = new Map<string, { milli: number; value: number }>();
const MAX_PARSED_QUANTITIES = 4096;

function quantityNumbers(raw: string | number): { milli: number; value: number } {
  const key = String(raw);
  let n = parsedQuantities.get(key);
  if (!n) {
    const q = parseQuantity(raw);
    n = { milli: Number(q.milliValue()), value: Number(q.value()) };
    if (parsedQuantities.size >= MAX_PARSED_QUANTITIES) parsedQuantities.clear();
    parsedQuantities.set(key, n);
  }
  return n;
}

/** Adds a ResourceList into `into` (Resource.Add): cpu as milli-value, the rest as (rounded-up) values. */
export function addResourceList(into: Resource, list: ResourceList | undefined): void {
  if (!list) return;
  for (const name in list) {
    const q = quantityNumbers(list[name] as string | number);
    if (name === 'cpu') into.milliCPU += q.milli;
    else if (name === 'memory') into.memory += q.value;
    else if (name === 'ephemeral-storage') into.ephemeralStorage += q.value;
    else if (name === 'pods') into.allowedPodNumber += q.value;
    else if (isScalarResourceName(name)) into.scalar[name] = (into.scalar[name] ?? 0) + q.value;
  }
}

function addResource(into: Resource, r: Resource): void {
  into.milliCPU += r.milliCPU;
  into.memory += r.memory;
  into.ephemeralStorage += r.ephemeralStorage;
  for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + v;
}

function maxResource(into: Resource, r: Resource): void {
  into.milliCPU = Math.max(into.milliCPU, r.milliCPU);
  into.memory = Math.max(into.memory, r.memory);
  into.ephemeralStorage = Math.max(into.ephemeralStorage, r.ephemeralStorage);
  for (const [k, v] of Object.entries(r.scalar)) into.scalar[k] = Math.max(into.scalar[k] ?? 0, v);
}

function containerRequest(c: ContainerSpec, nonMissing: boolean): Resource {
  const r = emptyResource();
  const requests = c.resources?.requests;
  addResourceList(r, requests);
  if (nonMissing) {
    if (requests?.['cpu'] === undefined) r.milliCPU = DEFAULT_MILLI_CPU_REQUEST;
    if (requests?.['memory'] === undefined) r.memory = DEFAULT_MEMORY_REQUEST;
  }
  return r;
}

/** resourcehelper.PodRequests (PodLevelResources off, as in 1.32 by default). */
export function podRequests(pod: KubeObject, nonMissing: boolean): Resource {
  const spec = (pod['spec'] ?? {}) as { containers?: ContainerSpec[]; initContainers?: ContainerSpec[]; overhead?: ResourceList };
  const reqs = emptyResource();
  for (const c of spec.containers ?? []) addResource(reqs, containerRequest(c, nonMissing));
  const restartableInit = emptyResource();
  const initMax = emptyResource();
  for (const c of spec.initContainers ?? []) {
    const cr = containerRequest(c, nonMissing);
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running next to the app containers and every later init container.
      addResource(reqs, cr);
      addResource(restartableInit, cr);
      maxResource(initMax, restartableInit);
    } else {
      addResource(cr, restartableInit);
      maxResource(initMax, cr);
    }
  }
  maxResource(reqs, initMax);
  addResourceList(reqs, spec.overhead);
  reqs.allowedPodNumber = 0;
  return reqs;
}

function affinityTerm(pod: KubeObject, t: AffinityTermSpec): AffinityTerm {
  const selector = labelSelectorFromMeta(t.labelSelector);
  const nsSelector = labelSelectorFromMeta(t.namespaceSelector);
  const namespaces = new Set<string>(t.namespaces ?? []);
  if (namespaces.size === 0 && (t.namespaceSelector === undefined || t.namespaceSelector === null)) namespaces.add(pod.metadata?.namespace ?? '');
  return {
    namespaces,
    selector: (labels) => selector.matchesLabels(labels),
    topologyKey: t.topologyKey ?? '',
    namespaceSelector: (labels) => nsSelector.matchesLabels(labels),
  };
}

/** PodInfos of pod objects already seen: informer objects are frozen, so one object always yields the same info. */
const podInfos = new WeakMap<KubeObject, PodInfo>();

export function newPodInfo(pod: KubeObject): PodInfo {
  const known = podInfos.get(pod);
  if (known) return known;
  const info = computePodInfo(pod);
  if (Object.isFrozen(pod)) podInfos.set(pod, info);
  return info;
}

function computePodInfo(pod: KubeObject): PodInfo {
  const affinity = ((pod['spec'] as { affinity?: Record<string, Record<string, unknown>> } | undefined)?.affinity ?? {}) as {
    podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: AffinityTermSpec[]; preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight: number; podAffinityTerm: AffinityTermSpec }> };
    podAntiAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: AffinityTermSpec[]; preferredDuringSchedulingIgnoredDuringExecution?: Array<{ weight: number; podAffinityTerm: AffinityTermSpec }> };
  };
  const required = (terms: AffinityTermSpec[] | undefined) => (terms ?? []).map((t) => affinityTerm(pod, t));
  const preferred = (terms: Array<{ weight: number; podAffinityTerm: AffinityTermSpec }> | undefined): WeightedAffinityTerm[] =>
    (terms ?? []).map((t) => ({ ...affinityTerm(pod, t.podAffinityTerm), weight: t.weight }));
  const nonZero = podRequests(pod, true);
  return {
    pod,
    request: podRequests(pod, false),
    nonZeroRequest: { milliCPU: nonZero.milliCPU, memory: nonZero.memory },
    requiredAffinityTerms: required(affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinityTerms: required(affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinityTerms: preferred(affinity.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: preferred(affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}
