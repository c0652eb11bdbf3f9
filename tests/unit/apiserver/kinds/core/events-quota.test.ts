import { describe, expect, it } from 'vitest';
import { otherStrategies, nameRules } from '../../../../../engine/apiserver/kinds/other-strategies';
import { create, update } from './harness';

const coreEvent = otherStrategies['core/Event']!;
const v1Event = otherStrategies['events.k8s.io/Event']!;
const lr = otherStrategies['core/LimitRange']!;
const rq = otherStrategies['core/ResourceQuota']!;
const ep = otherStrategies['core/Endpoints']!;

describe('Events', () => {
  it('core/v1: old-style events need matching namespaces; names are not validated', () => {
    const { errors } = create(coreEvent, { metadata: { name: 'x.1', namespace: 'dev' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'prod' } });
    expect(errors).toEqual(['involvedObject.namespace: Invalid value: "prod": does not match event.namespace']);
    expect(nameRules['core/Event']).toBe('none');
  });

  it('core/v1: new-style events name the reporting controller field `source`', () => {
    const { errors } = create(coreEvent, { metadata: { name: 'x', namespace: 'dev' }, involvedObject: { namespace: 'dev' }, eventTime: '2026-11-23T18:00:00.000000Z' });
    // Upstream also runs ValidateQualifiedName on the empty controller name: two more `source` errors.
    expect(errors.filter((e) => !e.startsWith('source: Invalid value: "": name part'))).toEqual([
      'source: Required value',
      'reportingInstance: Required value',
      'action: Required value',
      'reason: Required value',
    ]);
    expect(errors).toContain('source: Invalid value: "": name part must be non-empty');
    expect(errors).toHaveLength(6);
  });

  it('events.k8s.io/v1: strict rules on create', () => {
    const { errors } = create(v1Event, {
      metadata: { name: 'x', namespace: 'dev' },
      regarding: { namespace: 'dev' },
      eventTime: '2026-11-23T18:00:00.000000Z',
      reportingController: 'kubelet',
      reportingInstance: 'node-1',
      action: 'Pulling',
      reason: 'Pulling',
      type: 'Info',
      deprecatedCount: 3,
      series: { count: 1, lastObservedTime: '2026-11-23T18:00:00.000000Z' },
    });
    expect(errors).toEqual([
      'series.count: Invalid value: "": should be at least 2',
      'type: Invalid value: "": has invalid value: Info',
      'count: Invalid value: "": needs to be unset',
    ]);
  });
});

describe('LimitRange', () => {
  it('container items default limits from max and requests from limits', () => {
    const { obj, errors } = create(lr, { metadata: { name: 'l' }, spec: { limits: [{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }] } });
    expect(errors).toEqual([]);
    expect((obj.spec as { limits: unknown[] }).limits[0]).toEqual({
      type: 'Container',
      max: { cpu: '2' },
      min: { memory: '64Mi' },
      default: { cpu: '2' },
      defaultRequest: { cpu: '2', memory: '64Mi' },
    });
  });

  it('min above max and Pod defaults', () => {
    const { errors } = create(lr, { metadata: { name: 'l' }, spec: { limits: [{ type: 'Pod', min: { cpu: '2' }, max: { cpu: '1' }, default: { cpu: '1' } }] } });
    expect(errors).toEqual([
      "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'",
      'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1',
    ]);
  });
});

describe('ResourceQuota', () => {
  it('drops status on create and validates resource names and values', () => {
    const { obj, errors } = create(rq, { metadata: { name: 'q' }, spec: { hard: { pods: '1.5', widgets: '1' } }, status: { used: { pods: '1' } } });
    expect(obj.status).toBeUndefined();
    expect(errors).toEqual([
      'spec.hard[pods]: Invalid value: "1500m": must be an integer',
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified',
      'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota',
    ]);
  });

  it('status is kept on spec updates', () => {
    const old = { metadata: { name: 'q' }, spec: { hard: { pods: '2' } }, status: { hard: { pods: '2' }, used: { pods: '1' } } };
    expect(update(rq, { metadata: { name: 'q' }, spec: { hard: { pods: '3' } } }, old).obj.status).toEqual(old.status);
  });
});

describe('Endpoints', () => {
  it('defaults port protocol and checks addresses', () => {
    const { obj, errors } = create(ep, { metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '127.0.0.1' }], ports: [{ port: 80 }] }] });
    expect((obj.subsets as Array<{ ports: unknown[] }>)[0]!.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(errors).toEqual(['subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']);
  });
});
