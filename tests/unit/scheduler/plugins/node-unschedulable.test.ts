import { describe, expect, it } from 'vitest';
import { newNodeUnschedulable } from '../../../../engine/scheduler/plugins/node-unschedulable';
import { newNodeName } from '../../../../engine/scheduler/plugins/node-name';
import { makeHandle, makeNode, makeNodeInfo, makePod, makeSnapshot, reasonsByNode, runFilter } from './fixtures';

const handle = makeHandle(makeSnapshot([]));

// Upstream: nodeunschedulable/node_unschedulable_test.go TestNodeUnschedulable.
describe('NodeUnschedulable', () => {
  const cases = [
    { name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', unschedulable: true, tolerations: undefined, want: 'UnschedulableAndUnresolvable: node(s) were unschedulable' },
    { name: 'Schedule pod to normal node', unschedulable: false, tolerations: undefined, want: '' },
    {
      name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      want: '',
    },
    { name: 'toleration of another taint does not help', unschedulable: true, tolerations: [{ key: 'other', operator: 'Exists' }], want: 'UnschedulableAndUnresolvable: node(s) were unschedulable' },
    { name: 'an Exists toleration with no key tolerates everything', unschedulable: true, tolerations: [{ operator: 'Exists' }], want: '' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pod = makePod('p', c.tolerations ? { tolerations: c.tolerations } : {});
      const ni = makeNodeInfo(makeNode('n1', { unschedulable: c.unschedulable }));
      expect(reasonsByNode(runFilter(newNodeUnschedulable(undefined, handle), pod, [ni]))).toEqual({ n1: c.want });
    });
  }
  it('registers node add / taint updates and toleration updates', () => {
    expect(newNodeUnschedulable(undefined, handle).eventsToRegister()).toContainEqual({ resource: 'Node', action: 'UpdateNodeTaint' });
  });
});

// Upstream: nodename/node_name_test.go TestNodeName.
describe('NodeName', () => {
  const cases = [
    { name: 'no host specified', nodeName: undefined, want: '' },
    { name: 'host matches', nodeName: 'foo', want: '' },
    { name: 'host doesn\'t match', nodeName: 'bar', want: "UnschedulableAndUnresolvable: node(s) didn't match the requested node name" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const pod = makePod('p', c.nodeName ? { nodeName: c.nodeName } : {});
      expect(reasonsByNode(runFilter(newNodeName(undefined, handle), pod, [makeNodeInfo(makeNode('foo'))]))).toEqual({ foo: c.want });
    });
  }
});
