/**
 * The Kubernetes protobuf envelope (k8s.io/apimachinery/pkg/runtime/serializer/protobuf): the 4-byte magic
 * `k8s\0`, then a runtime.Unknown {1: typeMeta {1: apiVersion, 2: kind}, 2: raw, 3: contentEncoding,
 * 4: contentType} whose `raw` is the typed object's message.
 */
import { toMessageDescriptor } from './descriptor-types';
import { MessageCodec, type DecodedMessage } from './message-codec';
import { ProtobufWireError } from './wire';

export const PROTOBUF_MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

export interface ProtobufEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
  contentEncoding: string;
  contentType: string;
}

const typeMeta = toMessageDescriptor('runtime.TypeMeta', [
  [1, 'apiVersion', 'string', 'o', 'APIVersion'],
  [2, 'kind', 'string', 'o'],
]);
const unknown = toMessageDescriptor('runtime.Unknown', [
  [1, '', 'runtime.TypeMeta', 'i', 'TypeMeta'],
  [2, 'raw', 'bytes', '', 'Raw'],
  [3, 'contentEncoding', 'string', ''],
  [4, 'contentType', 'string', ''],
]);
const codec = new MessageCodec((key) => (key === typeMeta.key ? typeMeta : undefined));

/** Reads the envelope; throws ProtobufWireError with the serializer's text. */
export function readEnvelope(body: Uint8Array): ProtobufEnvelope {
  if (body.length === 0) throw new ProtobufWireError('empty data');
  if (body.length < PROTOBUF_MAGIC.length || PROTOBUF_MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufWireError(`provided data does not appear to be a protobuf message, expected prefix [${PROTOBUF_MAGIC.join(' ')}]`);
  }
  const decoded = codec.decode(unknown, body.subarray(PROTOBUF_MAGIC.length));
  const meta = (decoded.get(1) as DecodedMessage | undefined) ?? new Map();
  return {
    apiVersion: (meta.get(1) as string | undefined) ?? '',
    kind: (meta.get(2) as string | undefined) ?? '',
    raw: (decoded.get(2) as Uint8Array | undefined) ?? new Uint8Array(),
    contentEncoding: (decoded.get(3) as string | undefined) ?? '',
    contentType: (decoded.get(4) as string | undefined) ?? '',
  };
}
