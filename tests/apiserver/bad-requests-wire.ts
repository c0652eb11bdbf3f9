/**
 * Raw HTTPS requests to a lab endpoint for the bad-requests acceptance test: no client library in between, so
 * the test sees exactly the status code, headers and body the server sends.
 */
import { request } from 'node:https';

export interface WireTarget {
  port: number;
  token: string;
  caPem: string;
}

export interface WireRequest {
  method: string;
  /** Path with query string. */
  path: string;
  /** A string or Buffer is sent verbatim; anything else as JSON. */
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** `null` sends no Authorization header; a string replaces the lab's token. */
  token?: string | null;
  /** Give up after this long (default 20 s): a request the server wrongly turns into a watch never ends. */
  timeoutMs?: number;
}

export interface WireResponse {
  status: number;
  contentType: string;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: Record<string, unknown> | undefined;
}

function encodeBody(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  return Buffer.from(JSON.stringify(body), 'utf8');
}

export function sendRaw(target: WireTarget, req: WireRequest): Promise<WireResponse> {
  const payload = encodeBody(req.body);
  const headers: Record<string, string> = { accept: req.accept ?? 'application/json' };
  const token = req.token === undefined ? target.token : req.token;
  if (token !== null) headers['authorization'] = `Bearer ${token}`;
  if (payload) {
    headers['content-type'] = req.contentType ?? 'application/json';
    headers['content-length'] = String(payload.length);
  } else if (req.contentType) {
    headers['content-type'] = req.contentType;
  }
  return new Promise<WireResponse>((resolve, reject) => {
    let answered = false;
    const r = request(
      { host: '127.0.0.1', port: target.port, method: req.method, path: req.path, ca: target.caPem, headers },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | undefined;
          try {
            const parsed: unknown = JSON.parse(text);
            if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text, json });
        });
        res.on('error', reject);
      },
    );
    // A server that answers 413 before reading the whole body may reset the connection while we still write.
    r.on('error', (err) => {
      if (!answered) reject(err);
    });
    r.setTimeout(req.timeoutMs ?? 20_000, () => r.destroy(new Error(`timeout: ${req.method} ${req.path}`)));
    if (payload) r.end(payload);
    else r.end();
  });
}
