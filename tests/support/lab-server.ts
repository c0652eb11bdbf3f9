/**
 * A real lab for tests: the control plane from main/control-plane.ts behind the HTTPS endpoint, in a temp data
 * dir, with a kubeconfig — so tests drive it with the real kubectl and real client libraries, exactly as a learner
 * would. `kubectl()` runs the kubectl on PATH with only --kubeconfig.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createControlPlane, type ControlPlane, type ControlPlaneOptions } from '../../main/control-plane';
import { ensurePrivateDir, readOrCreateToken } from '../../engine/node/data-dir';
import { startKubeEndpoint, type KubeEndpoint } from '../../engine/node/http';
import { writeKubeconfig } from '../../engine/node/kubeconfig';
import { loadOrCreateTls } from '../../engine/node/tls';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface LabServer {
  dataDir: string;
  kubeconfig: string;
  port: number;
  token: string;
  caPem: string;
  controlPlane: ControlPlane;
  kubectl(args: readonly string[], opts?: { input?: string; env?: Record<string, string>; timeoutMs?: number }): Promise<KubectlResult>;
  close(): Promise<void>;
}

export async function startLabServer(opts: { nodes?: number; zones?: string[]; dataDir?: string; paused?: boolean; without?: ControlPlaneOptions['without']; seed?: number } = {}): Promise<LabServer> {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'cluster-lab-test-')));
  await ensurePrivateDir(dataDir);
  const [tls, token] = await Promise.all([loadOrCreateTls(dataDir), readOrCreateToken(dataDir)]);
  const controlPlane = await createControlPlane({ dataDir, nodes: opts.nodes ?? 2, zones: opts.zones ?? ['zone-a', 'zone-b'], speed: 1, caPem: tls.caPem, paused: opts.paused, without: opts.without, seed: opts.seed });
  const endpoint: KubeEndpoint = await startKubeEndpoint({ handler: controlPlane.handler, host: '127.0.0.1', port: 0, tls: { key: tls.key, cert: tls.cert }, token });
  const kubeconfig = await writeKubeconfig(dataDir, { server: `https://127.0.0.1:${endpoint.port}`, caPem: tls.caPem, token });
  const kubectl = (args: readonly string[], o: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}) =>
    new Promise<KubectlResult>((resolve) => {
      const child = execFile(
        'kubectl',
        ['--kubeconfig', kubeconfig, ...args],
        { env: { ...process.env, KUBECONFIG: '', HOME: dataDir, ...o.env }, timeout: o.timeoutMs ?? 20_000, maxBuffer: 32 * 1024 * 1024 },
        (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : 1) : 0 }),
      );
      if (o.input !== undefined) child.stdin?.end(o.input);
      else child.stdin?.end();
    });
  return {
    dataDir,
    kubeconfig,
    port: endpoint.port,
    token,
    caPem: tls.caPem,
    controlPlane,
    kubectl,
    close: async () => {
      await endpoint.close();
      await controlPlane.close();
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A lab ready for a learner's first command: the `default` ServiceAccount exists (the controllers have run), and
 * the Clock object runs at `speed` (×100 makes pulls, probes and back-offs take a hundredth of their time).
 */
export async function startReadyLab(opts: Parameters<typeof startLabServer>[0] & { speed?: number } = {}): Promise<LabServer> {
  const lab = await startLabServer(opts);
  const end = Date.now() + 30_000;
  while ((await lab.kubectl(['get', 'serviceaccount', 'default', '-o', 'name'])).code !== 0) {
    if (Date.now() > end) throw new Error('the default ServiceAccount did not appear within 30 s');
    await new Promise((r) => setTimeout(r, 150));
  }
  if (opts.speed !== undefined) {
    const r = await lab.kubectl(['patch', 'clock', 'cluster', '--type', 'merge', '-p', JSON.stringify({ spec: { speed: opts.speed } })]);
    if (r.code !== 0) throw new Error(`could not set the clock speed: ${r.stderr}`);
  }
  return lab;
}
