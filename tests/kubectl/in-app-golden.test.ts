/**
 * Acceptance 4: the in-app kubectl (engine/kubectl) against real kubectl 1.32, both talking to the same lab — the
 * real one over HTTPS with a kubeconfig, the in-app one through the control plane's ApiHandler. For every command
 * of tests/golden/in-app-kubectl/corpus.ts, stdout, stderr and the exit code must be equal after normalize()
 * (uids, resourceVersions, timestamps, IPs). The lab's clock is paused, so ages read the same for both.
 *
 * It cannot pass vacuously: the corpus has at least 60 compared commands, each real run must print something,
 * and most must succeed with output on stdout.
 */
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKubectl, type KubectlContext } from '../../engine/kubectl';
import { splitWords } from '../../engine/kubectl/terminal/shell-words';
import { CORPUS, type CorpusEntry } from '../golden/in-app-kubectl/corpus';
import { startLabServer, type LabServer } from '../support/lab-server';
import { normalize } from './normalize';

const FIXTURES = resolve(__dirname, 'fixtures');

interface Result {
  stdout: string;
  stderr: string;
  code: number;
}

let lab: LabServer;

/** Real kubectl with the lab's kubeconfig from the environment (so argv is exactly the corpus's). */
function real(args: string[], input?: string): Promise<Result> {
  return new Promise((done) => {
    const child = execFile('kubectl', args, { env: { ...process.env, KUBECONFIG: lab.kubeconfig, HOME: lab.dataDir }, timeout: 30_000 }, (err, stdout, stderr) =>
      done({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : 1) : 0 }),
    );
    child.stdin?.end(input ?? '');
  });
}

function context(out: Result, input?: string, signal?: KubectlContext['signal']): KubectlContext {
  return {
    handler: lab.controlPlane.handler,
    clock: lab.controlPlane.driver.clock,
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    stdin: input,
    signal: signal ?? { aborted: false, onAbort: () => ({ dispose() {} }) },
    server: `https://127.0.0.1:${lab.port}`,
  };
}

async function inApp(args: string[], input?: string): Promise<Result> {
  const out: Result = { stdout: '', stderr: '', code: 0 };
  out.code = await runKubectl(args, context(out, input));
  return out;
}

function clean(r: Result): Result {
  const n = (s: string) => normalize(s, { port: lab.port }).replace(/^Client Version: .*$/m, 'Client Version: <client>');
  return { stdout: n(r.stdout), stderr: n(r.stderr), code: r.code };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('condition not met in time');
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: box
  namespace: shop
spec:
  containers:
  - name: main
    image: busybox
    command: ["sh", "-c", "echo hello; echo world; sleep 3600"]
`;

beforeAll(async () => {
  // No workload controllers: Deployments make no ReplicaSets or Pods, so nothing prints generated names.
  lab = await startLabServer({ nodes: 2, zones: ['zone-a', 'zone-b'], paused: true, seed: 5, without: { workloadControllers: true } });
  await waitFor(async () => (await real(['get', 'configmap', 'kube-root-ca.crt', '-n', 'kube-system', '-o', 'name'])).code === 0);
  expect((await real(['apply', '-f', resolve(FIXTURES, 'app.yaml')])).code).toBe(0);
  expect((await real(['apply', '-f', '-'], POD)).code).toBe(0);
  // Let the scheduler and kubelet start the pod, then stop time again.
  lab.controlPlane.driver.clock.resume();
  try {
    await waitFor(async () => (await real(['get', 'pod', 'box', '-n', 'shop', '-o', 'jsonpath={.status.phase}'])).stdout === 'Running');
    await waitFor(async () => (await real(['top', 'pods', '-n', 'shop'])).code === 0);
  } finally {
    lab.controlPlane.driver.clock.pause();
  }
}, 90_000);

afterAll(async () => {
  await lab?.close();
});

/** The corpus entry's argv for one side; twin words are returned so the in-app output can be mapped back. */
function expand(entry: CorpusEntry, side: 'r' | 'i'): { args: string[]; twins: string[] } {
  const words = splitWords(entry.cmd).words;
  const names = words.flatMap((w) => w.match(/[A-Za-z0-9.-]*\{x\}[A-Za-z0-9.-]*/g) ?? []);
  return { args: words.map((w) => w.replace(/\{x\}/g, side)), twins: names.map((n) => n.replace(/\{x\}/g, side)) };
}

describe('in-app kubectl equals real kubectl 1.32 against the same server', () => {
  it('answers the whole corpus byte for byte', async () => {
    const compared = CORPUS.filter((e) => !e.setup);
    expect(compared.length).toBeGreaterThanOrEqual(60);
    const mismatches: string[] = [];
    let succeededWithOutput = 0;
    for (const entry of CORPUS) {
      const input = entry.stdin ? readFileSync(resolve(FIXTURES, entry.stdin), 'utf8') : undefined;
      const r = expand(entry, 'r');
      const realOut = await real(r.args, input);
      if (entry.setup) continue;
      if (entry.undo) {
        const undo = await real(splitWords(entry.undo).words);
        expect(undo.code, `undo of ${entry.cmd}: ${undo.stderr}`).toBe(0);
      }
      const i = expand(entry, 'i');
      const mine = await inApp(i.args, input);
      // Map the in-app twin names back to the real ones before comparing.
      for (const [k, twin] of i.twins.entries()) {
        const realWord = r.twins[k] as string;
        mine.stdout = mine.stdout.split(twin).join(realWord);
        mine.stderr = mine.stderr.split(twin).join(realWord);
      }
      const a = clean(realOut);
      const b = clean(mine);
      expect(a.stdout + a.stderr, `real kubectl printed nothing for: ${entry.cmd}`).not.toBe('');
      if (a.code === 0 && a.stdout !== '') succeededWithOutput++;
      if (a.stdout !== b.stdout || a.stderr !== b.stderr || a.code !== b.code) {
        mismatches.push(`$ kubectl ${entry.cmd}\n--- real (exit ${a.code})\n${a.stdout}${a.stderr ? `# stderr:\n${a.stderr}` : ''}--- in-app (exit ${b.code})\n${b.stdout}${b.stderr ? `# stderr:\n${b.stderr}` : ''}`);
      }
    }
    expect(mismatches.join('\n')).toBe('');
    expect(succeededWithOutput).toBeGreaterThanOrEqual(50);
  }, 240_000);

  it('get -w streams the same rows as real kubectl for changes made by another client', async () => {
    const args = ['get', 'configmaps', '-n', 'shop', '-l', 'watch=me', '-w'];
    const child = spawn('kubectl', args, { env: { ...process.env, KUBECONFIG: lab.kubeconfig, HOME: lab.dataDir } });
    let realOut = '';
    child.stdout.on('data', (d: Buffer) => (realOut += d.toString()));
    const mine: Result = { stdout: '', stderr: '', code: 0 };
    const listeners = new Set<() => void>();
    const signal = { aborted: false, onAbort: (cb: () => void) => (listeners.add(cb), { dispose: () => listeners.delete(cb) }) };
    const running = runKubectl(args, context(mine, undefined, signal));
    await new Promise((r) => setTimeout(r, 1500));
    const watched = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched', namespace: 'shop', labels: { watch: 'me' } }, data: { a: 'b' } };
    expect((await real(['create', '-f', '-'], JSON.stringify(watched))).code).toBe(0);
    await waitFor(async () => realOut.includes('watched') && mine.stdout.includes('watched')).catch((e: unknown) => {
      throw new Error(`${String(e)}; real: ${JSON.stringify(realOut)}; in-app: ${JSON.stringify(mine)}`);
    });
    expect((await real(['label', 'configmap', 'watched', '-n', 'shop', 'watch-'])).code).toBe(0);
    await waitFor(async () => realOut.split('watched').length > 2 && mine.stdout.split('watched').length > 2).catch((e: unknown) => {
      throw new Error(`${String(e)}; real: ${JSON.stringify(realOut)}; in-app: ${JSON.stringify(mine)}`);
    });
    child.kill('SIGINT');
    signal.aborted = true;
    for (const cb of listeners) cb();
    expect(await running).toBe(0);
    expect(mine.stdout).toBe(realOut);
    expect(mine.stdout).toBe('NAME      DATA   AGE\nwatched   1      0s\nwatched   1      0s\n');
  }, 30_000);
});
