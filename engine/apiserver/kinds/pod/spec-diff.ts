/**
 * An approximation of the go-cmp `cmp.Diff(oldPod.Spec, mungedPodSpec)` text that ValidatePodUpdate appends
 * to its Forbidden message. go-cmp's output is deliberately unstable upstream (it randomises spacing), so
 * only its shape is reproduced: `core.PodSpec{`, Go field names, `... // N identical fields`, and `-`/`+`
 * lines for the values that differ, recursing into objects and equal-length lists.
 */
import { semanticDeepEqual } from '../../validation';

const ACRONYMS: Record<string, string> = { dns: 'DNS', os: 'OS', ip: 'IP', ipc: 'IPC', pid: 'PID', fqdn: 'FQDN', uid: 'UID', tcp: 'TCP', http: 'HTTP', grpc: 'GRPC' };

/** The Go field name for a JSON field name (`dnsPolicy` → `DNSPolicy`, `hostIPC` → `HostIPC`). */
export function goFieldName(json: string): string {
  const parts = json.split(/(?=[A-Z])/);
  return parts
    .map((p) => {
      const lower = p.toLowerCase();
      return ACRONYMS[lower] ?? p.charAt(0).toUpperCase() + p.slice(1);
    })
    .join('');
}

function render(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(render).join(', ')}}`;
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
  return `{${entries.map(([k, x]) => `${goFieldName(k)}: ${render(x)}`).join(', ')}}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function diffLines(label: string, a: unknown, b: unknown, depth: number, out: string[]): void {
  const pad = '\t'.repeat(depth);
  if (isObject(a) && isObject(b)) {
    out.push(`  ${pad}${label}{`);
    diffFields(a, b, depth + 1, out);
    out.push(`  ${pad}},`);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    out.push(`  ${pad}${label}{`);
    a.forEach((x, i) => {
      if (semanticDeepEqual(x, b[i])) out.push(`  ${pad}\t${render(x)},`);
      else diffLines('', x, b[i], depth + 1, out);
    });
    out.push(`  ${pad}},`);
    return;
  }
  out.push(`- ${pad}${label}${render(a)},`);
  out.push(`+ ${pad}${label}${render(b)},`);
}

function diffFields(a: Record<string, unknown>, b: Record<string, unknown>, depth: number, out: string[]): void {
  const pad = '\t'.repeat(depth);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  let identical = 0;
  const flush = (): void => {
    if (identical > 0) out.push(`  ${pad}... // ${identical} identical field${identical === 1 ? '' : 's'}`);
    identical = 0;
  };
  for (const k of keys) {
    if (semanticDeepEqual(a[k], b[k])) {
      identical++;
      continue;
    }
    flush();
    diffLines(`${goFieldName(k)}: `, a[k], b[k], depth, out);
  }
  flush();
}

/** The diff tail for two pod specs, old first. */
export function podSpecDiff(oldSpec: Record<string, unknown>, newSpec: Record<string, unknown>): string {
  const out = ['  core.PodSpec{'];
  diffFields(oldSpec, newSpec, 1, out);
  out.push('  }');
  return `${out.join('\n')}\n`;
}
