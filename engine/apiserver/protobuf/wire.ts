/**
 * A protobuf wire-format reader over a byte array (https://protobuf.dev/programming-guides/encoding/).
 * Platform-free. Failures throw ProtobufWireError carrying the text Go's generated (gogo) unmarshal code
 * returns for the same input, so callers can surface upstream's messages.
 */

export const WireType = {
  Varint: 0,
  Fixed64: 1,
  LengthDelimited: 2,
  StartGroup: 3,
  EndGroup: 4,
  Fixed32: 5,
} as const;

export class ProtobufWireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtobufWireError';
  }
}

/** io.ErrUnexpectedEOF's text: the input ended inside a value. */
export const ERR_UNEXPECTED_EOF = 'unexpected EOF';
/** ErrIntOverflowGenerated: a varint longer than 64 bits. */
export const ERR_INT_OVERFLOW = 'proto: integer overflow';
/** ErrInvalidLengthGenerated: a length prefix that is negative once read as int. */
export const ERR_INVALID_LENGTH = 'proto: negative length found during unmarshaling';

export interface FieldTag {
  fieldNumber: number;
  wireType: number;
}

export class WireReader {
  private pos = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** An unsigned varint as the 64-bit pattern it encodes. */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift >= 64n) throw new ProtobufWireError(ERR_INT_OVERFLOW);
      const b = this.bytes[this.pos];
      if (b === undefined) throw new ProtobufWireError(ERR_UNEXPECTED_EOF);
      this.pos++;
      result |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, result);
    }
  }

  /** The tag of the next field. */
  tag(): FieldTag {
    const key = this.varint();
    return { fieldNumber: Number(BigInt.asIntN(32, key >> 3n)), wireType: Number(key & 7n) };
  }

  /** 4 little-endian bytes as an unsigned 32-bit pattern. */
  fixed32(): number {
    const b = this.take(4);
    return ((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | ((b[3] as number) << 24)) >>> 0;
  }

  /** 8 little-endian bytes as an unsigned 64-bit pattern. */
  fixed64(): bigint {
    const lo = BigInt(this.fixed32());
    const hi = BigInt(this.fixed32());
    return (hi << 32n) | lo;
  }

  /** A length-delimited payload (a string, bytes, an embedded message or a packed array); a view, not a copy. */
  lengthDelimited(): Uint8Array {
    const length = Number(BigInt.asIntN(64, this.varint()));
    if (length < 0) throw new ProtobufWireError(ERR_INVALID_LENGTH);
    return this.take(length);
  }

  /** Skips one value of the given wire type, as Go's skipGenerated does for unknown fields (groups included). */
  skip(wireType: number): void {
    switch (wireType) {
      case WireType.Varint:
        this.varint();
        return;
      case WireType.Fixed64:
        this.take(8);
        return;
      case WireType.LengthDelimited:
        this.lengthDelimited();
        return;
      case WireType.Fixed32:
        this.take(4);
        return;
      case WireType.StartGroup:
        for (;;) {
          if (this.done) throw new ProtobufWireError(ERR_UNEXPECTED_EOF);
          const inner = this.tag();
          if (inner.wireType === WireType.EndGroup) return;
          this.skip(inner.wireType);
        }
      case WireType.EndGroup:
        throw new ProtobufWireError('proto: unexpected end of group');
      default:
        throw new ProtobufWireError(`proto: illegal wireType ${wireType}`);
    }
  }

  private take(n: number): Uint8Array {
    const end = this.pos + n;
    if (end > this.bytes.length) throw new ProtobufWireError(ERR_UNEXPECTED_EOF);
    const out = this.bytes.subarray(this.pos, end);
    this.pos = end;
    return out;
  }
}
