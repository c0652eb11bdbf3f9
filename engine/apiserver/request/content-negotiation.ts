/**
 * Reading request bodies and choosing the response form from `Accept`, as the API server's negotiation does:
 * JSON and YAML bodies; Table / PartialObjectMetadata conversions requested with
 * `application/json;as=Table;v=v1;g=meta.k8s.io`. Protobuf is not offered; clients fall back to JSON.
 */
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
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
  throw apiErrors.notAcceptable(
    'only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io, application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io',
  );
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
 */
export function decodeRequestObject(req: { body?: string; bodyBytes?: Uint8Array; headers: Record<string, string | undefined> }, target?: ProtobufDecodeTarget): KubeObject {
  if (mediaType(req.headers['content-type']) === PROTOBUF_MEDIA_TYPE) {
    if (req.bodyBytes === undefined || req.bodyBytes.length === 0) throw apiErrors.badRequest('the body of the request was empty');
    return decodeProtobufObject(req.bodyBytes, target);
  }
  return decodeObjectBody(req.body, req.headers['content-type']);
}

/**
 * Decodes a create/update body. Syntax errors are 400 BadRequest with upstream's wording
 * (`couldn't get version/kind; json parse error: …`).
 */
export function decodeObjectBody(body: string | undefined, contentType: string | undefined): KubeObject {
  const type = mediaType(contentType);
  if (body === undefined || body.trim() === '') throw apiErrors.badRequest('the body of the request was empty');
  let value: unknown;
  if (type === 'application/yaml') {
    try {
      value = parseYaml(body);
    } catch (err) {
      throw apiErrors.badRequest(`couldn't get version/kind; yaml parse error: ${(err as Error).message.split('\n')[0]}`);
    }
  } else if (type === 'application/json' || type === '') {
    value = parseJsonGoStyle(body);
  } else {
    throw apiErrors.unsupportedMediaType(type, ['application/json', 'application/yaml', PROTOBUF_MEDIA_TYPE]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw apiErrors.badRequest("couldn't get version/kind; json parse error: json: cannot unmarshal " + goJsonType(value) + ' into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }');
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
