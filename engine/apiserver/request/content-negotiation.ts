/**
 * Reading request bodies and choosing the response form from `Accept`, as the API server's negotiation does:
 * JSON, YAML and protobuf request bodies; Table / PartialObjectMetadata conversions requested with
 * `application/json;as=Table;v=v1;g=meta.k8s.io`. Responses are JSON or YAML: a client accepting protobuf
 * first falls back to JSON.
 */
import { parse as parseYaml, stringify as stringifyYaml, YAMLError } from 'yaml';
import { utf8Bytes, utf8Text } from '../../base/base64';
import { goYamlErrorMessage } from './go-yaml-errors';
import type { KubeObject } from '../../api/objects';
import { apiErrors } from '../errors/status-error';
import { parseGoJson } from './go-json-syntax';
import { decodeProtobufObject, PROTOBUF_MEDIA_TYPE, type ProtobufDecodeTarget } from '../protobuf';

export type ResponseForm = 'object' | 'table' | 'partial-metadata';

export interface Negotiated {
  form: ResponseForm;
  /** `yaml` when the client asked for application/yaml first. */
  encoding: 'json' | 'yaml';
}

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(accept: string | undefined): MediaRange[] {
  if (accept === undefined || accept.trim() === '') return [];
  return accept.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((s) => s.trim());
    const out: Record<string, string> = {};
    for (const p of params) {
      const eq = p.indexOf('=');
      if (eq > 0) out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
    }
    return { type: type.toLowerCase(), params: out };
  });
}

const JSONISH = new Set(['application/json', '*/*', 'application/*', 'application/yaml']);

/** Picks the first acceptable media range in the client's order; unsupported conversions are skipped. */
export function negotiate(accept: string | undefined, allowConversion: boolean): Negotiated {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return { form: 'object', encoding: 'json' };
  for (const r of ranges) {
    if (!JSONISH.has(r.type)) continue; // e.g. application/vnd.kubernetes.protobuf
    const encoding = r.type === 'application/yaml' ? 'yaml' : 'json';
    const as = r.params['as'];
    if (as === undefined) return { form: 'object', encoding };
    if (!allowConversion) continue;
    if (r.params['g'] !== 'meta.k8s.io' || (r.params['v'] !== 'v1' && r.params['v'] !== 'v1beta1')) continue;
    if (as === 'Table') return { form: 'table', encoding };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') return { form: 'partial-metadata', encoding };
  }
  // negotiation.NewNotAcceptableError lists the serializer's media types, not the conversions.
  throw apiErrors.notAcceptable(`only the following media types are accepted: application/json, application/yaml, ${PROTOBUF_MEDIA_TYPE}`);
}

export function encodeBody(value: unknown, encoding: 'json' | 'yaml'): { contentType: string; body: string } {
  if (encoding === 'yaml') return { contentType: 'application/yaml', body: stringifyYaml(value) };
  return { contentType: 'application/json', body: JSON.stringify(value) };
}

/** Media type without parameters, lower-cased. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Decodes a request's object body: JSON, YAML, or Kubernetes protobuf (what kubectl's typed clients send).
 * `target` is the kind the URL decodes into; it shapes protobuf error messages and fills an empty envelope.
 * A body that cannot even yield its version/kind is refused as handlers/rest.go transformDecodeError words it:
 * `the object provided is unrecognized (must be of type <Kind>): <error> (<summary of the first bytes>)`.
 */
export function decodeRequestObject(req: { body?: string; bodyBytes?: Uint8Array; headers: Record<string, string | undefined> }, target: ProtobufDecodeTarget): KubeObject {
  const type = mediaType(req.headers['content-type']);
  if (type === PROTOBUF_MEDIA_TYPE) {
    if (req.bodyBytes === undefined || req.bodyBytes.length === 0) throw apiErrors.badRequest('the body of the request was empty');
    return decodeProtobufObject(req.bodyBytes, target);
  }
  try {
    return parseObjectBody(req.body ?? '', type);
  } catch (err) {
    if (!(err instanceof BodySyntaxError)) throw err;
    const bytes = req.bodyBytes ?? utf8Bytes(req.body ?? '');
    throw apiErrors.badRequest(`the object provided is unrecognized (must be of type ${target.kind}): ${err.message} (${summarizeData(bytes, 30)})`);
  }
}

/** handlers/rest.go summarizeData: `<empty>`, a JSON object's first bytes as text, anything else in hex. */
function summarizeData(data: Uint8Array, maxLength: number): string {
  if (data.length === 0) return '<empty>';
  const head = data.subarray(0, maxLength);
  const more = data.length > maxLength ? ' ...' : '';
  if (data[0] === 0x7b) return utf8Text(head) + more;
  return [...head].map((b) => b.toString(16).padStart(2, '0')).join('') + more;
}

/** A body whose syntax (or top-level shape) keeps the decoder from finding its version/kind. */
class BodySyntaxError extends Error {}

/**
 * Decodes a server-side apply patch as the apply patcher does: sigs.k8s.io/yaml.Unmarshal into a map, its
 * failures a 400 `error decoding YAML: error converting YAML to JSON: yaml: …` (syntax) or
 * `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal …` (not a mapping).
 */
export function decodeApplyPatch(body: string | undefined): KubeObject {
  if (body === undefined || body.trim() === '') throw apiErrors.badRequest('the body of the request was empty');
  let value: unknown;
  try {
    value = parseYaml(body, { uniqueKeys: false });
  } catch (err) {
    if (err instanceof YAMLError) throw apiErrors.badRequest(`error decoding YAML: error converting YAML to JSON: ${goYamlErrorMessage(body, err)}`);
    throw err;
  }
  if (value === null || value === undefined) return {} as KubeObject; // a null document leaves the map empty
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw apiErrors.badRequest(
      `error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goJsonType(value)} into Go value of type map[string]interface {}`,
    );
  }
  return value as KubeObject;
}

function parseObjectBody(body: string, type: string): KubeObject {
  let value: unknown;
  if (type === 'application/yaml') {
    try {
      // go-yaml v2 (sigs.k8s.io/yaml, non-strict) lets a repeated key overwrite the earlier one.
      value = parseYaml(body, { uniqueKeys: false });
    } catch (err) {
      if (err instanceof YAMLError) throw new BodySyntaxError(goYamlErrorMessage(body, err));
      throw err;
    }
  } else if (type === 'application/json' || type === '') {
    const parsed = parseGoJson(body);
    if (!parsed.ok) throw new BodySyntaxError(`couldn't get version/kind; json parse error: ${parsed.message}`);
    value = parsed.value;
  } else {
    throw apiErrors.unsupportedMediaType(type, ['application/json', 'application/yaml', PROTOBUF_MEDIA_TYPE]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BodySyntaxError("couldn't get version/kind; json parse error: json: cannot unmarshal " + goJsonType(value) + ' into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }');
  }
  return value as KubeObject;
}

function goJsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}

/** JSON.parse with the error text Go's encoding/json would give, prefixed as the API server does. */
export function parseJsonGoStyle(text: string, prefix = "couldn't get version/kind; json parse error: "): unknown {
  const parsed = parseGoJson(text);
  if (!parsed.ok) throw apiErrors.badRequest(prefix + parsed.message);
  return parsed.value;
}
