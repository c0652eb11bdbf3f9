/**
 * The subset of POSIX ustar that `kubectl cp` needs: regular files and directories, written as busybox/GNU tar
 * write them (512-byte headers, octal fields, two zero blocks at the end) and read back. Content is text: the
 * runtime's file system stores strings, and sizes count their UTF-8 bytes.
 */
import { decodeUtf8, encodeUtf8 } from './utf8';

export interface TarEntry {
  /** Relative path as stored (no leading `/`); directories end without a slash here. */
  path: string;
  type: 'file' | 'dir';
  content: string;
  /** Modification time in Unix seconds. */
  mtime: number;
  mode: number;
}

const BLOCK = 512;

export function writeTar(entries: TarEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const e of entries) {
    const body = e.type === 'file' ? encodeUtf8(e.content) : new Uint8Array(0);
    chunks.push(header(e, body.length));
    if (body.length > 0) {
      const padded = new Uint8Array(Math.ceil(body.length / BLOCK) * BLOCK);
      padded.set(body);
      chunks.push(padded);
    }
  }
  chunks.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

function header(e: TarEntry, size: number): Uint8Array {
  const h = new Uint8Array(BLOCK);
  const put = (offset: number, length: number, text: string): void => {
    const bytes = encodeUtf8(text);
    h.set(bytes.subarray(0, length), offset);
  };
  const octal = (offset: number, length: number, value: number): void => put(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  let name = e.type === 'dir' ? `${e.path}/` : e.path;
  let prefix = '';
  if (encodeUtf8(name).length > 100) {
    const cut = name.lastIndexOf('/', name.length - 2);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  put(0, 100, name);
  octal(100, 8, e.mode);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, e.mtime);
  put(148, 8, '        ');
  put(156, 1, e.type === 'dir' ? '5' : '0');
  put(257, 6, 'ustar\0');
  put(263, 2, '00');
  put(265, 32, 'root');
  put(297, 32, 'root');
  put(345, 155, prefix);
  const sum = h.reduce((n, b) => n + b, 0);
  put(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** Thrown for input that is not a tar archive; the message is busybox tar's. */
export class TarFormatError extends Error {}

export function readTar(data: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  let o = 0;
  while (o + BLOCK <= data.length) {
    const h = data.subarray(o, o + BLOCK);
    if (h.every((b) => b === 0)) break;
    const text = (offset: number, length: number): string => {
      const raw = h.subarray(offset, offset + length);
      const end = raw.indexOf(0);
      return decodeUtf8(end >= 0 ? raw.subarray(0, end) : raw);
    };
    const num = (offset: number, length: number): number => parseInt(text(offset, length).trim() || '0', 8);
    const stored = num(148, 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] as number);
    if (Number.isNaN(stored) || stored !== sum) throw new TarFormatError('tar: invalid tar header checksum');
    const size = num(124, 12);
    const typeflag = text(156, 1) || '0';
    const prefix = text(345, 155);
    let path = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    path = path.replace(/\/+$/, '');
    const bodyStart = o + BLOCK;
    const content = decodeUtf8(data.subarray(bodyStart, bodyStart + size));
    if (typeflag === '0' || typeflag === '5') {
      entries.push({ path, type: typeflag === '5' ? 'dir' : 'file', content: typeflag === '5' ? '' : content, mtime: num(136, 12), mode: num(100, 8) });
    }
    o = bodyStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  if (entries.length === 0 && data.length > 0 && !data.subarray(0, Math.min(BLOCK, data.length)).every((b) => b === 0)) {
    throw new TarFormatError('tar: short read');
  }
  return entries;
}
