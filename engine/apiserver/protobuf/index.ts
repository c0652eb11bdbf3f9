/** Decoding Kubernetes protobuf request bodies (`application/vnd.kubernetes.protobuf`) into JSON objects. */
export { decodeProtobufObject, PROTOBUF_MEDIA_TYPE, type ProtobufDecodeTarget } from './decode-object';
export { readEnvelope, PROTOBUF_MAGIC, type ProtobufEnvelope } from './envelope';
export { messageKeyForKind } from './kinds';
export { WireReader, WireType, ProtobufWireError } from './wire';
