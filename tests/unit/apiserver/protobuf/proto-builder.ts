/**
 * A minimal protobuf encoder for building test bodies by hand (https://protobuf.dev/programming-guides/encoding/):
 * each helper returns the bytes of one field, so a message is the concatenation of its fields.
 */
export type Bytes = number[];

export function varint(value: number | bigint): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: Bytes = [];
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? low | 0x80 : low);
  } while (v > 0n);
  return out;
}

export const key = (field: number, wireType: number): Bytes => varint((field << 3) | wireType);

/** A varint field (int32, int64, bool, enum); negative numbers take 10 bytes, as Go writes them. */
export const int = (field: number, value: number | bigint | boolean): Bytes => [...key(field, 0), ...varint(typeof value === 'boolean' ? (value ? 1 : 0) : value)];

export const bytes = (field: number, payload: Bytes | Uint8Array): Bytes => [...key(field, 2), ...varint(payload.length), ...payload];

export const str = (field: number, text: string): Bytes => bytes(field, [...new TextEncoder().encode(text)]);

export const msg = (field: number, ...fields: Bytes[]): Bytes => bytes(field, fields.flat());

/** One map<string, V> entry: {1: key, 2: value}. */
export const entry = (field: number, k: string, value: Bytes): Bytes => msg(field, str(1, k), value);

/** The `k8s\0` magic and a runtime.Unknown {1: typeMeta, 2: raw}. */
export function envelope(apiVersion: string, kind: string, ...fields: Bytes[]): Uint8Array {
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...msg(1, str(1, apiVersion), str(2, kind)), ...bytes(2, fields.flat())]);
}
