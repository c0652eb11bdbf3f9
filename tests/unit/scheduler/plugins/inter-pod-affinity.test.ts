import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../engine/scheduler/framework/interface';
import { newPodInfo } from '../../../../engine/scheduler/framework/pod-info';
import { newInterPodAffinity } from '../../../../engine/scheduler/plugins/inter-pod-affinity';
import { loadExample, makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, reasonsByNode, runFilter, runScore } from './fixtures';
import type { KubeObject } from '../../../../engine/api/objects';
import type { MutableNodeInfo } from '../../../../engine/scheduler/framework/node-info';

const AFFINITY = "UnschedulableAndUnresolvable: node(s) didn't match pod affinity rules";
const ANTI = "Unschedulable: node(s) didn't match pod anti-affinity rules";
const EXISTING_ANTI = "Unschedulable: node(s) didn't satisfy existing pods anti-affinity rules";

const term = (key: string, values: string[], topologyKey: string, extra: Record<string, unknown> = {}) => ({
  labelSelector: { matchExpressions: [{ key, operator: 'In', values }] },
  topologyKey,
  ...extra,
});
const affinity = (kind: 'podAffinity' | 'podAntiAffinity', ...terms: unknown[]) => ({ [kind]: { requiredDuringSchedulingIgnoredDuringExecution: terms } });

function filter(pod: KubeObject, nodes: MutableNodeInfo[]) {
  const plugin = newInterPodAffinity(undefined, makeHandle(makeSnapshot(nodes)));
  return reasonsByNode(runFilter(plugin, pod, nodes));
}

const labels1 = { region: 'r1', zone: 'z11' };

// Upstream: interpodaffinity/filtering_test.go TestRequiredAffinitySingleNode.
describe('InterPodAffinity Filter (single node)', () => {
  it('A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods', () => {
    expect(filter(makePod('p'), [makeNodeInfo(makeNode('node1', { labels: labels1 }))])).toEqual({ node1: '' });
  });
  it('satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod', () => {
    const pod = makePod('p', { affinity: affinity('podAffinity', term('service', ['securityscan', 'value2'], 'region')) });
    const existing = makePod('e', {}, { labels: { service: 'securityscan' } });
    expect(filter(pod, [makeNodeInfo(makeNode('node1', { labels: labels1 }), [existing])])).toEqual({ node1: '' });
  });
  it('Does not satisfy the PodAffinity with labelSelector because of diff Namespace', () => {
    const pod = makePod('p', { affinity: affinity('podAffinity', term('service', ['securityscan', 'value2'], 'region', { namespaces: ['DiffNameSpace'] })) });
    const existing = makePod('e', {}, { labels: { service: 'securityscan' }, namespace: 'ns' });
    expect(filter(pod, [makeNodeInfo(makeNode('node1', { labels: labels1 }), [existing])])).toEqual({ node1: AFFINITY });
  });
  it('Doesn\'t satisfy the PodAffinity because of unmatching labelSelector with the existing pod', () => {
    const pod = makePod('p', { affinity: affinity('podAffinity', term('service', ['antivirusscan', 'value2'], 'region')) });
    const existing = makePod('e', {}, { labels: { service: 'securityscan' } });
    expect(filter(pod, [makeNodeInfo(makeNode('node1', { labels: labels1 }), [existing])])).toEqual({ node1: AFFINITY });
  });
  it('satisfies the PodAffinity but doesn\'t satisfy the PodAntiAffinity with the existing pod', () => {
    const pod = makePod('p', {
      affinity: { ...affinity('podAffinity', term('service', ['securityscan', 'value2'], 'region')), ...affinity('podAntiAffinity', term('service', ['securityscan'], 'zone')) },
    });
    const existing = makePod('e', {}, { labels: { service: 'securityscan' } });
    expect(filter(pod, [makeNodeInfo(makeNode('node1', { labels: labels1 }), [existing])])).toEqual({ node1: ANTI });
  });
  it('verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn\'t satisfy PodAntiAffinity symmetry with the existing pod', () => {
    const pod = makePod('p', {}, { labels: { service: 'securityscan' } });
    const existing = makePod('e', { affinity: affinity('podAntiAffinity', term('service', ['securityscan'], 'zone')) });
    expect(filter(pod, [makeNodeInfo(makeNode('node1', { labels: labels1 }), [existing])])).toEqual({ node1: EXISTING_ANTI });
  });
  it('An existing pod\'s anti-affinity over a topology key the node lacks does not apply', () => {
    const pod = makePod('p', {}, { labels: { service: 'securityscan' } });
    const existing = makePod('e', { affinity: affinity('podAntiAffinity', term('service', ['securityscan'], 'rack')) });
    expect(filter(pod, [makeNodeInfo(makeNode('node1', { labels: labels1 }), [existing])])).toEqual({ node1: '' });
  });
  it('A pod whose affinity matches only itself schedules as the first of its group (but still needs the topology key)', () => {
    const pod = makePod('p', { affinity: affinity('podAffinity', term('foo', ['bar'], 'zone')) }, { labels: { foo: 'bar' } });
    expect(filter(pod, [makeNodeInfo(makeNode('node1', { labels: labels1 })), makeNodeInfo(makeNode('node2', { labels: { region: 'r1' } }))])).toEqual({ node1: '', node2: AFFINITY });
  });
  it('namespaceSelector: {} matches pods in every namespace', () => {
    const pod = makePod('p', { affinity: affinity('podAffinity', term('service', ['securityscan'], 'region', { namespaceSelector: {} })) });
    const existing = makePod('e', {}, { labels: { service: 'securityscan' }, namespace: 'other' });
    expect(filter(pod, [makeNodeInfo(makeNode('node1', { labels: labels1 }), [existing])])).toEqual({ node1: '' });
  });
});

// Upstream: TestRequiredAffinityMultipleNodes "A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules".
describe('InterPodAffinity Filter (topology domains)', () => {
  it('all nodes sharing the region of a matching pod pass; another region does not', () => {
    const pod = makePod('p', { affinity: affinity('podAffinity', term('foo', ['bar'], 'region')) });
    const nodes = [
      makeNodeInfo(makeNode('nodeA', { labels: { region: 'r1', hostname: 'h1' } }), [makePod('e', {}, { labels: { foo: 'bar' } })]),
      makeNodeInfo(makeNode('nodeB', { labels: { region: 'r1', hostname: 'h2' } })),
      makeNodeInfo(makeNode('nodeC', { labels: { region: 'r2', hostname: 'h3' } })),
    ];
    expect(filter(pod, nodes)).toEqual({ nodeA: '', nodeB: '', nodeC: AFFINITY });
  });
  it('anti-affinity keeps the pod out of the whole zone of a matching pod', () => {
    const pod = makePod('p', { affinity: affinity('podAntiAffinity', term('foo', ['bar'], 'zone')) });
    const nodes = [
      makeNodeInfo(makeNode('nodeA', { labels: { zone: 'z1' } }), [makePod('e', {}, { labels: { foo: 'bar' } })]),
      makeNodeInfo(makeNode('nodeB', { labels: { zone: 'z1' } })),
      makeNodeInfo(makeNode('nodeC', { labels: { zone: 'z2' } })),
    ];
    expect(filter(pod, nodes)).toEqual({ nodeA: ANTI, nodeB: ANTI, nodeC: '' });
  });
  it('removePod (preemption what-if) lifts an existing pod\'s anti-affinity', () => {
    const victim = makePod('victim', { affinity: affinity('podAntiAffinity', term('app', ['web'], 'zone')) });
    const node = makeNodeInfo(makeNode('nodeA', { labels: { zone: 'z1' } }), [victim]);
    const pod = makePod('p', {}, { labels: { app: 'web' } });
    const plugin = newInterPodAffinity(undefined, makeHandle(makeSnapshot([node])));
    const state = new CycleState();
    plugin.preFilter(state, pod, [node]);
    expect(plugin.filter(state, pod, node).message()).toBe("node(s) didn't satisfy existing pods anti-affinity rules");
    const what = state.clone();
    plugin.removePod?.(what, pod, newPodInfo(victim), node);
    expect(plugin.filter(what, pod, node).isSuccess()).toBe(true);
    // The original state is untouched.
    expect(plugin.filter(state, pod, node).isSuccess()).toBe(false);
  });

  it('pods/pod-with-pod-affinity.yaml stays Pending until a security=S1 pod runs in some zone, then lands in that zone', () => {
    const pod = loadExample('pods/pod-with-pod-affinity.yaml');
    const zone = 'topology.kubernetes.io/zone';
    const empty = [makeNodeInfo(makeNode('n1', { labels: { [zone]: 'zoneA' } })), makeNodeInfo(makeNode('n2', { labels: { [zone]: 'zoneB' } }))];
    expect(filter(pod, empty)).toEqual({ n1: AFFINITY, n2: AFFINITY });
    const withS1 = [
      makeNodeInfo(makeNode('n1', { labels: { [zone]: 'zoneA' } })),
      makeNodeInfo(makeNode('n2', { labels: { [zone]: 'zoneB' } }), [makePod('s1', {}, { labels: { security: 'S1' } })]),
    ];
    expect(filter(pod, withS1)).toEqual({ n1: AFFINITY, n2: '' });
  });
});

describe('InterPodAffinity Score', () => {
  // Upstream: scoring_test.go TestPreferredAffinity "Affinity: pod that matches topology key & pods in nodes will get high score comparing to others which doesn't match either pods in nodes or in topology key".
  it('preferred affinity: the node whose region hosts a matching pod scores 100', () => {
    const pod = makePod('p', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 5, podAffinityTerm: term('security', ['S1'], 'region') }] } } });
    const nodes = [
      makeNodeInfo(makeNode('node1', { labels: { region: 'China' } }), [makePod('e1', {}, { labels: { security: 'S1' } })]),
      makeNodeInfo(makeNode('node2', { labels: { region: 'India' } }), [makePod('e2', {}, { labels: { security: 'S2' } })]),
      makeNodeInfo(makeNode('node3', { labels: { az: 'az1' } })),
    ];
    expect(runScore(newInterPodAffinity(undefined, makeHandle(makeSnapshot(nodes))), pod, nodes)?.map((s) => s.score)).toEqual([100, 0, 0]);
  });
  it('pods/pod-with-pod-affinity.yaml prefers the zone without security=S2 pods (preferred anti-affinity weight 100)', () => {
    const pod = loadExample('pods/pod-with-pod-affinity.yaml');
    const zone = 'topology.kubernetes.io/zone';
    const nodes = [
      makeNodeInfo(makeNode('n1', { labels: { [zone]: 'zoneA' } }), [makePod('s1a', {}, { labels: { security: 'S1' } }), makePod('s2', {}, { labels: { security: 'S2' } })]),
      makeNodeInfo(makeNode('n2', { labels: { [zone]: 'zoneB' } }), [makePod('s1b', {}, { labels: { security: 'S1' } })]),
    ];
    expect(runScore(newInterPodAffinity(undefined, makeHandle(makeSnapshot(nodes))), pod, nodes)?.map((s) => s.score)).toEqual([0, 100]);
  });
  it('an existing pod\'s required affinity attracts matching pods with hardPodAffinityWeight (1 by default, 0 disables)', () => {
    const pod = makePod('p', {}, { labels: { app: 'db' } });
    const nodes = [
      makeNodeInfo(makeNode('n1', { labels: { zone: 'a' } }), [makePod('web', { affinity: affinity('podAffinity', term('app', ['db'], 'zone')) })]),
      makeNodeInfo(makeNode('n2', { labels: { zone: 'b' } })),
    ];
    expect(runScore(newInterPodAffinity(undefined, makeHandle(makeSnapshot(nodes))), pod, nodes)?.map((s) => s.score)).toEqual([100, 0]);
    expect(runScore(newInterPodAffinity({ hardPodAffinityWeight: 0 }, makeHandle(makeSnapshot(nodes))), pod, nodes)).toBeUndefined();
  });
  it('PreScore skips when nothing has preferences', () => {
    const nodes = [makeNodeInfo(makeNode('n1'))];
    expect(runScore(newInterPodAffinity(undefined, makeHandle(makeSnapshot(nodes))), makePod('p'), nodes)).toBeUndefined();
  });
});
