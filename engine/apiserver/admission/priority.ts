/**
 * Priority (plugin/pkg/admission/priority). Pods: on create, resolve spec.priorityClassName to spec.priority
 * and spec.preemptionPolicy — the global-default class when none is named (priority 0 and
 * PreemptLowerPriority when there is none), a 403 when the named class does not exist, a 403 when the pod
 * brings its own different priority or policy; on update, keep the values set at create. PriorityClasses: at
 * most one may be globalDefault.
 *
 * The API server creates system-node-critical and system-cluster-critical at startup; until those objects exist
 * the built-in values below stand in for them, so pods naming them resolve either way.
 */
import type { KubeObject } from '../../api/objects';
import { admissionForbidden } from './admission-errors';
import type { AdmissionAttributes, AdmissionContext, AdmissionPlugin } from './types';

interface PriorityClass extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

interface PodSpec {
  priorityClassName?: string;
  priority?: number;
  preemptionPolicy?: string;
}

const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';

/** scheduling.SystemPriorityClasses(): SystemCriticalPriority = 2e9, node-critical 1000 above it. */
export const SYSTEM_PRIORITY_CLASSES: ReadonlyMap<string, number> = new Map([
  ['system-node-critical', 2000001000],
  ['system-cluster-critical', 2000000000],
]);

async function priorityClasses(ctx: AdmissionContext): Promise<PriorityClass[]> {
  return (await ctx.list('scheduling.k8s.io', 'priorityclasses')) as PriorityClass[];
}

/** getDefaultPriorityClass: should a race leave several defaults, the lowest value wins. */
async function defaultPriorityClass(ctx: AdmissionContext): Promise<PriorityClass | undefined> {
  let found: PriorityClass | undefined;
  for (const pc of await priorityClasses(ctx)) {
    if (pc.globalDefault === true && (found === undefined || (found.value ?? 0) > (pc.value ?? 0))) found = pc;
  }
  return found;
}

async function resolveClass(ctx: AdmissionContext, name: string): Promise<PriorityClass | undefined> {
  const stored = (await ctx.get('scheduling.k8s.io', 'priorityclasses', '', name)) as PriorityClass | undefined;
  if (stored !== undefined) return stored;
  const builtIn = SYSTEM_PRIORITY_CLASSES.get(name);
  return builtIn === undefined ? undefined : { metadata: { name }, value: builtIn, preemptionPolicy: PREEMPT_LOWER_PRIORITY };
}

async function admitPod(a: AdmissionAttributes, ctx: AdmissionContext): Promise<void> {
  const spec = ((a.object as KubeObject).spec ??= {}) as PodSpec;
  if (a.operation === 'UPDATE') {
    const old = (a.oldObject?.spec ?? {}) as PodSpec;
    if (spec.priority === undefined && old.priority !== undefined) spec.priority = old.priority;
    if (spec.preemptionPolicy === undefined && old.preemptionPolicy !== undefined) spec.preemptionPolicy = old.preemptionPolicy;
    return;
  }
  let priority: number;
  let policy: string | undefined;
  if (!spec.priorityClassName) {
    const dpc = await defaultPriorityClass(ctx);
    if (dpc !== undefined) {
      spec.priorityClassName = dpc.metadata?.name ?? '';
      priority = dpc.value ?? 0;
      policy = dpc.preemptionPolicy;
    } else {
      priority = 0;
      policy = PREEMPT_LOWER_PRIORITY;
    }
  } else {
    const pc = await resolveClass(ctx, spec.priorityClassName);
    if (pc === undefined) throw admissionForbidden(a, `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = pc.value ?? 0;
    policy = pc.preemptionPolicy;
  }
  if (spec.priority !== undefined && spec.priority !== priority) {
    throw admissionForbidden(
      a,
      `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`,
    );
  }
  spec.priority = priority;
  if (policy !== undefined) {
    if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== policy) {
      throw admissionForbidden(
        a,
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`,
      );
    }
    spec.preemptionPolicy = policy;
  }
}

async function validatePriorityClass(a: AdmissionAttributes, ctx: AdmissionContext): Promise<void> {
  const pc = a.object as PriorityClass;
  if (pc.globalDefault !== true) return;
  const dpc = await defaultPriorityClass(ctx);
  if (dpc === undefined) return;
  const dpcName = dpc.metadata?.name ?? '';
  if (a.operation === 'CREATE' || (a.operation === 'UPDATE' && dpcName !== pc.metadata?.name)) {
    throw admissionForbidden(a, `PriorityClass ${dpcName} is already marked as default. Only one default can exist`);
  }
}

export const priority: AdmissionPlugin = {
  name: 'Priority',
  async admit(a, ctx) {
    if (a.subresource !== '' || a.object === undefined) return;
    if (a.group === '' && a.resource === 'pods' && (a.operation === 'CREATE' || a.operation === 'UPDATE')) await admitPod(a, ctx);
  },
  async validate(a, ctx) {
    if (a.subresource !== '' || a.object === undefined) return;
    if (a.group === 'scheduling.k8s.io' && a.resource === 'priorityclasses' && (a.operation === 'CREATE' || a.operation === 'UPDATE')) {
      await validatePriorityClass(a, ctx);
    }
  },
};
