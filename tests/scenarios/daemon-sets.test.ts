/**
 * The DaemonSet controller on a whole cluster under the virtual clock: one pod per eligible node, pinned by node
 * affinity and bound by the scheduler; untolerated taints keep a node out and removing them brings it in; cordoned
 * nodes keep their daemon pod (the daemon tolerations); a template change rolls node by node within
 * maxUnavailable 1, with a ControllerRevision per template.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { NODES, PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const DAEMONSETS = { group: 'apps', version: 'v1', resource: 'daemonsets', namespace: 'kube-system' };
const REVISIONS = { group: 'apps', version: 'v1', resource: 'controllerrevisions', namespace: 'kube-system' };

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const ready = (p: KubeObject) => ((p['status'] as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

describe('DaemonSet controller', () => {
  it('runs one pod per eligible node, follows taints, survives cordon, and rolls updates one node at a time', async () => {
    sim = await startSimCluster({ nodes: 3, seed: 9 });
    const s = sim;
    const nodeNames = (await s.admin.list(NODES)).items.map((n) => n.metadata!.name!).sort();
    const tainted = nodeNames[2]!;
    await s.admin.patch({ ...NODES, name: tainted }, 'strategic', { spec: { taints: [{ key: 'dedicated', value: 'infra', effect: 'NoSchedule' }] } });
    await s.admin.create(DAEMONSETS, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'kube-system' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'nginx:1.25' }] } },
      },
    });
    const pods = async () => (await s.admin.list({ ...PODS, namespace: 'kube-system' }, { labelSelector: 'app=agent' })).items.filter((p) => !p.metadata?.deletionTimestamp);
    const status = async () => (await s.admin.get({ ...DAEMONSETS, name: 'agent' }))['status'] as Record<string, number>;
    await s.advanceUntil(async () => (await status()).numberReady === 2, 120_000);
    let running = await pods();
    expect(running.map((p) => (p['spec'] as { nodeName: string }).nodeName).sort()).toEqual(nodeNames.slice(0, 2));
    expect(await status()).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, numberMisscheduled: 0 });
    const pod0 = running[0]!;
    expect((pod0['spec'] as any).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]).toMatchObject({ key: 'metadata.name', operator: 'In' });
    expect(((pod0['spec'] as any).tolerations as Array<{ key: string; effect: string }>).map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(pod0.metadata?.labels?.['pod-template-generation']).toBe('1');

    // The taint goes: the node becomes eligible and gets its pod. A cordon does not evict daemon pods.
    await s.admin.patch({ ...NODES, name: tainted }, 'merge', { spec: { taints: null } });
    await s.admin.patch({ ...NODES, name: nodeNames[0]! }, 'merge', { spec: { unschedulable: true } });
    await s.advanceUntil(async () => (await status()).numberReady === 3, 120_000);
    expect((await pods()).map((p) => (p['spec'] as { nodeName: string }).nodeName).sort()).toEqual(nodeNames);

    // Rolling update: never more than one node without a ready daemon pod.
    const list = await s.admin.list({ ...PODS, namespace: 'kube-system' });
    const live = new Map<string, KubeObject>();
    for (const p of await pods()) live.set(p.metadata!.name!, p);
    let minReady = Infinity;
    const watch = await s.admin.watch({ ...PODS, namespace: 'kube-system' }, { labelSelector: 'app=agent', resourceVersion: list.metadata.resourceVersion }, (e) => {
      if (e.type === 'DELETED') live.delete(e.object.metadata!.name!);
      else live.set(e.object.metadata!.name!, e.object);
      minReady = Math.min(minReady, [...live.values()].filter((p) => ready(p) && !p.metadata?.deletionTimestamp).length);
    }, () => {});
    await s.admin.patch({ ...DAEMONSETS, name: 'agent' }, 'strategic', { spec: { template: { spec: { containers: [{ name: 'agent', image: 'nginx:1.27' }] } } } });
    await s.advanceUntil(async () => {
      const st = await status();
      return st.updatedNumberScheduled === 3 && st.numberReady === 3 && st.observedGeneration === 2;
    }, 300_000);
    watch.dispose();
    expect(minReady).toBe(2);
    running = await pods();
    expect(running.map((p) => ((p['spec'] as any).containers[0].image as string))).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
    expect(running.every((p) => p.metadata?.labels?.['pod-template-generation'] === '2')).toBe(true);
    const revisions = (await s.admin.list(REVISIONS)).items.filter((r) => r.metadata?.name?.startsWith('agent-'));
    expect(revisions.map((r) => r['revision']).sort()).toEqual([1, 2]);
    const current = revisions.find((r) => r['revision'] === 2)!;
    expect(current.metadata?.name).toBe(`agent-${running[0]!.metadata?.labels?.['controller-revision-hash']}`);
  });
});
