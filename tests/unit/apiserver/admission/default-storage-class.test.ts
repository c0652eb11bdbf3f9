import { describe, expect, it } from 'vitest';
import { defaultStorageClass } from '../../../../engine/apiserver/admission/default-storage-class';
import type { KubeObject } from '../../../../engine/api/objects';
import { FakeAdmissionContext, podCreate, type StoredRef } from './fake-admission-context';

const sc = (name: string, created: string, isDefault: boolean): StoredRef => ({
  group: 'storage.k8s.io',
  resource: 'storageclasses',
  object: {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name, creationTimestamp: created, annotations: isDefault ? { 'storageclass.kubernetes.io/is-default-class': 'true' } : {} },
    provisioner: 'rancher.io/local-path',
  },
});

async function classAfter(claim: KubeObject, stored: StoredRef[]): Promise<unknown> {
  await defaultStorageClass.admit?.(podCreate('default', claim, { kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims' }), new FakeAdmissionContext(stored));
  return (claim.spec as { storageClassName?: unknown }).storageClassName;
}

const claim = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject => ({
  metadata: annotations ? { name: 'data', annotations } : { name: 'data' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});

describe('DefaultStorageClass', () => {
  it('assigns the default class to a claim that names none', async () => {
    expect(await classAfter(claim(), [sc('standard', '2026-01-01T00:00:00Z', true), sc('fast', '2026-02-01T00:00:00Z', false)])).toBe('standard');
  });

  it('picks the newest of several defaults, then the first name', async () => {
    const stored = [sc('old', '2026-01-01T00:00:00Z', true), sc('new-b', '2026-03-01T00:00:00Z', true), sc('new-a', '2026-03-01T00:00:00Z', true)];
    expect(await classAfter(claim(), stored)).toBe('new-a');
  });

  it('leaves an explicit class alone, including the empty string and the beta annotation', async () => {
    const stored = [sc('standard', '2026-01-01T00:00:00Z', true)];
    expect(await classAfter(claim({ storageClassName: 'fast' }), stored)).toBe('fast');
    expect(await classAfter(claim({ storageClassName: '' }), stored)).toBe('');
    expect(await classAfter(claim({}, { 'volume.beta.kubernetes.io/storage-class': 'x' }), stored)).toBeUndefined();
  });

  it('does nothing without a default class', async () => {
    expect(await classAfter(claim(), [sc('fast', '2026-01-01T00:00:00Z', false)])).toBeUndefined();
  });
});
