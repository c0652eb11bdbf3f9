/**
 * Turns a byte stream (WebSocket / SPDY frames) into the UTF-8 text the runtime's sessions take, without
 * breaking a character split across two frames: an incomplete trailing sequence waits for the next chunk.
 */
import { decodeUtf8 } from '../../kubelet/runtime/utf8';

export class Utf8StreamDecoder {
  private pending: Uint8Array = new Uint8Array(0);

  write(chunk: Uint8Array): string {
    const bytes = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const cut = completePrefixLength(bytes);
    this.pending = bytes.slice(cut);
    return decodeUtf8(bytes.subarray(0, cut));
  }

  /** What is left at end of stream (an incomplete sequence decodes to U+FFFD). */
  end(): string {
    const rest = this.pending;
    this.pending = new Uint8Array(0);
    return rest.length === 0 ? '' : decodeUtf8(rest);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Length of `bytes` without a trailing lead byte whose continuation bytes have not arrived yet. */
function completePrefixLength(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for its lead
    const need = b >= 0xf0 && b < 0xf5 ? 3 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xc2 && b < 0xe0 ? 1 : 0;
    return need >= back ? n - back : n;
  }
  return n;
}
