/**
 * Sequential awaited writes: Debian's etcd 3.4 (through the etcd3 client, fsync per write, as a real
 * cluster's store) against our durable file store (writeSync per write, batched fsync). Goal: ours ≥ 50×.
 * Run: `npx tsx tests/bench/store-bench.ts`.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Etcd3 } from 'etcd3';
import { openFileStore } from '../../engine/node/store-files/index';
import type { KubeObject } from '../../engine/api/objects';
import { printBench } from './bench-result';
import type { BenchResult } from './bench-result';

const ETCD_PUTS = 2_000;
const STORE_CREATES = 100_000;
const GOAL = 50;

/** A ConfigMap of typical size (~400 bytes of JSON), as the API server would store it. */
function configMap(i: number): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `cm-${i}`,
      namespace: 'default',
      uid: `6f1c2e0a-0000-4000-8000-${String(i).padStart(12, '0')}`,
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { app: 'bench', tier: 'backend' },
    },
    data: { 'config.yaml': 'replicas: 3\nimage: registry.local/app:1.0\nlogLevel: info\n', mode: 'bench' },
  };
}

function findEtcd(): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v etcd'], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p ? p : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function startEtcd(bin: string, dataDir: string): Promise<{ proc: ChildProcess; endpoint: string; log: () => string }> {
  const client = await freePort();
  const peer = await freePort();
  const endpoint = `http://127.0.0.1:${client}`;
  let output = '';
  const proc = spawn(
    bin,
    [
      '--name', 'bench',
      '--data-dir', dataDir,
      '--listen-client-urls', endpoint,
      '--advertise-client-urls', endpoint,
      '--listen-peer-urls', `http://127.0.0.1:${peer}`,
      '--initial-advertise-peer-urls', `http://127.0.0.1:${peer}`,
      '--initial-cluster', `bench=http://127.0.0.1:${peer}`,
      '--initial-cluster-state', 'new',
      '--log-level', 'error',
      '--logger', 'zap',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  proc.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { proc, endpoint, log: () => output };
}

async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function measureEtcd(bin: string, tmp: string): Promise<number> {
  const etcd = await startEtcd(bin, path.join(tmp, 'etcd-data'));
  const client = new Etcd3({ hosts: etcd.endpoint });
  try {
    const deadline = Date.now() + 15_000;
    for (;;) {
      try {
        await client.get('/bench/ready');
        break;
      } catch (e) {
        if (Date.now() > deadline || etcd.proc.exitCode !== null) {
          throw new Error(`etcd did not become ready: ${(e as Error).message}\n${etcd.log()}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    for (let i = 0; i < 50; i++) await client.put(`/warmup/${i}`).value(JSON.stringify(configMap(i))); // connection + WAL warm-up
    const start = performance.now();
    for (let i = 0; i < ETCD_PUTS; i++) await client.put(`/registry/configmaps/default/cm-${i}`).value(JSON.stringify(configMap(i)));
    return (ETCD_PUTS / (performance.now() - start)) * 1000;
  } finally {
    client.close();
    await stopProcess(etcd.proc);
  }
}

async function measureFileStore(tmp: string): Promise<number> {
  const store = await openFileStore(path.join(tmp, 'file-store'));
  try {
    for (let i = 0; i < 1000; i++) await store.create(`/warmup/${i}`, configMap(i));
    const start = performance.now();
    for (let i = 0; i < STORE_CREATES; i++) await store.create(`/registry/configmaps/default/cm-${i}`, configMap(i));
    return (STORE_CREATES / (performance.now() - start)) * 1000;
  } finally {
    await store.close();
  }
}

export async function storeBench(): Promise<BenchResult> {
  const name = 'store';
  const goal = `file store sequential creates/s ≥ ${GOAL}× etcd 3.4 sequential puts/s`;
  const bin = findEtcd();
  if (!bin) {
    const result: BenchResult = { name, figures: {}, ratio: 0, goal, pass: false, skipped: 'etcd is not installed (apt-get install etcd-server etcd-client)' };
    printBench(result);
    return result;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'store-bench-'));
  try {
    const etcdPutsPerSec = await measureEtcd(bin, tmp);
    const fileStoreCreatesPerSec = await measureFileStore(tmp);
    const ratio = fileStoreCreatesPerSec / etcdPutsPerSec;
    const result: BenchResult = {
      name,
      figures: {
        etcdPutsPerSec: Math.round(etcdPutsPerSec),
        fileStoreCreatesPerSec: Math.round(fileStoreCreatesPerSec),
        etcdPuts: ETCD_PUTS,
        fileStoreCreates: STORE_CREATES,
      },
      ratio: Math.round(ratio * 100) / 100,
      goal,
      pass: ratio >= GOAL,
    };
    printBench(result);
    return result;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await storeBench();
  process.exitCode = r.pass || r.skipped ? 0 : 1;
}
