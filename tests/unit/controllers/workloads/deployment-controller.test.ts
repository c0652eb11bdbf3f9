import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { DEPLOYMENTS, NGINX_DEPLOYMENT, startHarness, type Harness } from './workload-harness';

type Rs = KubeObject & { spec: { replicas: number; template: KubeObject }; status?: Record<string, number> };
type Condition = { type: string; status: string; reason: string; message: string };

function nginx(patch: Record<string, unknown> = {}): KubeObject {
  const d = structuredClone(NGINX_DEPLOYMENT);
  d.spec = { ...(d.spec as object), ...patch };
  return d;
}

describe('DeploymentController', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const replicaSets = async () => (await h.replicaSets()) as Rs[];
  const scalingEvents = async () => (await h.events()).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
  const deployment = () => h.get(DEPLOYMENTS, 'nginx-deployment');
  const conditions = async () => ((await deployment()).status as { conditions?: Condition[] }).conditions?.map(({ type, status, reason, message }) => ({ type, status, reason, message }));
  /** Runs every pod to Ready and lets terminating ones go, until nothing changes. */
  const converge = async (rounds = 12) => {
    for (let i = 0; i < rounds; i++) {
      await h.runAll();
      await h.reap();
    }
  };
  const setImage = (image: string) => h.admin.patch({ ...DEPLOYMENTS, name: 'nginx-deployment' }, 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image }] } } } });

  it('creates <deployment>-<pod-template-hash> with the revision and replicas annotations, and reports upstream conditions', async () => {
    const d = await h.admin.create(DEPLOYMENTS, nginx());
    await h.settle();
    const [rs] = await replicaSets();
    const hash = rs?.metadata?.labels?.['pod-template-hash'] ?? '';
    expect(hash).toMatch(/^[bcdf4-9]{1,10}$/); // SafeEncodeString of a decimal uint32
    expect(rs?.metadata?.name).toBe(`nginx-deployment-${hash}`);
    expect(rs?.metadata?.annotations).toEqual({
      'deployment.kubernetes.io/revision': '1',
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
    });
    expect(rs?.metadata?.labels).toEqual({ 'app.kubernetes.io/name': 'nginx', 'pod-template-hash': hash });
    expect((rs?.spec as { selector?: unknown }).selector).toEqual({ matchLabels: { 'app.kubernetes.io/name': 'nginx', 'pod-template-hash': hash } });
    expect(rs?.metadata?.ownerReferences).toEqual([
      { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nginx-deployment', uid: d.metadata?.uid, controller: true, blockOwnerDeletion: true },
    ]);
    expect(rs?.spec.replicas).toBe(3);
    expect(await scalingEvents()).toEqual([`Scaled up replica set nginx-deployment-${hash} from 0 to 3`]);
    expect((await deployment()).metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(await conditions()).toEqual([
      { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "nginx-deployment-${hash}" is progressing.` },
    ]);

    await converge(2);
    const status = (await deployment()).status as Record<string, unknown>;
    expect(status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(status.unavailableReplicas ?? 0).toBe(0);
    expect(await conditions()).toEqual([
      { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
      { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "nginx-deployment-${hash}" has successfully progressed.` },
    ]);
    const events = (await h.events()).filter((e) => e.reason === 'ScalingReplicaSet');
    expect(events.every((e) => e.component === 'deployment-controller' && e.involved === 'Deployment/nginx-deployment')).toBe(true);
  });

  it('rolls 3 replicas with 25%/25% (surge 1, unavailable 0) one pod at a time, as the Deployment docs show', async () => {
    await h.admin.create(DEPLOYMENTS, nginx());
    await converge(2);
    const [old] = await replicaSets();
    await setImage('nginx:1.16.1');
    await converge();
    const rsList = await replicaSets();
    const fresh = rsList.find((r) => r.metadata?.name !== old?.metadata?.name);
    const o = old?.metadata?.name;
    const n = fresh?.metadata?.name;
    expect((await scalingEvents()).slice(1)).toEqual([
      `Scaled up replica set ${n} from 0 to 1`,
      `Scaled down replica set ${o} from 3 to 2`,
      `Scaled up replica set ${n} from 1 to 2`,
      `Scaled down replica set ${o} from 2 to 1`,
      `Scaled up replica set ${n} from 2 to 3`,
      `Scaled down replica set ${o} from 1 to 0`,
    ]);
    expect(fresh?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(rsList.find((r) => r.metadata?.name === o)?.spec.replicas).toBe(0);
  });

  it('Recreate scales the old ReplicaSet to 0 and creates the new one only after the old pods are gone', async () => {
    await h.admin.create(DEPLOYMENTS, nginx({ replicas: 2, strategy: { type: 'Recreate' } }));
    await converge(2);
    const [old] = await replicaSets();
    await setImage('nginx:1.16.1');
    await h.settle();
    expect(await replicaSets()).toHaveLength(1); // old pods are still terminating
    expect(await scalingEvents()).toEqual([`Scaled up replica set ${old?.metadata?.name} from 0 to 2`, `Scaled down replica set ${old?.metadata?.name} from 2 to 0`]);
    await h.reap();
    const fresh = (await replicaSets()).find((r) => r.metadata?.name !== old?.metadata?.name);
    expect(fresh?.spec.replicas).toBe(2);
    expect((await scalingEvents()).at(-1)).toBe(`Scaled up replica set ${fresh?.metadata?.name} from 0 to 2`);
  });

  it('rollout undo (the template patched back client-side) reuses the old ReplicaSet as revision 3 with revision-history 1', async () => {
    await h.admin.create(DEPLOYMENTS, nginx());
    await converge(2);
    const [first] = await replicaSets();
    await setImage('nginx:1.16.1');
    await converge();
    // What kubectl rollout undo sends: revision 1's template without the pod-template-hash label.
    const template = structuredClone(first?.spec.template) as { metadata: { labels: Record<string, string> } };
    delete template.metadata.labels['pod-template-hash'];
    await h.admin.patch({ ...DEPLOYMENTS, name: 'nginx-deployment' }, 'json', [{ op: 'replace', path: '/spec/template', value: template }]);
    await converge();
    const rsList = await replicaSets();
    expect(rsList).toHaveLength(2);
    const back = rsList.find((r) => r.metadata?.name === first?.metadata?.name);
    expect(back?.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(back?.metadata?.annotations?.['deployment.kubernetes.io/revision-history']).toBe('1');
    expect(back?.spec.replicas).toBe(3);
    expect((await deployment()).metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(rsList.find((r) => r !== back)?.spec.replicas).toBe(0);
  });

  it('keeps revisionHistoryLimit old ReplicaSets and deletes older scaled-down ones', async () => {
    await h.admin.create(DEPLOYMENTS, nginx({ revisionHistoryLimit: 1 }));
    await converge(2);
    const [first] = await replicaSets();
    await setImage('nginx:1.16.1');
    await converge();
    await setImage('nginx:1.17.0');
    await converge();
    const names = (await replicaSets()).map((r) => `${r.metadata?.annotations?.['deployment.kubernetes.io/revision']}:${r.spec.replicas}`).sort();
    expect(names).toEqual(['2:0', '3:3']);
    expect((await replicaSets()).some((r) => r.metadata?.name === first?.metadata?.name)).toBe(false);
  });

  it('marks ProgressDeadlineExceeded once progressDeadlineSeconds pass without progress (virtual clock)', async () => {
    await h.admin.create(DEPLOYMENTS, nginx({ progressDeadlineSeconds: 30 }));
    await h.settle();
    const [rs] = await replicaSets();
    await h.advance(25_000);
    expect((await conditions())?.find((c) => c.type === 'Progressing')?.reason).not.toBe('ProgressDeadlineExceeded');
    await h.advance(10_000);
    expect((await conditions())?.find((c) => c.type === 'Progressing')).toEqual({
      type: 'Progressing',
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rs?.metadata?.name}" has timed out progressing.`,
    });
  });

  it('a paused Deployment does not roll out; resuming does (DeploymentPaused / DeploymentResumed)', async () => {
    await h.admin.create(DEPLOYMENTS, nginx());
    await converge(2);
    await h.admin.patch({ ...DEPLOYMENTS, name: 'nginx-deployment' }, 'merge', { spec: { paused: true } });
    await setImage('nginx:1.16.1');
    await converge(2);
    expect(await replicaSets()).toHaveLength(1);
    expect((await conditions())?.find((c) => c.type === 'Progressing')).toEqual({ type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    await h.admin.patch({ ...DEPLOYMENTS, name: 'nginx-deployment' }, 'merge', { spec: { paused: false } });
    await h.settle();
    expect(await replicaSets()).toHaveLength(2);
    await converge();
    expect((await conditions())?.find((c) => c.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable');
  });

  it('scales proportionally during a stuck rollout: 10 → 15 replicas gives old 8 → 11 and new 5 → 7 (the docs example)', async () => {
    await h.admin.create(DEPLOYMENTS, nginx({ replicas: 10, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    await converge(2);
    const [old] = await replicaSets();
    await setImage('nginx:sometag'); // never becomes ready: nothing runs the new pods
    for (let i = 0; i < 4; i++) await h.settle();
    const sizes = async () => Object.fromEntries((await replicaSets()).map((r) => [r.metadata?.name === old?.metadata?.name ? 'old' : 'new', r.spec.replicas]));
    expect(await sizes()).toEqual({ old: 8, new: 5 });
    await h.admin.patch({ ...DEPLOYMENTS, name: 'nginx-deployment' }, 'merge', { spec: { replicas: 15 } });
    await h.settle();
    expect(await sizes()).toEqual({ old: 11, new: 7 });
  });
});
