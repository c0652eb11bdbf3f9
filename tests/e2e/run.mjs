#!/usr/bin/env node
// Browser-mode end-to-end suites (Playwright driving Debian's chromium against `main/browser-main.ts`). Builds the
// renderer first; says why when it cannot run instead of passing silently.
import { existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const specs = existsSync(here) ? readdirSync(here).filter((f) => f.endsWith('.spec.ts')) : [];
if (specs.length === 0) {
  console.log('e2e: skipped: no browser-mode suites yet — the renderer (issue #5) has not landed, so there is no page to drive.');
  process.exit(0);
}
if (!existsSync('/usr/bin/chromium')) {
  console.error('e2e: cannot run: /usr/bin/chromium is missing (apt-get install chromium).');
  process.exit(1);
}
// The suites drive the built renderer that browser mode serves from dist/renderer.
const built = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (built.status !== 0) {
  console.error('e2e: cannot run: the renderer did not build (npx vite build failed).');
  process.exit(built.status ?? 1);
}
const r = spawnSync('npx', ['playwright', 'test', '--config', join(here, 'playwright.config.ts')], { stdio: 'inherit' });
process.exit(r.status ?? 1);
