import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import type { MutableNodeInfo } from '../../../../engine/scheduler/framework/node-info';
import { newPodInfo } from '../../../../engine/scheduler/framework/pod-info';
import { newPodTopologySpread } from '../../../../engine/scheduler/plugins/pod-topology-spread';
import { loadExample, makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, reasonsByNode, runFilter, runScore, type SnapshotExtras } from './fixtures';

const SKEW = "Unschedulable: node(s) didn't match pod topology spread constraints";
const MISSING = "UnschedulableAndUnresolvable: node(s) didn't match pod topology spread constraints (missing required label)";
const ZONE = 'topology.kubernetes.io/zone';

const foo = (name: string, extra: Record<string, string> = {}) => makePod(name, {}, { labels: { foo: 'bar', ...extra } });
const constraint = (maxSkew: number, topologyKey: string, extra: Record<string, unknown> = {}) => ({
  maxSkew,
  topologyKey,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: { matchLabels: { foo: 'bar' } },
  ...extra,
});

function filter(pod: KubeObject, nodes: MutableNodeInfo[], args?: Record<string, unknown>) {
  return reasonsByNode(runFilter(newPodTopologySpread(args, makeHandle(makeSnapshot(nodes))), pod, nodes));
}

describe('PodTopologySpread Filter — the notes\' worked example', () => {
  // zoneA: node1, node2; zoneB: node3, node4; three matching pods, two of them in zoneA.
  const cluster = () => [
    makeNodeInfo(makeNode('node1', { labels: { [ZONE]: 'zoneA' } }), [foo('a1')]),
    makeNodeInfo(makeNode('node2', { labels: { [ZONE]: 'zoneA' } }), [foo('a2')]),
    makeNodeInfo(makeNode('node3', { labels: { [ZONE]: 'zoneB' } }), [foo('b1')]),
    makeNodeInfo(makeNode('node4', { labels: { [ZONE]: 'zoneB' } })),
  ];
  it('maxSkew 1: the 4th pod can only land in zoneB (zoneA would make 3 vs 1)', () => {
    const pod = makePod('p', { topologySpreadConstraints: [constraint(1, ZONE)] }, { labels: { foo: 'bar' } });
    expect(filter(pod, cluster())).toEqual({ node1: SKEW, node2: SKEW, node3: '', node4: '' });
  });
  it('maxSkew 2: both zones pass', () => {
    const pod = makePod('p', { topologySpreadConstraints: [constraint(2, ZONE)] }, { labels: { foo: 'bar' } });
    expect(filter(pod, cluster())).toEqual({ node1: '', node2: '', node3: '', node4: '' });
  });
  it('a node without the topology key is unresolvable (missing required label)', () => {
    const pod = makePod('p', { topologySpreadConstraints: [constraint(1, ZONE)] }, { labels: { foo: 'bar' } });
    const nodes = [...cluster(), makeNodeInfo(makeNode('bare'))];
    expect(filter(pod, nodes)['bare']).toBe(MISSING);
  });
  it('pods in other namespaces, terminating pods and non-matching pods do not count', () => {
    const pod = makePod('p', { topologySpreadConstraints: [constraint(1, ZONE)] }, { labels: { foo: 'bar' } });
    const nodes = [
      makeNodeInfo(makeNode('node1', { labels: { [ZONE]: 'zoneA' } }), [
        foo('x1'),
        makePod('other-ns', {}, { labels: { foo: 'bar' }, namespace: 'other' }),
        makePod('terminating', {}, { labels: { foo: 'bar' }, deletionTimestamp: '2024-01-01T00:00:00Z' }),
        makePod('nomatch', {}, { labels: { foo: 'baz' } }),
      ]),
      makeNodeInfo(makeNode('node3', { labels: { [ZONE]: 'zoneB' } })),
    ];
    // zoneA 1, zoneB 0: zoneA would be 2 − 0 = 2 > 1.
    expect(filter(pod, nodes)).toEqual({ node1: SKEW, node3: '' });
  });
});

// The zone/node examples of the Pod Topology Spread Constraints page, with its manifests.
describe('PodTopologySpread Filter — official manifests', () => {
  const docCluster = (withZoneC = false) => [
    makeNodeInfo(makeNode('node1', { labels: { zone: 'zoneA', node: 'node1' } }), [foo('p1')]),
    makeNodeInfo(makeNode('node2', { labels: { zone: 'zoneA', node: 'node2' } }), [foo('p2')]),
    makeNodeInfo(makeNode('node3', { labels: { zone: 'zoneB', node: 'node3' } }), [foo('p3')]),
    makeNodeInfo(makeNode('node4', { labels: { zone: 'zoneB', node: 'node4' } })),
    ...(withZoneC ? [makeNodeInfo(makeNode('node5', { labels: { zone: 'zoneC', node: 'node5' } }))] : []),
  ];
  it('one-constraint.yaml: mypod goes to zoneB', () => {
    expect(filter(loadExample('pods/topology-spread-constraints/one-constraint.yaml'), docCluster())).toEqual({ node1: SKEW, node2: SKEW, node3: '', node4: '' });
  });
  it('two-constraints.yaml: only node4 satisfies both the zone and the node constraint', () => {
    expect(filter(loadExample('pods/topology-spread-constraints/two-constraints.yaml'), docCluster())).toEqual({ node1: SKEW, node2: SKEW, node3: SKEW, node4: '' });
  });
  it('one-constraint-with-nodeaffinity.yaml: zoneC is excluded from the skew computation (nodeAffinityPolicy Honor)', () => {
    const pod = loadExample('pods/topology-spread-constraints/one-constraint-with-nodeaffinity.yaml');
    // Without the affinity, the empty zoneC would be the minimum (0) and zoneB (1) + 1 − 0 = 2 > 1.
    // With it, zoneC's node is not counted: minimum is zoneB's 1, so zoneB passes. node5 itself is NodeAffinity's to reject.
    expect(filter(pod, docCluster(true))).toEqual({ node1: SKEW, node2: SKEW, node3: '', node4: '', node5: '' });
    const withoutAffinity = loadExample('pods/topology-spread-constraints/one-constraint.yaml');
    expect(filter(withoutAffinity, docCluster(true))).toEqual({ node1: SKEW, node2: SKEW, node3: SKEW, node4: SKEW, node5: '' });
  });
});

// Upstream: podtopologyspread/filtering_test.go TestSingleConstraint (minDomains, nodeTaintsPolicy, matchLabelKeys cases).
describe('PodTopologySpread Filter — constraint options', () => {
  const three = () => [
    makeNodeInfo(makeNode('node-a', { labels: { node: 'node-a' } }), [foo('a1'), foo('a2')]),
    makeNodeInfo(makeNode('node-b', { labels: { node: 'node-b' } }), [foo('b1'), foo('b2')]),
    makeNodeInfo(makeNode('node-x', { labels: { node: 'node-x' } }), [foo('x1')]),
  ];
  it('pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits', () => {
    const pod = makePod('p', { topologySpreadConstraints: [constraint(2, 'node', { minDomains: 4 })] }, { labels: { foo: 'bar' } });
    expect(filter(pod, three())).toEqual({ 'node-a': SKEW, 'node-b': SKEW, 'node-x': '' });
  });
  it('pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains >= minDomains, then all nodes fit', () => {
    const pod = makePod('p', { topologySpreadConstraints: [constraint(2, 'node', { minDomains: 2 })] }, { labels: { foo: 'bar' } });
    expect(filter(pod, three())).toEqual({ 'node-a': '', 'node-b': '', 'node-x': '' });
  });
  it('nodeTaintsPolicy Honor leaves untolerated tainted nodes out of the domains; Ignore (default) counts them', () => {
    const nodes = () => [
      makeNodeInfo(makeNode('node-a', { labels: { node: 'node-a' } }), [foo('a1')]),
      makeNodeInfo(makeNode('node-b', { labels: { node: 'node-b' }, taints: [{ key: 'k', effect: 'NoSchedule' }] })),
    ];
    const honor = makePod('p', { topologySpreadConstraints: [constraint(1, 'node', { nodeTaintsPolicy: 'Honor' })] }, { labels: { foo: 'bar' } });
    expect(filter(honor, nodes())['node-a']).toBe('');
    const ignore = makePod('p', { topologySpreadConstraints: [constraint(1, 'node')] }, { labels: { foo: 'bar' } });
    expect(filter(ignore, nodes())['node-a']).toBe(SKEW);
  });
  it('matchLabelKeys narrows the selector to pods with the same value (e.g. pod-template-hash)', () => {
    const nodes = [
      makeNodeInfo(makeNode('node-a', { labels: { node: 'node-a' } }), [foo('old1', { 'pod-template-hash': 'old' }), foo('old2', { 'pod-template-hash': 'old' })]),
      makeNodeInfo(makeNode('node-b', { labels: { node: 'node-b' } })),
    ];
    const spec = (keys?: string[]) => ({ topologySpreadConstraints: [constraint(1, 'node', keys ? { matchLabelKeys: keys } : {})] });
    const pod = (keys?: string[]) => makePod('p', spec(keys), { labels: { foo: 'bar', 'pod-template-hash': 'new' } });
    expect(filter(pod(['pod-template-hash']), nodes)).toEqual({ 'node-a': '', 'node-b': '' });
    expect(filter(pod(), nodes)).toEqual({ 'node-a': SKEW, 'node-b': '' });
  });
  it('ScheduleAnyway constraints do not filter (PreFilter skips)', () => {
    const pod = makePod('p', { topologySpreadConstraints: [constraint(1, ZONE, { whenUnsatisfiable: 'ScheduleAnyway' })] }, { labels: { foo: 'bar' } });
    const nodes = [makeNodeInfo(makeNode('bare'))];
    expect(runFilter(newPodTopologySpread(undefined, makeHandle(makeSnapshot(nodes))), pod, nodes).byNode.get('bare')?.isSuccess()).toBe(true);
  });
});

describe('PodTopologySpread Score', () => {
  const soft = (topologyKey: string, maxSkew = 1) => ({ topologySpreadConstraints: [constraint(maxSkew, topologyKey, { whenUnsatisfiable: 'ScheduleAnyway' })] });
  const score = (pod: KubeObject, nodes: MutableNodeInfo[], extras: SnapshotExtras = {}, args?: Record<string, unknown>) =>
    runScore(newPodTopologySpread(args, makeHandle(makeSnapshot(nodes, extras))), pod, nodes)?.map((s) => s.score);

  // Upstream: scoring_test.go TestPodTopologySpreadScore "one constraint on node, no existing pods".
  it('one constraint on node, no existing pods: every node 100', () => {
    const nodes = [makeNodeInfo(makeNode('node-a', { labels: { node: 'node-a' } })), makeNodeInfo(makeNode('node-b', { labels: { node: 'node-b' } }))];
    expect(score(makePod('p', soft('node'), { labels: { foo: 'bar' } }), nodes)).toEqual([100, 100]);
  });
  it('fewer matching pods in the domain scores higher: count × log(domains + 2) + maxSkew − 1, then max+min−s over max', () => {
    const nodes = [
      makeNodeInfo(makeNode('node-a', { labels: { node: 'node-a' } }), [foo('a1'), foo('a2')]),
      makeNodeInfo(makeNode('node-b', { labels: { node: 'node-b' } }), [foo('b1')]),
      makeNodeInfo(makeNode('node-c', { labels: { node: 'node-c' } })),
      makeNodeInfo(makeNode('node-d', { labels: { node: 'node-d' } })),
    ];
    // weight ln(4 + 2) = 1.79: raw a round(3.58) = 4, b round(1.79) = 2, c 0, d 0 → 100 × (4 + 0 − s) / 4.
    expect(score(makePod('p', soft('node'), { labels: { foo: 'bar' } }), nodes)).toEqual([0, 50, 100, 100]);
  });
  it('nodes missing the key of a pod\'s own constraint are ignored and score 0', () => {
    const nodes = [makeNodeInfo(makeNode('node-a', { labels: { node: 'node-a' } }), [foo('a1')]), makeNodeInfo(makeNode('bare'))];
    expect(score(makePod('p', soft('node'), { labels: { foo: 'bar' } }), nodes)).toEqual([100, 0]);
  });

  describe('system default constraints (zone maxSkew 5, hostname maxSkew 3, ScheduleAnyway)', () => {
    const HOST = 'kubernetes.io/hostname';
    const rs: KubeObject = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } };
    const owned = (name: string) =>
      makePod(name, {}, { labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'rs-uid', controller: true }] });
    const nodes = () => [
      makeNodeInfo(makeNode('n1', { labels: { [HOST]: 'n1', [ZONE]: 'a' } }), [owned('w1'), owned('w2')]),
      makeNodeInfo(makeNode('n2', { labels: { [HOST]: 'n2', [ZONE]: 'a' } })),
      makeNodeInfo(makeNode('n3', { labels: { [HOST]: 'n3', [ZONE]: 'b' } })),
    ];
    it('a ReplicaSet\'s pod is spread by hostname and zone', () => {
      // hostname: ln(3+2)=1.609 → n1 2×1.609+2, n2 2, n3 2; zone (2 domains): ln(4)=1.386 → a 2×1.386+4, b 4.
      // raw n1 round(3.219+2+2.773+4)=12, n2 round(2+2.773+4)=9, n3 round(2+4)=6 → 100×(12+6−s)/12 = 50, 75, 100.
      expect(score(owned('new'), nodes(), { objects: { ReplicaSet: [rs] } })).toEqual([50, 75, 100]);
    });
    it('a Service selecting the pod gives the selector too', () => {
      const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } };
      expect(score(makePod('new', {}, { labels: { app: 'web' } }), nodes(), { objects: { Service: [svc] } })).toEqual([50, 75, 100]);
    });
    it('a pod that no Service or controller selects is not spread (PreScore skips)', () => {
      expect(score(makePod('lonely', {}, { labels: { app: 'web' } }), nodes())).toBeUndefined();
    });
    it('defaultingType List with no defaultConstraints turns default spreading off', () => {
      expect(score(owned('new'), nodes(), { objects: { ReplicaSet: [rs] } }, { defaultingType: 'List', defaultConstraints: [] })).toBeUndefined();
    });
    it('one plugin instance keeps zone totals in step as pods land on nodes across cycles', () => {
      const ns = nodes();
      const plugin = newPodTopologySpread(undefined, makeHandle(makeSnapshot(ns, { objects: { ReplicaSet: [rs] } })));
      expect(runScore(plugin, owned('new'), ns)?.map((s) => s.score)).toEqual([50, 75, 100]);
      // Two more replicas land on n3 (zone b): now zone a and b both hold 2.
      ns[2]?.addPod(newPodInfo(owned('w3')));
      ns[2]?.addPod(newPodInfo(owned('w4')));
      const fresh = newPodTopologySpread(undefined, makeHandle(makeSnapshot(ns, { objects: { ReplicaSet: [rs] } })));
      const want = runScore(fresh, owned('newer'), ns)?.map((s) => s.score);
      // n1 and n3: round(2×ln5 + 2 + 2×ln4 + 4) = 12; n2: round(2 + 2×ln4 + 4) = 9 → 100 × (12 + 9 − s) / 12 = 75, 100, 75.
      expect(want).toEqual([75, 100, 75]);
      expect(runScore(plugin, owned('newer'), ns)?.map((s) => s.score)).toEqual(want);
    });
    it('nodes without a zone label still spread by hostname', () => {
      const noZone = [makeNodeInfo(makeNode('n1', { labels: { [HOST]: 'n1' } }), [owned('w1')]), makeNodeInfo(makeNode('n2', { labels: { [HOST]: 'n2' } }))];
      const s = score(owned('new'), noZone, { objects: { ReplicaSet: [rs] } });
      expect(s?.[1]).toBe(100);
      expect(s?.[0]).toBeLessThan(100);
    });
  });
});
