import { describe, expect, it } from 'vitest';
import { otherStrategies } from '../../../../../engine/apiserver/kinds/other-strategies';
import { create, update } from '../core/harness';

const hpa = otherStrategies['autoscaling/HorizontalPodAutoscaler']!;
const pdb = otherStrategies['policy/PodDisruptionBudget']!;
const lease = otherStrategies['coordination.k8s.io/Lease']!;
const eps = otherStrategies['discovery.k8s.io/EndpointSlice']!;
const ssar = otherStrategies['authorization.k8s.io/SelfSubjectAccessReview']!;

const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

describe('HorizontalPodAutoscaler (autoscaling/v2)', () => {
  it('defaults minReplicas 1 and the 80% CPU metric; no behavior unless given', () => {
    const { obj, errors } = create(hpa, { metadata: { name: 'h' }, spec: { scaleTargetRef: target, maxReplicas: 5 }, status: { currentReplicas: 3 } });
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({
      scaleTargetRef: target,
      maxReplicas: 5,
      minReplicas: 1,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
    expect(obj.status).toBeUndefined();
  });

  it('completes a partial behavior with upstream scale-up/scale-down rules', () => {
    const { obj } = create(hpa, { metadata: { name: 'h' }, spec: { scaleTargetRef: target, maxReplicas: 5, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
    expect((obj.spec as { behavior: unknown }).behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });

  it('replica bounds and target ref', () => {
    const { errors } = create(hpa, { metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment' }, minReplicas: 3, maxReplicas: 2 } });
    expect(errors).toEqual([
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
      'spec.scaleTargetRef.name: Required value',
    ]);
    expect(create(hpa, { metadata: { name: 'h' }, spec: { scaleTargetRef: target, minReplicas: 0, maxReplicas: 0 } }).errors).toContain(
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
    );
  });

  it('metric target checks', () => {
    const { errors } = create(hpa, {
      metadata: { name: 'h' },
      spec: { scaleTargetRef: target, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }] },
    });
    expect(errors).toEqual(['spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization']);
  });
});

describe('PodDisruptionBudget', () => {
  it('generation starts at 1 and moves with spec; status is kept', () => {
    const created = create(pdb, { metadata: { name: 'p' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } }, status: { currentHealthy: 9 } });
    expect(created.errors).toEqual([]);
    expect(created.obj.metadata?.generation).toBe(1);
    expect(created.obj.status).toBeUndefined();
    const stored = { ...created.obj, status: { currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1, expectedPods: 2 } };
    const same = update(pdb, { ...stored, metadata: { ...stored.metadata, labels: { a: 'b' } } }, stored);
    expect(same.obj.metadata?.generation).toBe(1);
    const changed = update(pdb, { ...stored, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } }, stored);
    expect(changed.obj.metadata?.generation).toBe(2);
    expect(changed.obj.status).toEqual(stored.status);
  });

  it('percentages and exclusivity', () => {
    expect(create(pdb, { metadata: { name: 'p' }, spec: { minAvailable: '150%' } }).errors).toEqual([
      'spec.minAvailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
    ]);
    const both = create(pdb, { metadata: { name: 'p' }, spec: { minAvailable: 1, maxUnavailable: 1 } }).errors;
    expect(both).toHaveLength(1);
    expect(both[0]).toMatch(/^spec: Invalid value: policy\.PodDisruptionBudgetSpec\{.*\}: minAvailable and maxUnavailable cannot be both set$/);
  });
});

describe('Lease', () => {
  it('durations must be positive', () => {
    expect(create(lease, { metadata: { name: 'l' }, spec: { leaseDurationSeconds: 0, leaseTransitions: -1 } }).errors).toEqual([
      'spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0',
      'spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });
});

describe('EndpointSlice', () => {
  const slice = { metadata: { name: 'web-abc', labels: { 'kubernetes.io/service-name': 'web' } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.244.0.5'] }], ports: [{ port: 80 }] };

  it('defaults port name and protocol; generation 1', () => {
    const { obj, errors } = create(eps, slice);
    expect(errors).toEqual([]);
    expect(obj.ports).toEqual([{ port: 80, name: '', protocol: 'TCP' }]);
    expect(obj.metadata?.generation).toBe(1);
  });

  it('addressType is required and immutable; addresses match it', () => {
    expect(create(eps, { ...slice, addressType: undefined }).errors).toEqual(['addressType: Required value']);
    expect(create(eps, { ...slice, endpoints: [{ addresses: ['fd00::1'] }] }).errors).toEqual(['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address']);
    const stored = { ...create(eps, slice).obj };
    const { obj, errors } = update(eps, { ...stored, addressType: 'IPv6', endpoints: [{ addresses: ['fd00::1'] }] }, stored);
    expect(errors).toEqual(['addressType: Invalid value: "IPv6": field is immutable']);
    expect(obj.metadata?.generation).toBe(2);
  });
});

describe('SelfSubjectAccessReview', () => {
  it('exactly one of resourceAttributes or nonResourceAttributes', () => {
    expect(create(ssar, { spec: {} }).errors).toEqual(['spec.resourceAttributes: Invalid value: null: exactly one of nonResourceAttributes or resourceAttributes must be specified']);
    expect(create(ssar, { spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } }).errors).toEqual([]);
  });

  it('SubjectAccessReview also needs a user or group', () => {
    const sar = otherStrategies['authorization.k8s.io/SubjectAccessReview']!;
    expect(create(sar, { spec: { nonResourceAttributes: { path: '/healthz', verb: 'get' } } }).errors).toEqual([
      'spec.user: Invalid value: "": at least one of user or group must be specified',
    ]);
  });
});
