/**
 * TaintNodesByCondition (plugin/pkg/admission/nodetaint): a Node is created with the
 * node.kubernetes.io/not-ready:NoSchedule taint, so nothing lands on it before the node lifecycle controller
 * has seen it Ready and removed the taint.
 */
import type { KubeObject } from '../../api/objects';
import type { AdmissionPlugin } from './types';

const NOT_READY = 'node.kubernetes.io/not-ready';

interface Taint {
  key?: string;
  value?: string;
  effect?: string;
}

export const taintNodesByCondition: AdmissionPlugin = {
  name: 'TaintNodesByCondition',
  admit(a) {
    if (a.operation !== 'CREATE' || a.group !== '' || a.resource !== 'nodes' || a.subresource !== '' || a.object === undefined) return;
    const spec = ((a.object as KubeObject).spec ??= {}) as { taints?: Taint[] };
    // Taint.MatchTaint: same key and effect.
    if ((spec.taints ?? []).some((t) => t.key === NOT_READY && t.effect === 'NoSchedule')) return;
    spec.taints = [...(spec.taints ?? []), { key: NOT_READY, effect: 'NoSchedule' }];
  },
};
