/**
 * Starts Cluster Lab in browser mode (main/browser-main.ts) in a temp data dir, exactly as `npm start` does when
 * Electron is missing, and hands the spec the URL it printed (`Cluster Lab: http://127.0.0.1:<port>/?token=…`).
 * `restart()` stops it and starts it again on the same data dir (the persistence checks).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface BrowserApp {
  url: string;
  dataDir: string;
  kubeconfig: string;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function start(dataDir: string, args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'main/browser-main.ts'), '--data-dir', dataDir, '--port', '0', '--no-open', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolveStart, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`browser mode did not print its URL within 60 s\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^Cluster Lab: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolveStart({ child, url: m[1]! });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code} before it was ready\n${stderr}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}

export async function startBrowserApp(args: readonly string[] = ['--nodes', '3', '--zones', 'zone-a,zone-b']): Promise<BrowserApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cluster-lab-e2e-'));
  let current = await start(dataDir, args);
  const app: BrowserApp = {
    url: current.url,
    dataDir,
    kubeconfig: join(dataDir, 'kubeconfig'),
    async restart() {
      await stopChild(current.child);
      current = await start(dataDir, args);
      app.url = current.url;
    },
    async stop() {
      await stopChild(current.child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return app;
}
