import { describe, expect, it } from 'vitest';
import { defaultIngressClass } from '../../../../engine/apiserver/admission/default-ingress-class';
import { persistentVolumeClaimResize } from '../../../../engine/apiserver/admission/persistent-volume-claim-resize';
import { storageObjectInUseProtection } from '../../../../engine/apiserver/admission/storage-object-in-use-protection';
import { taintNodesByCondition } from '../../../../engine/apiserver/admission/taint-nodes-by-condition';
import type { KubeObject } from '../../../../engine/api/objects';
import { FakeAdmissionContext, podCreate, rejection, type StoredRef } from './fake-admission-context';

describe('TaintNodesByCondition', () => {
  it('taints a new node not-ready:NoSchedule once', async () => {
    const node: KubeObject = { metadata: { name: 'worker-1' }, spec: {} };
    const attrs = podCreate('', node, { kind: 'Node', resource: 'nodes' });
    await taintNodesByCondition.admit?.(attrs, new FakeAdmissionContext());
    await taintNodesByCondition.admit?.(attrs, new FakeAdmissionContext());
    expect(node.spec).toEqual({ taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] });
  });
});

describe('StorageObjectInUseProtection', () => {
  it('adds kubernetes.io/pvc-protection and kubernetes.io/pv-protection on create', async () => {
    const pvc: KubeObject = { metadata: { name: 'data', finalizers: ['example.com/keep'] }, spec: {} };
    await storageObjectInUseProtection.admit?.(podCreate('dev', pvc, { kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims' }), new FakeAdmissionContext());
    expect(pvc.metadata?.finalizers).toEqual(['example.com/keep', 'kubernetes.io/pvc-protection']);
    const pv: KubeObject = { metadata: { name: 'pv1' }, spec: {} };
    await storageObjectInUseProtection.admit?.(podCreate('', pv, { kind: 'PersistentVolume', resource: 'persistentvolumes' }), new FakeAdmissionContext());
    expect(pv.metadata?.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });
});

describe('PersistentVolumeClaimResize', () => {
  const sc = (name: string, allowVolumeExpansion?: boolean): StoredRef => ({
    group: 'storage.k8s.io',
    resource: 'storageclasses',
    object: { metadata: { name }, provisioner: 'x', ...(allowVolumeExpansion === undefined ? {} : { allowVolumeExpansion }) },
  });
  const claim = (storage: string, cls: string, phase: string): KubeObject => ({
    metadata: { name: 'data', namespace: 'dev', resourceVersion: '4' },
    spec: { storageClassName: cls, resources: { requests: { storage } } },
    status: { phase },
  });
  const update = (from: KubeObject, to: KubeObject) =>
    podCreate('dev', to, { operation: 'UPDATE', oldObject: from, kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims' });
  const ctx = () => new FakeAdmissionContext([sc('gold', true), sc('silver')]);

  it('allows growing a bound claim whose class allows expansion, and any shrink or no-op', async () => {
    await expect(persistentVolumeClaimResize.validate?.(update(claim('1Gi', 'gold', 'Bound'), claim('2Gi', 'gold', 'Bound')), ctx())).resolves.toBeUndefined();
    await expect(persistentVolumeClaimResize.validate?.(update(claim('1Gi', 'silver', 'Pending'), claim('1024Mi', 'silver', 'Pending')), ctx())).resolves.toBeUndefined();
  });

  it('rejects growing an unbound claim', async () => {
    const s = await rejection(() => persistentVolumeClaimResize.validate?.(update(claim('1Gi', 'gold', 'Pending'), claim('2Gi', 'gold', 'Pending')), ctx()));
    expect(s.message).toBe('persistentvolumeclaims "data" is forbidden: Only bound persistent volume claims can be expanded');
  });

  it('rejects growing when the class does not allow expansion', async () => {
    const s = await rejection(() => persistentVolumeClaimResize.validate?.(update(claim('1Gi', 'silver', 'Bound'), claim('2Gi', 'silver', 'Bound')), ctx()));
    expect(s.message).toBe(
      'persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });
});

describe('DefaultIngressClass', () => {
  const ic = (name: string, created: string, isDefault: boolean): StoredRef => ({
    group: 'networking.k8s.io',
    resource: 'ingressclasses',
    object: { metadata: { name, creationTimestamp: created, annotations: isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : {} } },
  });
  const create = (ing: KubeObject) => podCreate('dev', ing, { group: 'networking.k8s.io', kind: 'Ingress', resource: 'ingresses' });

  it('sets the newest default class on an Ingress that names none', async () => {
    const ing: KubeObject = { metadata: { name: 'web' }, spec: { rules: [] } };
    await defaultIngressClass.admit?.(create(ing), new FakeAdmissionContext([ic('nginx', '2026-01-01T00:00:00Z', true), ic('traefik', '2026-02-01T00:00:00Z', true)]));
    expect((ing.spec as { ingressClassName?: string }).ingressClassName).toBe('traefik');
  });

  it('respects an explicit class or the legacy annotation', async () => {
    const stored = [ic('nginx', '2026-01-01T00:00:00Z', true)];
    const named: KubeObject = { metadata: { name: 'a' }, spec: { ingressClassName: 'other' } };
    await defaultIngressClass.admit?.(create(named), new FakeAdmissionContext(stored));
    expect((named.spec as { ingressClassName?: string }).ingressClassName).toBe('other');
    const legacy: KubeObject = { metadata: { name: 'b', annotations: { 'kubernetes.io/ingress.class': 'x' } }, spec: {} };
    await defaultIngressClass.admit?.(create(legacy), new FakeAdmissionContext(stored));
    expect((legacy.spec as { ingressClassName?: string }).ingressClassName).toBeUndefined();
  });
});
