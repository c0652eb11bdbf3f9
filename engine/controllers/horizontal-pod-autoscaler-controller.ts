/**
 * The HorizontalPodAutoscaler controller (pkg/controller/podautoscaler, autoscaling/v2) for Resource metrics
 * (cpu, memory; Utilization or AverageValue targets) read from metrics.k8s.io, which the kubelets' simulated
 * usage feeds. Every 15 s (--horizontal-pod-autoscaler-sync-period) per HPA:
 *  - the target's scale subresource gives current replicas and the pod selector;
 *  - per metric, GetResourceReplicas: usage over requests of the Ready pods with metrics, a ratio to the target,
 *    no change within the 10 % tolerance, otherwise ceil(ratio × pods) — missing pods counted at 0 when scaling
 *    up and at their request when scaling down; the largest proposal wins;
 *  - behaviour: scale-up by at most max(100 %, 4 pods) per 15 s; scale-down to the highest recommendation of the
 *    last 300 s (stabilization window), at most 100 % per 15 s; clamped to [minReplicas, maxReplicas];
 *  - a changed count is written to the scale subresource with the SuccessfulRescale event, and status carries
 *    current/desired replicas, currentMetrics, lastScaleTime and the AbleToScale / ScalingActive /
 *    ScalingLimited conditions with upstream's reasons and messages.
 */
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, MetricSpec, MetricStatus } from 'kubernetes-types/autoscaling/v2';
import type { Pod } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../api/objects';
import { parseQuantity, quantityMilliValue } from '../apiserver/admission/quantity';
import { parseLabelSelector } from '../apiserver/selectors';
import { rfc3339, type Clock } from '../base/clock';
import type { Disposable } from '../base/disposable';
import type { Logger } from '../base/logger';
import type { ApiClient, ResourceRef } from '../client/api-client';
import { LegacyEventRecorder, referenceTo } from '../client/event-recorder';
import { objectKey, type Informer } from '../client/informer';
import type { ControllerContext, ControllerDescriptor } from './controller-context';
import { ControllerLoop, type Reconciler } from './controller-runtime';
import { isPodReady } from './replica-set/pod-availability';

const HPAS: ResourceRef = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' };
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods' };
const POD_METRICS: ResourceRef = { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods' };
export const HPA_SYNC_PERIOD_MS = 15_000;
const TOLERANCE = 0.1;
const SCALE_DOWN_WINDOW_MS = 300_000;

type HpaObject = HorizontalPodAutoscaler & KubeObject;

const SCALE_REFS: Record<string, ResourceRef> = {
  'apps/Deployment': { group: 'apps', version: 'v1', resource: 'deployments' },
  'apps/ReplicaSet': { group: 'apps', version: 'v1', resource: 'replicasets' },
  'apps/StatefulSet': { group: 'apps', version: 'v1', resource: 'statefulsets' },
  '/ReplicationController': { group: '', version: 'v1', resource: 'replicationcontrollers' },
};

interface Proposal {
  replicas: number;
  status: MetricStatus;
  /** "cpu resource utilization (percentage of request)" and the like, for events and conditions. */
  description: string;
}

interface PodMetricsItem {
  metadata?: { name?: string };
  containers?: Array<{ name: string; usage?: Record<string, string> }>;
}

function requestMilli(pod: Pod, resource: string): number {
  let total = 0;
  for (const c of pod.spec?.containers ?? []) {
    const r = c.resources?.requests?.[resource];
    if (r === undefined) return -1; // missing request: utilization cannot be computed
    total += Number(quantityMilliValue(parseQuantity(String(r))));
  }
  return total;
}

export class HorizontalPodAutoscalerController implements Reconciler, Disposable {
  readonly name = 'horizontal-pod-autoscaler';
  readonly loop: ControllerLoop;
  private readonly recorder: LegacyEventRecorder;
  private readonly recommendations = new Map<string, Array<{ at: number; replicas: number }>>();
  private readonly resync: Disposable;

  constructor(
    private readonly client: ApiClient,
    private readonly hpas: Informer,
    private readonly pods: Informer,
    private readonly clock: Clock,
    logger: Logger,
  ) {
    this.loop = new ControllerLoop(this, clock, logger);
    this.recorder = new LegacyEventRecorder(client, clock, 'horizontal-pod-autoscaler');
    hpas.addHandlers({ onAdd: (h) => this.loop.queue.add(objectKey(h)), onUpdate: (o, h) => o.metadata?.generation !== h.metadata?.generation && this.loop.queue.add(objectKey(h)) });
    this.resync = clock.setPeriodic(HPA_SYNC_PERIOD_MS, () => {
      for (const h of this.hpas.list()) this.loop.queue.add(objectKey(h));
    });
  }

  async reconcile(key: string): Promise<void> {
    const cached = this.hpas.get(key) as HpaObject | undefined;
    if (!cached) {
      this.recommendations.delete(key);
      return;
    }
    const hpa = deepCopy(cached) as HpaObject;
    const now = this.clock.now();
    const ns = hpa.metadata?.namespace ?? '';
    const target = hpa.spec?.scaleTargetRef;
    const group = (target?.apiVersion ?? '').includes('/') ? (target?.apiVersion ?? '').split('/')[0]! : '';
    const scaleRef = SCALE_REFS[`${group}/${target?.kind}`];
    const conditions: HorizontalPodAutoscalerCondition[] = [];
    const status: HorizontalPodAutoscalerStatus = { ...deepCopy(hpa.status ?? { desiredReplicas: 0 }) };
    const setCondition = (type: string, st: 'True' | 'False', reason: string, message: string) => {
      const old = (hpa.status?.conditions ?? []).find((c) => c.type === type);
      conditions.push({ type, status: st, lastTransitionTime: old && old.status === st ? old.lastTransitionTime : rfc3339(now), reason, message });
    };
    if (!scaleRef) {
      setCondition('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: no matches for kind "${target?.kind}" in group "${group}"`);
      return this.writeStatus(hpa, { ...status, conditions });
    }
    let scale: KubeObject;
    try {
      scale = await this.client.get({ ...scaleRef, namespace: ns, name: target?.name, subresource: 'scale' });
    } catch (err) {
      setCondition('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${(err as Error).message}`);
      return this.writeStatus(hpa, { ...status, conditions });
    }
    const current = (scale['spec'] as { replicas?: number } | undefined)?.replicas ?? 0;
    const selectorText = (scale['status'] as { selector?: string } | undefined)?.selector ?? '';
    const minReplicas = hpa.spec?.minReplicas ?? 1;
    const maxReplicas = hpa.spec?.maxReplicas ?? 1;
    status.currentReplicas = current;

    if (current === 0 && minReplicas !== 0) {
      setCondition('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale');
      setCondition('ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero');
      return this.writeStatus(hpa, { ...status, desiredReplicas: 0, conditions });
    }
    const matcher = parseLabelSelector(selectorText);
    const pods = (this.pods.list(ns) as Pod[]).filter((p) => matcher.matches(p as KubeObject) && !p.metadata?.deletionTimestamp && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded');
    let metrics: PodMetricsItem[] = [];
    try {
      metrics = (await this.client.list({ ...POD_METRICS, namespace: ns }, { labelSelector: selectorText })).items as PodMetricsItem[];
    } catch {
      metrics = [];
    }
    const proposals: Proposal[] = [];
    const failures: string[] = [];
    for (const spec of hpa.spec?.metrics ?? [defaultCpuMetric()]) {
      const p = this.resourceProposal(spec, pods, metrics, current);
      if (typeof p === 'string') failures.push(p);
      else if (p) proposals.push(p);
    }
    if (proposals.length === 0) {
      setCondition('AbleToScale', 'True', 'SucceededGetScale', 'the HPA controller was able to get the target\'s current scale');
      setCondition('ScalingActive', 'False', 'FailedGetResourceMetric', failures[0] ?? 'the HPA was unable to compute the replica count: no metrics returned from resource metrics API');
      return this.writeStatus(hpa, { ...status, desiredReplicas: current, conditions });
    }
    const best = proposals.reduce((a, b) => (b.replicas > a.replicas ? b : a));
    const desired = this.normalize(key, best.replicas, current, now, minReplicas, maxReplicas);
    status.currentMetrics = proposals.map((p) => p.status);
    status.desiredReplicas = desired.replicas;
    const limited = desired.limitedBy;
    if (desired.replicas !== current) {
      await this.client.update({ ...scaleRef, namespace: ns, name: target?.name, subresource: 'scale' }, { ...scale, spec: { replicas: desired.replicas } });
      const reason = desired.replicas > current ? `${best.description} above target` : 'All metrics below target';
      void this.recorder.event(referenceTo({ ...hpa, apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' }), 'Normal', 'SuccessfulRescale', `New size: ${desired.replicas}; reason: ${reason}`);
      status.lastScaleTime = rfc3339(now);
      setCondition('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired.replicas}`);
    } else {
      setCondition('AbleToScale', 'True', desired.stabilized ? 'ScaleDownStabilized' : 'ReadyForNewScale', desired.stabilized ? 'recent recommendations were higher than current one, applying the highest recent recommendation' : 'recommended size matches current size');
    }
    setCondition('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${best.description}`);
    if (limited === 'max') setCondition('ScalingLimited', 'True', 'TooManyReplicas', 'the desired replica count is more than the maximum replica count');
    else if (limited === 'min') setCondition('ScalingLimited', 'True', 'TooFewReplicas', 'the desired replica count is less than the minimum replica count');
    else if (limited === 'rate') setCondition('ScalingLimited', 'True', 'ScaleUpLimit', 'the desired replica count is increasing faster than the maximum scale rate');
    else setCondition('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
    await this.writeStatus(hpa, { ...status, conditions });
  }

  /** GetResourceReplicas for one Resource metric; a failure message when it cannot be computed. */
  private resourceProposal(spec: MetricSpec, pods: Pod[], metrics: PodMetricsItem[], current: number): Proposal | string | undefined {
    if (spec.type !== 'Resource' || !spec.resource) return undefined;
    const resource = spec.resource.name;
    const usageByPod = new Map<string, number>();
    for (const m of metrics) {
      let milli = 0;
      for (const c of m.containers ?? []) milli += Number(quantityMilliValue(parseQuantity(c.usage?.[resource] ?? '0')));
      usageByPod.set(m.metadata?.name ?? '', milli);
    }
    const ready = pods.filter((p) => isPodReady(p) && usageByPod.has(p.metadata?.name ?? ''));
    const missing = pods.filter((p) => !usageByPod.has(p.metadata?.name ?? ''));
    if (ready.length === 0) return `unable to get metrics for resource ${resource}: no metrics returned from resource metrics API`;
    let usage = 0;
    let requests = 0;
    for (const p of ready) {
      const req = requestMilli(p, resource);
      if (req < 0 && spec.resource.target.type === 'Utilization') return `failed to get ${resource} utilization: missing request for ${resource} in container ${p.spec?.containers?.[0]?.name} of Pod ${p.metadata?.name}`;
      usage += usageByPod.get(p.metadata?.name ?? '') ?? 0;
      requests += Math.max(0, req);
    }
    const averageMilli = usage / ready.length;
    const averageValue = `${Math.round(averageMilli)}m`;
    if (spec.resource.target.type === 'Utilization') {
      const target = spec.resource.target.averageUtilization ?? 80;
      const utilization = requests > 0 ? (usage * 100) / requests : 0;
      let ratio = utilization / target;
      let replicas = ready.length;
      if (missing.length > 0) {
        // Missing metrics: assume 0 usage when scaling up, the full request when scaling down, then re-check.
        const perPodRequest = requests / ready.length;
        const assumed = ratio > 1 ? 0 : perPodRequest;
        ratio = ((usage + assumed * missing.length) * 100) / (requests + perPodRequest * missing.length) / target;
        replicas = ready.length + missing.length;
      }
      const proposed = Math.abs(ratio - 1) <= TOLERANCE ? current : Math.ceil(ratio * replicas);
      return {
        replicas: proposed,
        status: { type: 'Resource', resource: { name: resource, current: { averageUtilization: Math.floor(utilization), averageValue } } },
        description: `${resource} resource utilization (percentage of request)`,
      };
    }
    const targetMilli = Number(quantityMilliValue(parseQuantity(String(spec.resource.target.averageValue ?? '0'))));
    const ratio = targetMilli > 0 ? averageMilli / targetMilli : 0;
    const proposed = Math.abs(ratio - 1) <= TOLERANCE ? current : Math.ceil((usage / Math.max(targetMilli, 1)));
    return { replicas: proposed, status: { type: 'Resource', resource: { name: resource, current: { averageValue } } }, description: `${resource} resource` };
  }

  /** normalizeDesiredReplicasWithBehaviors with the default behaviour. */
  private normalize(key: string, proposed: number, current: number, now: number, min: number, max: number): { replicas: number; stabilized: boolean; limitedBy?: 'min' | 'max' | 'rate' } {
    const history = (this.recommendations.get(key) ?? []).filter((r) => now - r.at < SCALE_DOWN_WINDOW_MS);
    history.push({ at: now, replicas: proposed });
    this.recommendations.set(key, history);
    let replicas = proposed;
    let stabilized = false;
    if (proposed < current) {
      const highest = Math.max(...history.map((r) => r.replicas));
      if (highest > proposed) {
        replicas = Math.min(current, highest);
        stabilized = replicas === current;
      }
    }
    let limitedBy: 'min' | 'max' | 'rate' | undefined;
    const scaleUpLimit = Math.max(current * 2, current + 4);
    if (replicas > scaleUpLimit) {
      replicas = scaleUpLimit;
      limitedBy = 'rate';
    }
    if (replicas > max) {
      replicas = max;
      limitedBy = 'max';
    } else if (replicas < min) {
      replicas = min;
      limitedBy = 'min';
    }
    return { replicas, stabilized, limitedBy };
  }

  private async writeStatus(hpa: HpaObject, status: HorizontalPodAutoscalerStatus): Promise<void> {
    if (JSON.stringify(status) === JSON.stringify(hpa.status ?? {})) return;
    await this.client.update({ ...HPAS, namespace: hpa.metadata?.namespace, name: hpa.metadata?.name, subresource: 'status' }, { ...hpa, status });
  }

  dispose(): void {
    this.resync.dispose();
    this.loop.dispose();
  }
}

/** An HPA without metrics scales on 80 % cpu utilization (the autoscaling/v2 default). */
function defaultCpuMetric(): MetricSpec {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } };
}

export const horizontalPodAutoscalerDescriptor: ControllerDescriptor = {
  name: 'horizontalpodautoscaling',
  create: (ctx: ControllerContext) => {
    const c = new HorizontalPodAutoscalerController(ctx.client, ctx.informer(HPAS), ctx.informer(PODS), ctx.clock, ctx.logger);
    return { start: () => c.loop.start(), dispose: () => c.dispose() };
  },
};
