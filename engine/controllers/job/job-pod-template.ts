/**
 * The pod the job controller creates from spec.template (GetPodFromTemplate + the job's additions): generateName
 * `<job>-` or, for Indexed jobs, `<job>-<index>-`; the ControllerRef; the `batch.kubernetes.io/job-tracking`
 * finalizer (pods are counted before they may disappear); for Indexed jobs the completion index as annotation and
 * label, the JOB_COMPLETION_INDEX env var read from that label, and hostname `<job>-<index>`.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import { deepCopy, type KubeObject } from '../../api/objects';
import { newControllerRef } from '../replica-set/controller-ref-manager';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX_KEY = 'batch.kubernetes.io/job-completion-index';

function withIndexEnv(c: Container): Container {
  if ((c.env ?? []).some((e) => e.name === 'JOB_COMPLETION_INDEX')) return c;
  return { ...c, env: [...(c.env ?? []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${COMPLETION_INDEX_KEY}']` } } }] };
}

export function podForJob(job: Job, index: number | undefined): KubeObject {
  const template = job.spec?.template ?? {};
  const meta = template.metadata ?? {};
  const name = job.metadata?.name ?? '';
  const spec = deepCopy(template.spec ?? { containers: [] }) as NonNullable<Pod['spec']>;
  const labels: Record<string, string> = { ...(meta.labels ?? {}) };
  const annotations: Record<string, string> = { ...(meta.annotations ?? {}) };
  if (index !== undefined) {
    annotations[COMPLETION_INDEX_KEY] = String(index);
    labels[COMPLETION_INDEX_KEY] = String(index);
    spec.containers = spec.containers.map(withIndexEnv);
    if (spec.initContainers) spec.initContainers = spec.initContainers.map(withIndexEnv);
    if (!spec.hostname) spec.hostname = `${name}-${index}`;
  }
  const metadata: NonNullable<KubeObject['metadata']> = {
    generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
    namespace: job.metadata?.namespace,
    labels,
    ownerReferences: [newControllerRef(job as KubeObject, 'batch/v1', 'Job')],
    finalizers: [...(meta.finalizers ?? []), JOB_TRACKING_FINALIZER],
  };
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}

export function completionIndexOf(pod: Pod): number | undefined {
  const raw = pod.metadata?.annotations?.[COMPLETION_INDEX_KEY] ?? pod.metadata?.labels?.[COMPLETION_INDEX_KEY];
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  return Number(raw);
}
