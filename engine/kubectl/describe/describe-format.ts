/**
 * The small formatters every describer shares (describe.go): multi-line labels/annotations/taints/tolerations,
 * `<none>`, timestamps in RFC 1123Z as kubectl prints them, and the Events section.
 */
import type { KubeObject } from '../../api/objects';
import { humanDuration } from '../../apiserver/printers/human-duration';
import type { ApiClient } from '../../client/api-client';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefix-writer';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** time.RFC1123Z in UTC: `Mon, 23 Nov 2026 12:00:00 +0000`. */
export function rfc1123z(iso: string | undefined | null): string {
  if (!iso) return '<unset>';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '<unset>';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

export function translateTimestampSince(iso: string | undefined | null, now: number): string {
  if (!iso) return '<unknown>';
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '<unknown>' : humanDuration(now - t);
}

/** printLabelsMultilineWithIndent: `title` carries its own indent; sorted `k=v`, one per line, `<none>` when empty. */
export function writeLabels(w: PrefixWriter, title: string, labels: Record<string, string> | undefined): void {
  const keys = Object.keys(labels ?? {}).sort();
  w.write(LEVEL_0, `${title}:\t`);
  if (keys.length === 0) return w.writeLine('<none>');
  keys.forEach((k, i) => {
    if (i > 0) w.write(LEVEL_0, '\t');
    w.write(LEVEL_0, `${k}=${(labels ?? {})[k]}\n`);
  });
}

/** maxAnnotationLen. */
const MAX_ANNOTATION_LEN = 140;
const SKIPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}...` : s;
}

/** printAnnotationsMultilineWithIndent: `key: value`, long or multi-line values on their own indented lines. */
export function writeAnnotations(w: PrefixWriter, title: string, annotations: Record<string, string> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {})
    .filter((k) => !SKIPPED_ANNOTATIONS.has(k))
    .sort();
  if (keys.length === 0) return w.writeLine('<none>');
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i > 0) w.write(LEVEL_0, indent);
    const value = ((annotations ?? {})[key] ?? '').replace(/\n$/, '');
    if (value.length + key.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const line of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(line, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** printTolerationsMultilineWithIndent. */
export function writeTolerations(w: PrefixWriter, title: string, tolerations: Toleration[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const list = [...(tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (list.length === 0) return w.writeLine('<none>');
  list.forEach((t, i) => {
    if (i > 0) w.write(LEVEL_0, '\t');
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${s}\n`);
  });
}

export function selectorString(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> } | undefined): string {
  if (!sel) return '<none>';
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${sel.matchLabels![k]}`);
  for (const e of sel.matchExpressions ?? []) {
    const op = e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator;
    if (op === 'Exists') parts.push(e.key);
    else if (op === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${op} (${[...(e.values ?? [])].sort().join(',')})`);
  }
  return parts.length === 0 ? '<none>' : parts.join(',');
}

/** The Events of an object (searchEvents: field selector on involvedObject), sorted as kubectl sorts them. */
export async function eventsFor(client: ApiClient, obj: KubeObject): Promise<KubeObject[]> {
  const m = obj.metadata ?? {};
  const selector = [`involvedObject.name=${m.name}`, `involvedObject.namespace=${m.namespace ?? ''}`, `involvedObject.kind=${obj.kind}`, `involvedObject.uid=${m.uid}`].join(',');
  const list = await client.list({ group: '', version: 'v1', resource: 'events', namespace: m.namespace || undefined }, { fieldSelector: selector, limit: '500' });
  // SortableEvents orders by lastTimestamp alone: events.k8s.io-shaped ones (the scheduler's) have none — Go's zero
  // time — and come first; equal times keep list order (Go's sort of short lists is an insertion sort).
  const when = (e: KubeObject) => (e['lastTimestamp'] ? Date.parse(String(e['lastTimestamp'])) : Number.NEGATIVE_INFINITY);
  return [...list.items].sort((a, b) => (when(a) < when(b) ? -1 : when(a) > when(b) ? 1 : 0));
}

/** DescribeEvents. */
export function writeEvents(w: PrefixWriter, events: KubeObject[], now: number): void {
  if (events.length === 0) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'Events:\n');
  w.write(LEVEL_1, 'Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of events) {
    const series = e['series'] as { count?: number; lastObservedTime?: string } | undefined;
    const first = (e['firstTimestamp'] as string | null) || (e['eventTime'] as string | null) || undefined;
    let interval: string;
    if (series && (series.count ?? 0) > 1) interval = `${translateTimestampSince(series.lastObservedTime, now)} (x${series.count} over ${translateTimestampSince(first, now)})`;
    else if (((e['count'] as number | undefined) ?? 0) > 1) interval = `${translateTimestampSince(e['lastTimestamp'] as string, now)} (x${e['count']} over ${translateTimestampSince(first, now)})`;
    else interval = translateTimestampSince(first, now);
    // 1.32 prints the component only (the kubelet's host is not appended), else the reporting controller.
    const source = e['source'] as { component?: string } | undefined;
    const from = source?.component || String(e['reportingComponent'] ?? '');
    w.write(LEVEL_1, `${e['type']}\t${e['reason']}\t${interval}\t${from}\t${String(e['message'] ?? '').trim()}\n`);
  }
}
