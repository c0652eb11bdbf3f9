/**
 * `kubectl get pods` on a big namespace: 5,000 pods, then N=50 sequential `GET /api/v1/namespaces/<ns>/pods`
 * through the HTTPS endpoint with the Accept header kubectl sends (a meta.k8s.io/v1 Table), once without a
 * limit and once with limit=500 (kubectl's default chunk size). Goal: p99 ≤ 300 ms for both.
 *
 * Reference, in the same run: the same requests as a plain JSON PodList, so what the Table costs on top of the
 * list itself is visible. Headline ratio = 300 ms / the worse Table p99 (≥ 1 meets the goal).
 * Run alone: `npx tsx tests/bench/list-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { startLabServer } from '../support/lab-server';
import { printBench, type BenchResult } from './bench-result';
import { createNamespace, expectStatus, httpsClient, inProcess, quantile, round2, type HttpsClient } from './lab-requests';

const PODS = 5_000;
const REQUESTS = 50;
const WARMUP = 3;
const GOAL_MS = 300;
const NAMESPACE = 'bench-list';
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

function pod(i: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${String(i).padStart(5, '0')}`, labels: { app: 'web', shard: String(i % 10) } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

/** Latencies (ms) of `REQUESTS` sequential GETs after a short warm-up; every response must be a 200. */
async function measure(client: HttpsClient, path: string, accept: string): Promise<{ p50: number; p99: number; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < WARMUP; i++) await client.get(path, { accept });
  const sample: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const start = performance.now();
    const res = await client.get(path, { accept });
    sample.push(performance.now() - start);
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`);
    bytes = res.bytes;
  }
  return { p50: round2(quantile(sample, 0.5)), p99: round2(quantile(sample, 0.99)), bytes };
}

export async function listBench(): Promise<BenchResult> {
  const name = 'list: kubectl get pods (Table) over 5,000 pods';
  const goal = `p99 ≤ ${GOAL_MS} ms for the Table list, without limit and with limit=500 (ratio = ${GOAL_MS} / worse p99 ≥ 1)`;
  // The API server's list path is measured, not 5,000 pods' lives: without a scheduler and kubelets the pods stay
  // Pending (as the upstream list benchmarks' pods do), so the lists do not race 5,000 pod startups on one node.
  const lab = await startLabServer({ nodes: 1, zones: ['zone-a'], without: { scheduler: true, kubelets: true } });
  const client = httpsClient(lab);
  try {
    await createNamespace(lab, NAMESPACE);
    const created = performance.now();
    for (let i = 0; i < PODS; i++) expectStatus(await inProcess(lab, 'POST', `/api/v1/namespaces/${NAMESPACE}/pods`, pod(i)), 201, `create pod ${i}`);
    const createMs = performance.now() - created;

    const path = `/api/v1/namespaces/${NAMESPACE}/pods`;
    const table = await measure(client, path, TABLE_ACCEPT);
    const tableLimited = await measure(client, `${path}?limit=500`, TABLE_ACCEPT);
    const json = await measure(client, path, 'application/json');
    const jsonLimited = await measure(client, `${path}?limit=500`, 'application/json');

    const worst = Math.max(table.p99, tableLimited.p99);
    const result: BenchResult = {
      name,
      figures: {
        pods: PODS,
        requestsPerVariant: REQUESTS,
        podCreatesPerSec: Math.round((PODS / createMs) * 1000),
        tableP50Ms: table.p50,
        tableP99Ms: table.p99,
        tableBytes: table.bytes,
        tableLimit500P50Ms: tableLimited.p50,
        tableLimit500P99Ms: tableLimited.p99,
        jsonListP50Ms: json.p50,
        jsonListP99Ms: json.p99,
        jsonListBytes: json.bytes,
        jsonLimit500P50Ms: jsonLimited.p50,
        jsonLimit500P99Ms: jsonLimited.p99,
        tableOverJsonP50: round2(table.p50 / json.p50),
      },
      ratio: round2(GOAL_MS / worst),
      goal,
      pass: worst <= GOAL_MS,
    };
    printBench(result);
    return result;
  } finally {
    client.close();
    await lab.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await listBench();
}
