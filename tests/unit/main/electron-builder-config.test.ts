/** electron-builder.yml cannot be built here; its config is checked instead (issue #5). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(__dirname, '..', '..', '..');
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  appId?: string;
  productName?: string;
  files?: string[];
  linux?: { target?: Array<string | { target: string }> };
  mac?: { target?: Array<string | { target: string }> };
  win?: { target?: Array<string | { target: string }> };
};
const targets = (t: Array<string | { target: string }> | undefined) => (t ?? []).map((x) => (typeof x === 'string' ? x : x.target));

/** electron-builder's `files` are globs relative to the app directory; `dir/**` covers everything below `dir`. */
const covered = (path: string) => (config.files ?? []).some((g) => g === path || (g.endsWith('/**') && path.startsWith(g.slice(0, -2))));

it('names the app', () => {
  expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  expect(config.productName).toBe('Cluster Lab');
});

it('targets AppImage and deb, dmg, and nsis', () => {
  expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
  expect(targets(config.mac?.target)).toEqual(['dmg']);
  expect(targets(config.win?.target)).toEqual(['nsis']);
});

it('packages the built main process, preload and renderer, the labs, and package.json (whose main it runs)', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
  for (const path of [pkg.main, 'dist/main/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/assets/index.js', 'labs/pod-birth/lab.yaml', 'package.json']) {
    expect(covered(path), path).toBe(true);
  }
  expect(pkg.main).toBe('dist/main/electron-main.js');
  // Sources and tests stay out.
  for (const path of ['main/electron/electron-main.ts', 'tests/unit/main/x.test.ts', 'engine/index.ts']) expect(covered(path), path).toBe(false);
});
