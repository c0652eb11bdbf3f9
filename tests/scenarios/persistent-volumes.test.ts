/**
 * Dynamic provisioning through the default `standard` StorageClass (rancher.io/local-path, WaitForFirstConsumer)
 * on a whole cluster: the claim waits for its first consumer, the scheduler selects a node, the provisioner makes
 * a node-pinned volume, the PV controller binds both, the pod runs; deleting pod and claim releases the volume
 * and the Delete reclaim policy removes it. A pre-provisioned volume binds statically.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { EVENTS, PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims', namespace: 'default' };
const PVS = { group: '', version: 'v1', resource: 'persistentvolumes' };

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const claim = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...extra },
});
const podWith = (name: string, claimName: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/data' }] }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] },
});
const phase = (o: KubeObject) => (o['status'] as { phase?: string } | undefined)?.phase;

describe('persistent volumes', () => {
  it('provisions on the first consumer’s node, binds, and reclaims on delete', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 15 });
    const s = sim;
    await s.admin.create(PVCS, claim('data'));
    await s.advance(5_000);
    let pvc = await s.admin.get({ ...PVCS, name: 'data' });
    expect((pvc['spec'] as { storageClassName?: string }).storageClassName).toBe('standard');
    expect(phase(pvc)).toBe('Pending');
    let events = (await s.admin.list({ ...EVENTS, namespace: 'default' }, { fieldSelector: 'involvedObject.name=data' })).items;
    expect(events.map((e) => `${e['reason']}: ${e['message']}`)).toContain('WaitForFirstConsumer: waiting for first consumer to be created before binding');

    await s.admin.create({ ...PODS, namespace: 'default' }, podWith('user', 'data'));
    await s.advanceUntil(async () => phase(await s.pod('default', 'user')) === 'Running', 120_000);
    pvc = await s.admin.get({ ...PVCS, name: 'data' });
    const node = (((await s.pod('default', 'user'))['spec']) as { nodeName: string }).nodeName;
    expect(phase(pvc)).toBe('Bound');
    expect(pvc.metadata?.annotations).toMatchObject({ 'volume.kubernetes.io/selected-node': node, 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path', 'pv.kubernetes.io/bind-completed': 'yes' });
    const pvName = (pvc['spec'] as { volumeName: string }).volumeName;
    expect(pvName).toBe(`pvc-${pvc.metadata?.uid}`);
    const pv = await s.admin.get({ ...PVS, name: pvName });
    expect(phase(pv)).toBe('Bound');
    expect(pv['spec']).toMatchObject({ persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', capacity: { storage: '1Gi' }, claimRef: { name: 'data', namespace: 'default' } });
    expect((pv['spec'] as any).nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'kubernetes.io/hostname', operator: 'In', values: [node] });
    events = (await s.admin.list({ ...EVENTS, namespace: 'default' }, { fieldSelector: 'involvedObject.name=data' })).items;
    const reasons = events.map((e) => e['reason']);
    expect(reasons).toEqual(expect.arrayContaining(['WaitForFirstConsumer', 'ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded']));

    // The claim is protected while the pod uses it.
    await s.admin.delete({ ...PVCS, name: 'data' });
    await s.advance(5_000);
    expect((await s.admin.get({ ...PVCS, name: 'data' })).metadata?.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    await s.admin.delete({ ...PODS, namespace: 'default', name: 'user' });
    await s.advanceUntil(async () => !(await s.admin.list(PVS)).items.some((p) => p.metadata?.name === pvName), 120_000);
    await expect(s.admin.get({ ...PVCS, name: 'data' })).rejects.toMatchObject({ code: 404 });
  });

  it('binds a claim to a matching pre-provisioned volume of its class', async () => {
    sim = await startSimCluster({ nodes: 1, seed: 16 });
    const s = sim;
    await s.admin.create(PVS, {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'manual-5g' },
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: 'manual', hostPath: { path: '/mnt/data' } },
    });
    await s.admin.create(PVCS, claim('manual-claim', { storageClassName: 'manual', resources: { requests: { storage: '3Gi' } } }));
    await s.advanceUntil(async () => phase(await s.admin.get({ ...PVCS, name: 'manual-claim' })) === 'Bound', 30_000);
    const pvc = await s.admin.get({ ...PVCS, name: 'manual-claim' });
    expect(pvc['spec']).toMatchObject({ volumeName: 'manual-5g' });
    expect(pvc['status']).toMatchObject({ phase: 'Bound', capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'] });
    expect(phase(await s.admin.get({ ...PVS, name: 'manual-5g' }))).toBe('Bound');
    await s.admin.delete({ ...PVCS, name: 'manual-claim' });
    await s.advanceUntil(async () => phase(await s.admin.get({ ...PVS, name: 'manual-5g' })) === 'Released', 30_000);
  });
});
