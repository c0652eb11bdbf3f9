/**
 * Answers GET /openapi/v2, /openapi/v3 and /openapi/v3/<group-version> like kube-openapi's handlers: the v3
 * index lists `serverRelativeURL`s carrying `?hash=<upper-case SHA-512 of the document>`; a request whose hash
 * matches gets `Cache-Control: public, immutable` (plus Expires one year on, computed by the caller's clock), a
 * stale hash gets a 301 to the current URL, and an Accept header admitting no JSON gets 406 (protobuf is not
 * served). Documents are built once per construction; rebuild the service when the served resources change.
 */
import { builtinDefinitions, type Definitions } from './definitions';
import { buildV2Document, buildV3Documents } from './documents';
import type { ServedResource } from './schema';
import { sha512Hex } from './sha512';

export interface OpenAPIResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The request's query parameters (a URLSearchParams fits). */
export interface QueryLookup { get(name: string): string | null | undefined }

interface Served { readonly body: string; readonly hash: string }

function acceptsJson(accept: string | undefined): boolean {
  if (!accept) return true;
  return accept.split(',').some((clause) => {
    const type = clause.split(';')[0]!.trim().toLowerCase();
    return type === '*/*' || type === 'application/*' || type === 'application/json';
  });
}

export class OpenAPIService {
  private readonly v3 = new Map<string, Served>();
  private v2: Served | undefined;

  constructor(private readonly resources: readonly ServedResource[], private readonly defs: Definitions = builtinDefinitions) {
    for (const [gv, doc] of buildV3Documents(resources, defs)) {
      const body = JSON.stringify(doc);
      this.v3.set(gv, { body, hash: sha512Hex(body) });
    }
  }

  /** The hash that `/openapi/v3` advertises for a group-version path such as `apis/apps/v1`. */
  hashOf(groupVersionPath: string): string | undefined {
    return this.v3.get(groupVersionPath)?.hash;
  }

  /** Undefined when `path` is not an OpenAPI path. `httpDate` formats a time one year from now (RFC 1123). */
  handle(path: string, query: QueryLookup, accept?: string, expiresHttpDate?: string): OpenAPIResponse | undefined {
    if (path === '/openapi/v2') {
      this.v2 ??= (() => { const body = JSON.stringify(buildV2Document(this.resources, this.defs)); return { body, hash: sha512Hex(body) }; })();
      return { status: 200, contentType: 'application/json', body: this.v2.body, headers: { ETag: `"${this.v2.hash}"` } };
    }
    if (path === '/openapi/v3' || path === '/openapi/v3/') {
      const paths: Record<string, { serverRelativeURL: string }> = {};
      for (const [gv, served] of this.v3) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${served.hash}` };
      const body = JSON.stringify({ paths });
      return { status: 200, contentType: 'application/json', body, headers: { ETag: `"${sha512Hex(body)}"` } };
    }
    if (!path.startsWith('/openapi/v3/')) return undefined;
    const gv = path.slice('/openapi/v3/'.length);
    const served = this.v3.get(gv);
    if (!served) return { status: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n', headers: {} };
    if (!acceptsJson(accept)) return { status: 406, contentType: 'text/plain; charset=utf-8', body: '', headers: { Vary: 'Accept' } };
    const headers: Record<string, string> = { Vary: 'Accept', ETag: `"${served.hash}"` };
    const hash = query.get('hash');
    if (hash) {
      if (hash !== served.hash) {
        const location = `/openapi/v3/${gv}?hash=${served.hash}`;
        return { status: 301, contentType: 'text/html; charset=utf-8', body: `<a href="${location}">Moved Permanently</a>.\n\n`, headers: { Location: location } };
      }
      headers['Cache-Control'] = 'public, immutable';
      if (expiresHttpDate) headers.Expires = expiresHttpDate;
    }
    return { status: 200, contentType: 'application/json', body: served.body, headers };
  }
}
