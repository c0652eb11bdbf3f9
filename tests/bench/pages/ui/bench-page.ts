/**
 * In-page halves of the UI benchmarks, driven by tests/bench/ui-bench.ts through window.__bench:
 * - map(seconds): the app's topology renderer (buildScene + drawScene) with 1,000 nodes and 10,000 pods, 5 % of the
 *   pods changing phase every frame; and the same scene and churn drawn by Cytoscape, the reference;
 * - terminal(bytes): xterm's write throughput while the map animates, against appending the same text to a <pre>.
 */
import cytoscape from 'cytoscape';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { KubeObject } from '../../../../engine/api/objects';
import { buildScene, type PodLook } from '../../../../renderer/topology/topology-model';
import { drawScene } from '../../../../renderer/topology/draw-scene';

const NODES = 1_000;
const PODS = 10_000;
const PHASES: Array<{ phase: string; ready: boolean }> = [
  { phase: 'Running', ready: true },
  { phase: 'Running', ready: false },
  { phase: 'Pending', ready: false },
  { phase: 'Failed', ready: false },
];
const COLORS: Record<PodLook | 'fg' | 'muted' | 'border' | 'err', string> = {
  ready: '#1a7f37', running: '#9a6700', pending: '#8250df', creating: '#0969da', succeeded: '#636c76', failed: '#cf222e', terminating: '#636c76', crashloop: '#cf222e',
  fg: '#1f2328', muted: '#636c76', border: '#d0d7de', err: '#cf222e',
};

function cluster(): { nodes: KubeObject[]; pods: KubeObject[] } {
  const nodes: KubeObject[] = [];
  for (let i = 0; i < NODES; i++) nodes.push({ kind: 'Node', metadata: { name: `node-${i}`, labels: { 'topology.kubernetes.io/zone': `zone-${i % 3}` } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });
  const pods: KubeObject[] = [];
  for (let i = 0; i < PODS; i++) pods.push(podAt(i, 0));
  return { nodes, pods };
}

function podAt(i: number, state: number): KubeObject {
  const s = PHASES[state % PHASES.length]!;
  return { kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'default' }, spec: { nodeName: `node-${i % NODES}` }, status: { phase: s.phase, conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False' }] } };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `frame` on every animation frame for `seconds`; fps and the p95 of frame-to-frame intervals. */
function animate(seconds: number, frame: (n: number) => void): Promise<{ fps: number; p95: number; frames: number }> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    const start = performance.now();
    let last = start;
    let n = 0;
    const tick = (now: number) => {
      if (n > 0) intervals.push(now - last);
      last = now;
      frame(n++);
      if (now - start < seconds * 1000) requestAnimationFrame(tick);
      else resolve({ fps: (n - 1) / ((now - start) / 1000), p95: percentile(intervals, 95), frames: n });
    };
    requestAnimationFrame(tick);
  });
}

async function mapBench(seconds: number) {
  const { nodes, pods } = cluster();
  const states = new Uint8Array(PODS);
  const churn = (n: number) => {
    for (let k = 0; k < PODS / 20; k++) {
      const i = (n * 7919 + k * 104729) % PODS;
      states[i] = (states[i]! + 1) % PHASES.length;
      pods[i] = podAt(i, states[i]!);
    }
  };
  const canvas = document.getElementById('map') as HTMLCanvasElement;
  canvas.width = canvas.clientWidth;
  canvas.height = canvas.clientHeight;
  const g = canvas.getContext('2d')!;
  const ours = await animate(seconds, (n) => {
    churn(n);
    drawScene(g, buildScene(nodes, pods), canvas.width, canvas.height, COLORS, 'Unscheduled');
  });
  canvas.style.display = 'none';

  // The reference: Cytoscape with the nodes as compound parents and the pods as their children, same churn.
  const elements: cytoscape.ElementDefinition[] = [];
  for (const n of nodes) elements.push({ data: { id: n.metadata!.name! } });
  for (let i = 0; i < PODS; i++) elements.push({ data: { id: `pod-${i}`, parent: `node-${i % NODES}`, color: COLORS.ready } });
  const cy = cytoscape({
    container: document.getElementById('cy'),
    elements,
    style: [{ selector: 'node', style: { 'background-color': 'data(color)', width: 10, height: 10 } }, { selector: ':parent', style: { 'background-opacity': 0.05 } }],
    layout: { name: 'grid' },
  });
  const look = ['#1a7f37', '#9a6700', '#8250df', '#cf222e'];
  const reference = await animate(seconds, (n) => {
    cy.batch(() => {
      for (let k = 0; k < PODS / 20; k++) {
        const i = (n * 7919 + k * 104729) % PODS;
        states[i] = (states[i]! + 1) % PHASES.length;
        cy.getElementById(`pod-${i}`).data('color', look[states[i]!]);
      }
    });
  });
  cy.destroy();
  return { ours, reference };
}

async function terminalBench(bytes: number) {
  const line = 'default       web-6d4c6f7b8d-abcde   1/1     Running   0          5m    10.244.1.23   node-2   <none>   <none>\r\n';
  const chunk = line.repeat(Math.ceil(1_048_576 / line.length));
  const term = new Terminal({ cols: 120, rows: 24, scrollback: 1000 });
  term.open(document.getElementById('term')!);
  // The map is open beside it: 10,000 pods drawn, redrawn as the app does — when the cluster changes (here a few
  // pods change every 100 ms, as a busy lab does), not on every frame.
  const { nodes, pods } = cluster();
  const canvas = document.getElementById('map') as HTMLCanvasElement;
  canvas.style.display = 'block';
  const g = canvas.getContext('2d')!;
  let animating = true;
  let n = 0;
  const loop = () => {
    if (!animating) return;
    pods[n % PODS] = podAt(n % PODS, ++n);
    drawScene(g, buildScene(nodes, pods), canvas.width, canvas.height, COLORS, 'Unscheduled');
    setTimeout(loop, 100);
  };
  loop();
  const t0 = performance.now();
  let written = 0;
  // Output is queued as the host streams it; xterm parses and renders at its own pace. Done when the last is parsed.
  const parsed: Array<Promise<void>> = [];
  while (written < bytes) {
    parsed.push(new Promise<void>((resolve) => term.write(chunk, resolve)));
    written += chunk.length;
  }
  await Promise.all(parsed);
  const ms = performance.now() - t0;
  animating = false;
  term.dispose();
  const pre = document.getElementById('pre')!;
  const r0 = performance.now();
  let done = 0;
  while (done < bytes) {
    pre.append(chunk);
    if (pre.childNodes.length > 50) pre.removeChild(pre.firstChild!);
    done += chunk.length;
    await new Promise((r) => requestAnimationFrame(r));
  }
  const refMs = performance.now() - r0;
  return { mbPerSec: bytes / 1e6 / (ms / 1000), referenceMbPerSec: bytes / 1e6 / (refMs / 1000) };
}

(window as unknown as { __bench: unknown }).__bench = { mapBench, terminalBench };
