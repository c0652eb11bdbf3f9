import { describe, expect, it } from 'vitest';
import { otherStrategies } from '../../../../../engine/apiserver/kinds/other-strategies';
import { create, update } from '../core/harness';

const sc = otherStrategies['storage.k8s.io/StorageClass']!;
const pc = otherStrategies['scheduling.k8s.io/PriorityClass']!;
const rb = otherStrategies['rbac.authorization.k8s.io/RoleBinding']!;
const crb = otherStrategies['rbac.authorization.k8s.io/ClusterRoleBinding']!;
const role = otherStrategies['rbac.authorization.k8s.io/Role']!;
const cr = otherStrategies['rbac.authorization.k8s.io/ClusterRole']!;

describe('StorageClass', () => {
  it('defaults reclaimPolicy Delete and volumeBindingMode Immediate', () => {
    const { obj, errors } = create(sc, { metadata: { name: 'standard' }, provisioner: 'rancher.io/local-path' });
    expect(errors).toEqual([]);
    expect(obj).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });

  it('provisioner is required; parameters, provisioner and reclaimPolicy are frozen', () => {
    expect(create(sc, { metadata: { name: 's' } }).errors).toEqual(['provisioner: Required value']);
    const old = { metadata: { name: 's' }, provisioner: 'a.io/x', parameters: { type: 'ssd' }, reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' };
    const { errors } = update(sc, { ...old, provisioner: 'b.io/y', parameters: { type: 'hdd' }, reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }, old);
    expect(errors).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
  });
});

describe('PriorityClass', () => {
  it('defaults preemptionPolicy and reserves the system- prefix', () => {
    const { obj } = create(pc, { metadata: { name: 'high' }, value: 1000 });
    expect(obj.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(create(pc, { metadata: { name: 'system-mine' }, value: 1000 }).errors).toEqual([
      "metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class",
    ]);
    expect(create(pc, { metadata: { name: 'huge' }, value: 2000000000 }).errors).toEqual([
      'value: Forbidden: maximum allowed value of a user defined priority is 1000000000',
    ]);
    expect(create(pc, { metadata: { name: 'system-node-critical' }, value: 2000001000 }).errors).toEqual([]);
  });

  it('value is immutable', () => {
    const old = { metadata: { name: 'high' }, value: 1000, preemptionPolicy: 'PreemptLowerPriority' };
    expect(update(pc, { ...old, value: 2000 }, old).errors).toEqual(['value: Forbidden: may not be changed in an update.']);
  });
});

describe('RBAC', () => {
  it('rules need verbs, api groups and resources', () => {
    expect(create(role, { metadata: { name: 'r', namespace: 'd' }, rules: [{}] }).errors).toEqual([
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
      'rules[0].resources: Required value: resource rules must supply at least one resource',
    ]);
    expect(create(role, { metadata: { name: 'r', namespace: 'd' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }).errors).toEqual([
      'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
    ]);
    expect(create(cr, { metadata: { name: 'c' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }).errors).toEqual([]);
  });

  it('bindings default apiGroups and validate subjects', () => {
    const { obj, errors } = create(rb, {
      metadata: { name: 'b', namespace: 'd' },
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'default', namespace: 'd' }],
    });
    expect(errors).toEqual([]);
    expect(obj).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'jane', apiGroup: 'rbac.authorization.k8s.io' }, { kind: 'ServiceAccount', name: 'default', namespace: 'd', apiGroup: '' }],
    });
    expect(create(crb, { metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'r' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }, { kind: 'Robot', name: 'x' }] }).errors).toEqual([
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
      'subjects[1].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"',
    ]);
  });

  it('roleRef cannot change', () => {
    const old = { metadata: { name: 'b', namespace: 'd' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' } };
    const { errors } = update(rb, { ...old, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' } }, old);
    expect(errors).toEqual(['roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"admin"}: cannot change roleRef']);
  });
});
