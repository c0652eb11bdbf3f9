#!/usr/bin/env node
// `npm start`: builds what is out of date, then runs Cluster Lab in Electron where Electron's binary exists,
// otherwise in browser mode (the same host and renderer over HTTP + WebSocket on 127.0.0.1), saying why.
//   - the renderer is built with `vite build` into dist/renderer/ when missing or older than its sources;
//   - Electron: the main process and preload are built into dist/main/ (scripts/build-main.mjs) likewise;
//   - browser mode: main/browser-main.ts runs through tsx; its `Cluster Lab: <url>` line is passed on to stdout.
// Extra arguments go to browser mode (see `tsx main/browser-main.ts --help`). CLUSTER_LAB_BROWSER=1 forces it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const log = (message) => process.stderr.write(`cluster-lab: ${message}\n`);

/** Newest modification time under the given files and folders (0 if none exist). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(join(p, name));
    } else newest = Math.max(newest, s.mtimeMs);
  };
  for (const p of paths) visit(join(root, p));
  return newest;
}

function outOfDate(output, sources) {
  const target = join(root, output);
  return !existsSync(target) || statSync(target).mtimeMs < newestMtime(sources);
}

function run(what, args) {
  log(what);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    log(`${what} failed`);
    process.exit(r.status ?? 1);
  }
}

/** The Electron binary, or why there is none. */
function electronBinary() {
  if (process.env.CLUSTER_LAB_BROWSER === '1') return { reason: 'CLUSTER_LAB_BROWSER=1 asks for browser mode' };
  let path;
  try {
    path = require('electron'); // the package's main export is the binary's path
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { reason: `the electron package has no binary (${path}); its download failed or was skipped` };
  return { path };
}

const rendererSources = ['renderer', 'vite.config.ts', 'main/bridge/contract.ts', 'package.json'];
if (outOfDate('dist/renderer/index.html', rendererSources)) run('building the renderer (vite build)', [join(root, 'node_modules/vite/bin/vite.js'), 'build']);

const electron = electronBinary();
if (electron.path) {
  if (outOfDate('dist/main/electron-main.js', ['main', 'engine', 'package.json'])) run('building the Electron main process', [join(root, 'scripts/build-main.mjs')]);
  const child = spawn(electron.path, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const args = process.argv.slice(2);
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'main/browser-main.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', (line) => {
    const url = /^Cluster Lab: (\S+)$/.exec(line)?.[1];
    if (url !== undefined) {
      const doing = args.includes('--no-open') ? 'Cluster Lab is running; open it in your browser at' : 'opening Cluster Lab in your browser at';
      log(`Electron is not available here (${electron.reason}); ${doing} ${url}`);
    }
    process.stdout.write(`${line}\n`);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
