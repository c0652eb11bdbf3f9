/**
 * Test fixtures for the scheduler core: pod/node builders (like upstream's st.MakePod/MakeNode), a snapshot
 * built from them, and a minimal resource-fit filter standing in for NodeResourcesFit (same reasons).
 */
import type { KubeObject } from '../../../../engine/api/objects';
import { SchedulerCache } from '../../../../engine/scheduler/cache/scheduler-cache';
import { SchedulerSnapshot } from '../../../../engine/scheduler/cache/snapshot';
import { Status, type FilterPlugin, type PreFilterPlugin } from '../../../../engine/scheduler/framework/interface';

let uidCounter = 0;

export interface PodOpts {
  ns?: string;
  priority?: number;
  node?: string;
  cpu?: string;
  labels?: Record<string, string>;
  startTime?: string;
  schedulingGates?: string[];
  preemptionPolicy?: string;
  nominatedNodeName?: string;
}

export function makePod(name: string, o: PodOpts = {}): KubeObject {
  const container: Record<string, unknown> = { name: 'c', image: 'nginx' };
  if (o.cpu) container['resources'] = { requests: { cpu: o.cpu } };
  const spec: Record<string, unknown> = { containers: [container], schedulerName: 'default-scheduler' };
  if (o.priority !== undefined) spec['priority'] = o.priority;
  if (o.node) spec['nodeName'] = o.node;
  if (o.schedulingGates) spec['schedulingGates'] = o.schedulingGates.map((n) => ({ name: n }));
  if (o.preemptionPolicy) spec['preemptionPolicy'] = o.preemptionPolicy;
  const status: Record<string, unknown> = {};
  if (o.startTime) status['startTime'] = o.startTime;
  if (o.nominatedNodeName) status['nominatedNodeName'] = o.nominatedNodeName;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: o.ns ?? 'default', uid: `uid-${name}-${++uidCounter}`, labels: o.labels }, spec, status };
}

export function makeNode(name: string, allocatable: Record<string, string>, labels: Record<string, string> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: {}, status: { allocatable } };
}

export function snapshotOf(nodes: KubeObject[], pods: KubeObject[], objects: Record<string, KubeObject[]> = {}): { cache: SchedulerCache; snapshot: SchedulerSnapshot } {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addOrUpdateNode(n);
  for (const p of pods) cache.addOrUpdatePod(p);
  const snapshot = new SchedulerSnapshot({ namespaceLabels: () => ({}), objects: (k) => objects[k] ?? [] });
  cache.updateSnapshot(snapshot);
  return { cache, snapshot };
}

/** Stand-in for NodeResourcesFit's filter: pods count and cpu, with upstream's reasons. */
export function fakeFit(): FilterPlugin & PreFilterPlugin {
  return {
    name: 'NodeResourcesFit',
    preFilter: () => ({ status: Status.success() }),
    filter(_state, pod, ni) {
      const reasons: string[] = [];
      if (ni.pods.length + 1 > ni.allocatable.allowedPodNumber) reasons.push('Too many pods');
      const want = ni.pods.find((p) => p.pod === pod) ? 0 : cpuOf(pod);
      if (want > 0 && ni.requested.milliCPU + want > ni.allocatable.milliCPU) reasons.push('Insufficient cpu');
      return reasons.length ? new Status('Unschedulable', reasons) : Status.success();
    },
  };
}

function cpuOf(pod: KubeObject): number {
  const c = ((pod['spec'] as { containers: Array<{ resources?: { requests?: { cpu?: string } } }> }).containers[0]?.resources?.requests?.cpu ?? '0');
  return c.endsWith('m') ? Number(c.slice(0, -1)) : Number(c) * 1000;
}
