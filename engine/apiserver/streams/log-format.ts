/**
 * The kubelet's rendering of container log lines (pkg/kubelet/kuberuntime/logs): each line as written plus
 * "\n", with `timestamps` prefixed by the write time in Go's RFC3339Nano (trailing fractional zeros dropped),
 * `tailLines` keeping the last lines, and `limitBytes` cutting the stream after that many bytes.
 */
import type { LogLine } from '../../kubelet/runtime/container-runtime';
import { decodeUtf8, encodeUtf8 } from '../../kubelet/runtime/utf8';

/** Go's time.RFC3339Nano for a UTC instant in ms: `2026-11-23T18:13:59.12Z`, `2026-11-23T18:13:59Z`. */
export function rfc3339Nano(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-23T18:13:59.120Z
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${fraction === '' ? '' : `.${fraction}`}Z`;
}

export function renderLogLine(line: LogLine, timestamps: boolean): string {
  return timestamps ? `${rfc3339Nano(line.time)} ${line.text}\n` : `${line.text}\n`;
}

/** Counts UTF-8 bytes written and cuts at the limit, as the kubelet's LimitWriter does. */
export class ByteLimit {
  private remaining: number;

  constructor(limitBytes: number | undefined) {
    this.remaining = limitBytes ?? Number.POSITIVE_INFINITY;
  }

  get exhausted(): boolean {
    return this.remaining <= 0;
  }

  /** The part of `text` still within the limit ('' once exhausted). */
  take(text: string): string {
    if (this.remaining === Number.POSITIVE_INFINITY) return text;
    const bytes = encodeUtf8(text);
    if (bytes.length <= this.remaining) {
      this.remaining -= bytes.length;
      return text;
    }
    const cut = bytes.subarray(0, this.remaining);
    this.remaining = 0;
    return decodeUtf8(cut);
  }
}
