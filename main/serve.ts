/**
 * Headless entry point: `npm run serve -- --headless [--nodes N] [--zones a,b] [--speed X] [--data-dir DIR] [--port P]`.
 * Builds the control plane, serves the Kubernetes API on https://127.0.0.1:<port>, writes the kubeconfig,
 * checks `/readyz` through the real TLS + token path, then prints exactly one stdout line,
 * `export KUBECONFIG=<absolute path>`, so `eval "$(cluster-lab --headless)"` works. Every log goes to stderr.
 * SIGINT/SIGTERM stop accepting connections, close the control plane (flushing the store) and exit 0.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDataDir } from '../engine/node/data-dir';
import { loadKubeCredentials, startKubeService, type KubeService } from './kube-service';
import { MAX_SPEED, MIN_SPEED } from '../engine/base/virtual-clock';
import type { ControlPlane } from './control-plane';
import { exitOnSignals } from './exit-on-signals';

export interface ServeArgs {
  nodes: number;
  zones: string[];
  speed: number;
  dataDir: string;
  /** Undefined: reuse the remembered port when free, else kube-apiserver's 6443, else any free port. */
  port: number | undefined;
}

export const USAGE = `usage: cluster-lab --headless [--nodes N] [--zones a,b] [--speed X] [--data-dir DIR] [--port P]

  --headless       run the simulated cluster without a window and serve its Kubernetes API (required)
  --nodes N        worker nodes to create, 1-100 (default 2)
  --zones a,b      comma-separated zones the nodes are spread over (default zone-a)
  --speed X        virtual clock speed, ${MIN_SPEED}-${MAX_SPEED} (default 1)
  --data-dir DIR   where the cluster, TLS material, token and kubeconfig live (default ${defaultDataDir()})
  --port P         HTTPS port on 127.0.0.1 (default: the last one used, else 6443, else any free port)
`;

export class UsageError extends Error {}

/** A zone becomes a topology.kubernetes.io/zone label value: at most 63 chars, alphanumeric at both ends. */
const ZONE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Strict: every flag must be known, take its value once, and be well-formed. */
export function parseServeArgs(argv: readonly string[], defaults = { dataDir: defaultDataDir() }): ServeArgs {
  let headless = false;
  const seen = new Set<string>();
  const values = new Map<string, string>();
  const withValue = new Set(['--nodes', '--zones', '--speed', '--data-dir', '--port']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
    if (seen.has(name)) throw new UsageError(`flag ${name} given more than once`);
    seen.add(name);
    if (name === '--headless') {
      if (eq !== -1) throw new UsageError('--headless takes no value');
      headless = true;
    } else if (withValue.has(name)) {
      const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`flag ${name} needs a value`);
      values.set(name, value);
    } else {
      throw new UsageError(`unknown flag or argument: ${arg}`);
    }
  }
  if (!headless) throw new UsageError('--headless is required here (the windowed app starts with `npm start`)');

  const nodes = values.has('--nodes') ? parseInteger('--nodes', values.get('--nodes')!, 1, 100) : 2;
  const zones = values.has('--zones') ? values.get('--zones')!.split(',') : ['zone-a'];
  for (const z of zones) if (!ZONE.test(z)) throw new UsageError(`--zones: ${JSON.stringify(z)} is not a valid zone name`);
  if (new Set(zones).size !== zones.length) throw new UsageError('--zones: zones must be distinct');
  let speed = 1;
  if (values.has('--speed')) {
    const raw = values.get('--speed')!;
    speed = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) throw new UsageError(`--speed must be a number from ${MIN_SPEED} to ${MAX_SPEED}, got ${raw}`);
  }
  const dataDir = resolve(values.get('--data-dir') ?? defaults.dataDir);
  const port = values.has('--port') ? parseInteger('--port', values.get('--port')!, 1, 65535) : undefined;
  return { nodes, zones, speed, dataDir, port };
}

function parseInteger(flag: string, raw: string, min: number, max: number): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${flag} must be an integer from ${min} to ${max}, got ${raw}`);
  return n;
}

const log = (message: string): void => {
  process.stderr.write(`cluster-lab: ${message}\n`);
};

export async function serve(args: ServeArgs): Promise<void> {
  const credentials = await loadKubeCredentials(args.dataDir);
  if (credentials.createdCa) log(`created a new certificate authority in ${args.dataDir}`);
  // Loaded only now: flag errors and --help answer at once, without loading the whole engine.
  const { createControlPlane } = await import('./control-plane');
  const controlPlane: ControlPlane = await createControlPlane({ dataDir: args.dataDir, nodes: args.nodes, zones: args.zones, speed: args.speed, caPem: credentials.tls.caPem });
  let service: KubeService;
  try {
    service = await startKubeService({ dataDir: args.dataDir, handler: controlPlane.handler, credentials, port: args.port, log });
  } catch (err) {
    await controlPlane.close();
    throw err;
  }

  exitOnSignals(log, async () => {
    await service.close();
    await controlPlane.close();
  });

  const server = service.server;
  log(`serving the Kubernetes API on ${server} (${args.nodes} node(s), zones ${args.zones.join(',')}, speed ×${args.speed})`);
  process.stdout.write(`export KUBECONFIG=${service.kubeconfigPath}\n`);
}

export async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  let args: ServeArgs;
  try {
    args = parseServeArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`cluster-lab: ${err.message}\n${USAGE}`);
    process.exit(2);
  }
  try {
    await serve(args);
  } catch (err) {
    log(`failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void main(process.argv.slice(2));
}
