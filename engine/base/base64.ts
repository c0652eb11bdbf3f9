/**
 * Standard base64 (RFC 4648 with padding) as Go's encoding/json reads and writes []byte fields: Secret.data
 * and ConfigMap.binaryData arrive as base64 text, and their sizes limits count decoded bytes.
 * The engine core has no Buffer/atob, hence this small codec.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i] as const));

/** Decoded bytes, or undefined when `text` is not valid padded base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text[i + j] as string;
      const isPad = c === '=' && i + j >= text.length - pad;
      const v = isPad ? 0 : INDEX.get(c);
      if (v === undefined) return undefined;
      n = (n << 6) | v;
    }
    for (const shift of [16, 8, 0]) if (o < out.length) out[o++] = (n >> shift) & 0xff;
  }
  return out;
}

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] as number;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += ALPHABET[(n >> 18) & 63] as string;
    out += ALPHABET[(n >> 12) & 63] as string;
    out += b1 === undefined ? '=' : (ALPHABET[(n >> 6) & 63] as string);
    out += b2 === undefined ? '=' : (ALPHABET[n & 63] as string);
  }
  return out;
}

/** UTF-8 bytes of a string (TextEncoder is a web API, not part of the engine's ES2022 lib). */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/**
 * UTF-8 text of bytes; an invalid sequence (bad lead byte, overlong 0xC0/0xC1 lead, beyond U+10FFFF, truncated or
 * bad continuation) becomes U+FFFD, as Go and WHATWG decoders print it.
 */
export function utf8Text(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    let c = need === 0 ? b : b & (0x3f >> need);
    let ok = need >= 0;
    for (let k = 1; ok && k <= need; k++) {
      const n = bytes[i + k];
      if (n === undefined || (n & 0xc0) !== 0x80) ok = false;
      else c = (c << 6) | (n & 63);
    }
    if (!ok || c > 0x10ffff) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(c);
    i += need + 1;
  }
  return out;
}

/** Base64 of a string's UTF-8 bytes (continue tokens, token payloads). */
export function base64Encode(text: string): string {
  return encodeBase64(utf8Bytes(text));
}

/** The UTF-8 text behind base64; throws on invalid input. */
export function base64Decode(text: string): string {
  const bytes = decodeBase64(text.length % 4 === 0 ? text : text + '='.repeat(4 - (text.length % 4)));
  if (bytes === undefined) throw new Error('illegal base64 data');
  return utf8Text(bytes);
}
