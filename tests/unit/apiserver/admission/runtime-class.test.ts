import { describe, expect, it } from 'vitest';
import { mergeTolerations, runtimeClass } from '../../../../engine/apiserver/admission/runtime-class';
import type { KubeObject } from '../../../../engine/api/objects';
import { FakeAdmissionContext, podCreate, rejection, type StoredRef } from './fake-admission-context';

const rc = (name: string, extra: Record<string, unknown>): StoredRef => ({
  group: 'node.k8s.io',
  resource: 'runtimeclasses',
  object: { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name }, handler: 'runc', ...extra },
});

const pod = (spec: Record<string, unknown>): KubeObject => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }], ...spec } });

describe('RuntimeClass admission', () => {
  it('rejects a pod naming a RuntimeClass that does not exist', async () => {
    const s = await rejection(() => runtimeClass.admit?.(podCreate('default', pod({ runtimeClassName: 'gvisor' })), new FakeAdmissionContext()));
    expect(s.message).toBe('pods "p" is forbidden: pod rejected: RuntimeClass "gvisor" not found');
  });

  it('copies the overhead and merges scheduling into the pod', async () => {
    const ctx = new FakeAdmissionContext([
      rc('kata', {
        overhead: { podFixed: { cpu: '250m', memory: '120Mi' } },
        scheduling: { nodeSelector: { sandbox: 'kata' }, tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }] },
      }),
    ]);
    const p = pod({ runtimeClassName: 'kata', nodeSelector: { disk: 'ssd' } });
    await runtimeClass.admit?.(podCreate('default', p), ctx);
    await runtimeClass.validate?.(podCreate('default', p), ctx);
    expect(p.spec).toMatchObject({
      overhead: { cpu: '250m', memory: '120Mi' },
      nodeSelector: { disk: 'ssd', sandbox: 'kata' },
      tolerations: [{ key: 'sandbox', operator: 'Exists', effect: 'NoSchedule' }],
    });
  });

  it('gives the pod its own copies of the stored class scheduling', async () => {
    const ctx = new FakeAdmissionContext([rc('kata', { scheduling: { nodeSelector: { sandbox: 'kata' }, tolerations: [{ key: 'sandbox', operator: 'Exists' }] } })]);
    const p = pod({ runtimeClassName: 'kata' });
    await runtimeClass.admit?.(podCreate('default', p), ctx);
    const spec = p.spec as { nodeSelector: Record<string, string>; tolerations: { tolerationSeconds?: number }[] };
    spec.nodeSelector.extra = 'yes';
    (spec.tolerations[0] as { tolerationSeconds?: number }).tolerationSeconds = 5;
    expect(spec.nodeSelector).toEqual({ sandbox: 'kata', extra: 'yes' });
  });

  it('rejects a conflicting nodeSelector and a pod that brings its own overhead', async () => {
    const ctx = new FakeAdmissionContext([rc('kata', { overhead: { podFixed: { cpu: '250m' } }, scheduling: { nodeSelector: { sandbox: 'kata' } } })]);
    const conflict = await rejection(() => runtimeClass.admit?.(podCreate('default', pod({ runtimeClassName: 'kata', nodeSelector: { sandbox: 'other' } })), ctx));
    expect(conflict.message).toBe('pods "p" is forbidden: conflict: runtimeClass.scheduling.nodeSelector[sandbox] = kata; pod.spec.nodeSelector[sandbox] = other');
    const own = await rejection(() => runtimeClass.validate?.(podCreate('default', pod({ overhead: { cpu: '1' } })), new FakeAdmissionContext()));
    expect(own.message).toBe('pods "p" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead');
  });

  it('merges tolerations keeping only the broader of two overlapping ones', () => {
    const exact = { key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' };
    const any = { key: 'k', operator: 'Exists' };
    expect(mergeTolerations([exact], [any])).toEqual([any]);
    expect(mergeTolerations([any], [exact])).toEqual([any]);
    const other = { key: 'x', operator: 'Exists', effect: 'NoExecute' };
    expect(mergeTolerations([exact], [other, exact])).toEqual([exact, other]);
  });
});
