/**
 * Decoding a `application/vnd.kubernetes.protobuf` request body into the JSON object the JSON path would have
 * received, with the API server's errors: decode failures are 400 BadRequest worded as the protobuf serializer
 * and the handlers' transformDecodeError word them; a kind Cluster Lab has no descriptor for is 415.
 */
import type { KubeObject } from '../../api/objects';
import { apiErrors } from '../errors/status-error';
import { messages } from './descriptors';
import { readEnvelope, type ProtobufEnvelope } from './envelope';
import { messageKeyForKind } from './kinds';
import { MessageCodec } from './message-codec';
import { ProtobufWireError } from './wire';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** The kind the endpoint decodes into (from the URL), e.g. `{ apiVersion: 'apps/v1', kind: 'Deployment' }`. */
export interface ProtobufDecodeTarget {
  apiVersion: string;
  kind: string;
}

const codec = new MessageCodec((key) => messages.get(key));

/**
 * Decodes a protobuf request body. apiVersion/kind come from the envelope, defaulted from `target` where the
 * envelope leaves them empty (the serializer's copyKindDefaults). With `target`, errors carry the handler's
 * wrapping (`Deployment in version "v1" cannot be handled as a Deployment: …`); without it, the bare cause.
 */
export function decodeProtobufObject(body: Uint8Array, target?: ProtobufDecodeTarget): KubeObject {
  let envelope: ProtobufEnvelope;
  try {
    envelope = readEnvelope(body);
  } catch (err) {
    throw decodeError(err, body, target, undefined);
  }
  const gvk = withDefaults(envelope, target);
  if (gvk.kind === '') throw decodeError(new ProtobufWireError(`Object 'Kind' is missing in '${typeMetaGoSyntax(envelope)}'`), body, target, gvk);
  if (gvk.version === '') throw decodeError(new ProtobufWireError(`Object 'apiVersion' is missing in '${typeMetaGoSyntax(envelope)}'`), body, target, gvk);
  const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
  const key = messageKeyForKind(apiVersion, gvk.kind);
  const desc = key === undefined ? undefined : messages.get(key);
  if (desc === undefined) throw apiErrors.unsupportedMediaType(PROTOBUF_MEDIA_TYPE, ['application/json', 'application/yaml']);
  let fields: Record<string, unknown>;
  try {
    fields = codec.render(desc, codec.decode(desc, envelope.raw));
  } catch (err) {
    throw decodeError(err, body, target, gvk);
  }
  // TypeMeta is inlined first in every kind's Go struct: kind, then apiVersion.
  return { kind: gvk.kind, apiVersion, ...fields };
}

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The serializer's copyKindDefaults: an empty kind takes the default's; an empty version takes its group and version. */
function withDefaults(envelope: ProtobufEnvelope, target: ProtobufDecodeTarget | undefined): Gvk {
  const actual: Gvk = { ...splitApiVersion(envelope.apiVersion), kind: envelope.kind };
  if (target === undefined) return actual;
  const def = splitApiVersion(target.apiVersion);
  if (actual.kind === '') actual.kind = target.kind;
  if (actual.version === '' && def.version !== '') {
    actual.group = def.group;
    actual.version = def.version;
  }
  return actual;
}

/** `%#v` of runtime.TypeMeta, as the missing-kind/version errors print it. */
function typeMetaGoSyntax(envelope: ProtobufEnvelope): string {
  return `runtime.TypeMeta{APIVersion:${JSON.stringify(envelope.apiVersion)}, Kind:${JSON.stringify(envelope.kind)}}`;
}

/** The handlers' transformDecodeError around the serializer's error; non-wire errors pass through. */
function decodeError(err: unknown, body: Uint8Array, target: ProtobufDecodeTarget | undefined, gvk: Gvk | undefined): unknown {
  if (!(err instanceof ProtobufWireError)) return err;
  if (target === undefined) return apiErrors.badRequest(err.message);
  if (gvk !== undefined && gvk.kind !== '') {
    return apiErrors.badRequest(`${gvk.kind} in version ${JSON.stringify(gvk.version)} cannot be handled as a ${target.kind}: ${err.message}`);
  }
  return apiErrors.badRequest(`the object provided is unrecognized (must be of type ${target.kind}): ${err.message} (${summarizeData(body)})`);
}

/** summarizeData(body, 30): a `{`-led body as text, anything else as hex; longer ones cut with " ...". */
function summarizeData(body: Uint8Array, maxLength = 30): string {
  if (body.length === 0) return '<empty>';
  const head = body.subarray(0, maxLength);
  const text = body[0] === 0x7b ? String.fromCharCode(...head) : [...head].map((b) => b.toString(16).padStart(2, '0')).join('');
  return body.length > maxLength ? `${text} ...` : text;
}
