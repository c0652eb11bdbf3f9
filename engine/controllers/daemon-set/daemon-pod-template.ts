/**
 * What the DaemonSet controller adds to its template for one node (pkg/controller/daemon/util):
 * - AddOrUpdateDaemonPodTolerations: daemon pods tolerate not-ready and unreachable (NoExecute, forever),
 *   disk/memory/pid pressure and unschedulable (NoSchedule), and network-unavailable when on the host network —
 *   so they keep running on failing and cordoned nodes;
 * - ReplaceDaemonSetPodNodeNameNodeAffinity: required node affinity on `metadata.name` = the node, which the
 *   default scheduler then honours (daemon pods are scheduled like any other pod since 1.12);
 * - labels `controller-revision-hash` and `pod-template-generation`, a ControllerRef, generateName `<ds>-`.
 */
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Toleration } from 'kubernetes-types/core/v1';
import { deepCopy, type KubeObject } from '../../api/objects';
import { newControllerRef } from '../replica-set/controller-ref-manager';

export const DEFAULT_DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];
const NETWORK_UNAVAILABLE: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' };

/** The template's tolerations plus the daemon ones, an existing toleration of the same key and effect replaced. */
export function daemonTolerations(existing: readonly Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  const out = [...(existing ?? [])];
  for (const t of hostNetwork ? [...DEFAULT_DAEMON_TOLERATIONS, NETWORK_UNAVAILABLE] : DEFAULT_DAEMON_TOLERATIONS) {
    const at = out.findIndex((o) => o.key === t.key && o.effect === t.effect);
    if (at >= 0) out[at] = { ...t };
    else out.push({ ...t });
  }
  return out;
}

export function daemonPodFor(ds: DaemonSet & KubeObject, nodeName: string, hash: string, generation: number): KubeObject {
  const template = deepCopy(ds.spec?.template ?? {});
  const spec = (template.spec ?? { containers: [] }) as NonNullable<typeof template.spec>;
  spec.tolerations = daemonTolerations(spec.tolerations, spec.hostNetwork === true);
  const affinity = (spec.affinity ??= {});
  const nodeAffinity = (affinity.nodeAffinity ??= {});
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
  };
  const metadata: NonNullable<KubeObject['metadata']> = {
    generateName: `${ds.metadata?.name}-`,
    namespace: ds.metadata?.namespace,
    labels: { ...(template.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': String(generation) },
    ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
  };
  if (template.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}
