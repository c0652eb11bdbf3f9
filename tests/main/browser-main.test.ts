/**
 * The browser-mode entry as the e2e tests start it: one stdout line `Cluster Lab: http://127.0.0.1:<port>/?token=…`,
 * a page behind the token, the kubeconfig written, and a clean exit 0 on SIGTERM with nothing else on stdout.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
let dir = '';
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('prints the URL line, serves behind the token, and exits 0 on SIGTERM', async () => {
  dir = await mkdtemp(join(tmpdir(), 'cluster-lab-browser-main-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'main/browser-main.ts'), '--data-dir', dir, '--port', '0', '--no-open', '--nodes', '1'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing the URL:\n${stderr}`)));
  });
  const m = /^Cluster Lab: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43}))$/.exec(line);
  expect(m, line).not.toBeNull();
  const [, url, port] = m!;
  expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
  // 200 with a built renderer, 404 (with a hint) without one: either way the token was accepted.
  expect([200, 404]).toContain((await fetch(url!)).status);
  expect(existsSync(join(dir, 'kubeconfig'))).toBe(true);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(stdout).toBe(`${line}\n`);
}, 60_000);
