import { describe, expect, it } from 'vitest';
import { ProtobufWireError, WireReader, WireType } from '../../../../engine/apiserver/protobuf';

const reader = (...b: number[]) => new WireReader(Uint8Array.from(b));

describe('WireReader', () => {
  it('reads varints as in the protobuf encoding guide', () => {
    expect(reader(0x01).varint()).toBe(1n);
    expect(reader(0x96, 0x01).varint()).toBe(150n);
    expect(reader(0xac, 0x02).varint()).toBe(300n);
    // -1 as int32/int64: ten bytes, all ones.
    expect(BigInt.asIntN(64, reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).varint())).toBe(-1n);
  });

  it('fails like Go on overlong and truncated varints', () => {
    expect(() => reader(...Array<number>(10).fill(0xff), 0x01).varint()).toThrow(new ProtobufWireError('proto: integer overflow'));
    expect(() => reader(0x80).varint()).toThrow(new ProtobufWireError('unexpected EOF'));
  });

  it('reads tags, fixed-width and length-delimited values', () => {
    const r = reader(0x08, 0x96, 0x01, 0x12, 0x03, 0x61, 0x62, 0x63, 0x1d, 0x01, 0x00, 0x00, 0x80, 0x21, 1, 0, 0, 0, 0, 0, 0, 0);
    expect(r.tag()).toEqual({ fieldNumber: 1, wireType: WireType.Varint });
    expect(r.varint()).toBe(150n);
    expect(r.tag()).toEqual({ fieldNumber: 2, wireType: WireType.LengthDelimited });
    expect([...r.lengthDelimited()]).toEqual([0x61, 0x62, 0x63]);
    expect(r.tag()).toEqual({ fieldNumber: 3, wireType: WireType.Fixed32 });
    expect(r.fixed32()).toBe(0x80000001);
    expect(r.tag()).toEqual({ fieldNumber: 4, wireType: WireType.Fixed64 });
    expect(r.fixed64()).toBe(1n);
    expect(r.done).toBe(true);
  });

  it('rejects a length past the end', () => {
    expect(() => reader(0x05, 0x61).lengthDelimited()).toThrow(new ProtobufWireError('unexpected EOF'));
  });

  it('skips every wire type, groups included, and rejects illegal ones', () => {
    // field 1 start group { field 2 varint 5 } end group 1, then field 3 varint 7
    const r = reader(0x0b, 0x10, 0x05, 0x0c, 0x18, 0x07);
    const start = r.tag();
    r.skip(start.wireType);
    expect(r.tag()).toEqual({ fieldNumber: 3, wireType: WireType.Varint });
    expect(r.varint()).toBe(7n);
    expect(() => reader().skip(6)).toThrow(new ProtobufWireError('proto: illegal wireType 6'));
    expect(() => reader().skip(WireType.EndGroup)).toThrow(new ProtobufWireError('proto: unexpected end of group'));
  });
});
