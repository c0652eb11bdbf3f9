/**
 * Browser mode: `tsx main/browser-main.ts [--data-dir DIR] [--port P] [--no-open] [--nodes N] [--zones a,b]
 * [--speed X] [--kube-port P]`. Runs the app host (the simulated cluster, its Kubernetes HTTPS endpoint and
 * kubeconfig, the bridge) and serves the renderer on http://127.0.0.1:<port>. When ready it prints exactly one
 * stdout line, `Cluster Lab: http://127.0.0.1:<port>/?token=<token>` (scripts and the e2e tests parse it); every
 * log goes to stderr. SIGINT/SIGTERM close the server and the host (flushing the store) and exit 0.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseServeArgs, UsageError, type ServeArgs } from './serve';
import { MAX_SPEED, MIN_SPEED } from '../engine/base/virtual-clock';
import { defaultDataDir } from '../engine/node/data-dir';
import { exitOnSignals } from './exit-on-signals';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const BROWSER_USAGE = `usage: browser-main [--data-dir DIR] [--port P] [--no-open] [--nodes N] [--zones a,b] [--speed X] [--kube-port P]

  --data-dir DIR   where the cluster, settings, lab progress, TLS material and kubeconfig live (default ${defaultDataDir()})
  --port P         HTTP port of the app on 127.0.0.1 (default 0: any free port)
  --no-open        do not open a browser
  --nodes N        worker nodes when no lab is active, 1-100 (default 2)
  --zones a,b      zones the nodes are spread over (default zone-a)
  --speed X        virtual clock speed, ${MIN_SPEED}-${MAX_SPEED} (default 1)
  --kube-port P    HTTPS port of the Kubernetes API (default: the last one used, else 6443, else any free port)
`;

export interface BrowserArgs {
  serve: ServeArgs;
  port: number;
  open: boolean;
}

/** The cluster flags are `serve`'s (same validation); `--port` here is the app's, `--kube-port` the API's. */
export function parseBrowserArgs(argv: readonly string[]): BrowserArgs {
  const rest: string[] = ['--headless'];
  let port = 0;
  let open = true;
  let sawPort = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (name === '--no-open') {
      if (inline !== undefined) throw new UsageError('--no-open takes no value');
      open = false;
    } else if (name === '--port') {
      if (sawPort) throw new UsageError('flag --port given more than once');
      sawPort = true;
      const raw = inline ?? argv[++i];
      if (raw === undefined || !/^\d+$/.test(raw) || Number(raw) > 65535) throw new UsageError(`--port must be an integer from 0 to 65535, got ${raw ?? 'nothing'}`);
      port = Number(raw);
    } else if (name === '--kube-port') {
      rest.push('--port', inline ?? argv[++i] ?? '');
    } else if (name === '--headless') {
      throw new UsageError(`unknown flag or argument: ${arg}`);
    } else {
      rest.push(arg);
    }
  }
  return { serve: parseServeArgs(rest), port, open };
}

const log = (message: string): void => {
  process.stderr.write(`cluster-lab: ${message}\n`);
};

export async function runBrowserMode(args: BrowserArgs): Promise<void> {
  // Loaded only now: flag errors and --help answer at once, without loading the whole engine.
  const [{ createAppHost, readAppVersion }, { engineServices }, { startBrowserServer }, { openUrl }] = await Promise.all([
    import('./host/app-host'),
    import('./host/engine-services'),
    import('./browser/browser-server'),
    import('./browser/open-url'),
  ]);
  const host = await createAppHost({
    dataDir: args.serve.dataDir,
    nodes: args.serve.nodes,
    zones: args.serve.zones,
    speed: args.serve.speed,
    kubePort: args.serve.port,
    mode: 'browser',
    version: await readAppVersion(join(ROOT, 'package.json')),
    labsDir: join(ROOT, 'labs'),
    engine: engineServices,
    log,
  });
  let server;
  try {
    server = await startBrowserServer({ host, rendererDir: join(ROOT, 'dist', 'renderer'), port: args.port, log });
  } catch (err) {
    await host.close();
    throw err;
  }

  exitOnSignals(log, async () => {
    await server.close();
    await host.close();
  });

  log(`Kubernetes API on ${host.info.apiServerUrl}; ${host.info.kubeconfigExport}`);
  process.stdout.write(`Cluster Lab: ${server.url}\n`);
  if (args.open) await openUrl(server.url, log);
}

export async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(BROWSER_USAGE);
    return;
  }
  let args: BrowserArgs;
  try {
    args = parseBrowserArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`cluster-lab: ${err.message}\n${BROWSER_USAGE}`);
    process.exit(2);
  }
  try {
    await runBrowserMode(args);
  } catch (err) {
    log(`failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  void main(process.argv.slice(2));
}
