/**
 * The app host against a real control plane (fake engine ports for kubectl/labs): the bridge requests work end
 * to end, and settings, lab progress and cluster objects survive a host restart on the same data directory.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { BridgeEvents } from '../../../main/bridge/contract';
import { createAppHost, type AppHost, type PushedEvent } from '../../../main/host/app-host';
import { fakeEnginePorts } from './fake-engine-ports';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const CONFIGMAP = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  k: v\n`;

async function start(dataDir: string, labsDir: string): Promise<{ host: AppHost; pushed: PushedEvent[] }> {
  const host = await createAppHost({ dataDir, labsDir, nodes: 2, zones: ['zone-a'], speed: 1, kubePort: 0, mode: 'browser', version: '9.9.9', engine: fakeEnginePorts(), osLocale: 'en', log: () => {} });
  const pushed: PushedEvent[] = [];
  host.onEvent((e) => pushed.push(e));
  return { host, pushed };
}

async function until<T>(what: string, fn: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('serves the bridge over a real cluster and keeps settings, lab progress and objects across a restart', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'cluster-lab-host-'));
  const labsDir = await mkdtemp(join(tmpdir(), 'cluster-lab-labs-'));
  dirs.push(dataDir, labsDir);
  await mkdir(join(labsDir, 'demo'));
  await writeFile(join(labsDir, 'demo', 'lab.yaml'), `id: demo\nnodes: 1\nzones: [zone-b]\nwants: learner\nsetup: |\n${CONFIGMAP('setup').replace(/^/gm, '  ')}`);
  await mkdir(join(labsDir, 'broken'));
  await writeFile(join(labsDir, 'broken', 'lab.yaml'), 'title: no id\n');

  const first = await start(dataDir, labsDir);
  const h = first.host.handlers;
  try {
    expect(await h['app.info'](undefined)).toMatchObject({ version: '9.9.9', mode: 'browser', dataDir, apiServerUrl: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+$/) });
    expect((await h['app.info'](undefined)).kubeconfigExport).toBe(`export KUBECONFIG=${join(dataDir, 'kubeconfig')}`);
    await h['settings.update']({ theme: 'dark', locale: 'zh-CN', firstRunDone: true });

    const resources = await h['resources.list'](undefined);
    expect(resources.find((r) => r.key === '/v1/pods')).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'] });
    expect(resources.find((r) => r.key === 'apps/v1/deployments')).toMatchObject({ kind: 'Deployment', shortNames: ['deploy'] });

    const { schemas } = await h['schemas.get'](undefined);
    const deployment = schemas.find((x) => x.apiVersion === 'apps/v1' && x.kind === 'Deployment')?.schema as { properties?: Record<string, unknown>; $defs?: Record<string, unknown> };
    expect(Object.keys(deployment.properties ?? {})).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec', 'status']));
    expect(deployment.$defs).toHaveProperty(['io.k8s.api.core.v1.PodSpec']);
    expect(JSON.stringify(deployment)).not.toContain('#/components/');
    expect(schemas.some((x) => x.apiVersion === 'lab.clusterlab.dev/v1' && x.kind === 'Clock')).toBe(true);
    expect(schemas.some((x) => x.kind.endsWith('List'))).toBe(false);
    expect(new Set(schemas.map((x) => `${x.apiVersion}/${x.kind}`)).size).toBe(schemas.length);

    // The broken lab is left out; the valid one starts with its own cluster shape and set-up.
    expect((await h['labs.list'](undefined)).map((l) => l.id)).toEqual(['demo']);
    const started = await h['labs.start']({ id: 'demo' });
    expect(started.steps[0]!.state).toBe('active');
    const nodes = await h['api.table']({ resource: '/v1/nodes' });
    expect(nodes.rows).toHaveLength(1);
    expect(nodes.columns.map((c) => c.name)).toEqual(['Name', 'Status', 'Roles', 'Age', 'Version']);
    expect((await h['api.table']({ resource: '/v1/nodes', wide: true })).columns.length).toBeGreaterThan(5);

    const sub = await h['watch.subscribe']({ resource: '/v1/configmaps' });
    expect(sub.items.map((o) => o.metadata?.name)).toContain('setup');
    const applied = await h['api.apply']({ yaml: CONFIGMAP('learner') });
    expect(applied).toMatchObject({ ok: true, documents: [{ index: 0, message: 'configmap/learner created', diagnostics: [] }] });
    const batch = await until('a watch.batch with learner', () =>
      first.pushed.find((e): e is { event: 'watch.batch'; payload: BridgeEvents['watch.batch'] } => e.event === 'watch.batch' && e.payload.events.some((n) => n.object.metadata?.name === 'learner')),
    );
    expect(batch.payload.resource).toBe('/v1/configmaps');

    const yaml = (await h['api.getYaml']({ resource: '/v1/configmaps', namespace: 'default', name: 'learner' })).yaml;
    expect(yaml).toContain('name: learner');
    expect(yaml).not.toContain('managedFields');
    expect((await h['api.describe']({ resource: '/v1/configmaps', namespace: 'default', name: 'learner' })).text).toContain('learner');

    const checked = await h['labs.check']({ id: 'demo' });
    expect(checked.steps[0]!.state).toBe('done');
    await until('a labs.progress push', () => first.pushed.find((e) => e.event === 'labs.progress'));

    const timeline = await h['timeline.history']({});
    expect(timeline.some((e) => e.lane === 'client' && e.type === 'request' && e.verb === 'post' && e.object?.resource === 'configmaps')).toBe(true);
    expect(timeline.some((e) => e.lane === 'store' && e.object?.name === 'learner')).toBe(true);
    expect(timeline.every((e, i) => i === 0 || e.seq > timeline[i - 1]!.seq)).toBe(true);

    const paused = await h['clock.set']({ paused: true });
    expect(paused.paused).toBe(true);
    const before = paused.now;
    const stepped = await h['clock.step'](undefined);
    expect(stepped.now).toBeGreaterThan(before);
    await expect(h['clock.set']({ speed: 1000 })).rejects.toMatchObject({ code: 'invalid-input' });
    await h['clock.set']({ paused: false, speed: 2 });
    expect(await h['clock.get'](undefined)).toMatchObject({ paused: false, speed: 2 });

    const { id } = await h['terminal.open']({ cols: 80, rows: 24 });
    await h['terminal.input']({ id, data: 'hi' });
    await until('terminal output', () => first.pushed.find((e) => e.event === 'terminal.output' && e.payload.data === 'hi'));
    await expect(h['terminal.input']({ id: 't999', data: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(h['api.getYaml']({ resource: '/v1/configmaps', namespace: 'default', name: 'absent' })).rejects.toMatchObject({ code: 'not-found', status: { reason: 'NotFound', code: 404 } });
  } finally {
    await first.host.close();
  }

  const second = await start(dataDir, labsDir);
  const h2 = second.host.handlers;
  try {
    expect(await h2['settings.get'](undefined)).toEqual({ theme: 'dark', locale: 'zh-CN', firstRunDone: true, editorFontSize: 13, terminalFontSize: 13 });
    const progress = await h2['labs.progress'](undefined);
    expect(progress.active).toBe('demo');
    expect(progress.progress.find((p) => p.labId === 'demo')?.steps[0]?.state).toBe('done');
    // The cluster itself: the learner's object, and the lab's one-node shape.
    expect((await h2['api.getYaml']({ resource: '/v1/configmaps', namespace: 'default', name: 'learner' })).yaml).toContain('name: learner');
    expect((await h2['api.table']({ resource: '/v1/nodes' })).rows).toHaveLength(1);

    // Reset: back to right after set-up.
    const reset = await h2['labs.reset']({ id: 'demo' });
    expect(reset.steps[0]!.state).toBe('active');
    await expect(h2['api.getYaml']({ resource: '/v1/configmaps', namespace: 'default', name: 'learner' })).rejects.toMatchObject({ code: 'not-found' });
    expect((await h2['api.getYaml']({ resource: '/v1/configmaps', namespace: 'default', name: 'setup' })).yaml).toContain('name: setup');
    await h2['settings.update']({ locale: null } as never);
    expect((await h2['settings.get'](undefined)).locale).toBeUndefined();
  } finally {
    await second.host.close();
  }
}, 90_000);
