import { describe, expect, it } from 'vitest';
import { newTaintToleration } from '../../../../engine/scheduler/plugins/taint-toleration';
import { loadExample, makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, reasonsByNode, runFilter, runScore } from './fixtures';

const handle = makeHandle(makeSnapshot([]));
type Taint = { key: string; value?: string; effect: string };

// Upstream: tainttoleration/taint_toleration_test.go TestTaintTolerationFilter.
describe('TaintToleration Filter', () => {
  const cases: Array<{ name: string; tolerations?: unknown[]; taints: Taint[]; want: string }> = [
    {
      name: 'A pod having no tolerations can\'t be scheduled onto a node with nonempty taints',
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      tolerations: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: '',
    },
    {
      name: 'A pod which can\'t be scheduled on a dedicated node assigned to user2 with effect NoSchedule',
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: '',
    },
    {
      name: 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
      tolerations: [
        { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
      ],
      taints: [
        { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
        { key: 'foo', value: 'bar', effect: 'NoSchedule' },
      ],
      want: '',
    },
    {
      name: 'A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn\'t match, can\'t be scheduled onto the node',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {foo: bar}',
    },
    {
      name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar' }],
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      want: '',
    },
    {
      name: 'The pod has a toleration that key and value don\'t match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      want: '',
    },
    {
      name: 'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
      taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      want: '',
    },
    {
      name: 'NoExecute taints also keep pods off; a taint without value prints an empty value',
      taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }],
      want: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {node.kubernetes.io/not-ready: }',
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pod = makePod('p', c.tolerations ? { tolerations: c.tolerations } : {});
      const ni = makeNodeInfo(makeNode('n1', { taints: c.taints }));
      expect(reasonsByNode(runFilter(newTaintToleration(undefined, handle), pod, [ni]))).toEqual({ n1: c.want });
    });
  }

  it('pods/pod-with-toleration.yaml schedules onto a node tainted example-key:NoSchedule, an untolerating pod does not', () => {
    const pod = loadExample('pods/pod-with-toleration.yaml');
    const tainted = makeNodeInfo(makeNode('tainted', { taints: [{ key: 'example-key', value: 'v', effect: 'NoSchedule' }] }));
    const plugin = newTaintToleration(undefined, handle);
    expect(reasonsByNode(runFilter(plugin, pod, [tainted]))).toEqual({ tainted: '' });
    expect(reasonsByNode(runFilter(plugin, makePod('plain'), [tainted]))).toEqual({ tainted: 'UnschedulableAndUnresolvable: node(s) had untolerated taint {example-key: v}' });
  });
});

// Upstream: tainttoleration/taint_toleration_test.go TestTaintTolerationScore.
describe('TaintToleration Score', () => {
  const score = (tolerations: unknown[], nodes: Array<[string, Taint[]]>) =>
    runScore(newTaintToleration(undefined, handle), makePod('p', { tolerations }), nodes.map(([n, taints]) => makeNodeInfo(makeNode(n, { taints }))));

  it('node with taints tolerated by the pod, gets a higher score than those node with intolerable taints', () => {
    expect(
      score(
        [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
        [
          ['nodeA', [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }]],
          ['nodeB', [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }]],
        ],
      ),
    ).toEqual([
      { name: 'nodeA', score: 100 },
      { name: 'nodeB', score: 0 },
    ]);
  });
  it('the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has', () => {
    expect(
      score(
        [
          { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
        ],
        [
          ['nodeA', []],
          ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]],
          ['nodeC', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }, { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' }]],
        ],
      ),
    ).toEqual([
      { name: 'nodeA', score: 100 },
      { name: 'nodeB', score: 100 },
      { name: 'nodeC', score: 100 },
    ]);
  });
  it('the more intolerable taints a node has, the lower score it gets.', () => {
    expect(
      score(
        [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
        [
          ['nodeA', []],
          ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]],
          ['nodeC', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }, { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' }]],
        ],
      ),
    ).toEqual([
      { name: 'nodeA', score: 100 },
      { name: 'nodeB', score: 50 },
      { name: 'nodeC', score: 0 },
    ]);
  });
  it('only taints and tolerations that have effect PreferNoSchedule are checked by prioritizer function', () => {
    expect(
      score(
        [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }],
        [
          ['nodeA', []],
          ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]],
          ['nodeC', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]],
        ],
      ),
    ).toEqual([
      { name: 'nodeA', score: 100 },
      { name: 'nodeB', score: 100 },
      { name: 'nodeC', score: 0 },
    ]);
  });
});
