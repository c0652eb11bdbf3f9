/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): every pod tolerates the
 * node.kubernetes.io/not-ready and /unreachable NoExecute taints for 300 s unless it already tolerates them —
 * a toleration with an empty key or effect counts, since it matches those taints too.
 */
import type { KubeObject } from '../../api/objects';
import type { AdmissionPlugin } from './types';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
/** --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds. */
const DEFAULT_TOLERATION_SECONDS = 300;

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

const tolerates = (t: Toleration, key: string): boolean => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute');

const toleration = (key: string): Toleration => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });

export const defaultTolerationSeconds: AdmissionPlugin = {
  name: 'DefaultTolerationSeconds',
  admit(a) {
    if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return;
    if (a.group !== '' || a.resource !== 'pods' || a.subresource !== '' || a.object === undefined) return;
    const spec = ((a.object as KubeObject).spec ??= {}) as { tolerations?: Toleration[] };
    const existing = spec.tolerations ?? [];
    const added: Toleration[] = [];
    if (!existing.some((t) => tolerates(t, NOT_READY))) added.push(toleration(NOT_READY));
    if (!existing.some((t) => tolerates(t, UNREACHABLE))) added.push(toleration(UNREACHABLE));
    if (added.length > 0) spec.tolerations = [...existing, ...added];
  },
};
