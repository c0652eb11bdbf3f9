/** The descriptor tables: closed under reachability, and spot checks against upstream v0.32 wire facts. */
import { describe, expect, it } from 'vitest';
import { isScalarType, isWellKnownType } from '../../../../engine/apiserver/protobuf/descriptor-types';
import { messages } from '../../../../engine/apiserver/protobuf/descriptors';
import { messageKeyForKind } from '../../../../engine/apiserver/protobuf';

const row = (key: string, jsonName: string) => {
  const field = messages.get(key)?.fields.find((f) => f.jsonName === jsonName);
  if (field === undefined) throw new Error(`${key}.${jsonName} missing`);
  return field;
};

describe('protobuf descriptors', () => {
  it('reference only scalars, well-known types and messages that exist', () => {
    for (const desc of messages.values()) {
      for (const f of desc.fields) {
        const ok = isScalarType(f.type) || isWellKnownType(f.type) || messages.has(f.type);
        expect(ok, `${desc.key}.${f.jsonName || f.goName} → ${f.type}`).toBe(true);
      }
      expect(new Set(desc.fields.map((f) => f.number)).size, desc.key).toBe(desc.fields.length);
    }
  });

  it('have a message for every kind kubectl 1.32 sends as protobuf', () => {
    const kinds: [string, string][] = [
      ['v1', 'Namespace'], ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'Service'], ['v1', 'ServiceAccount'], ['v1', 'ResourceQuota'], ['v1', 'Pod'],
      ['apps/v1', 'Deployment'], ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
      ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
      ['scheduling.k8s.io/v1', 'PriorityClass'], ['policy/v1', 'PodDisruptionBudget'], ['policy/v1', 'Eviction'],
      ['authorization.k8s.io/v1', 'SelfSubjectAccessReview'], ['authorization.k8s.io/v1', 'SelfSubjectRulesReview'],
      ['authentication.k8s.io/v1', 'SelfSubjectReview'], ['authentication.k8s.io/v1', 'TokenRequest'], ['v1', 'DeleteOptions'],
    ];
    for (const [apiVersion, kind] of kinds) {
      const key = messageKeyForKind(apiVersion, kind);
      expect(key !== undefined && messages.has(key), `${apiVersion} ${kind}`).toBe(true);
    }
  });

  it('match upstream field numbers and tags (k8s.io/api v0.32 generated.proto, types.go)', () => {
    expect(row('meta.v1.ObjectMeta', 'ownerReferences')).toMatchObject({ number: 13, repeated: true, omitEmpty: true });
    expect(row('meta.v1.ObjectMeta', 'managedFields')).toMatchObject({ number: 17, type: 'meta.v1.ManagedFieldsEntry' });
    expect(row('meta.v1.ObjectMeta', 'creationTimestamp')).toMatchObject({ number: 8, type: 'Time', pointer: false });
    expect(row('meta.v1.ManagedFieldsEntry', 'fieldsV1')).toMatchObject({ number: 7, type: 'FieldsV1', pointer: true });
    expect(row('core.v1.PodSpec', 'initContainers')).toMatchObject({ number: 20, repeated: true });
    expect(row('core.v1.PodSpec', 'containers')).toMatchObject({ number: 2, omitEmpty: false });
    expect(row('core.v1.PodSpec', 'ephemeralContainers')).toMatchObject({ number: 34 });
    expect(row('core.v1.PodSpec', 'schedulingGates')).toMatchObject({ number: 38 });
    expect(row('core.v1.PodSpec', 'resources')).toMatchObject({ number: 40, pointer: true });
    expect(row('core.v1.PodSpec', 'overhead')).toMatchObject({ number: 32, map: true, type: 'Quantity' });
    expect(row('core.v1.Container', 'restartPolicy')).toMatchObject({ number: 24, pointer: true });
    expect(row('core.v1.Container', 'resizePolicy')).toMatchObject({ number: 23, repeated: true });
    expect(row('core.v1.Container', 'resources')).toMatchObject({ number: 8, pointer: false, type: 'core.v1.ResourceRequirements' });
    expect(row('core.v1.Secret', 'data')).toMatchObject({ number: 2, map: true, type: 'bytes' });
    expect(row('core.v1.Secret', 'immutable')).toMatchObject({ number: 5, pointer: true });
    expect(row('core.v1.ServicePort', 'targetPort')).toMatchObject({ number: 4, type: 'IntOrString' });
    expect(row('apps.v1.DeploymentSpec', 'replicas')).toMatchObject({ number: 1, pointer: true });
    expect(row('apps.v1.DeploymentSpec', 'progressDeadlineSeconds')).toMatchObject({ number: 9 });
    expect(row('batch.v1.JobSpec', 'podFailurePolicy')).toMatchObject({ number: 11, pointer: true });
    expect(row('batch.v1.CronJobSpec', 'timeZone')).toMatchObject({ number: 8, pointer: true });
    expect(row('rbac.v1.PolicyRule', 'verbs')).toMatchObject({ number: 1, omitEmpty: false });
    expect(row('rbac.v1.ClusterRole', 'aggregationRule')).toMatchObject({ number: 3, pointer: true });
    expect(row('policy.v1.PodDisruptionBudgetSpec', 'unhealthyPodEvictionPolicy')).toMatchObject({ number: 4, pointer: true });
    expect(row('authentication.v1.UserInfo', 'extra')).toMatchObject({ number: 4, map: true, type: 'StringList' });
    expect(row('authentication.v1.BoundObjectReference', 'uid')).toMatchObject({ number: 4, goName: 'UID' });
    expect(messages.get('core.v1.Volume')?.fields.find((f) => f.inline)).toMatchObject({ number: 2, type: 'core.v1.VolumeSource' });
  });
});
