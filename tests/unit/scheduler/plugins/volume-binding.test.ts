import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { CycleState } from '../../../../engine/scheduler/framework/interface';
import type { MutableNodeInfo } from '../../../../engine/scheduler/framework/node-info';
import { newVolumeBinding, type PodVolumes } from '../../../../engine/scheduler/plugins/volume-binding';
import { makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, reasonsByNode, runFilter, type SnapshotExtras } from './fixtures';

const HOST = 'kubernetes.io/hostname';
const nodes = () => [makeNodeInfo(makeNode('node1', { labels: { [HOST]: 'node1' } })), makeNodeInfo(makeNode('node2', { labels: { [HOST]: 'node2' } }))];
const podWithClaims = (...claims: string[]) => makePod('pod-a', { volumes: claims.map((c, i) => ({ name: `v${i}`, persistentVolumeClaim: { claimName: c } })) });
const pvc = (name: string, spec: Record<string, unknown>, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name, namespace: 'default', uid: `${name}-uid`, ...(annotations ? { annotations } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});
const pv = (name: string, spec: Record<string, unknown>, phase = 'Available'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, ...spec },
  status: { phase },
});
const onNode = (n: string) => ({ required: { nodeSelectorTerms: [{ matchExpressions: [{ key: HOST, operator: 'In', values: [n] }] }] } });
const sc = (name: string, provisioner: string, mode = 'WaitForFirstConsumer', extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner,
  volumeBindingMode: mode,
  ...extra,
});

function run(pod: KubeObject, extras: SnapshotExtras, ns: MutableNodeInfo[] = nodes(), state = new CycleState()) {
  return runFilter(newVolumeBinding(undefined, makeHandle(makeSnapshot(ns, extras))), pod, ns, state);
}

// Upstream: volumebinding/volume_binding_test.go TestVolumeBinding.
describe('VolumeBinding', () => {
  it('pod has not pvcs: PreFilter skips', () => {
    expect(reasonsByNode(run(makePod('p'), {}))).toEqual({ node1: '', node2: '' });
  });
  it('all bound', () => {
    const extras = { objects: { PersistentVolumeClaim: [pvc('pvc-a', { volumeName: 'pv-a' })], PersistentVolume: [pv('pv-a', {}, 'Bound')] } };
    expect(reasonsByNode(run(podWithClaims('pvc-a'), extras))).toEqual({ node1: '', node2: '' });
  });
  it('PVC does not exist', () => {
    const r = run(podWithClaims('pvc-a'), {});
    expect(r.preFilter?.code).toBe('UnschedulableAndUnresolvable');
    expect(r.preFilter?.message()).toBe('persistentvolumeclaim "pvc-a" not found');
  });
  it('Part of PVCs do not exist', () => {
    const r = run(podWithClaims('pvc-a', 'pvc-b'), { objects: { PersistentVolumeClaim: [pvc('pvc-a', { volumeName: 'pv-a' })], PersistentVolume: [pv('pv-a', {}, 'Bound')] } });
    expect(r.preFilter?.message()).toBe('persistentvolumeclaim "pvc-b" not found');
  });
  it('immediate claims not bound', () => {
    const r = run(podWithClaims('pvc-a'), { objects: { PersistentVolumeClaim: [pvc('pvc-a', { storageClassName: 'immediate' })], StorageClass: [sc('immediate', 'example.com/csi', 'Immediate')] } });
    expect(r.preFilter?.code).toBe('UnschedulableAndUnresolvable');
    expect(r.preFilter?.message()).toBe('pod has unbound immediate PersistentVolumeClaims');
  });
  it('a claim being deleted', () => {
    const deleting = pvc('pvc-a', { volumeName: 'pv-a' });
    deleting.metadata = { ...deleting.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' };
    expect(run(podWithClaims('pvc-a'), { objects: { PersistentVolumeClaim: [deleting] } }).preFilter?.message()).toBe('persistentvolumeclaim "pvc-a" is being deleted');
  });
  it('a Lost claim', () => {
    const lost = { ...pvc('pvc-a', { volumeName: 'pv-a' }), status: { phase: 'Lost' } };
    expect(run(podWithClaims('pvc-a'), { objects: { PersistentVolumeClaim: [lost] } }).preFilter?.message()).toBe('persistentvolumeclaim "pvc-a" bound to non-existent persistentvolume "pv-a"');
  });
  it('unbound claims no matches: WaitForFirstConsumer with no provisioner and no PV', () => {
    const extras = { objects: { PersistentVolumeClaim: [pvc('pvc-a', { storageClassName: 'wait' })], StorageClass: [sc('wait', 'kubernetes.io/no-provisioner')] } };
    const want = "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind";
    expect(reasonsByNode(run(podWithClaims('pvc-a'), extras))).toEqual({ node1: want, node2: want });
  });
  it('bound and unbound unsatisfied: a bound PV pinned to node1 conflicts with node2', () => {
    const extras = { objects: { PersistentVolumeClaim: [pvc('pvc-a', { volumeName: 'pv-a' })], PersistentVolume: [pv('pv-a', { nodeAffinity: onNode('node1') }, 'Bound')] } };
    expect(reasonsByNode(run(podWithClaims('pvc-a'), extras))).toEqual({ node1: '', node2: 'UnschedulableAndUnresolvable: node(s) had volume node affinity conflict' });
  });
  it('pvc found but pv not found', () => {
    const extras = { objects: { PersistentVolumeClaim: [pvc('pvc-a', { volumeName: 'pv-a' })] } };
    const want = 'UnschedulableAndUnresolvable: node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
    expect(reasonsByNode(run(podWithClaims('pvc-a'), extras))).toEqual({ node1: want, node2: want });
  });
  it('local-pv with node affinity narrows PreFilter to its node', () => {
    const extras = { objects: { PersistentVolumeClaim: [pvc('pvc-a', { volumeName: 'pv-a' })], PersistentVolume: [pv('pv-a', { local: { path: '/mnt' }, nodeAffinity: onNode('node1') }, 'Bound')] } };
    expect([...(run(podWithClaims('pvc-a'), extras).nodeNames ?? [])]).toEqual(['node1']);
  });
  it('WaitForFirstConsumer with a provisioner passes Filter on every node and records the node\'s decision', () => {
    const extras = { objects: { PersistentVolumeClaim: [pvc('pvc-a', { storageClassName: 'standard' })], StorageClass: [sc('standard', 'rancher.io/local-path')] } };
    const state = new CycleState();
    expect(reasonsByNode(run(podWithClaims('pvc-a'), extras, nodes(), state))).toEqual({ node1: '', node2: '' });
    const recorded = state.read<{ podVolumesByNode: Map<string, PodVolumes> }>('PreFilterVolumeBinding')?.podVolumesByNode;
    expect(recorded?.get('node1')?.dynamicProvisions.map((c) => c.metadata?.name)).toEqual(['pvc-a']);
  });
  it('WaitForFirstConsumer: allowedTopologies of the class exclude other nodes', () => {
    const klass = sc('zonal', 'example.com/csi', 'WaitForFirstConsumer', { allowedTopologies: [{ matchLabelExpressions: [{ key: HOST, values: ['node2'] }] }] });
    const extras = { objects: { PersistentVolumeClaim: [pvc('pvc-a', { storageClassName: 'zonal' })], StorageClass: [klass] } };
    expect(reasonsByNode(run(podWithClaims('pvc-a'), extras))).toEqual({ node1: "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind", node2: '' });
  });
  it('WaitForFirstConsumer static binding: an Available local PV on node1 admits node1 only, the smallest fitting PV wins', () => {
    const extras = {
      objects: {
        PersistentVolumeClaim: [pvc('pvc-a', { storageClassName: 'local' })],
        StorageClass: [sc('local', 'kubernetes.io/no-provisioner')],
        PersistentVolume: [
          pv('big', { storageClassName: 'local', capacity: { storage: '10Gi' }, nodeAffinity: onNode('node1') }),
          pv('small', { storageClassName: 'local', capacity: { storage: '2Gi' }, nodeAffinity: onNode('node1') }),
          pv('too-small', { storageClassName: 'local', capacity: { storage: '500Mi' }, nodeAffinity: onNode('node2') }),
        ],
      },
    };
    const state = new CycleState();
    expect(reasonsByNode(run(podWithClaims('pvc-a'), extras, nodes(), state))).toEqual({ node1: '', node2: "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind" });
    const recorded = state.read<{ podVolumesByNode: Map<string, PodVolumes> }>('PreFilterVolumeBinding')?.podVolumesByNode;
    expect(recorded?.get('node1')?.staticBindings.map((b) => b.pv.metadata?.name)).toEqual(['small']);
  });
  it('a claim already provisioned for another node (selected-node) excludes this one', () => {
    const extras = {
      objects: { PersistentVolumeClaim: [pvc('pvc-a', { storageClassName: 'standard' }, { 'volume.kubernetes.io/selected-node': 'node2' })], StorageClass: [sc('standard', 'rancher.io/local-path')] },
    };
    expect(reasonsByNode(run(podWithClaims('pvc-a'), extras))).toEqual({ node1: "UnschedulableAndUnresolvable: node(s) didn't find available persistent volumes to bind", node2: '' });
  });
});
