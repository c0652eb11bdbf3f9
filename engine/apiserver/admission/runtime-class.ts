/**
 * RuntimeClass (plugin/pkg/admission/runtimeclass), pod creates only. A pod naming a RuntimeClass that does not
 * exist is rejected; the class's overhead becomes spec.overhead (a pod may not bring its own), and its
 * scheduling.nodeSelector and tolerations merge into the pod's — a conflicting nodeSelector value is rejected.
 */
import type { KubeObject } from '../../api/objects';
import { goQuote } from '../errors';
import { admissionForbidden } from './admission-errors';
import { compareQuantity, parseQuantity } from './quantity';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from './types';

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

interface RuntimeClassJson extends KubeObject {
  overhead?: { podFixed?: Record<string, string> };
  scheduling?: { nodeSelector?: Record<string, string>; tolerations?: Toleration[] };
}

interface PodSpec {
  runtimeClassName?: string;
  overhead?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
}

const applies = (a: AdmissionAttributes): boolean =>
  a.operation === 'CREATE' && a.group === '' && a.resource === 'pods' && a.subresource === '' && a.object !== undefined;

async function runtimeClassFor(a: AdmissionAttributes, ctx: AdmissionContext, spec: PodSpec): Promise<RuntimeClassJson | undefined> {
  if (spec.runtimeClassName === undefined || spec.runtimeClassName === null) return undefined;
  const rc = await ctx.get('node.k8s.io', 'runtimeclasses', '', spec.runtimeClassName);
  if (rc === undefined) throw admissionForbidden(a, `pod rejected: RuntimeClass ${goQuote(spec.runtimeClassName)} not found`);
  return rc as RuntimeClassJson;
}

/** apiequality.Semantic.DeepEqual on resource lists: same keys, equal quantities. */
function sameResources(x: Record<string, string>, y: Record<string, string>): boolean {
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  return kx.every((k) => y[k] !== undefined && compareQuantity(parseQuantity(x[k] as string), parseQuantity(y[k] as string)) === 0);
}

const OVERHEAD_MISMATCH = "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";

const sameToleration = (x: Toleration, y: Toleration): boolean =>
  (x.key ?? '') === (y.key ?? '') &&
  (x.operator ?? '') === (y.operator ?? '') &&
  (x.value ?? '') === (y.value ?? '') &&
  (x.effect ?? '') === (y.effect ?? '') &&
  x.tolerationSeconds === y.tolerationSeconds;

/** tolerations.isSuperset: does `ss` tolerate everything `t` does? */
function isSuperset(ss: Toleration, t: Toleration): boolean {
  if (sameToleration(ss, t)) return true;
  if ((t.key ?? '') !== (ss.key ?? '') && ((ss.key ?? '') !== '' || ss.operator !== 'Exists')) return false;
  if ((t.effect ?? '') !== (ss.effect ?? '') && (ss.effect ?? '') !== '') return false;
  if (ss.effect === 'NoExecute' && ss.tolerationSeconds !== undefined) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds > ss.tolerationSeconds) return false;
  }
  switch (ss.operator ?? '') {
    case 'Equal':
    case '':
      return t.operator === 'Equal' && (t.value ?? '') === (ss.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** tolerations.MergeTolerations: both lists in order, dropping any toleration another one already covers. */
export function mergeTolerations(first: readonly Toleration[], second: readonly Toleration[]): Toleration[] {
  const all = [...first, ...second];
  const merged: Toleration[] = [];
  all.forEach((t, i) => {
    if (merged.some((m) => isSuperset(m, t))) return;
    if (all.slice(i + 1).some((later) => !sameToleration(t, later) && isSuperset(later, t))) return;
    merged.push(t);
  });
  return merged;
}

export const runtimeClass: AdmissionPlugin = {
  name: 'RuntimeClass',
  async admit(a, ctx) {
    if (!applies(a)) return;
    const spec = ((a.object as KubeObject).spec ??= {}) as PodSpec;
    const rc = await runtimeClassFor(a, ctx, spec);
    if (rc === undefined) return;
    const fixed = rc.overhead?.podFixed;
    if (fixed !== undefined) {
      if (spec.overhead !== undefined && Object.keys(spec.overhead).length > 0 && !sameResources(fixed, spec.overhead)) {
        throw admissionForbidden(a, OVERHEAD_MISMATCH);
      }
      spec.overhead = { ...fixed };
    }
    const scheduling = rc.scheduling;
    if (scheduling === undefined) return;
    // The stored class is frozen and shared: the pod gets copies.
    const selector = spec.nodeSelector === undefined ? undefined : { ...spec.nodeSelector };
    let nodeSelector = selector ?? (scheduling.nodeSelector === undefined ? undefined : { ...scheduling.nodeSelector });
    if (selector !== undefined) {
      for (const [key, rcValue] of Object.entries(scheduling.nodeSelector ?? {})) {
        const podValue = selector[key];
        if (podValue !== undefined && podValue !== rcValue) {
          throw admissionForbidden(a, `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${rcValue}; pod.spec.nodeSelector[${key}] = ${podValue}`);
        }
        selector[key] = rcValue;
      }
      nodeSelector = selector;
    }
    if (nodeSelector !== undefined) spec.nodeSelector = nodeSelector;
    const tolerations = mergeTolerations(spec.tolerations ?? [], (scheduling.tolerations ?? []).map((t) => ({ ...t })));
    if (tolerations.length > 0) spec.tolerations = tolerations;
  },
  async validate(a, ctx) {
    if (!applies(a)) return;
    const spec = ((a.object as KubeObject).spec ?? {}) as PodSpec;
    const rc = await runtimeClassFor(a, ctx, spec);
    if (spec.overhead === undefined || Object.keys(spec.overhead).length === 0) return;
    const fixed = rc?.overhead?.podFixed;
    if (fixed === undefined) throw admissionForbidden(a, 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
    if (!sameResources(fixed, spec.overhead)) throw admissionForbidden(a, OVERHEAD_MISMATCH);
  },
};
