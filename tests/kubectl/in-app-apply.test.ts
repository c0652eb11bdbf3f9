/**
 * applyManifests / diffManifests — the editor's entry points — against the same facts real kubectl shows:
 * per-document `kubectl apply` messages (created, unchanged, configured), the API's Status for an invalid
 * document, and `kubectl diff` output equal to real kubectl's apart from its temp directory names and file times.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyManifests, diffManifests, type KubectlContext } from '../../engine/kubectl';
import { startLabServer, type LabServer } from '../support/lab-server';

const FIXTURES = resolve(__dirname, 'fixtures');
let lab: LabServer;
let ctx: KubectlContext;

beforeAll(async () => {
  lab = await startLabServer({ paused: true, seed: 3, without: { workloadControllers: true } });
  ctx = {
    handler: lab.controlPlane.handler,
    clock: lab.controlPlane.driver.clock,
    stdout: () => undefined,
    stderr: () => undefined,
    signal: { aborted: false, onAbort: () => ({ dispose() {} }) },
  };
}, 60_000);

afterAll(async () => {
  await lab?.close();
});

describe('applyManifests', () => {
  it('reports each document as kubectl apply does, then unchanged, then configured', async () => {
    const app = readFileSync(resolve(FIXTURES, 'app.yaml'), 'utf8');
    const first = await applyManifests(ctx, app, {});
    expect(first.map((r) => r.message)).toEqual(['namespace/shop created', 'configmap/web-config created', 'secret/web-secret created', 'service/web created', 'deployment.apps/web created']);
    expect(first.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    const again = await applyManifests(ctx, app, {});
    expect(again.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged', 'unchanged']);
    const changed = await applyManifests(ctx, app.replace('replicas: 2', 'replicas: 4'), {});
    expect(changed[4]).toMatchObject({ kind: 'Deployment', name: 'web', namespace: 'shop', outcome: 'configured', message: 'deployment.apps/web configured' });
    const live = await lab.kubectl(['get', 'deployment', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}']);
    expect(live.stdout).toBe('4');
  });

  it('returns the API Status with its causes for an invalid document, and creates nothing', async () => {
    const bad = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\n  namespace: shop\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: bad}\n    spec:\n      containers:\n      - name: c\n        image: nginx\n';
    const [r] = await applyManifests(ctx, bad, {});
    expect(r?.outcome).toBeUndefined();
    expect(r?.status?.reason).toBe('Invalid');
    expect(r?.status?.details?.causes?.[0]?.field).toBe('spec.replicas');
    expect(r?.message).toBe('The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect((await lab.kubectl(['get', 'deployment', 'bad', '-n', 'shop'])).code).toBe(1);
  });

  it('dry-runs on the server without changing anything', async () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dry\n  namespace: shop\n';
    const [r] = await applyManifests(ctx, cm, { dryRun: true });
    expect(r?.message).toBe('configmap/dry created (server dry run)');
    expect((await lab.kubectl(['get', 'configmap', 'dry', '-n', 'shop'])).code).toBe(1);
  });
});

describe('diffManifests', () => {
  it('prints what real kubectl diff prints', async () => {
    const app = readFileSync(resolve(FIXTURES, 'app.yaml'), 'utf8').replace('replicas: 2', 'replicas: 3').replace('greeting: hello', 'greeting: hi');
    const real = await lab.kubectl(['diff', '-f', '-'], { input: app });
    expect(real.code).toBe(1);
    const mine = await diffManifests(ctx, app, {});
    const mask = (s: string) => s.replace(/\/tmp\/(LIVE|MERGED)-\d+/g, '/tmp/$1-<n>').replace(/\t\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d+ \+0000/g, '\t<mtime>');
    expect(mask(real.stdout)).toContain('-  replicas: 4');
    expect(mask(mine)).toBe(mask(real.stdout));
  });

  it('is empty when nothing would change', async () => {
    const app = readFileSync(resolve(FIXTURES, 'app.yaml'), 'utf8').replace('replicas: 2', 'replicas: 4');
    expect(await diffManifests(ctx, app, {})).toBe('');
  });
});
