/**
 * The Kubernetes HTTPS endpoint of a data directory, shared by `serve` (headless) and the app's host: TLS material
 * and token from the data dir, a port (the one asked for, else the remembered one, else 6443, else any free one),
 * the kubeconfig written next to them, and a `/readyz` check through the real TLS + token path before anyone is told.
 */
import { request } from 'node:https';
import { startKubeEndpoint, type KubeEndpoint } from '../engine/node/http';
import { loadOrCreateTls } from '../engine/node/tls';
import { writeKubeconfig } from '../engine/node/kubeconfig';
import { ensurePrivateDir, readOrCreateToken, readRememberedPort, rememberPort } from '../engine/node/data-dir';
import type { ApiHandler } from '../engine/apiserver/handler-types';

const DEFAULT_PORT = 6443;

export interface KubeCredentials {
  tls: { key: string; cert: string; caPem: string };
  token: string;
  /** True when this call created a new certificate authority. */
  createdCa: boolean;
}

/** TLS material and the bearer token of a data directory, created on first use. */
export async function loadKubeCredentials(dataDir: string): Promise<KubeCredentials> {
  await ensurePrivateDir(dataDir);
  const [tls, token] = await Promise.all([loadOrCreateTls(dataDir), readOrCreateToken(dataDir)]);
  return { tls: { key: tls.key, cert: tls.cert, caPem: tls.caPem }, token, createdCa: tls.created.ca };
}

export interface KubeService {
  endpoint: KubeEndpoint;
  /** `https://127.0.0.1:<port>` */
  server: string;
  kubeconfigPath: string;
  close(): Promise<void>;
}

export interface KubeServiceOptions {
  dataDir: string;
  handler: ApiHandler;
  credentials: KubeCredentials;
  /** Undefined: reuse the remembered port when free, else kube-apiserver's 6443, else any free port. */
  port: number | undefined;
  log(message: string): void;
}

async function listen(opts: KubeServiceOptions): Promise<KubeEndpoint> {
  const { tls, token } = opts.credentials;
  const start = (port: number) => startKubeEndpoint({ handler: opts.handler, host: '127.0.0.1', port, tls: { key: tls.key, cert: tls.cert }, token });
  if (opts.port !== undefined) return start(opts.port);
  const remembered = await readRememberedPort(opts.dataDir);
  // An explicit choice fails loudly; the defaults fall through to the next candidate when taken.
  for (const port of [remembered ?? DEFAULT_PORT, DEFAULT_PORT]) {
    try {
      return await start(port);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      opts.log(`port ${port} is in use`);
    }
  }
  return start(0);
}

/** GET /readyz exactly as a client would: TLS verified against our CA, bearer token. */
export function checkReady(port: number, caPem: string, token: string): Promise<void> {
  return new Promise((resolveCheck, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/readyz', method: 'GET', ca: caPem, headers: { authorization: `Bearer ${token}` }, agent: false, timeout: 10_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => (res.statusCode === 200 ? resolveCheck() : reject(new Error(`/readyz answered ${res.statusCode}: ${body}`))));
      },
    );
    req.on('timeout', () => req.destroy(new Error('/readyz timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** Listens, remembers the port, writes the kubeconfig and checks `/readyz`; closes the endpoint if any step fails. */
export async function startKubeService(opts: KubeServiceOptions): Promise<KubeService> {
  const endpoint = await listen(opts);
  try {
    const server = `https://127.0.0.1:${endpoint.port}`;
    await rememberPort(opts.dataDir, endpoint.port);
    const kubeconfigPath = await writeKubeconfig(opts.dataDir, { server, caPem: opts.credentials.tls.caPem, token: opts.credentials.token });
    await checkReady(endpoint.port, opts.credentials.tls.caPem, opts.credentials.token);
    return { endpoint, server, kubeconfigPath, close: () => endpoint.close() };
  } catch (err) {
    await endpoint.close();
    throw err;
  }
}
