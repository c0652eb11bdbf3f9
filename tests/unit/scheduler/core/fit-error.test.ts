/**
 * FitError.Error and the preemption suffix, against strings from upstream: framework/types_test.go-style
 * histograms, default_preemption_test.go's PostFilter wantStatus messages, and the field example
 * `0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: ...`.
 */
import { describe, expect, it } from 'vitest';
import { fitErrorMessage, newDiagnosis } from '../../../../engine/scheduler/framework/fit-error';
import { Status } from '../../../../engine/scheduler/framework/interface';

function diag(statuses: Record<string, string[]>, extra: Partial<ReturnType<typeof newDiagnosis>> = {}) {
  const d = newDiagnosis();
  for (const [node, reasons] of Object.entries(statuses)) d.nodeToStatus.set(node, new Status('Unschedulable', reasons));
  return Object.assign(d, extra);
}

describe('FitError message', () => {
  it('counts reasons per node and sorts the histogram as strings', () => {
    const d = diag({
      cp: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'],
      w1: ['Insufficient cpu'],
      w2: ['Insufficient cpu'],
    });
    d.postFilterMsg = 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    expect(fitErrorMessage(3, d)).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('counts each reason of a node (two resources short on the same node)', () => {
    const d = diag({ a: ["node(s) didn't match PersistentVolume's node affinity"], b: ['Insufficient cpu', 'Insufficient memory'], c: ['Insufficient cpu', 'Insufficient memory'] });
    expect(fitErrorMessage(3, d)).toBe("0/3 nodes are available: 1 node(s) didn't match PersistentVolume's node affinity, 2 Insufficient cpu, 2 Insufficient memory.");
  });

  it('sorts counts as strings, so 10 comes before 2', () => {
    const statuses: Record<string, string[]> = {};
    for (let i = 0; i < 10; i++) statuses[`a${i}`] = ['Too many pods'];
    statuses['b0'] = ['Insufficient cpu'];
    statuses['b1'] = ['Insufficient cpu'];
    expect(fitErrorMessage(12, diag(statuses))).toBe('0/12 nodes are available: 10 Too many pods, 2 Insufficient cpu.');
  });

  it('nodes absent from the map count with the absent status (PreFilter narrowing)', () => {
    const d = diag({ n1: ['Too many pods'] });
    d.absentNodesStatus = new Status('UnschedulableAndUnresolvable', ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]);
    expect(fitErrorMessage(46, d)).toBe("0/46 nodes are available: 1 Too many pods, 45 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('a PreFilter rejection replaces the per-node reasons', () => {
    const d = diag({}, { preFilterMsg: 'node(s) didn\'t satisfy plugin(s) [FakePreFilter2 FakePreFilter3] simultaneously' });
    d.absentNodesStatus = new Status('Unschedulable', ['ignored']);
    expect(fitErrorMessage(3, d)).toBe("0/3 nodes are available: node(s) didn't satisfy plugin(s) [FakePreFilter2 FakePreFilter3] simultaneously.");
  });
});
