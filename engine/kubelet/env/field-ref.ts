/**
 * Downward API values (pkg/fieldpath + kubelet podFieldSelectorRuntimeValue / resourcefieldref), shared by env
 * vars and downwardAPI volume items.
 */
import type { Container, Pod } from 'kubernetes-types/core/v1';
import { parseQuantity, quantityMilliValue, quantityValue } from '../../apiserver/admission/quantity';

/** `metadata.labels` / `metadata.annotations` as a file: `key="value"` lines sorted by key (fieldpath.FormatMap). */
function formatMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${JSON.stringify((m ?? {})[k])}`)
    .join('\n');
}

const SUBSCRIPT = /^metadata\.(labels|annotations)\['(.*)'\]$/;

export function fieldRefValue(pod: Pod, fieldPath: string, hostIp: string, podIp: string): string {
  const meta = pod.metadata ?? {};
  const sub = SUBSCRIPT.exec(fieldPath);
  if (sub) {
    const map = (sub[1] === 'labels' ? meta.labels : meta.annotations) ?? {};
    return map[sub[2] ?? ''] ?? '';
  }
  switch (fieldPath) {
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
    case 'metadata.labels':
      return formatMap(meta.labels);
    case 'metadata.annotations':
      return formatMap(meta.annotations);
    case 'spec.nodeName':
      return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec?.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return hostIp;
    case 'status.podIP':
    case 'status.podIPs':
      return podIp;
  }
  throw new Error(`unsupported fieldPath: ${fieldPath}`);
}

/** resourceFieldRef: the container's limit/request, a limit falling back to node allocatable; rounded up by divisor. */
export function resourceFieldValue(container: Container, resource: string, divisor: string | undefined, allocatable: Record<string, string>): string {
  const [kind, name = ''] = resource.split(/\.(.*)/s) as [string, string];
  const resources = container.resources ?? {};
  let raw = (kind === 'limits' ? resources.limits : resources.requests)?.[name] as string | undefined;
  if (raw === undefined && kind === 'limits') raw = allocatable[name];
  if (raw === undefined && kind === 'requests') raw = '0';
  const q = parseQuantity(raw ?? '0');
  const div = parseQuantity(divisor ?? '1');
  if (name === 'cpu') {
    const milli = quantityMilliValue(q);
    const dm = quantityMilliValue(div);
    return String((milli + dm - 1n) / dm);
  }
  const v = quantityValue(q);
  const d = quantityValue(div);
  return String((v + d - 1n) / d);
}
