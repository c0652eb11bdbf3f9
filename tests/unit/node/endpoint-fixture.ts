/**
 * Test fixture: a Kubernetes endpoint on a random loopback port with fresh TLS material, and a raw HTTPS
 * client that trusts its CA and lets a test set any header (Host and Origin included).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { request, type RequestOptions } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { checkServerIdentity } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeEndpoint, type KubeEndpoint } from '../../../engine/node/http';
import { loadOrCreateTls, type InstallationTls } from '../../../engine/node/tls';
import type { ApiHandler } from '../../../engine/apiserver/handler-types';

export const TEST_TOKEN = 'a'.repeat(64);

export interface Fixture {
  endpoint: KubeEndpoint;
  tls: InstallationTls;
  dataDir: string;
  dispose(): Promise<void>;
}

let sharedTls: { dir: string; tls: InstallationTls } | undefined;

/** TLS material is slow to make (RSA keygen); one set serves every endpoint of a test file. */
export async function testTls(): Promise<{ dir: string; tls: InstallationTls }> {
  if (sharedTls === undefined) {
    const dir = await mkdtemp(join(tmpdir(), 'cluster-lab-tls-'));
    sharedTls = { dir, tls: await loadOrCreateTls(dir) };
  }
  return sharedTls;
}

export async function startFixture(handler: ApiHandler, opts: { bodyLimitBytes?: number } = {}): Promise<Fixture> {
  const { dir, tls } = await testTls();
  const endpoint = await startKubeEndpoint({
    handler,
    host: '127.0.0.1',
    port: 0,
    tls: { key: tls.key, cert: tls.cert },
    token: TEST_TOKEN,
    ...(opts.bodyLimitBytes !== undefined ? { bodyLimitBytes: opts.bodyLimitBytes } : {}),
  });
  return { endpoint, tls, dataDir: dir, dispose: () => endpoint.close() };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export function send(
  fx: Fixture,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; auth?: boolean } & Pick<RequestOptions, 'host'>,
): Promise<RawResponse> {
  const headers: Record<string, string> = { ...(opts.auth === false ? {} : { authorization: `Bearer ${TEST_TOKEN}` }), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: opts.host ?? '127.0.0.1',
        port: fx.endpoint.port,
        path: opts.path,
        method: opts.method ?? 'GET',
        ca: fx.tls.caPem,
        headers,
        agent: false,
        // node would check the certificate against a spoofed Host header; check it against the address dialled.
        checkServerIdentity: (_host, cert) => checkServerIdentity(opts.host ?? '127.0.0.1', cert),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'cluster-lab-test-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
