// The headless entry point end to end: the real kubectl, given only the printed KUBECONFIG, reaches the
// server over verified TLS with the token; SIGTERM exits 0; a restart keeps the same kubeconfig working.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { withTempDir } from '../unit/node/endpoint-fixture';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/cluster-lab.mjs', import.meta.url));
/** `node --import tsx main/serve.ts` from the repository, as `npm run serve` does. */
const SERVE = { cwd: REPO, argv: ['--import', 'tsx', 'main/serve.ts'] };
/** The installed command, from an unrelated working directory. */
const COMMAND = { cwd: tmpdir(), argv: [BIN] };
const run = promisify(execFile);

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  kubeconfig: string;
}

/** Starts the server and waits for its one stdout line. */
function start(how: { cwd: string; argv: string[] }, args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [...how.argv, ...args], { cwd: how.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no KUBECONFIG line within 20 s; stderr:\n${err}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /^export KUBECONFIG=(.+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, stdout: () => out, stderr: () => err, kubeconfig: m[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before printing KUBECONFIG; stderr:\n${err}`));
    });
  });
}

function stop(s: Started, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    s.child.once('exit', (code) => resolve(code));
    s.child.kill(signal);
  });
}

describe('cluster-lab --headless', () => {
  it('prints one KUBECONFIG line that real kubectl uses to get the server version; SIGTERM exits 0; a restart reuses port and kubeconfig', () =>
    withTempDir(async (dir) => {
      const first = await start(SERVE, ['--headless', '--data-dir', dir, '--nodes', '1', '--zones', 'zone-a,zone-b', '--speed', '2']);
      let second: Started | undefined;
      try {
        expect(first.kubeconfig).toBe(`${dir}/kubeconfig`);
        expect((await stat(first.kubeconfig)).mode & 0o777).toBe(0o600);
        const { stdout } = await run('kubectl', ['--kubeconfig', first.kubeconfig, 'version', '-o', 'json'], { timeout: 20_000 });
        const version = JSON.parse(stdout) as { serverVersion?: { major: string; minor: string; gitVersion: string } };
        expect(version.serverVersion?.major).toBe('1');
        expect(version.serverVersion?.gitVersion).toMatch(/^v1\.32\./);
        const server = (parse(await readFile(first.kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[] }).clusters[0]!.cluster.server;
        expect(server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

        expect(await stop(first, 'SIGTERM')).toBe(0);
        expect(first.stdout()).toBe(`export KUBECONFIG=${first.kubeconfig}\n`);

        second = await start(COMMAND, ['--headless', '--data-dir', dir]);
        expect(second.kubeconfig).toBe(first.kubeconfig);
        const again = (parse(await readFile(second.kubeconfig, 'utf8')) as { clusters: { cluster: { server: string } }[] }).clusters[0]!.cluster.server;
        expect(again).toBe(server);
        const { stdout: v2 } = await run('kubectl', ['--kubeconfig', first.kubeconfig, 'version', '-o', 'json'], { timeout: 20_000 });
        expect(JSON.parse(v2).serverVersion.major).toBe('1');
        expect(await stop(second, 'SIGINT')).toBe(0);
      } finally {
        if (first.child.exitCode === null) first.child.kill('SIGKILL');
        if (second && second.child.exitCode === null) second.child.kill('SIGKILL');
      }
    }), 60_000);

  it.each([
    [['--headless', '--bogus']],
    [['--headless', '--nodes', 'three']],
    [['--headless', '--speed', '1000']],
    [['--headless', '--zones', 'a,,b']],
    [['--headless', '--port', '70000']],
    [['--nodes', '2']],
    [['--headless', 'extra']],
  ])('rejects %j with usage on stderr and exit 2', async (args) => {
    const result = await run(process.execPath, [BIN, ...args], { cwd: tmpdir() }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('usage: cluster-lab --headless');
  }, 20_000);
});
