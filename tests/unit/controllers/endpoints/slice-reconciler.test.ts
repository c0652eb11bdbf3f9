/**
 * planSlices, after upstream's reconciler tests (k8s.io/endpointslice reconciler_test.go, 1.32): TestReconcile1Pod,
 * TestReconcileManyPods (250 pods → slices of 100, 100, 50), TestReconcileEndpointSlicesSomePreexisting (fill the
 * slice being updated before creating), TestReconcileEndpointSlicesReplaceDeprecated / placeholder handling, and
 * the finalize step that turns a delete + create into an update.
 */
import { describe, expect, it } from 'vitest';
import type { EndpointSliceObject } from '../../../../engine/controllers/endpoints/endpoint-types';
import { newEndpointSlice, planSlices, serviceAddressTypes, sliceLabels } from '../../../../engine/controllers/endpoints/slice-reconciler';
import { podToSliceEndpoint } from '../../../../engine/controllers/endpoints/pod-to-slice-endpoint';
import { node, pod, service } from './fixtures';

const svc = service('foo');
const nodes = (name: string) => (name === 'node-1' ? node('node-1', 'zone-a') : undefined);
const pods = (n: number, from = 0) => Array.from({ length: n }, (_, i) => pod(from + i, { ip: `10.0.${Math.floor((from + i) / 250)}.${(from + i) % 250}` }));
const ports = [{ name: 'tcp-example', port: 80, protocol: 'TCP' }];

function existingSlice(name: string, podList: ReturnType<typeof pods>, generation = 1): EndpointSliceObject {
  const s = newEndpointSlice(svc, ports, 'IPv4');
  s.metadata = { ...s.metadata, name, uid: `uid-${name}`, generation, resourceVersion: '1' };
  s.endpoints = podList.map((p) => podToSliceEndpoint(p, nodes('node-1'), svc, 'IPv4'));
  return s;
}

describe('planSlices', () => {
  it('one pod: one new slice with generateName, labels, owner and the endpoint (TestReconcile1Pod)', () => {
    const plan = planSlices({ service: svc, pods: [pod(1)], node: nodes, existing: [] });
    expect(plan.update).toEqual([]);
    expect(plan.delete).toEqual([]);
    expect(plan.create).toHaveLength(1);
    const s = plan.create[0]!;
    expect(s.metadata).toEqual({
      generateName: 'foo-',
      namespace: 'test',
      labels: { 'kubernetes.io/service-name': 'foo', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'foo', uid: 'svc-uid-foo', controller: true, blockOwnerDeletion: true }],
    });
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual(ports);
    expect(s.endpoints).toEqual([
      {
        addresses: ['1.2.3.5'],
        conditions: { ready: true, serving: true, terminating: false },
        targetRef: { kind: 'Pod', namespace: 'test', name: 'pod1', uid: 'uid-1' },
        nodeName: 'node-1',
        zone: 'zone-a',
      },
    ]);
  });

  it('250 pods: slices of 100, 100 and 50 (TestReconcileManyPods)', () => {
    const plan = planSlices({ service: svc, pods: pods(250), node: nodes, existing: [] });
    expect(plan.create.map((s) => s.endpoints.length)).toEqual([100, 100, 50]);
  });

  it('no pods: one empty placeholder; an existing placeholder is kept as is', () => {
    const plan = planSlices({ service: svc, pods: [], node: nodes, existing: [] });
    expect(plan.create).toHaveLength(1);
    expect(plan.create[0]!.endpoints).toEqual([]);
    expect(plan.create[0]!.ports).toEqual([]);
    const placeholder = { ...plan.create[0]!, metadata: { ...plan.create[0]!.metadata, name: 'foo-abcde', uid: 'p' } };
    expect(planSlices({ service: svc, pods: [], node: nodes, existing: [placeholder] })).toEqual({ create: [], update: [], delete: [], podsWithoutNode: [] });
  });

  it('nothing changed: no writes', () => {
    const ps = pods(3);
    const plan = planSlices({ service: svc, pods: ps, node: nodes, existing: [existingSlice('foo-1', ps)] });
    expect(plan).toEqual({ create: [], update: [], delete: [], podsWithoutNode: [] });
  });

  it('a pod turning not ready updates its slice in place', () => {
    const ps = pods(3);
    const now = [ps[0]!, pod(1, { ready: false, ip: ps[1]!.status!.podIP }), ps[2]!];
    const plan = planSlices({ service: svc, pods: now, node: nodes, existing: [existingSlice('foo-1', ps)] });
    expect(plan.create).toEqual([]);
    expect(plan.update).toHaveLength(1);
    expect(plan.update[0]!.metadata?.name).toBe('foo-1');
    expect(plan.update[0]!.endpoints.map((e) => e.conditions?.ready)).toEqual([true, false, true]);
  });

  it('new pods fill the slice already being updated before a new one is created (TestReconcileEndpointSlicesSomePreexisting)', () => {
    const old = pods(60);
    // 10 of the 60 are gone, 70 new ones arrive: the updated slice fills to 100, the other 20 go to a new slice.
    const now = [...old.slice(10), ...pods(70, 100)];
    const plan = planSlices({ service: svc, pods: now, node: nodes, existing: [existingSlice('foo-1', old)] });
    expect(plan.update.map((s) => [s.metadata?.name, s.endpoints.length])).toEqual([['foo-1', 100]]);
    expect(plan.create.map((s) => s.endpoints.length)).toEqual([20]);
  });

  it('leftovers go into the unchanged slice they fit best', () => {
    const a = pods(90);
    const b = pods(50, 200);
    const plan = planSlices({
      service: svc,
      pods: [...a, ...b, ...pods(5, 400)],
      node: nodes,
      existing: [existingSlice('foo-a', a), existingSlice('foo-b', b)],
    });
    expect(plan.create).toEqual([]);
    expect(plan.update.map((s) => [s.metadata?.name, s.endpoints.length])).toEqual([['foo-a', 95]]);
  });

  it('a slice whose endpoints all left is deleted; with a create planned it is reused instead (finalize)', () => {
    const old = pods(2);
    const emptied = planSlices({ service: svc, pods: [], node: nodes, existing: [existingSlice('foo-1', old)] });
    // Its last endpoints gone, the slice becomes the placeholder: updated in place rather than deleted + created.
    expect(emptied.delete).toEqual([]);
    expect(emptied.create).toEqual([]);
    expect(emptied.update.map((s) => [s.metadata?.name, s.endpoints.length, s.ports])).toEqual([['foo-1', 0, []]]);
  });

  it('slices not owned by this Service (same name, new uid) are deleted', () => {
    const foreign = existingSlice('foo-old', pods(1));
    foreign.metadata = { ...foreign.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: 'foo', uid: 'previous-uid' }] };
    const plan = planSlices({ service: svc, pods: pods(1), node: nodes, existing: [foreign] });
    expect(plan.delete.map((s) => s.metadata?.name)).toEqual(['foo-old']);
    expect(plan.create).toHaveLength(1);
  });

  it('a pod whose Node is unknown is skipped and reported, unless publishNotReadyAddresses', () => {
    const p = pod(1);
    p.spec = { ...p.spec!, nodeName: 'ghost' };
    const plan = planSlices({ service: svc, pods: [p], node: nodes, existing: [] });
    expect(plan.podsWithoutNode).toEqual(['pod1']);
    const publish = planSlices({ service: service('foo', { publishNotReadyAddresses: true }), pods: [p], node: nodes, existing: [] });
    expect(publish.create[0]!.endpoints).toHaveLength(1);
  });

  it('labels: the Service labels plus the reserved ones, headless label for ClusterIP None (TestSetEndpointSliceLabels)', () => {
    const headless = service('foo', { clusterIP: 'None' });
    headless.metadata = { ...headless.metadata, labels: { foo: 'bar' } };
    expect(sliceLabels(undefined, headless)).toEqual({
      labels: { foo: 'bar', 'service.kubernetes.io/headless': '', 'kubernetes.io/service-name': 'foo', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
      changed: true,
    });
    expect(sliceLabels(undefined, svc).changed).toBe(false);
  });
});

describe('address types (upstream TestSupportedServiceAddressType)', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['v4 service with no ip families (cluster upgrade)', { clusterIP: '10.0.0.10', ipFamilies: undefined }, ['IPv4']],
    ['v6 service with no ip families (cluster upgrade)', { clusterIP: '2000::1', ipFamilies: undefined }, ['IPv6']],
    ['v4 service', { ipFamilies: ['IPv4'] }, ['IPv4']],
    ['v6 services', { ipFamilies: ['IPv6'] }, ['IPv6']],
    ['v4,v6 service', { ipFamilies: ['IPv4', 'IPv6'] }, ['IPv4', 'IPv6']],
    ['v6,v4 service', { ipFamilies: ['IPv6', 'IPv4'] }, ['IPv6', 'IPv4']],
    ['headless with selector and no families (old api-server)', { clusterIP: 'None', ipFamilies: undefined }, ['IPv4', 'IPv6']],
  ];
  for (const [name, spec, want] of cases) it(name, () => expect(serviceAddressTypes(service('foo', spec))).toEqual(want));

  it('a dual-stack Service gets one slice per family; a slice of a dropped family is deleted', () => {
    const dual = service('foo', { ipFamilies: ['IPv4', 'IPv6'] });
    const p = pod(1, { ips: ['10.0.0.1', 'fd00::1'] });
    const plan = planSlices({ service: dual, pods: [p], node: nodes, existing: [] });
    expect(plan.create.map((s) => [s.addressType, s.endpoints[0]?.addresses])).toEqual([
      ['IPv4', ['10.0.0.1']],
      ['IPv6', ['fd00::1']],
    ]);
    const v6 = { ...plan.create[1]!, metadata: { ...plan.create[1]!.metadata, name: 'foo-v6', uid: 'v6' } };
    const v4only = planSlices({ service: svc, pods: [p], node: nodes, existing: [v6] });
    expect(v4only.delete.map((s) => s.metadata?.name)).toEqual(['foo-v6']);
  });
});
