#!/usr/bin/env node
// Builds the Electron main process and preload into dist/main/ with esbuild (installed with vite):
//   dist/main/electron-main.js  ESM, everything bundled except `electron` (the app ships only dist/**, labs/**)
//   dist/main/preload.cjs       CommonJS, as Electron's sandboxed preloads must be
// Usage: node scripts/build-main.mjs
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'main');
// ws's optional native accelerators are absent on purpose; bundled CJS packages still `require` Node built-ins.
const external = ['electron', 'bufferutil', 'utf-8-validate'];

await Promise.all([
  build({
    entryPoints: [join(root, 'main/electron/electron-main.ts')],
    outfile: join(out, 'electron-main.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    sourcemap: true,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __clusterLabCreateRequire } from 'node:module'; const require = __clusterLabCreateRequire(import.meta.url);" },
  }),
  build({
    entryPoints: [join(root, 'main/electron/preload.ts')],
    outfile: join(out, 'preload.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    sourcemap: 'inline',
    logLevel: 'warning',
  }),
]);
process.stderr.write(`cluster-lab: built the Electron main process into ${out}\n`);
