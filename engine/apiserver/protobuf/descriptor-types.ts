/**
 * The descriptor format: for each protobuf message Cluster Lab decodes, its fields as rows
 * `[field number, JSON name, type, flags, Go field name?]`.
 *
 * - type: a scalar (`string`, `int32`, `int64`, `bool`, `bytes`), a well-known type with its own JSON form
 *   (see WellKnownType), or the key of another message (`core.v1.PodSpec`).
 * - flags, one letter each:
 *   `r` repeated; `m` map<string, type> (wire: repeated entries {1: key, 2: value});
 *   `p` the Go field is a pointer, so absence is distinguishable from the zero value;
 *   `o` the Go JSON tag has omitempty; `i` the Go field is embedded with `json:",inline"` (JSON name '').
 * - Go field name: only when it is not the JSON name capitalised; used in upstream's error texts.
 *
 * These flags are what is needed to reproduce Go's encoding/json output for a decoded struct, which is what
 * the JSON request path would have received from the same client.
 */

export type ScalarType = 'string' | 'int32' | 'int64' | 'bool' | 'bytes';

/**
 * Types whose protobuf form differs from their JSON form:
 * Time/MicroTime {1: seconds, 2: nanos} → RFC 3339 text (seconds / microseconds), zero → null;
 * Duration {1: nanoseconds} → Go's time.Duration.String(); Quantity {1: string} → canonical string;
 * IntOrString {1: type, 2: intVal, 3: strVal} → number or string; FieldsV1 {1: raw JSON bytes} → that JSON;
 * StringList (authn/authz ExtraValue) {1: repeated string} → array of strings.
 */
export type WellKnownType = 'Time' | 'MicroTime' | 'Duration' | 'Quantity' | 'IntOrString' | 'FieldsV1' | 'StringList';

export type FieldRow = readonly [number, string, string, string] | readonly [number, string, string, string, string];

export type MessageTable = Readonly<Record<string, readonly FieldRow[]>>;

export interface FieldDescriptor {
  number: number;
  /** '' for an inlined field. */
  jsonName: string;
  goName: string;
  type: string;
  repeated: boolean;
  map: boolean;
  pointer: boolean;
  omitEmpty: boolean;
  inline: boolean;
}

export interface MessageDescriptor {
  /** The table key, e.g. `apps.v1.Deployment`. */
  key: string;
  /** The Go type name, e.g. `Deployment`. */
  name: string;
  /** In Go struct order. */
  fields: readonly FieldDescriptor[];
  byNumber: ReadonlyMap<number, FieldDescriptor>;
}

const SCALARS: ReadonlySet<string> = new Set<ScalarType>(['string', 'int32', 'int64', 'bool', 'bytes']);
const WELL_KNOWN: ReadonlySet<string> = new Set<WellKnownType>(['Time', 'MicroTime', 'Duration', 'Quantity', 'IntOrString', 'FieldsV1', 'StringList']);

export function isScalarType(type: string): type is ScalarType {
  return SCALARS.has(type);
}

export function isWellKnownType(type: string): type is WellKnownType {
  return WELL_KNOWN.has(type);
}

export function toMessageDescriptor(key: string, rows: readonly FieldRow[]): MessageDescriptor {
  const fields = rows.map(([number, jsonName, type, flags, goName]): FieldDescriptor => ({
    number,
    jsonName,
    goName: goName ?? jsonName.charAt(0).toUpperCase() + jsonName.slice(1),
    type,
    repeated: flags.includes('r'),
    map: flags.includes('m'),
    pointer: flags.includes('p'),
    omitEmpty: flags.includes('o'),
    inline: flags.includes('i'),
  }));
  return { key, name: key.slice(key.lastIndexOf('.') + 1), fields, byNumber: new Map(fields.map((f) => [f.number, f])) };
}
