/**
 * The Scheduler against a real in-process API server (createLabCluster over MvccStore, VirtualClock): binding,
 * the Scheduled / FailedScheduling events as upstream writes them, PodScheduled=False, preemption with
 * nominatedNodeName, profiles by schedulerName. Plugins are the core's own plus stand-ins for TaintToleration
 * and NodeResourcesFit with upstream's reasons, so this suite tests the core, not the plugin set (one case runs
 * the in-tree plugins end to end).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { Logger, silentSink } from '../../../../engine/base/logger';
import { VirtualClock } from '../../../../engine/base/virtual-clock';
import { ApiClient, type ResourceRef } from '../../../../engine/client/api-client';
import { createLabCluster, type LabCluster } from '../../../../engine/cluster/lab-cluster';
import { Status, type FilterPlugin, type PluginFactory } from '../../../../engine/scheduler/framework/interface';
import { newDefaultBinder } from '../../../../engine/scheduler/plugins/default-binder';
import { newDefaultPreemption } from '../../../../engine/scheduler/plugins/default-preemption';
import { newPrioritySort } from '../../../../engine/scheduler/plugins/priority-sort';
import { newSchedulingGates } from '../../../../engine/scheduler/plugins/scheduling-gates';
import { Scheduler } from '../../../../engine/scheduler/scheduler';
import { MvccStore } from '../../../../engine/store/mvcc-store';
import { fakeFit } from './fixtures';


const START = Date.UTC(2026, 10, 23, 12, 0, 0);
const PODS: ResourceRef = { group: '', version: 'v1', resource: 'pods', namespace: 'default' };
const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes' };
const EVENTS: ResourceRef = { group: '', version: 'v1', resource: 'events', namespace: 'default' };

/** TaintToleration's filter, reduced: NoSchedule/NoExecute taints need a toleration with the same key. */
function fakeTaints(): FilterPlugin {
  return {
    name: 'TaintToleration',
    filter(_s, pod, ni) {
      const tolerations = ((pod['spec'] as { tolerations?: Array<{ key?: string }> }).tolerations ?? []).map((t) => t.key);
      const taints = ((ni.node['spec'] as { taints?: Array<{ key: string; value?: string; effect: string }> }).taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule');
      const bad = taints.find((t) => !tolerations.includes(t.key));
      return bad ? new Status('UnschedulableAndUnresolvable', [`node(s) had untolerated taint {${bad.key}: ${bad.value ?? ''}}`]) : Status.success();
    },
  };
}

const registry: Record<string, PluginFactory> = {
  SchedulingGates: newSchedulingGates,
  PrioritySort: newPrioritySort,
  TaintToleration: () => fakeTaints(),
  NodeResourcesFit: () => fakeFit(),
  DefaultPreemption: newDefaultPreemption,
  DefaultBinder: newDefaultBinder,
};

let clock: VirtualClock;
let cluster: LabCluster;
let admin: ApiClient;
let scheduler: Scheduler;
const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise<void>((r) => setImmediate(r));
};
const advance = async (ms: number) => {
  for (let t = 0; t < ms; t += 500) {
    clock.advance(500);
    await settle();
  }
};

function pod(name: string, o: { cpu?: string; schedulerName?: string; priorityClassName?: string } = {}): KubeObject {
  const container: Record<string, unknown> = { name: 'c', image: 'nginx' };
  if (o.cpu) container['resources'] = { requests: { cpu: o.cpu } };
  const spec: Record<string, unknown> = { containers: [container] };
  if (o.schedulerName) spec['schedulerName'] = o.schedulerName;
  if (o.priorityClassName) spec['priorityClassName'] = o.priorityClassName;
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec };
}

async function events(name: string): Promise<KubeObject[]> {
  const list = await admin.list(EVENTS, { fieldSelector: `involvedObject.name=${name}` });
  return list.items;
}

beforeEach(async () => {
  clock = new VirtualClock({ startMs: START, seed: 11 });
  const logger = new Logger(silentSink, 'test', () => clock.now());
  cluster = await createLabCluster({ store: new MvccStore(), clock, logger, nodes: 3, zones: ['zone-a'], apiServerPort: 6443, caPem: 'CA', without: { kubelets: true, scheduler: true, nodeControllers: true } });
  admin = cluster.adminClient;
  // node-1 plays the control plane; all are Ready without other taints.
  for (const name of ['node-1', 'node-2', 'node-3']) {
    const taints = name === 'node-1' ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [];
    await admin.patch({ ...NODES, name }, 'merge', { spec: { taints } });
    await admin.patch({ ...NODES, name, subresource: 'status' }, 'merge', {
      status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: '2026-11-23T12:00:00Z', lastTransitionTime: '2026-11-23T12:00:00Z' }] },
    });
  }
  const client = new ApiClient(cluster.apiServer, { name: 'system:kube-scheduler', groups: ['system:authenticated'] }, 'kube-scheduler/v1.32.4 (linux/amd64) kubernetes/59526cd');
  scheduler = new Scheduler({ client, clock, logger, hostname: 'control-plane', registry });
  await scheduler.start();
});

afterEach(async () => {
  scheduler?.dispose();
  await cluster.close();
});

describe('Scheduler (in-process API server)', () => {
  it('binds a pod and records Scheduled as upstream does', async () => {
    await admin.create(PODS, pod('web', { cpu: '1' }));
    await settle();
    const bound = await admin.get<KubeObject>({ ...PODS, name: 'web' });
    const node = (bound['spec'] as { nodeName?: string }).nodeName;
    expect(['node-2', 'node-3']).toContain(node);
    const ev = (await events('web')).find((e) => e['reason'] === 'Scheduled');
    expect(ev).toMatchObject({
      type: 'Normal',
      action: 'Binding',
      message: `Successfully assigned default/web to ${node}`,
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
    });
    const [trace] = scheduler.traces('default', 'web');
    expect(trace?.selectedNode).toBe(node);
    expect(trace?.rejected).toEqual([{ nodes: ['node-1'], plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] }]);
    expect(scheduler.idle()).toBe(true);
  });

  it('writes FailedScheduling with the FitError + preemption message and PodScheduled=False', async () => {
    await admin.create(PODS, pod('big', { cpu: '5' }));
    await settle();
    const want =
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    const ev = (await events('big')).find((e) => e['reason'] === 'FailedScheduling');
    expect(ev).toMatchObject({ type: 'Warning', action: 'Scheduling', message: want, reportingComponent: 'default-scheduler' });
    const current = await admin.get<KubeObject>({ ...PODS, name: 'big' });
    const cond = ((current['status'] as { conditions?: Array<Record<string, unknown>> }).conditions ?? []).find((c) => c['type'] === 'PodScheduled');
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable', message: want });
    const trace = scheduler.traces('default', 'big').at(-1);
    expect(trace?.unschedulable).toBe(want);
  });

  it('retries an unschedulable pod when a node gets room (NodeResourcesFit registers nothing → any event)', async () => {
    await admin.create(PODS, pod('big', { cpu: '5' }));
    await settle();
    await admin.patch({ ...NODES, name: 'node-3', subresource: 'status' }, 'merge', { status: { allocatable: { cpu: '8', pods: '110', memory: '8Gi' } } });
    await advance(2000);
    const bound = await admin.get<KubeObject>({ ...PODS, name: 'big' });
    expect((bound['spec'] as { nodeName?: string }).nodeName).toBe('node-3');
  });

  it('ignores pods for a scheduler it does not run: no binding, no events', async () => {
    await admin.create(PODS, pod('other', { schedulerName: 'my-scheduler' }));
    await advance(2000);
    const p = await admin.get<KubeObject>({ ...PODS, name: 'other' });
    expect((p['spec'] as { nodeName?: string }).nodeName).toBeUndefined();
    expect(await events('other')).toEqual([]);
    expect(scheduler.traces('default', 'other')).toEqual([]);
  });

  it('preempts a lower-priority pod, nominates the node, then binds there', async () => {
    await admin.create({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses' }, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 });
    await admin.patch({ ...NODES, name: 'node-3' }, 'merge', { spec: { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] } });
    await admin.create(PODS, pod('victim', { cpu: '3' }));
    await settle();
    expect(((await admin.get<KubeObject>({ ...PODS, name: 'victim' }))['spec'] as { nodeName?: string }).nodeName).toBe('node-2');
    await admin.create(PODS, pod('vip', { cpu: '3', priorityClassName: 'high' }));
    await settle();
    const vip = await admin.get<KubeObject>({ ...PODS, name: 'vip' });
    expect((vip['status'] as { nominatedNodeName?: string }).nominatedNodeName).toBe('node-2');
    const victimEvents = await events('victim');
    expect(victimEvents.find((e) => e['reason'] === 'Preempted')?.['message']).toBe(`Preempted by pod ${vip.metadata?.uid} on node node-2`);
    // The victim is deleted gracefully; without a kubelet it stays terminating until force-removed.
    await admin.delete({ ...PODS, name: 'victim' }, { gracePeriodSeconds: 0 });
    await advance(3000);
    const bound = await admin.get<KubeObject>({ ...PODS, name: 'vip' });
    expect((bound['spec'] as { nodeName?: string }).nodeName).toBe('node-2');
  });

  it('with the in-tree plugins (default profile) writes the same FailedScheduling message', async () => {
    scheduler.dispose();
    const client = new ApiClient(cluster.apiServer, { name: 'system:kube-scheduler', groups: ['system:authenticated'] }, 'kube-scheduler/v1.32.4 (linux/amd64) kubernetes/59526cd');
    scheduler = new Scheduler({ client, clock, logger: new Logger(silentSink, 'test', () => clock.now()), hostname: 'control-plane' });
    await scheduler.start();
    await admin.create(PODS, pod('huge', { cpu: '5' }));
    await settle();
    const ev = (await events('huge')).find((e) => e['reason'] === 'FailedScheduling');
    expect(ev?.['message']).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });
});
