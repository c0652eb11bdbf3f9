import { describe, expect, it } from 'vitest';
import { otherStrategies, nameRules } from '../../../../../engine/apiserver/kinds/other-strategies';
import { create, statusUpdate, update } from './harness';

const ns = otherStrategies['core/Namespace']!;
const node = otherStrategies['core/Node']!;

describe('Namespace strategy', () => {
  it('creates Active with the kubernetes finalizer and the metadata.name label', () => {
    const { obj, errors } = create(ns, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, status: { phase: 'Terminating' } });
    expect(errors).toEqual([]);
    expect(obj.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(obj.status).toEqual({ phase: 'Active' });
    expect(obj.metadata?.generation).toBeUndefined();
  });

  it('re-asserts the name label on update and keeps finalizers and status', () => {
    const old = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'dev' } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
    const { obj } = update(ns, { ...old, metadata: { name: 'dev', labels: { 'kubernetes.io/metadata.name': 'other', team: 'a' } }, spec: { finalizers: [] }, status: { phase: 'Terminating' } }, old);
    expect(obj.metadata?.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev', team: 'a' });
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(obj.status).toEqual({ phase: 'Active' });
  });

  it('rejects unqualified non-standard spec finalizers', () => {
    const { errors } = create(ns, { metadata: { name: 'dev' }, spec: { finalizers: ['foo'] } });
    expect(errors).toEqual(['spec.finalizers: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified']);
  });

  it('status phase must follow deletionTimestamp', () => {
    const old = { metadata: { name: 'dev' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
    const { errors } = statusUpdate(ns, { ...old, status: { phase: 'Terminating' } }, old);
    expect(errors).toEqual(['status.Phase: Invalid value: "Terminating": may only be \'Active\' if `deletionTimestamp` is empty']);
  });

  it('names: namespaces are DNS-1123 labels, services DNS-1035 labels, RBAC path segments', () => {
    expect(nameRules['core/Namespace']).toBe('label');
    expect(nameRules['core/Service']).toBe('dns1035');
    expect(nameRules['rbac.authorization.k8s.io/ClusterRole']).toBe('path-segment');
    expect(nameRules['core/ConfigMap']).toBeUndefined();
  });
});

describe('Node strategy', () => {
  it('defaults allocatable to capacity and keeps status on spec updates', () => {
    const { obj } = create(node, { metadata: { name: 'n1' }, status: { capacity: { cpu: '4' } } });
    expect((obj.status as { allocatable: unknown }).allocatable).toEqual({ cpu: '4' });
    const old = { metadata: { name: 'n1' }, spec: {}, status: { capacity: { cpu: '4' }, allocatable: { cpu: '4' } } };
    const { obj: updated } = update(node, { metadata: { name: 'n1' }, spec: { unschedulable: true }, status: { capacity: { cpu: '8' } } }, old);
    expect(updated.status).toEqual(old.status);
  });

  it('validates taints like upstream', () => {
    const { errors } = create(node, {
      metadata: { name: 'n1' },
      spec: { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'Sometimes' }] },
    });
    expect(errors).toEqual([
      'spec.taints[1]: Duplicate value: core.Taint{Key:"a", Value:"", Effect:"NoSchedule", TimeAdded:(*v1.Time)(nil)}: taints must be unique by key and effect pair',
      'spec.taints[2].effect: Unsupported value: "Sometimes": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ]);
  });

  it('podCIDRs can be set once, never changed', () => {
    const old = { metadata: { name: 'n1' }, spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] } };
    const { errors } = update(node, { metadata: { name: 'n1' }, spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] } }, old);
    expect(errors).toEqual(['spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid']);
  });
});

describe('Namespace finalize subresource', () => {
  it('changes only spec.finalizers and checks each at its index', async () => {
    const { namespaceFinalizeStrategy } = await import('../../../../../engine/apiserver/kinds/core/namespace');
    const old = { metadata: { name: 'dev', deletionTimestamp: '2026-11-23T18:00:00Z' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Terminating' } };
    const done = update(namespaceFinalizeStrategy as never, { ...old, spec: { finalizers: [] }, status: { phase: 'Active' } }, old);
    expect(done.errors).toEqual([]);
    expect(done.obj.spec).toEqual({ finalizers: [] });
    expect(done.obj.status).toEqual({ phase: 'Terminating' });
    expect(update(namespaceFinalizeStrategy as never, { ...old, spec: { finalizers: ['bogus'] } }, old).errors).toEqual([
      'spec.finalizers[0]: Invalid value: "bogus": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });
});
