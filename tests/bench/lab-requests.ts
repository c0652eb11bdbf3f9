/**
 * What the list and watch benchmarks share: a real lab (tests/support/lab-server.ts) driven in-process through
 * its API server for setup, and timed HTTPS requests against its endpoint.
 */
import { Agent, request } from 'node:https';
import type { ApiRequest, ApiResponse } from '../../engine/apiserver/handler-types';
import type { LabServer } from '../support/lab-server';

export const BENCH_USER = { name: 'bench', groups: ['system:masters', 'system:authenticated'] };

/** One in-process request as the admin; JSON in, JSON out. */
export function inProcess(lab: LabServer, method: ApiRequest['method'], path: string, body?: unknown, query: Record<string, string[]> = {}): Promise<ApiResponse> {
  return lab.controlPlane.handler.handle({
    method,
    path,
    query,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    user: BENCH_USER,
  });
}

/** Throws unless the response is a body with the expected status. */
export function expectStatus(res: ApiResponse, status: number, what: string): string {
  if (res.kind !== 'body' || res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status}${res.kind === 'body' ? `: ${res.body.slice(0, 300)}` : ''}`);
  }
  return res.body;
}

/** Creates a namespace and waits until its `default` ServiceAccount exists (pods need it to be admitted). */
export async function createNamespace(lab: LabServer, name: string): Promise<void> {
  expectStatus(await inProcess(lab, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }), 201, `create namespace ${name}`);
  const deadline = performance.now() + 10_000;
  while ((await inProcess(lab, 'GET', `/api/v1/namespaces/${name}/serviceaccounts/default`)).status !== 200) {
    if (performance.now() > deadline) throw new Error(`namespace ${name}: ServiceAccount default did not appear`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface HttpsClient {
  /** Issues one GET and resolves with its status and body size once the body has fully arrived. */
  get(path: string, headers: Record<string, string>): Promise<{ status: number; bytes: number }>;
  close(): void;
}

/** A keep-alive HTTPS client for the lab's endpoint, authenticated with its token. */
export function httpsClient(lab: LabServer): HttpsClient {
  const agent = new Agent({ keepAlive: true, maxSockets: 1, ca: lab.caPem });
  return {
    get: (path, headers) =>
      new Promise((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: lab.port, path, method: 'GET', agent, headers: { authorization: `Bearer ${lab.token}`, host: `127.0.0.1:${lab.port}`, ...headers } },
          (res) => {
            let bytes = 0;
            res.on('data', (d: Buffer) => (bytes += d.length));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end();
      }),
    close: () => agent.destroy(),
  };
}

/** The q-quantile (0..1) of a sample, nearest-rank. */
export function quantile(sample: readonly number[], q: number): number {
  const sorted = sample.slice().sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? NaN;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
