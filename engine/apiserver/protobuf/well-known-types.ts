/**
 * Decoding of the types whose protobuf and JSON forms differ (see WellKnownType), straight to the JSON value
 * Go's encoding/json would print for the decoded Go value. Each function gets the embedded message's bytes.
 */
import type { WellKnownType } from './descriptor-types';
import { rfc3339 } from '../../base/clock';
import { utf8Text } from '../../base/base64';
import { parseQuantity } from '../validation/quantity';
import { ProtobufWireError, WireReader, WireType } from './wire';

/** Go's zero time (0001-01-01T00:00:00Z) in Unix seconds; metav1.Time prints it as null. */
const GO_ZERO_TIME_SECONDS = -62135596800n;

/** JSON for a well-known type from its message bytes. */
export function decodeWellKnown(type: WellKnownType, bytes: Uint8Array): unknown {
  switch (type) {
    case 'Time':
      return timeJson(bytes, false);
    case 'MicroTime':
      return timeJson(bytes, true);
    case 'Duration':
      return durationString(BigInt.asIntN(64, readFields(bytes, 'Duration').varints.get(1) ?? 0n));
    case 'Quantity':
      return quantityJson(bytes);
    case 'IntOrString':
      return intOrStringJson(bytes);
    case 'FieldsV1':
      return fieldsV1Json(bytes);
    case 'StringList':
      return stringListJson(bytes);
  }
}

/** JSON of the Go zero value of a non-pointer field of this type (Go's JSON encoder never omits structs). */
export function wellKnownZero(type: WellKnownType): unknown {
  switch (type) {
    case 'Duration':
      return '0s';
    case 'Quantity':
      return '0';
    case 'IntOrString':
      return 0;
    default:
      return null;
  }
}

interface RawFields {
  varints: Map<number, bigint>;
  strings: Map<number, Uint8Array>;
  repeatedStrings: Uint8Array[];
}

/**
 * Reads a small fixed-shape message: varint fields and length-delimited fields by number (last one wins; field 1
 * repeated strings are also collected in order). Unknown fields are skipped as Go does.
 */
function readFields(bytes: Uint8Array, goName: string): RawFields {
  const out: RawFields = { varints: new Map(), strings: new Map(), repeatedStrings: [] };
  const r = new WireReader(bytes);
  while (!r.done) {
    const { fieldNumber, wireType } = r.tag();
    if (wireType === WireType.EndGroup) throw new ProtobufWireError(`proto: ${goName}: wiretype end group for non-group`);
    if (fieldNumber <= 0) throw new ProtobufWireError(`proto: ${goName}: illegal tag ${fieldNumber} (wire type ${wireType})`);
    if (wireType === WireType.Varint) out.varints.set(fieldNumber, r.varint());
    else if (wireType === WireType.LengthDelimited) {
      const value = r.lengthDelimited();
      out.strings.set(fieldNumber, value);
      if (fieldNumber === 1) out.repeatedStrings.push(value);
    } else r.skip(wireType);
  }
  return out;
}

function timeJson(bytes: Uint8Array, micro: boolean): string | null {
  // metav1.Time/MicroTime.Unmarshal: no bytes at all is the zero time.
  if (bytes.length === 0) return null;
  const fields = readFields(bytes, 'Timestamp');
  const seconds = BigInt.asIntN(64, fields.varints.get(1) ?? 0n);
  // Time drops nanos on decode; MicroTime truncates them to microseconds.
  const nanos = micro ? Number(BigInt.asIntN(32, fields.varints.get(2) ?? 0n)) : 0;
  const micros = Math.trunc(nanos / 1000);
  if (seconds === GO_ZERO_TIME_SECONDS && micros === 0) return null;
  const text = rfc3339(Number(seconds) * 1000);
  return micro ? `${text.slice(0, -1)}.${String(micros).padStart(6, '0')}Z` : text;
}

/** Go's time.Duration.String(): "1h2m3.5s", "1.5ms", "0s". */
export function durationString(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return '0s';
  const neg = nanoseconds < 0n;
  let u = neg ? -nanoseconds : nanoseconds;
  let text: string;
  if (u < 1_000_000_000n) {
    const [unit, prec] = u < 1_000n ? ['ns', 0] : u < 1_000_000n ? ['µs', 3] : ['ms', 6];
    const { whole, fraction } = splitFraction(u, prec);
    text = `${whole}${fraction}${unit}`;
  } else {
    const { whole, fraction } = splitFraction(u, 9);
    u = whole;
    text = `${u % 60n}${fraction}s`;
    u /= 60n;
    if (u > 0n) {
      text = `${u % 60n}m${text}`;
      u /= 60n;
      if (u > 0n) text = `${u}h${text}`;
    }
  }
  return neg ? `-${text}` : text;
}

/** Go's fmtFrac: the integer part and ".ddd" without trailing zeros ('' when the fraction is zero). */
function splitFraction(v: bigint, prec: number): { whole: bigint; fraction: string } {
  if (prec === 0) return { whole: v, fraction: '' };
  const scale = 10n ** BigInt(prec);
  const digits = (v % scale).toString().padStart(prec, '0').replace(/0+$/, '');
  return { whole: v / scale, fraction: digits === '' ? '' : `.${digits}` };
}

function quantityJson(bytes: Uint8Array): string {
  const text = readFields(bytes, 'Quantity').strings.get(1);
  // A Quantity message without its string is the zero Quantity.
  if (text === undefined) return '0';
  try {
    return parseQuantity(utf8Text(text)).toString();
  } catch (err) {
    throw new ProtobufWireError((err as Error).message);
  }
}

function intOrStringJson(bytes: Uint8Array): number | string {
  const fields = readFields(bytes, 'IntOrString');
  // Type 1 is intstr.String; anything else prints the int value.
  if ((fields.varints.get(1) ?? 0n) === 1n) return utf8Text(fields.strings.get(3) ?? new Uint8Array());
  return Number(BigInt.asIntN(32, fields.varints.get(2) ?? 0n));
}

function fieldsV1Json(bytes: Uint8Array): unknown {
  const raw = readFields(bytes, 'FieldsV1').strings.get(1);
  if (raw === undefined) return null;
  try {
    return JSON.parse(utf8Text(raw));
  } catch {
    // Go would store the bytes and fail only when printing them; Cluster Lab keeps objects as JSON, so it refuses here.
    throw new ProtobufWireError('managedFields fieldsV1 is not valid JSON');
  }
}

function stringListJson(bytes: Uint8Array): string[] | null {
  const items = readFields(bytes, 'ExtraValue').repeatedStrings.map(utf8Text);
  return items.length === 0 ? null : items;
}
