/**
 * UTF-8 for the runtime's byte streams (tar headers, Content-Length and log sizes count UTF-8 bytes, not UTF-16
 * code units). The codec itself is engine/base's; the names here are the runtime's.
 */
export { utf8Bytes as encodeUtf8, utf8Text as decodeUtf8 } from '../../base/base64';

export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}
