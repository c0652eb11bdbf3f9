/**
 * Reads a request body as UTF-8 under a byte limit without ever holding more than the limit: a declared
 * Content-Length over the limit is refused before reading a byte, and a chunked body is counted as it
 * streams and abandoned the moment it passes the limit.
 */
import type { IncomingMessage } from 'node:http';

/** `bytes` is the body as received (no copy when it arrived in one chunk); `text` is it decoded as UTF-8. */
export type BodyResult = { ok: true; bytes: Buffer; text: string } | { ok: true; bytes: undefined; text: undefined } | { ok: false; tooLarge: true };

const NO_BODY: BodyResult = { ok: true, bytes: undefined, text: undefined };
const TOO_LARGE: BodyResult = { ok: false, tooLarge: true };

/** True when the request declares no body at all (no Content-Length, no Transfer-Encoding). */
export function hasNoBody(req: IncomingMessage): boolean {
  const h = req.headers;
  return (h['content-length'] === undefined || h['content-length'] === '0') && h['transfer-encoding'] === undefined;
}

export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = req.headers['content-length'];
  return declared !== undefined && Number(declared) > limit;
}

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  if (hasNoBody(req)) return Promise.resolve(NO_BODY);
  if (declaredTooLarge(req, limit)) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        chunks.length = 0;
        // Stop pulling bytes in; the caller answers 413 and closes the connection.
        req.pause();
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      if (size === 0) return resolve(NO_BODY);
      const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
      resolve({ ok: true, bytes, text: bytes.toString('utf8') });
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
