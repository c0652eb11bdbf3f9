/**
 * Quota accounting for pods (pkg/quota/v1/evaluator/core/pods.go): usage, the resources it can match, quota
 * scopes, and the old rule that a quota on cpu or memory obliges every container to state them.
 */
import type { KubeObject } from '../../../api/objects';
import { podLimits, podRequests } from '../pod-resources';
import { compareQuantity, quantityFromInt } from '../quantity';
import { addLists, toResourceList, type ResourceList } from '../resource-list';
import type { AdmissionAttributes } from '../types';
import type { QuotaEvaluator, ScopeSelectorRequirement } from './evaluator';

const POD_RESOURCES = new Set([
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]);
const POD_RESOURCE_PREFIXES = ['hugepages-', 'requests.hugepages-'];

/** A quota on any of these makes every container state it (a backward-compatibility rule, never extended). */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** helper.IsNativeResource: unprefixed, or prefixed with a kubernetes.io domain. */
const isNativeResource = (name: string): boolean => !name.includes('/') || name.includes('kubernetes.io/');
/** helper.IsExtendedResourceName (ignoring the qualified-name syntax check that validation already did). */
const isExtendedResourceName = (name: string): boolean => !isNativeResource(name) && !name.startsWith('requests.');
const isExtendedResourceNameForQuota = (name: string): boolean => !isNativeResource(name) && name.startsWith('requests.');

interface Container {
  name?: string;
  resources?: { requests?: unknown; limits?: unknown };
}
interface PodTerm {
  namespaces?: string[];
  namespaceSelector?: unknown;
}
interface PodJson extends KubeObject {
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
    activeDeadlineSeconds?: number;
    priorityClassName?: string;
    overhead?: unknown;
    affinity?: {
      podAffinity?: Record<string, (PodTerm & { podAffinityTerm?: PodTerm })[] | undefined>;
      podAntiAffinity?: Record<string, (PodTerm & { podAffinityTerm?: PodTerm })[] | undefined>;
    };
  };
  status?: { phase?: string };
}

/** podComputeUsageHelper: what a set of requests/limits charges. */
export function podComputeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: ResourceList = new Map([['pods', quantityFromInt(1)]]);
  const both = (res: string): void => {
    const r = requests.get(res);
    if (r !== undefined) {
      out.set(res, r);
      out.set(`requests.${res}`, r);
    }
    const l = limits.get(res);
    if (l !== undefined) out.set(`limits.${res}`, l);
  };
  both('cpu');
  both('memory');
  both('ephemeral-storage');
  for (const [name, r] of requests) {
    if (name.startsWith('hugepages-')) {
      out.set(name, r);
      out.set(`requests.${name}`, r);
    }
    if (isExtendedResourceName(name)) out.set(`requests.${name}`, r);
  }
  return out;
}

export const isTerminating = (pod: PodJson): boolean => typeof pod.spec?.activeDeadlineSeconds === 'number' && pod.spec.activeDeadlineSeconds >= 0;

/** qos.GetPodQOS(pod) == BestEffort: no container asks for or caps cpu or memory above zero. */
export function isBestEffort(pod: PodJson): boolean {
  const zero = quantityFromInt(0);
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const list of [toResourceList(c.resources?.requests), toResourceList(c.resources?.limits)]) {
      for (const [name, q] of list) {
        if ((name === 'cpu' || name === 'memory') && compareQuantity(q, zero) > 0) return false;
      }
    }
  }
  return true;
}

function usesCrossNamespacePodAffinity(pod: PodJson): boolean {
  const affinity = pod.spec?.affinity;
  for (const group of [affinity?.podAffinity, affinity?.podAntiAffinity]) {
    const terms = [
      ...(group?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
      ...(group?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm ?? {}),
    ];
    if (terms.some((t) => (t.namespaces ?? []).length > 0 || t.namespaceSelector != null)) return true;
  }
  return false;
}

function matchesScope(sel: ScopeSelectorRequirement, obj: KubeObject): boolean {
  const pod = obj as PodJson;
  switch (sel.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const pc = pod.spec?.priorityClassName ?? '';
      switch (sel.operator) {
        case 'Exists':
          return pc !== '';
        case 'DoesNotExist':
          return pc === '';
        case 'In':
          return (sel.values ?? []).includes(pc);
        case 'NotIn':
          return !(sel.values ?? []).includes(pc);
        default:
          return false;
      }
    }
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(pod);
    default:
      return false;
  }
}

/**
 * QuotaV1Pod: terminal pods, and pods whose deletion grace period has run out, stop being charged for compute;
 * `count/pods` counts every stored pod.
 */
function chargesCompute(pod: PodJson, nowMs: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const deletion = pod.metadata?.deletionTimestamp;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  if (deletion && typeof grace === 'number' && nowMs > Date.parse(deletion) + grace * 1000) return false;
  return true;
}

export function podUsage(obj: KubeObject, nowMs: number): ResourceList {
  const pod = obj as PodJson;
  const result: ResourceList = new Map([['count/pods', quantityFromInt(1)]]);
  if (!chargesCompute(pod, nowMs)) return result;
  const spec = pod.spec ?? {};
  return addLists(result, podComputeUsage(podRequests(spec, { includeOverhead: true }), podLimits(spec, { includeOverhead: true })));
}

function constraints(required: readonly string[], obj: KubeObject): string | undefined {
  const pod = obj as PodJson;
  const requiredSet = required.filter((r) => VALIDATION_SET.has(r));
  const missing = new Map<string, Set<string>>();
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    const has = new Set(podComputeUsage(toResourceList(c.resources?.requests), toResourceList(c.resources?.limits)).keys());
    for (const r of requiredSet) {
      if (has.has(r)) continue;
      let names = missing.get(r);
      if (names === undefined) missing.set(r, (names = new Set()));
      names.add(c.name ?? '');
    }
  }
  if (missing.size === 0) return undefined;
  const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...(missing.get(r) as Set<string>)].sort().join(',')}`);
  return `must specify ${parts.join('; ')}`;
}

export const podEvaluator: QuotaEvaluator = {
  handles: (a: AdmissionAttributes) => a.operation === 'CREATE',
  matchingResources: (names) =>
    names.filter((n) => POD_RESOURCES.has(n) || POD_RESOURCE_PREFIXES.some((p) => n.startsWith(p)) || isExtendedResourceNameForQuota(n)),
  matchesScope,
  constraints,
  usage: podUsage,
};
