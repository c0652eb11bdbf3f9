/**
 * The pod-template-hash (controller.ComputeHash, 1.32): FNV-32a over the Go spew rendering of the
 * PodTemplateSpec (see go-spew-pod-template.ts), then, when the Deployment has a collisionCount, its value as
 * 8 little-endian bytes (uint32 in the first four), and the decimal Sum32 mapped character by character
 * through rand.SafeEncodeString's alphabet.
 */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { UnsupportedGoValue, spewPodTemplateSpec } from './go-spew-pod-template';

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;
/** rand.alphanums: no vowels and no confusable characters. */
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export class Fnv32a {
  private h = FNV32_OFFSET;
  write(bytes: Iterable<number>): void {
    for (const b of bytes) this.h = Math.imul(this.h ^ b, FNV32_PRIME) >>> 0;
  }
  sum32(): number {
    return this.h >>> 0;
  }
}

/** UTF-8 bytes of a string (Go strings are bytes; the engine has no TextEncoder). */
function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

/** rand.SafeEncodeString. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const byte of utf8(s)) out += SAFE_ALPHANUMS[byte % SAFE_ALPHANUMS.length];
  return out;
}

/** ComputeHash over an already rendered template (exposed for tests of the hash arithmetic itself). */
export function hashRendered(rendered: string, collisionCount?: number): string {
  const h = new Fnv32a();
  h.write(utf8(rendered));
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0;
    h.write([c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0]);
  }
  return safeEncodeString(String(h.sum32()));
}

/** Keys sorted at every level: a stable rendering for templates go-spew-pod-template cannot print. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/**
 * ComputeHash. Templates with resource quantities or non-zero timestamps cannot be printed as Go would
 * print them (see go-spew-pod-template.ts); those hash their canonical JSON instead — stable and of the same
 * shape, but not the value a real cluster would show.
 */
export function computePodTemplateHash(template: PodTemplateSpec, collisionCount?: number): string {
  let rendered: string;
  try {
    rendered = spewPodTemplateSpec(template);
  } catch (err) {
    if (!(err instanceof UnsupportedGoValue)) throw err;
    rendered = canonicalJson(template);
  }
  return hashRendered(rendered, collisionCount);
}
