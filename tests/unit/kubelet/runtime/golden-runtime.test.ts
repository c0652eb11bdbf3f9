/**
 * Golden cases (tests/golden/runtime/*.yaml): pods, then time-ordered steps (at = seconds after the last pod
 * started; pods start one after the other, each after its image pull) with the outcome each must have. The expectations are written from upstream behaviour (docs
 * tutorials, busybox/containerd/nginx output), not captured from this implementation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { flush, newRuntime, startPod, type PodSpec } from './runtime-harness';

const DIR = join(__dirname, '../../../golden/runtime');

interface Step {
  at: number;
  exec?: { pod: string; command: string[] };
  status?: { pod: string };
  stop?: { pod: string; grace: number };
  httpGet?: { pod: string; port: number; path: string; headers?: Record<string, string> };
  connect?: { pod: string; port: number; send: string };
  tcpProbe?: { pod: string; port: number };
  grpcProbe?: { pod: string; port: number; service?: string };
  logs?: { pod: string; tail?: number };
  pull?: string;
  expect: Record<string, unknown>;
}

interface Case {
  description: string;
  pods: Array<PodSpec & { name: string }>;
  steps: Step[];
}

function check(actual: Record<string, unknown>, expected: Record<string, unknown>, where: string): void {
  for (const [key, want] of Object.entries(expected)) {
    if (key.endsWith('Contains')) {
      const field = key.slice(0, -'Contains'.length);
      const text = String(actual[field]);
      for (const piece of Array.isArray(want) ? want : [want]) expect(text, `${where}: ${field} should contain ${JSON.stringify(piece)}`).toContain(piece);
    } else {
      expect(actual[key], `${where}: ${key}`).toEqual(want);
    }
  }
}

describe('golden runtime cases', () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    const c = parse(readFileSync(join(DIR, file), 'utf8')) as Case;
    test(`${file}: ${c.description}`, async () => {
      const { clock, runtime } = newRuntime();
      const pods = new Map<string, { sandboxId: string; containerId: string }>();
      for (const [i, p] of c.pods.entries()) {
        pods.set(p.name, await startPod(clock, runtime, { ...p, ip: p.ip ?? `10.244.1.${10 + i}` }));
      }
      const t0 = clock.now();
      const pod = (name: string) => {
        const p = pods.get(name);
        if (p === undefined) throw new Error(`${file}: no pod ${name}`);
        return p;
      };
      const pending: Array<Promise<unknown>> = [];
      for (const [i, step] of c.steps.entries()) {
        const where = `${file} step ${i} (at ${step.at}s)`;
        const target = t0 + step.at * 1000;
        if (target < clock.now()) throw new Error(`${where}: steps must be in time order`);
        clock.advance(target - clock.now());
        await flush();
        let actual: Record<string, unknown>;
        if (step.exec) {
          actual = await runtime.execSync(pod(step.exec.pod).containerId, step.exec.command, 10).then(
            (r) => ({ ...r }),
            (e: Error) => ({ error: e.message }),
          );
        }
        else if (step.status) actual = { ...runtime.containerStatus(pod(step.status.pod).containerId) };
        else if (step.stop) {
          pending.push(runtime.stopContainer(pod(step.stop.pod).containerId, step.stop.grace));
          await flush();
          actual = { ...runtime.containerStatus(pod(step.stop.pod).containerId) };
        } else if (step.httpGet) {
          const h = step.httpGet;
          actual = { ...(await runtime.httpGet(pod(h.pod).sandboxId, h.port, h.path, h.headers ?? {}, 1)) };
        } else if (step.connect) {
          const conn = runtime.connect(pod(step.connect.pod).sandboxId, step.connect.port);
          let received = '';
          let closed = false;
          conn?.onData((d) => (received += new TextDecoder().decode(d)));
          conn?.onClose(() => (closed = true));
          conn?.write(new TextEncoder().encode(step.connect.send));
          actual = { refused: conn === undefined, received, closed };
        } else if (step.tcpProbe) actual = { open: await runtime.tcpProbe(pod(step.tcpProbe.pod).sandboxId, step.tcpProbe.port, 1) };
        else if (step.grpcProbe) {
          const g = step.grpcProbe;
          actual = { health: await runtime.grpcProbe(pod(g.pod).sandboxId, g.port, g.service ?? '', 1) };
        } else if (step.logs) {
          const lines = runtime.logs(pod(step.logs.pod).containerId, step.logs.tail === undefined ? {} : { tailLines: step.logs.tail });
          actual = { lines: lines.map((l) => `${l.stream} ${l.text}`), text: lines.map((l) => l.text).join('\n') };
        } else if (step.pull !== undefined) {
          const result = runtime.pullImage(step.pull).then(
            (info) => ({ ref: info.ref }),
            (e: Error) => ({ error: e.message, name: e.constructor.name }),
          );
          for (let k = 0; k < 20; k++) {
            clock.advance(500);
            await flush();
          }
          actual = await result;
        } else throw new Error(`${where}: step has no action`);
        check(actual, step.expect, where);
      }
      await Promise.race([Promise.all(pending), flush()]);
    });
  }
});
