import { describe, expect, it } from 'vitest';
import { newNodeAffinity } from '../../../../engine/scheduler/plugins/node-affinity';
import { loadExample, makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, reasonsByNode, runFilter, runScore } from './fixtures';

const handle = makeHandle(makeSnapshot([]));
const REJECT = "UnschedulableAndUnresolvable: node(s) didn't match Pod's node affinity/selector";
const required = (...terms: unknown[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });

// Upstream: nodeaffinity/node_affinity_test.go TestNodeAffinity.
describe('NodeAffinity Filter', () => {
  const cases: Array<{ name: string; spec: Record<string, unknown>; labels: Record<string, string>; nodeName?: string; want: string; skip?: boolean }> = [
    { name: 'no selector', spec: {}, labels: {}, want: '', skip: true },
    { name: 'missing labels', spec: { nodeSelector: { foo: 'bar' } }, labels: {}, want: REJECT },
    { name: 'same labels', spec: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar' }, want: '' },
    { name: 'node labels are superset', spec: { nodeSelector: { foo: 'bar' } }, labels: { foo: 'bar', baz: 'blah' }, want: '' },
    { name: 'node labels are subset', spec: { nodeSelector: { foo: 'bar', baz: 'blah' } }, labels: { foo: 'bar' }, want: REJECT },
    {
      name: 'Pod with matchExpressions using In operator that matches the existing node',
      spec: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }),
      labels: { foo: 'bar' },
      want: '',
    },
    {
      name: 'Pod with matchExpressions using Gt operator that matches the existing node',
      spec: required({ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }),
      labels: { 'kernel-version': '0206' },
      want: '',
    },
    {
      name: 'Pod with matchExpressions using NotIn operator that matches the existing node',
      spec: required({ matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] }),
      labels: { 'mem-type': 'DDR3' },
      want: '',
    },
    {
      name: 'Pod with matchExpressions using Exists operator that matches the existing node',
      spec: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      want: '',
    },
    {
      name: 'Pod with affinity that don\'t match node\'s labels won\'t schedule onto the node',
      spec: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'value2'] }] }),
      labels: { foo: 'bar' },
      want: REJECT,
    },
    { name: 'Pod with a nil []NodeSelectorTerm in affinity, can\'t match the node\'s labels and won\'t schedule onto the node', spec: required(), labels: { foo: 'bar' }, want: REJECT },
    { name: 'Pod with an empty []NodeSelectorTerm in affinity, can\'t match the node\'s labels and won\'t schedule onto the node', spec: required({}), labels: { foo: 'bar' }, want: REJECT },
    {
      name: 'Pod with multiple matchExpressions ANDed that doesn\'t match the existing node',
      spec: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }, { key: 'GPU', operator: 'NotIn', values: ['AMD', 'INTER'] }] }),
      labels: { GPU: 'AMD' },
      want: REJECT,
    },
    {
      name: 'Pod with multiple NodeSelectorTerms ORed in affinity, matches the node\'s labels and will schedule onto the node',
      spec: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }, { matchExpressions: [{ key: 'diffkey', operator: 'In', values: ['wrong', 'value2'] }] }),
      labels: { foo: 'bar' },
      want: '',
    },
    {
      name: 'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
      spec: { nodeSelector: { foo: 'bar' }, ...required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }) },
      labels: { foo: 'bar' },
      want: '',
    },
    {
      name: 'Pod with an Affinity matches node\'s labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won\'t schedule onto the node',
      spec: { nodeSelector: { foo: 'bar' }, ...required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }) },
      labels: { foo: 'barrrrrr' },
      want: REJECT,
    },
    {
      name: 'Pod with matchFields using In operator that matches the existing node',
      spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }),
      labels: {},
      nodeName: 'node1',
      want: '',
    },
    {
      name: 'Pod with matchFields using In operator that does not match the existing node',
      spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }),
      labels: {},
      nodeName: 'node2',
      want: REJECT,
    },
    {
      name: 'Pod with two terms: both matchFields and matchExpressions do not match',
      spec: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }], matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] }),
      labels: { foo: 'bar' },
      nodeName: 'node2',
      want: REJECT,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const run = runFilter(newNodeAffinity(undefined, handle), makePod('p', c.spec), [makeNodeInfo(makeNode(c.nodeName ?? 'n', { labels: c.labels }))]);
      expect(Object.values(reasonsByNode(run))).toEqual([c.want]);
    });
  }

  it('PreFilter narrows to the metadata.name In nodes of the terms (union over terms, intersection within one)', () => {
    const plugin = newNodeAffinity(undefined, handle);
    const pod = makePod(
      'p',
      required(
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1', 'node2'] }, { key: 'metadata.name', operator: 'In', values: ['node2', 'node3'] }] },
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node5'] }] },
      ),
    );
    expect([...(runFilter(plugin, pod, []).nodeNames ?? [])].sort()).toEqual(['node2', 'node5']);
    // A term without a name restriction leaves every node possible.
    const open = makePod('q', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }, { matchExpressions: [{ key: 'foo', operator: 'Exists' }] }));
    expect(runFilter(plugin, open, []).nodeNames).toBeUndefined();
    // Terms naming disjoint nodes within one term conflict.
    const conflict = makePod('r', required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }, { key: 'metadata.name', operator: 'In', values: ['node2'] }] }));
    const r = runFilter(plugin, conflict, []);
    expect(r.preFilter?.code).toBe('UnschedulableAndUnresolvable');
    expect(r.preFilter?.message()).toBe('pod affinity terms conflict');
  });

  it('addedAffinity from the profile is enforced first (Test NodeAffinity with addedAffinity)', () => {
    const plugin = newNodeAffinity(
      { addedAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['foo'] }] }] } } },
      handle,
    );
    const run = runFilter(plugin, makePod('p'), [makeNodeInfo(makeNode('a', { labels: { zone: 'foo' } })), makeNodeInfo(makeNode('b', { labels: { zone: 'bar' } }))]);
    expect(reasonsByNode(run)).toEqual({ a: '', b: "UnschedulableAndUnresolvable: node(s) didn't match scheduler-enforced node affinity" });
  });

  it('pods/pod-nginx-required-affinity.yaml is rejected until a node has disktype=ssd', () => {
    const pod = loadExample('pods/pod-nginx-required-affinity.yaml');
    const plugin = newNodeAffinity(undefined, handle);
    const plain = makeNodeInfo(makeNode('worker'));
    expect(reasonsByNode(runFilter(plugin, pod, [plain]))).toEqual({ worker: REJECT });
    const labelled = makeNodeInfo(makeNode('worker', { labels: { disktype: 'ssd' } }));
    expect(reasonsByNode(runFilter(plugin, pod, [plain, labelled].slice(1)))).toEqual({ worker: '' });
  });
});

// Upstream: nodeaffinity/node_affinity_test.go TestNodeAffinityPriority.
describe('NodeAffinity Score', () => {
  const pref = (terms: Array<[number, Record<string, string[]>]>) => ({
    affinity: {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: terms.map(([weight, exprs]) => ({
          weight,
          preference: { matchExpressions: Object.entries(exprs).map(([key, values]) => ({ key, operator: 'In', values })) },
        })),
      },
    },
  });
  const affinity1 = pref([[2, { foo: ['bar'] }]]);
  const affinity2 = pref([
    [2, { foo: ['bar'] }],
    [4, { key: ['value'] }],
    [5, { foo: ['bar'], key: ['value'], az: ['az1'] }],
  ]);
  const label1 = { foo: 'bar' };
  const label2 = { key: 'value' };
  const label3 = { az: 'az1' };
  const label5 = { foo: 'bar', key: 'value', az: 'az1' };

  it('all nodes are same priority as NodeAffinity is nil', () => {
    expect(runScore(newNodeAffinity(undefined, handle), makePod('p'), [makeNodeInfo(makeNode('node1', { labels: label1 }))])).toBeUndefined();
  });
  it('no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes\' priority is zero', () => {
    const nodes = [makeNodeInfo(makeNode('node1', { labels: label3 })), makeNodeInfo(makeNode('node2', { labels: label2 }))];
    expect(runScore(newNodeAffinity(undefined, handle), makePod('p', affinity1), nodes)?.map((s) => s.score)).toEqual([0, 0]);
  });
  it('only node1 matches the preferred scheduling requirements of pod', () => {
    const nodes = [makeNodeInfo(makeNode('node1', { labels: label1 })), makeNodeInfo(makeNode('node2', { labels: label2 })), makeNodeInfo(makeNode('node3', { labels: label3 }))];
    expect(runScore(newNodeAffinity(undefined, handle), makePod('p', affinity1), nodes)?.map((s) => s.score)).toEqual([100, 0, 0]);
  });
  it('all nodes matches the preferred scheduling requirements of pod but with different priorities', () => {
    const nodes = [makeNodeInfo(makeNode('node1', { labels: label1 })), makeNodeInfo(makeNode('node5', { labels: label5 })), makeNodeInfo(makeNode('node2', { labels: label2 }))];
    expect(runScore(newNodeAffinity(undefined, handle), makePod('p', affinity2), nodes)?.map((s) => s.score)).toEqual([18, 100, 36]);
  });
});
