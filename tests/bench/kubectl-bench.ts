/**
 * B10, part 2: `kubectl get pods -A` over 10,000 pods, run by the in-app kubectl to completion (discovery,
 * chunked Table lists of 500 as kubectl pages them, tabwriter layout, all output produced). Goal ≤ 1 s.
 *
 * Reference, in the same run: the API server alone producing the same Table pages (the same requests, no
 * printing), so what the in-app kubectl adds on top of the server is visible. Headline ratio = 1000 ms / in-app
 * time (≥ 1 meets the goal). Pods go straight through the handler into a cluster without scheduler and kubelets,
 * so they stay Pending and nothing else competes for the CPU. Run alone: `npx tsx tests/bench/kubectl-bench.ts`.
 */
import { pathToFileURL } from 'node:url';
import { runKubectl } from '../../engine/kubectl';
import { ACCEPT_TABLE, Rest } from '../../engine/kubectl/rest';
import { startLabServer } from '../support/lab-server';
import { printBench, type BenchResult } from './bench-result';
import { createNamespace, expectStatus, inProcess, quantile, round2 } from './lab-requests';

const PODS = 10_000;
const NAMESPACES = 10;
const RUNS = 5;
const GOAL_MS = 1000;

function pod(i: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `web-${String(i).padStart(5, '0')}`, labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
  };
}

export async function kubectlBench(): Promise<BenchResult> {
  const name = 'B10 kubectl: in-app `kubectl get pods -A` over 10,000 pods';
  const goal = `in-app kubectl prints get pods -A over ${PODS} pods in ≤ ${GOAL_MS} ms (ratio = ${GOAL_MS} / median ≥ 1)`;
  const lab = await startLabServer({ nodes: 1, zones: ['zone-a'], without: { scheduler: true, kubelets: true } });
  try {
    for (let n = 0; n < NAMESPACES; n++) await createNamespace(lab, `bench-${n}`);
    for (let i = 0; i < PODS; i++) expectStatus(await inProcess(lab, 'POST', `/api/v1/namespaces/bench-${i % NAMESPACES}/pods`, pod(i)), 201, `create pod ${i}`);
    const handler = lab.controlPlane.handler;
    const clock = lab.controlPlane.driver.clock;

    const kubectlMs: number[] = [];
    let bytes = 0;
    let lines = 0;
    for (let r = 0; r < RUNS + 1; r++) {
      let out = '';
      let err = '';
      const start = performance.now();
      const code = await runKubectl(['get', 'pods', '-A'], { handler, clock, stdout: (s) => (out += s), stderr: (s) => (err += s), signal: { aborted: false, onAbort: () => ({ dispose() {} }) } });
      const ms = performance.now() - start;
      if (code !== 0 || err !== '') throw new Error(`kubectl get pods -A failed: ${err}`);
      lines = out.split('\n').length - 1;
      if (lines !== PODS + 1) throw new Error(`expected ${PODS + 1} lines, got ${lines}`);
      bytes = out.length;
      if (r > 0) kubectlMs.push(ms); // the first run warms discovery and the JIT
    }

    // The server alone: the same chunked Table requests kubectl makes.
    const rest = new Rest(handler);
    const serverMs: number[] = [];
    for (let r = 0; r < RUNS + 1; r++) {
      const start = performance.now();
      let cont: string | undefined;
      do {
        const page = await rest.json<{ metadata?: { continue?: string } }>({ method: 'GET', path: '/api/v1/pods', accept: ACCEPT_TABLE, query: { limit: '500', continue: cont } });
        cont = page.metadata?.continue || undefined;
      } while (cont);
      if (r > 0) serverMs.push(performance.now() - start);
    }

    const median = quantile(kubectlMs, 0.5);
    const server = quantile(serverMs, 0.5);
    const result: BenchResult = {
      name,
      figures: {
        pods: PODS,
        runs: RUNS,
        outputLines: lines,
        outputBytes: bytes,
        inAppKubectlMedianMs: round2(median),
        inAppKubectlMaxMs: round2(Math.max(...kubectlMs)),
        serverTablePagesMedianMs: round2(server),
        kubectlOverServer: round2(median / server),
      },
      ratio: round2(GOAL_MS / median),
      goal,
      pass: median <= GOAL_MS,
    };
    printBench(result);
    return result;
  } finally {
    await lab.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await kubectlBench();
}
