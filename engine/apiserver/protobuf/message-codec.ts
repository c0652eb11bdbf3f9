/**
 * Decodes a protobuf message by its descriptor, then renders it as the JSON Go's encoding/json would print for
 * the decoded Go struct: what the JSON request path receives from the same client.
 *
 * Decoding follows the gogo-generated Unmarshal of k8s.io/api: the last occurrence of a scalar wins, repeated
 * fields append (packed or not), map entries overwrite by key, a repeated occurrence of an embedded message
 * merges into it, unknown field numbers are skipped. Rendering follows the Go struct tags: pointers and
 * slices/maps that were absent are omitted (omitempty) or null, zero scalars are dropped only under omitempty,
 * non-pointer structs are always printed (`status: {}`, `creationTimestamp: null`), inlined structs are flattened.
 */
import { encodeBase64, utf8Text } from '../../base/base64';
import { isScalarType, isWellKnownType, type FieldDescriptor, type MessageDescriptor } from './descriptor-types';
import { decodeWellKnown, wellKnownZero } from './well-known-types';
import { ProtobufWireError, WireReader, WireType } from './wire';

/** A decoded message: values by field number. */
export type DecodedMessage = Map<number, DecodedValue>;

/**
 * A scalar is number/string/boolean/Uint8Array; a well-known type is held already as its JSON; an embedded
 * message is a DecodedMessage; repeated fields are arrays; maps are Maps.
 */
type DecodedValue = unknown;

/** Wraps the rendered JSON of a well-known type so it is told apart from scalars and nested messages. */
class WellKnownJson {
  constructor(readonly json: unknown) {}
}

export type MessageLookup = (key: string) => MessageDescriptor | undefined;

export class MessageCodec {
  constructor(private readonly lookup: MessageLookup) {}

  decode(desc: MessageDescriptor, bytes: Uint8Array, into: DecodedMessage = new Map()): DecodedMessage {
    const r = new WireReader(bytes);
    while (!r.done) {
      const { fieldNumber, wireType } = r.tag();
      if (wireType === WireType.EndGroup) throw new ProtobufWireError(`proto: ${desc.name}: wiretype end group for non-group`);
      if (fieldNumber <= 0) throw new ProtobufWireError(`proto: ${desc.name}: illegal tag ${fieldNumber} (wire type ${wireType})`);
      const field = desc.byNumber.get(fieldNumber);
      if (field === undefined) {
        r.skip(wireType);
        continue;
      }
      this.decodeField(field, wireType, r, into);
    }
    return into;
  }

  render(desc: MessageDescriptor, decoded: DecodedMessage): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const field of desc.fields) {
      const value = decoded.get(field.number);
      if (field.inline) {
        const inner = this.message(field.type);
        Object.assign(out, this.render(inner, value instanceof Map ? (value as DecodedMessage) : new Map()));
        continue;
      }
      if (value === undefined) {
        const zero = this.absentJson(field);
        if (zero !== OMIT) out[field.jsonName] = zero;
        continue;
      }
      const json = this.fieldJson(field, value);
      if (field.omitEmpty && !field.pointer && isEmptyScalar(json, field)) continue;
      out[field.jsonName] = json;
    }
    return out;
  }

  private decodeField(field: FieldDescriptor, wireType: number, r: WireReader, into: DecodedMessage): void {
    const wrongWireType = () => new ProtobufWireError(`proto: wrong wireType = ${wireType} for field ${field.goName}`);
    const numeric = field.type === 'int32' || field.type === 'int64' || field.type === 'bool';
    if (field.map) {
      if (wireType !== WireType.LengthDelimited) throw wrongWireType();
      const entries = (into.get(field.number) as Map<string, unknown> | undefined) ?? new Map<string, unknown>();
      const [key, value] = this.mapEntry(field, r.lengthDelimited());
      entries.set(key, value);
      into.set(field.number, entries);
      return;
    }
    if (field.repeated) {
      const list = (into.get(field.number) as unknown[] | undefined) ?? [];
      if (numeric && wireType === WireType.LengthDelimited) {
        const packed = new WireReader(r.lengthDelimited());
        while (!packed.done) list.push(scalarValue(field.type, packed.varint()));
      } else if (numeric) {
        if (wireType !== WireType.Varint) throw wrongWireType();
        list.push(scalarValue(field.type, r.varint()));
      } else {
        if (wireType !== WireType.LengthDelimited) throw wrongWireType();
        list.push(this.lengthDelimitedValue(field.type, r.lengthDelimited(), undefined));
      }
      into.set(field.number, list);
      return;
    }
    if (numeric) {
      if (wireType !== WireType.Varint) throw wrongWireType();
      into.set(field.number, scalarValue(field.type, r.varint()));
      return;
    }
    if (wireType !== WireType.LengthDelimited) throw wrongWireType();
    into.set(field.number, this.lengthDelimitedValue(field.type, r.lengthDelimited(), into.get(field.number)));
  }

  /** A string, bytes, well-known or message value; a message merges into `previous` as gogo's Unmarshal does. */
  private lengthDelimitedValue(type: string, bytes: Uint8Array, previous: unknown): unknown {
    if (type === 'string') return utf8Text(bytes);
    if (type === 'bytes') return bytes.slice();
    if (isWellKnownType(type)) return new WellKnownJson(decodeWellKnown(type, bytes));
    return this.decode(this.message(type), bytes, previous instanceof Map ? (previous as DecodedMessage) : new Map());
  }

  /** A map entry {1: key, 2: value}; a missing key is '' and a missing value is the type's zero value. */
  private mapEntry(field: FieldDescriptor, bytes: Uint8Array): [string, unknown] {
    const r = new WireReader(bytes);
    let key = '';
    let value: unknown;
    while (!r.done) {
      const { fieldNumber, wireType } = r.tag();
      if (fieldNumber === 1 && wireType === WireType.LengthDelimited) key = utf8Text(r.lengthDelimited());
      else if (fieldNumber === 2 && wireType === WireType.LengthDelimited && !isNumeric(field.type)) value = this.lengthDelimitedValue(field.type, r.lengthDelimited(), undefined);
      else if (fieldNumber === 2 && wireType === WireType.Varint && isNumeric(field.type)) value = scalarValue(field.type, r.varint());
      else r.skip(wireType);
    }
    return [key, value ?? this.zeroValue(field.type)];
  }

  private zeroValue(type: string): unknown {
    switch (type) {
      case 'string':
        return '';
      case 'bytes':
        return new Uint8Array();
      case 'bool':
        return false;
      case 'int32':
      case 'int64':
        return 0;
      default:
        return isWellKnownType(type) ? new WellKnownJson(wellKnownZero(type)) : new Map();
    }
  }

  private fieldJson(field: FieldDescriptor, value: unknown): unknown {
    if (field.map) {
      const entries = value as Map<string, unknown>;
      const out: Record<string, unknown> = {};
      // Go's encoder sorts map keys.
      for (const key of [...entries.keys()].sort()) out[key] = this.valueJson(field.type, entries.get(key));
      return out;
    }
    if (field.repeated) return (value as unknown[]).map((item) => this.valueJson(field.type, item));
    return this.valueJson(field.type, value);
  }

  private valueJson(type: string, value: unknown): unknown {
    if (value instanceof WellKnownJson) return value.json;
    if (value instanceof Uint8Array) return encodeBase64(value);
    if (value instanceof Map) return this.render(this.message(type), value as DecodedMessage);
    return value;
  }

  /** What Go prints for a field the wire did not carry, or OMIT. */
  private absentJson(field: FieldDescriptor): unknown {
    // nil pointers, slices, maps and []byte.
    if (field.pointer || field.repeated || field.map || field.type === 'bytes') return field.omitEmpty ? OMIT : null;
    if (isScalarType(field.type)) return field.omitEmpty ? OMIT : this.zeroValue(field.type);
    if (isWellKnownType(field.type)) return wellKnownZero(field.type);
    return this.render(this.message(field.type), new Map());
  }

  private message(key: string): MessageDescriptor {
    const desc = this.lookup(key);
    // The descriptor tables are closed under reachability (a unit test checks it); a miss is a table bug.
    if (desc === undefined) throw new Error(`protobuf descriptor ${key} is missing`);
    return desc;
  }
}

const OMIT = Symbol('omit');

function isNumeric(type: string): boolean {
  return type === 'int32' || type === 'int64' || type === 'bool';
}

/** Varint → the Go value: int32 and bool keep the low bits gogo keeps; int64 as a (possibly rounded) number. */
function scalarValue(type: string, v: bigint): number | boolean {
  if (type === 'bool') return v !== 0n;
  if (type === 'int32') return Number(BigInt.asIntN(32, v));
  return Number(BigInt.asIntN(64, v));
}

/** Go's omitempty test for scalars: "", 0, false and empty []byte are empty. */
function isEmptyScalar(json: unknown, field: FieldDescriptor): boolean {
  if (!isScalarType(field.type) || field.repeated || field.map) {
    // omitempty on slices and maps drops them when empty; present ones here always have ≥ 1 element.
    return (field.repeated || field.map) && (Array.isArray(json) ? json.length === 0 : Object.keys(json as object).length === 0);
  }
  return json === '' || json === 0 || json === false;
}
