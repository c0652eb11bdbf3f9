import { describe, expect, it } from 'vitest';
import { decodeWellKnown, durationString } from '../../../../engine/apiserver/protobuf/well-known-types';
import { bytes, int, str } from './proto-builder';

const u8 = (...parts: number[][]) => Uint8Array.from(parts.flat());

describe('well-known types', () => {
  it("print durations like Go's time.Duration.String()", () => {
    // Examples from the Go time package documentation and tests.
    expect(durationString(0n)).toBe('0s');
    expect(durationString(1n)).toBe('1ns');
    expect(durationString(1100n)).toBe('1.1µs');
    expect(durationString(2_200_000n)).toBe('2.2ms');
    expect(durationString(3_300_000_000n)).toBe('3.3s');
    expect(durationString(60_000_000_000n)).toBe('1m0s');
    expect(durationString(4n * 60n * 1_000_000_000n + 5_000_000_000n)).toBe('4m5s');
    expect(durationString(5n * 3600n * 1_000_000_000n + 6n * 60n * 1_000_000_000n + 7_001_000_000n)).toBe('5h6m7.001s');
    expect(durationString(-1_500_000_000n)).toBe('-1.5s');
    expect(durationString((1n << 63n) - 1n)).toBe('2562047h47m16.854775807s');
    expect(decodeWellKnown('Duration', u8(int(1, 90_000_000_000)))).toBe('1m30s');
  });

  it('print Time with seconds and MicroTime with six fractional digits; the zero time is null', () => {
    expect(decodeWellKnown('Time', new Uint8Array())).toBeNull();
    expect(decodeWellKnown('Time', u8(int(1, -62135596800)))).toBeNull();
    expect(decodeWellKnown('Time', u8(int(1, 0)))).toBe('1970-01-01T00:00:00Z');
    expect(decodeWellKnown('MicroTime', u8(int(1, 1767323045), int(2, 123456789)))).toBe('2026-01-02T03:04:05.123456Z');
    expect(decodeWellKnown('MicroTime', u8(int(1, 1767323045)))).toBe('2026-01-02T03:04:05.000000Z');
  });

  it('print IntOrString, Quantity, FieldsV1 and ExtraValue as JSON', () => {
    expect(decodeWellKnown('IntOrString', new Uint8Array())).toBe(0);
    expect(decodeWellKnown('IntOrString', u8(int(1, 1), str(3, '25%')))).toBe('25%');
    expect(decodeWellKnown('Quantity', u8(str(1, '0.5')))).toBe('500m');
    expect(decodeWellKnown('FieldsV1', u8(bytes(1, [...new TextEncoder().encode('{"f:metadata":{}}')])))).toStrictEqual({ 'f:metadata': {} });
    expect(decodeWellKnown('StringList', u8(str(1, 'a'), str(1, 'b')))).toStrictEqual(['a', 'b']);
    expect(decodeWellKnown('StringList', new Uint8Array())).toBeNull();
  });
});
