/**
 * The on-disk frame of every log record and snapshot: [length u32 LE][crc32(payload) u32 LE][payload].
 *
 * Reading tells three cases apart:
 * - intact frames;
 * - a torn tail: the last frame is incomplete or fails its checksum and no intact frame follows it anywhere
 *   (a crash in the middle of an append, or zero-filled blocks after power loss) — safe to cut off;
 * - corruption: a damaged frame followed by an intact one — data that was acknowledged is unreadable, so the
 *   reader refuses (StoreError 'Corrupt' naming file and offset) rather than silently dropping it.
 */
import { crc32 } from './crc32';
import { StoreError } from './types';

export const FRAME_HEADER_BYTES = 8;

export function frameRecord(payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(FRAME_HEADER_BYTES + payload.length);
  writeU32(frame, 0, payload.length);
  writeU32(frame, 4, crc32(payload));
  frame.set(payload, FRAME_HEADER_BYTES);
  return frame;
}

/**
 * Frames `text` in a reusable buffer without intermediate copies; returns the frame (a view of `scratch.buffer`,
 * valid until the next call). `encodeInto` writes UTF-8 and returns the byte count.
 */
export function frameTextInto(
  text: string,
  scratch: { buffer: Uint8Array },
  encodeInto: (text: string, dest: Uint8Array, offset: number) => number,
): Uint8Array {
  const worst = FRAME_HEADER_BYTES + text.length * 3;
  if (scratch.buffer.length < worst) scratch.buffer = new Uint8Array(Math.max(worst, scratch.buffer.length * 2));
  const buf = scratch.buffer;
  const length = encodeInto(text, buf, FRAME_HEADER_BYTES);
  writeU32(buf, 0, length);
  writeU32(buf, 4, crc32(buf, FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + length));
  return buf.subarray(0, FRAME_HEADER_BYTES + length);
}

export interface ScannedRecord {
  offset: number;
  payload: Uint8Array;
}

export interface ScanResult {
  records: ScannedRecord[];
  /** Bytes of intact frames from the start; the file should be cut here when `tornTailAt` is set. */
  validLength: number;
  /** Offset of the torn tail, if any. */
  tornTailAt?: number;
}

export function scanRecords(data: Uint8Array, fileName: string): ScanResult {
  const records: ScannedRecord[] = [];
  let offset = 0;
  while (offset < data.length) {
    const end = intactFrameEnd(data, offset);
    if (end < 0) {
      const later = findIntactFrame(data, offset + 1);
      if (later >= 0) {
        throw new StoreError(
          'Corrupt',
          `corrupt record in ${fileName} at offset ${offset} (bad length or checksum; an intact record follows at offset ${later})`,
        );
      }
      return { records, validLength: offset, tornTailAt: offset };
    }
    records.push({ offset, payload: data.subarray(offset + FRAME_HEADER_BYTES, end) });
    offset = end;
  }
  return { records, validLength: offset };
}

/** Reads a file that must hold exactly one intact frame (snapshots are written atomically). */
export function readSingleFrame(data: Uint8Array, fileName: string): Uint8Array {
  const end = intactFrameEnd(data, 0);
  if (end < 0) throw new StoreError('Corrupt', `corrupt snapshot ${fileName} at offset 0 (bad length or checksum)`);
  if (end !== data.length) throw new StoreError('Corrupt', `corrupt snapshot ${fileName} at offset ${end} (unexpected trailing bytes)`);
  return data.subarray(FRAME_HEADER_BYTES, end);
}

/** End offset of the intact frame starting at `offset`, or -1. */
function intactFrameEnd(data: Uint8Array, offset: number): number {
  if (offset + FRAME_HEADER_BYTES > data.length) return -1;
  const length = readU32(data, offset);
  const end = offset + FRAME_HEADER_BYTES + length;
  if (length === 0 || end > data.length) return -1;
  return crc32(data, offset + FRAME_HEADER_BYTES, end) === readU32(data, offset + 4) ? end : -1;
}

function findIntactFrame(data: Uint8Array, from: number): number {
  for (let o = from; o + FRAME_HEADER_BYTES < data.length; o++) if (intactFrameEnd(data, o) >= 0) return o;
  return -1;
}

function readU32(b: Uint8Array, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;
}

function writeU32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff;
  b[o + 1] = (v >>> 8) & 0xff;
  b[o + 2] = (v >>> 16) & 0xff;
  b[o + 3] = (v >>> 24) & 0xff;
}
