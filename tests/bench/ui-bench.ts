/**
 * B8 (topology map) and B10 part 1 (terminal throughput) in headless Debian chromium: the bench page
 * (tests/bench/pages/ui) is built with vite and served from a local static server, then driven with playwright-core.
 * - B8: 1,000 nodes and 10,000 pods, 5 % of the pods changing phase every frame, for 8 s: goal ≥ 55 fps and p95 frame
 *   interval ≤ 20 ms; the reference is Cytoscape drawing the same scene with the same churn in the same run.
 * - B10: xterm writes 20 MB while the map animates: goal ≥ 20 MB/s; the reference appends the same bytes to a <pre>.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { cacheControlFor } from '../../main/browser/browser-server';
import { printBench, type BenchResult } from './bench-result';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

/** Builds tests/bench/pages/<pageDir> and serves it with browser mode's caching policy (hashed assets kept, the page never). */
async function servePage(pageDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const out = await mkdtemp(join(tmpdir(), 'cluster-lab-ui-bench-'));
  await build({ root: join(HERE, 'pages', pageDir), base: './', worker: { format: 'es' }, logLevel: 'warn', build: { outDir: out, emptyOutDir: true, chunkSizeWarningLimit: 10_000 } });
  const server: Server = createServer(async (req, res) => {
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const path = join(out, rel === '/' ? 'index.html' : rel);
    try {
      const body = await readFile(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': cacheControlFor(rel) });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: async () => (server.close(), rm(out, { recursive: true, force: true })) };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Builds tests/bench/pages/<pageDir>, serves it, opens it in headless chromium and waits for window.__bench. */
export async function withBenchPage<T>(pageDir: string, fn: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const served = await servePage(pageDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(served.url);
    await page.waitForFunction(() => (window as unknown as { __bench?: unknown }).__bench !== undefined);
    return await fn(page);
  } finally {
    await browser.close();
    await served.close();
  }
}

export function mapBench(): Promise<BenchResult> {
  return withBenchPage('ui', async (page) => {
    const map = (await page.evaluate(() => (window as unknown as { __bench: { mapBench(s: number): Promise<unknown> } }).__bench.mapBench(8))) as { ours: { fps: number; p95: number }; reference: { fps: number; p95: number } };
    const result: BenchResult = {
      name: 'B8 topology map: 1,000 nodes, 10,000 pods, 5 % changing per frame (headless chromium)',
      figures: { fps: round(map.ours.fps), p95FrameMs: round(map.ours.p95), cytoscapeFps: round(map.reference.fps), cytoscapeP95FrameMs: round(map.reference.p95) },
      ratio: round(map.ours.fps / Math.max(map.reference.fps, 0.01)),
      goal: '≥ 55 fps and p95 frame ≤ 20 ms (ratio = fps vs Cytoscape on the same scene)',
      pass: map.ours.fps >= 55 && map.ours.p95 <= 20,
    };
    printBench(result);
    return result;
  });
}

export function terminalBench(): Promise<BenchResult> {
  return withBenchPage('ui', async (page) => {
    const term = (await page.evaluate(() => (window as unknown as { __bench: { terminalBench(b: number): Promise<unknown> } }).__bench.terminalBench(20_000_000))) as { mbPerSec: number; referenceMbPerSec: number };
    const result: BenchResult = {
      name: 'B10 terminal: xterm write throughput with the map animating (headless chromium)',
      figures: { mbPerSec: round(term.mbPerSec), preAppendMbPerSec: round(term.referenceMbPerSec) },
      ratio: round(term.mbPerSec / Math.max(term.referenceMbPerSec, 0.01)),
      goal: '≥ 20 MB/s (ratio = vs appending to a <pre>)',
      pass: term.mbPerSec >= 20,
    };
    printBench(result);
    return result;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await mapBench();
  await terminalBench();
}
