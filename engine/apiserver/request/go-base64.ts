/**
 * Where Go's base64.StdEncoding (padded) gives up on a string: encoding/json decodes every []byte field with
 * it, so a Secret's `data` or a ConfigMap's `binaryData` value that is not base64 fails decoding with
 * `illegal base64 data at input byte N` (base64.CorruptInputError), N as Go's decodeQuantum computes it.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The byte offset Go reports, or undefined when Go decodes the text. `text` is ASCII-checked bytewise. */
export function goBase64ErrorOffset(text: string): number | undefined {
  const src = text;
  const n = src.length;
  const skipNewlines = (i: number): number => {
    while (i < n && (src[i] === '\n' || src[i] === '\r')) i++;
    return i;
  };
  let si = 0;
  for (;;) {
    for (let j = 0; j < 4; j++) {
      if (si === n) {
        if (j === 0) return undefined;
        return si - j;
      }
      const c = src[si] as string;
      si++;
      if (ALPHABET.includes(c)) continue;
      if (c === '\n' || c === '\r') {
        j--;
        continue;
      }
      if (c !== '=') return si - 1;
      // Padding: only in the last two places of a quantum, and then nothing but newlines may follow.
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        si = skipNewlines(si);
        if (si === n) return n;
        if (src[si] !== '=') return si - 1;
        si++;
      }
      si = skipNewlines(si);
      return si < n ? si : undefined;
    }
  }
}

/** The decode error text for a base64 field value, or undefined when it decodes. */
export function goBase64Error(text: string): string | undefined {
  const offset = goBase64ErrorOffset(utf8ByteString(text));
  return offset === undefined ? undefined : `illegal base64 data at input byte ${offset}`;
}

/** One character per UTF-8 byte, so offsets are Go's byte offsets (non-ASCII bytes are never base64). */
function utf8ByteString(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    const len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    out += len === 1 ? ch : '\u0080'.repeat(len);
  }
  return out;
}
