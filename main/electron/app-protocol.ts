/**
 * `app://cluster-lab/…`: serves the built renderer (dist/renderer) to the Electron window with the CSP header.
 * Paths are confined to the renderer folder; anything else is a 404.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { contentSecurityPolicy } from '../content-security-policy';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function rendererProtocolHandler(rendererDir: string): (request: { url: string; method: string }) => Promise<Response> {
  const root = normalize(rendererDir + sep);
  const headers = (type: string) => ({ 'content-type': type, 'content-security-policy': contentSecurityPolicy(), 'x-content-type-options': 'nosniff' });
  return async (request) => {
    if (request.method !== 'GET') return new Response('method not allowed', { status: 405, headers: headers('text/plain') });
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return new Response('bad request', { status: 400, headers: headers('text/plain') });
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root) || path.includes('\0')) return new Response('not found', { status: 404, headers: headers('text/plain') });
    try {
      return new Response(await readFile(file), { status: 200, headers: headers(TYPES[extname(file)] ?? 'application/octet-stream') });
    } catch {
      return new Response('not found', { status: 404, headers: headers('text/plain') });
    }
  };
}
