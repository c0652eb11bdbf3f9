import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../engine/store/crc32';
import { frameRecord, readSingleFrame, scanRecords } from '../../../engine/store/record-framing';
import { StoreError } from '../../../engine/store/types';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('crc32', () => {
  it('matches the IEEE check values', () => {
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926); // the standard CRC-32 check value
    expect(crc32(bytes(''))).toBe(0);
    expect(crc32(bytes('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
});

describe('record framing', () => {
  const file = (...payloads: string[]) => {
    const frames = payloads.map((p) => frameRecord(bytes(p)));
    const out = new Uint8Array(frames.reduce((n, f) => n + f.length, 0));
    let o = 0;
    for (const f of frames) {
      out.set(f, o);
      o += f.length;
    }
    return out;
  };

  it('frames as length + crc32 + payload, little-endian', () => {
    const f = frameRecord(bytes('123456789'));
    expect([...f.subarray(0, 8)]).toEqual([9, 0, 0, 0, 0x26, 0x39, 0xf4, 0xcb]);
  });

  it('reads back intact records with offsets', () => {
    const scan = scanRecords(file('a', 'bb', 'ccc'), 'wal');
    expect(scan.records.map((r) => [r.offset, new TextDecoder().decode(r.payload)])).toEqual([[0, 'a'], [9, 'bb'], [19, 'ccc']]);
    expect(scan.tornTailAt).toBeUndefined();
    expect(scan.validLength).toBe(30);
  });

  it('reports a partial last record as a torn tail', () => {
    const whole = file('first', 'second');
    for (const cut of [whole.length - 1, whole.length - 6, 13 + 3]) {
      const scan = scanRecords(whole.subarray(0, cut), 'wal');
      expect(scan.records.length).toBe(1);
      expect(scan.tornTailAt).toBe(13);
      expect(scan.validLength).toBe(13);
    }
  });

  it('treats zero-filled blocks after the last record as a torn tail', () => {
    const whole = file('first');
    const padded = new Uint8Array(whole.length + 4096);
    padded.set(whole);
    expect(scanRecords(padded, 'wal').tornTailAt).toBe(whole.length);
  });

  it('refuses a damaged record that is followed by an intact one', () => {
    const data = file('first', 'second', 'third');
    data[10] = data[10]! ^ 0xff; // a payload byte of the first record
    try {
      scanRecords(data, 'wal-0001.log');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(StoreError);
      expect((e as StoreError).code).toBe('Corrupt');
      expect((e as StoreError).message).toContain('wal-0001.log at offset 0');
    }
  });

  it('a snapshot must be exactly one intact frame', () => {
    const snap = frameRecord(bytes('{"revision":1}'));
    expect(new TextDecoder().decode(readSingleFrame(snap, 's'))).toBe('{"revision":1}');
    const bad = snap.slice();
    bad[10] = bad[10]! ^ 1;
    expect(() => readSingleFrame(bad, 'snapshot-1.snap')).toThrow(/corrupt snapshot snapshot-1.snap at offset 0/);
    expect(() => readSingleFrame(snap.subarray(0, snap.length - 1), 's')).toThrow(StoreError);
  });
});
