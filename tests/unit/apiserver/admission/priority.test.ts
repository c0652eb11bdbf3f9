import { describe, expect, it } from 'vitest';
import { priority } from '../../../../engine/apiserver/admission/priority';
import type { KubeObject } from '../../../../engine/api/objects';
import { FakeAdmissionContext, podCreate, rejection, type StoredRef } from './fake-admission-context';

const pc = (name: string, value: number, extra: Record<string, unknown> = {}): StoredRef => ({
  group: 'scheduling.k8s.io',
  resource: 'priorityclasses',
  object: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, preemptionPolicy: 'PreemptLowerPriority', ...extra },
});

const pod = (spec: Record<string, unknown> = {}): KubeObject => ({ metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }], ...spec } });
const specOf = (p: KubeObject) => p.spec as { priority?: number; priorityClassName?: string; preemptionPolicy?: string };

describe('Priority admission', () => {
  it('gives a pod without a class priority 0 and PreemptLowerPriority when there is no global default', async () => {
    const p = pod();
    await priority.admit?.(podCreate('default', p), new FakeAdmissionContext([pc('high', 1000)]));
    expect(specOf(p)).toMatchObject({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    expect(specOf(p).priorityClassName).toBeUndefined();
  });

  it('uses the global default class, the lowest value if several claim it', async () => {
    const p = pod();
    const ctx = new FakeAdmissionContext([pc('a', 500, { globalDefault: true }), pc('b', 100, { globalDefault: true, preemptionPolicy: 'Never' })]);
    await priority.admit?.(podCreate('default', p), ctx);
    expect(specOf(p)).toMatchObject({ priorityClassName: 'b', priority: 100, preemptionPolicy: 'Never' });
  });

  it('resolves a named class, including the built-in system classes', async () => {
    const p = pod({ priorityClassName: 'high' });
    await priority.admit?.(podCreate('default', p), new FakeAdmissionContext([pc('high', 1000000)]));
    expect(specOf(p)).toMatchObject({ priority: 1000000, preemptionPolicy: 'PreemptLowerPriority' });

    const node = pod({ priorityClassName: 'system-node-critical' });
    await priority.admit?.(podCreate('kube-system', node), new FakeAdmissionContext([]));
    expect(specOf(node).priority).toBe(2000001000);
    const cluster = pod({ priorityClassName: 'system-cluster-critical' });
    await priority.admit?.(podCreate('kube-system', cluster), new FakeAdmissionContext([]));
    expect(specOf(cluster).priority).toBe(2000000000);
  });

  it('rejects an unknown class', async () => {
    const s = await rejection(() => priority.admit?.(podCreate('default', pod({ priorityClassName: 'nope' })), new FakeAdmissionContext([])));
    expect(s).toMatchObject({ code: 403, reason: 'Forbidden', message: 'pods "p" is forbidden: no PriorityClass with name nope was found' });
  });

  it('rejects a pod that brings a different priority or preemption policy', async () => {
    const ctx = new FakeAdmissionContext([pc('high', 1000)]);
    const s = await rejection(() => priority.admit?.(podCreate('default', pod({ priorityClassName: 'high', priority: 5 })), ctx));
    expect(s.message).toBe(
      'pods "p" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    );
    const s2 = await rejection(() => priority.admit?.(podCreate('default', pod({ priorityClassName: 'high', preemptionPolicy: 'Never' })), ctx));
    expect(s2.message).toBe(
      'pods "p" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
    );
    const same = pod({ priorityClassName: 'high', priority: 1000 });
    await expect(priority.admit?.(podCreate('default', same), ctx)).resolves.toBeUndefined();
  });

  it('keeps the stored priority on update', async () => {
    const p = pod();
    const old = pod({ priority: 7, preemptionPolicy: 'Never' });
    await priority.admit?.(podCreate('default', p, { operation: 'UPDATE', oldObject: old }), new FakeAdmissionContext([]));
    expect(specOf(p)).toMatchObject({ priority: 7, preemptionPolicy: 'Never' });
  });

  it('allows only one globalDefault PriorityClass', async () => {
    const ctx = new FakeAdmissionContext([pc('existing', 10, { globalDefault: true })]);
    const attrs = (name: string, operation: 'CREATE' | 'UPDATE') => ({
      ...podCreate('', { metadata: { name }, value: 20, globalDefault: true }),
      operation,
      group: 'scheduling.k8s.io',
      kind: 'PriorityClass',
      resource: 'priorityclasses',
    });
    const s = await rejection(() => priority.validate?.(attrs('second', 'CREATE'), ctx));
    expect(s.message).toBe('priorityclasses.scheduling.k8s.io "second" is forbidden: PriorityClass existing is already marked as default. Only one default can exist');
    await expect(priority.validate?.(attrs('existing', 'UPDATE'), ctx)).resolves.toBeUndefined();
  });
});
