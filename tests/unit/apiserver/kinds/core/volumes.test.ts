import { describe, expect, it } from 'vitest';
import { otherStrategies } from '../../../../../engine/apiserver/kinds/other-strategies';
import { create, statusUpdate, update } from './harness';

const pv = otherStrategies['core/PersistentVolume']!;
const pvc = otherStrategies['core/PersistentVolumeClaim']!;

describe('PersistentVolume', () => {
  it('defaults Retain/Filesystem and starts Pending with a transition time', () => {
    const { obj, errors } = create(pv, { metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } });
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(obj.status).toEqual({ phase: 'Pending', lastPhaseTransitionTime: '2026-11-23T18:00:00Z' });
  });

  it('requires access modes, capacity and a volume source', () => {
    expect(create(pv, { metadata: { name: 'pv1' }, spec: {} }).errors).toEqual([
      'spec.accessModes: Required value',
      'spec.capacity: Required value',
      'spec.capacity: Unsupported value: core.ResourceList{}: supported values: "storage"',
      'spec: Required value: must specify a volume type',
    ]);
  });

  it('the volume source is immutable', () => {
    const old = { metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' }, persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' }, status: { phase: 'Available' } };
    const { errors } = update(pv, { ...old, spec: { ...old.spec, hostPath: { path: '/other' } } }, old);
    expect(errors).toEqual(['spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation']);
  });
});

describe('PersistentVolumeClaim', () => {
  const claim = { metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };

  it('defaults Filesystem and Pending', () => {
    const { obj, errors } = create(pvc, claim);
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ volumeMode: 'Filesystem' });
    expect(obj.status).toEqual({ phase: 'Pending' });
  });

  it('requires accessModes and a storage request', () => {
    expect(create(pvc, { metadata: { name: 'd' }, spec: {} }).errors).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
    expect(create(pvc, { metadata: { name: 'd' }, spec: { accessModes: ['ReadWriteSometimes'], resources: { requests: { storage: '0' } } } }).errors).toEqual([
      'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ]);
  });

  it('spec is immutable except the storage request of bound claims', () => {
    const stored = { ...claim, spec: { ...claim.spec, volumeMode: 'Filesystem' }, status: { phase: 'Bound' } };
    const grow = update(pvc, { ...stored, spec: { ...stored.spec, resources: { requests: { storage: '2Gi' } } } }, stored);
    expect(grow.errors).toEqual([]);
    const shrink = update(pvc, { ...stored, spec: { ...stored.spec, resources: { requests: { storage: '500Mi' } } } }, stored);
    expect(shrink.errors).toEqual(['spec.resources.requests.storage: Forbidden: field can not be less than previous value']);
    const modes = update(pvc, { ...stored, spec: { ...stored.spec, accessModes: ['ReadWriteMany'] } }, stored);
    expect(modes.errors).toHaveLength(1);
    expect(modes.errors[0]).toMatch(/^spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n/);
  });

  it('status writes keep the spec', () => {
    const stored = { ...claim, status: { phase: 'Pending' } };
    const { obj } = statusUpdate(pvc, { ...claim, spec: { accessModes: ['ReadWriteMany'] }, status: { phase: 'Bound' } }, stored);
    expect(obj.spec).toEqual(claim.spec);
    expect(obj.status).toEqual({ phase: 'Bound' });
  });
});

describe('volume warnings (pkg/api/persistentvolume[claim] util, 1.32)', () => {
  it('PV: beta class annotation and Recycle', () => {
    const obj = { metadata: { name: 'pv', annotations: { 'volume.beta.kubernetes.io/storage-class': 'slow' } }, spec: { persistentVolumeReclaimPolicy: 'Recycle' } };
    expect(pv.warnings?.(obj, undefined)).toEqual([
      'metadata.annotations[volume.beta.kubernetes.io/storage-class]: deprecated since v1.8; use "storageClassName" attribute instead',
      'spec.persistentVolumeReclaimPolicy: The Recycle reclaim policy is deprecated. Instead, the recommended approach is to use dynamic provisioning.',
    ]);
  });

  it('PVC: fractional byte values', () => {
    const obj = { metadata: { name: 'c' }, spec: { resources: { requests: { storage: '200m' }, limits: { storage: '100m' } } } };
    expect(pvc.warnings?.(obj, undefined)).toEqual([
      'spec.resources.requests[storage]: fractional byte value "200m" is invalid, must be an integer',
      'spec.resources.limits[storage]: fractional byte value "100m" is invalid, must be an integer',
    ]);
  });
});
