/**
 * Watch fan-out: 100 watchers on the ConfigMaps of one namespace, K=2,000 ConfigMap updates. The API server
 * encodes each event once and hands every watcher the same line (ResponseConverter's per-event cache); the
 * reference is per-watcher serialization, each watcher encoding the event itself.
 *
 * Two honest figures, both measured in this run:
 *
 * 1. Serialization work per delivered event (the headline, what the goal is about): the real
 *    ResponseConverter's watch encoders — one per watcher, as the server makes them — fed the K real store
 *    events captured from the updates. Shared: `encoder(type, object, storeEvent)` (encode once, 100 cache
 *    hits) + 100 sends. Per-watcher: `encoder(type, object)` without the event (100 encodes) + 100 sends.
 *    A send appends the line to the watcher's counting sink. Ratio = per-watcher / shared time.
 *
 * 2. End-to-end delivery through the in-process API server (real watch responses, `res.start({send, end})`):
 *    time from the first update until all 100 watchers counted all K lines, with shared lines as served, and
 *    with each watcher's sink additionally encoding the event from its object (what every watcher would pay
 *    without the cache); the same updates with no watcher open are timed alongside. This includes the writes,
 *    the store's fan-out and the per-watcher filtering, so its ratio is far smaller; it is printed, not gated.
 *
 * Run alone: `npx tsx tests/bench/watch-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { ApiWatchResponse } from '../../engine/apiserver/handler-types';
import { ResponseConverter } from '../../engine/apiserver/handlers/response-converter';
import type { KubeObject } from '../../engine/api/objects';
import type { StoreEvent } from '../../engine/store/types';
import { startLabServer, type LabServer } from '../support/lab-server';
import { printBench, type BenchResult } from './bench-result';
import { BENCH_USER, createNamespace, expectStatus, inProcess, round2 } from './lab-requests';

const WATCHERS = 100;
const UPDATES = 2_000;
const CONFIGMAPS = 20;
const GOAL = 50;
const NAMESPACE = 'bench-watch';
const COLLECTION = `/api/v1/namespaces/${NAMESPACE}/configmaps`;
/** Rounds of the serialization measurement; the fastest of each side counts (least disturbed by GC/JIT). */
const ROUNDS = 5;

function configMap(i: number, round: number, update: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `settings-${i}`, labels: { app: 'bench', tier: 'backend' } },
    data: { 'config.yaml': `replicas: 3\nimage: registry.local/app:1.0\nlogLevel: info\nround: ${round}\n`, update: String(update) },
  };
}

/** One counting sink per watcher: lines and bytes received. */
interface Counter {
  lines: number;
  bytes: number;
}

/** K updates spread over the ConfigMaps, sequential (each awaited), as round `round`. */
async function updateAll(lab: LabServer, round: number): Promise<void> {
  for (let u = 0; u < UPDATES; u++) {
    const i = u % CONFIGMAPS;
    expectStatus(await inProcess(lab, 'PUT', `${COLLECTION}/settings-${i}`, configMap(i, round, u)), 200, `update settings-${i}`);
  }
}

async function currentResourceVersion(lab: LabServer): Promise<string> {
  const list = JSON.parse(expectStatus(await inProcess(lab, 'GET', COLLECTION), 200, 'list configmaps')) as { metadata: { resourceVersion: string } };
  return list.metadata.resourceVersion;
}

/**
 * Opens `WATCHERS` real watches from the current resourceVersion (so only the coming updates arrive) and
 * runs one round of updates; resolves with the ms from the first update until every watcher has all K lines.
 * `perWatcherEncode`, when given, is called by every watcher's sink for every line it receives.
 */
async function deliveryRound(lab: LabServer, round: number, perWatcherEncode?: (watcher: number, line: number) => void): Promise<number> {
  const rv = await currentResourceVersion(lab);
  const counters: Counter[] = [];
  const subscriptions: Array<{ dispose(): void }> = [];
  let complete = 0;
  let allDelivered!: () => void;
  const delivered = new Promise<void>((resolve) => (allDelivered = resolve));
  for (let w = 0; w < WATCHERS; w++) {
    const res = await lab.controlPlane.handler.handle({
      method: 'GET',
      path: COLLECTION,
      query: { watch: ['true'], resourceVersion: [rv], timeoutSeconds: ['600'] },
      headers: { accept: 'application/json' },
      user: BENCH_USER,
    });
    if (res.kind !== 'watch') throw new Error(`watch ${w}: HTTP ${res.status}`);
    const counter: Counter = { lines: 0, bytes: 0 };
    counters.push(counter);
    subscriptions.push(
      (res as ApiWatchResponse).start({
        send: (line) => {
          perWatcherEncode?.(w, counter.lines);
          counter.lines++;
          counter.bytes += line.length;
          if (counter.lines === UPDATES && ++complete === WATCHERS) allDelivered();
        },
        end: () => {},
      }),
    );
  }
  const start = performance.now();
  await updateAll(lab, round);
  await delivered;
  const ms = performance.now() - start;
  for (const s of subscriptions) s.dispose();
  if (counters.some((c) => c.lines !== UPDATES)) throw new Error('a watcher received more or fewer events than were made');
  return ms;
}

/** Records the store events of one round of updates (the real event objects the watch cache would share). */
async function captureEvents(lab: LabServer, round: number): Promise<StoreEvent[]> {
  const events: StoreEvent[] = [];
  const sub = lab.controlPlane.store.watch(`/registry/configmaps/${NAMESPACE}/`, { afterRevision: lab.controlPlane.store.currentRevision() }, (e) => {
    if (e.type === 'MODIFIED') events.push(e);
  });
  await updateAll(lab, round);
  sub.dispose();
  if (events.length !== UPDATES) throw new Error(`captured ${events.length} events, expected ${UPDATES}`);
  return events;
}

/** ms to deliver every captured event to every watcher through the real watch encoders. */
function serializationRound(lab: LabServer, events: readonly StoreEvent[], shared: boolean): { ms: number; bytes: number } {
  const info = lab.controlPlane.cluster.catalog.forResource('', 'configmaps');
  if (!info) throw new Error('configmaps are not served');
  const converter = new ResponseConverter(lab.controlPlane.driver.clock, { columnsFor: () => undefined });
  const req = { method: 'GET' as const, path: COLLECTION, query: { watch: ['true'] }, headers: { accept: 'application/json' }, user: BENCH_USER };
  const encoders = Array.from({ length: WATCHERS }, () => converter.watchEncoder(info, { form: 'object', encoding: 'json' }, req));
  const sinks: Counter[] = Array.from({ length: WATCHERS }, () => ({ lines: 0, bytes: 0 }));
  const start = performance.now();
  for (const e of events) {
    const object = e.object as KubeObject;
    for (let w = 0; w < WATCHERS; w++) {
      const line = shared ? encoders[w]!('MODIFIED', object, e) : encoders[w]!('MODIFIED', object);
      const sink = sinks[w]!;
      sink.lines++;
      sink.bytes += line.length;
    }
  }
  const ms = performance.now() - start;
  return { ms, bytes: sinks.reduce((n, s) => n + s.bytes, 0) };
}

export async function watchBench(): Promise<BenchResult> {
  const name = 'watch: fan-out to 100 watchers vs per-watcher serialization';
  const goal = `serialization work per delivered event, shared encoding ≥ ${GOAL}× cheaper than per-watcher encoding (${WATCHERS} watchers, ${UPDATES} updates)`;
  const lab = await startLabServer({ nodes: 1, zones: ['zone-a'] });
  try {
    await createNamespace(lab, NAMESPACE);
    for (let i = 0; i < CONFIGMAPS; i++) expectStatus(await inProcess(lab, 'POST', COLLECTION, configMap(i, 0, 0)), 201, `create settings-${i}`);

    // 1. Serialization work, over the real events of one round of updates.
    const events = await captureEvents(lab, 1);
    let sharedMs = Infinity;
    let perWatcherMs = Infinity;
    let sharedBytes = 0;
    let perWatcherBytes = 0;
    for (let r = 0; r < ROUNDS; r++) {
      const s = serializationRound(lab, events, true);
      const p = serializationRound(lab, events, false);
      sharedMs = Math.min(sharedMs, s.ms);
      perWatcherMs = Math.min(perWatcherMs, p.ms);
      sharedBytes = s.bytes;
      perWatcherBytes = p.bytes;
    }
    if (sharedBytes !== perWatcherBytes) throw new Error('shared and per-watcher encodings delivered different bytes');

    // 2. End-to-end delivery through the API server's watch responses.
    const writesStart = performance.now();
    await updateAll(lab, 2);
    const writesOnlyMs = performance.now() - writesStart;
    const sharedDeliveryMs = await deliveryRound(lab, 3);
    // Each watcher encodes the event from its object itself, in addition to what the server does once.
    const perWatcherDeliveryMs = await deliveryRound(lab, 4, (_w, line) => {
      const e = events[line]!;
      JSON.stringify({ type: 'MODIFIED', object: e.object });
    });

    const ratio = perWatcherMs / sharedMs;
    const delivered = WATCHERS * UPDATES;
    const result: BenchResult = {
      name,
      figures: {
        watchers: WATCHERS,
        updates: UPDATES,
        bytesDelivered: sharedBytes,
        sharedEncodeNsPerDelivery: Math.round((sharedMs * 1e6) / delivered),
        perWatcherEncodeNsPerDelivery: Math.round((perWatcherMs * 1e6) / delivered),
        serializationRatio: round2(ratio),
        writesOnlyMs: Math.round(writesOnlyMs),
        sharedEndToEndMs: Math.round(sharedDeliveryMs),
        perWatcherEndToEndMs: Math.round(perWatcherDeliveryMs),
        endToEndRatio: round2(perWatcherDeliveryMs / sharedDeliveryMs),
      },
      ratio: round2(ratio),
      goal,
      pass: ratio >= GOAL,
    };
    printBench(result);
    return result;
  } finally {
    await lab.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await watchBench();
}
