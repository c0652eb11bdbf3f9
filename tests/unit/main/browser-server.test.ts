/**
 * Browser mode's front door: the token is required (401 without, 403 wrong) on pages and on the WebSocket,
 * Host and Origin are checked, it listens on 127.0.0.1 only, serves the built index.html with the CSP, keeps
 * requests inside the renderer folder, and carries the bridge (request round trip, pushed events).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Emitter } from '../../../engine/base/event';
import { createBridgeHandlers } from '../../../main/bridge/handlers';
import { startBrowserServer, tokensEqual, type BrowserServer } from '../../../main/browser/browser-server';
import type { PushedEvent } from '../../../main/host/app-host';
import { contentSecurityPolicy } from '../../../main/content-security-policy';
import { fakeHostServices } from './fake-host-services';

let dir = '';
let server: BrowserServer;
const events = new Emitter<PushedEvent>();
const TOKEN = 'test-token-0123456789abcdef';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cluster-lab-browser-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Cluster Lab</title><script type="module" src="/assets/app.js"></script>');
  await writeFile(join(dir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(tmpdir(), 'cluster-lab-secret.txt'), 'secret');
  server = await startBrowserServer({ host: { handlers: createBridgeHandlers(fakeHostServices().services), onEvent: events.event }, rendererDir: dir, port: 0, token: TOKEN, log: () => {} });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP', () => {
  it('lets the browser keep hashed assets (and their compiled code) but never the page', async () => {
    const page = await get(`/?token=${TOKEN}`);
    expect(page.headers['cache-control']).toBe('no-store');
    const asset = await get(`/assets/app.js?token=${TOKEN}`);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect((await get('/assets/app.js')).status).toBe(401); // still behind the token
  });

  it('prints a 127.0.0.1 URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('generates a fresh 256-bit token when none is given', async () => {
    const other = await startBrowserServer({ host: { handlers: createBridgeHandlers(fakeHostServices().services), onEvent: events.event }, rendererDir: dir, port: 0, log: () => {} });
    try {
      expect(other.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(other.token).not.toBe(TOKEN);
    } finally {
      await other.close();
    }
  });

  it('answers 401 without a token and 403 with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/assets/app.js')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get(`/?token=${TOKEN}x`)).status).toBe(403);
    expect((await get('/', { cookie: 'cluster_lab_token=wrong' })).status).toBe(403);
  });

  it('serves index.html with the CSP and sets the HttpOnly SameSite=Strict cookie its assets load with', async () => {
    const page = await get(`/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Cluster Lab</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy({ webSocketOrigin: `ws://127.0.0.1:${server.port}` }));
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain(`cluster_lab_token=${TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const asset = await get('/assets/app.js', { cookie: `cluster_lab_token=${TOKEN}` });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('checks Host (DNS rebinding) and Origin (cross-site requests)', async () => {
    expect((await get(`/?token=${TOKEN}`, { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(`/?token=${TOKEN}`, { host: '127.0.0.1:1' })).status).toBe(403);
    expect((await get(`/?token=${TOKEN}`, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get(`/?token=${TOKEN}`, { host: `localhost:${server.port}`, origin: `http://localhost:${server.port}` })).status).toBe(200);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../cluster-lab-secret.txt', '/%2e%2e/cluster-lab-secret.txt', '/..%2fcluster-lab-secret.txt', '/assets/..%2f..%2fcluster-lab-secret.txt']) {
      const res = await get(`${path}?token=${TOKEN}`);
      expect(res.body, path).not.toContain('secret');
      expect([400, 404], path).toContain(res.status);
    }
  });

  it('listens on the loopback interface only', async () => {
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return; // no other interface on this machine to try
    const reached = await new Promise<boolean>((resolve) => {
      const s = connect({ host: external.address, port: server.port });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    expect(reached).toBe(false);
  });
});

describe('WebSocket bridge', () => {
  const open = (query: string, origin: string | null = `http://127.0.0.1:${server.port}`) =>
    new WebSocket(`ws://127.0.0.1:${server.port}/bridge${query}`, origin ? { origin } : {});

  const refusedWith = (ws: WebSocket) =>
    new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => {});
    });

  it('refuses a missing token (401), a wrong token, a foreign or missing Origin (403)', async () => {
    expect(await refusedWith(open(''))).toBe(401);
    expect(await refusedWith(open('?token=nope'))).toBe(403);
    expect(await refusedWith(open(`?token=${TOKEN}`, 'http://evil.example'))).toBe(403);
    expect(await refusedWith(open(`?token=${TOKEN}`, null))).toBe(403);
  });

  it('round-trips app.info and an invalid request, and delivers pushed events', async () => {
    const ws = open(`?token=${TOKEN}`);
    const messages: Array<Record<string, unknown>> = [];
    const waitFor = (pred: (m: Record<string, unknown>) => boolean) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const found = messages.find(pred);
        if (found) return resolve(found);
        ws.on('message', () => {
          const m = messages.find(pred);
          if (m) resolve(m);
        });
      });
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Record<string, unknown>));
    await new Promise((r) => ws.once('open', r));

    ws.send(JSON.stringify({ type: 'request', id: 1, method: 'app.info', input: null }));
    expect(await waitFor((m) => m['id'] === 1)).toMatchObject({ type: 'response', id: 1, ok: true, output: { mode: 'browser', kubeconfigExport: 'export KUBECONFIG=/d/kubeconfig' } });

    ws.send(JSON.stringify({ type: 'request', id: 2, method: 'clock.set', input: { speed: '×1000' } }));
    expect(await waitFor((m) => m['id'] === 2)).toMatchObject({ type: 'response', id: 2, ok: false, error: { code: 'invalid-input' } });

    ws.send(JSON.stringify({ type: 'request', id: 3, method: '__proto__', input: {} }));
    expect(await waitFor((m) => m['id'] === 3)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    events.fire({ event: 'clock.tick', payload: { now: 5, realNow: 6, speed: 2, paused: true } });
    expect(await waitFor((m) => m['type'] === 'event')).toEqual({ type: 'event', event: 'clock.tick', payload: { now: 5, realNow: 6, speed: 2, paused: true } });
    ws.close();
  });

  it('closes a connection that sends something other than a request, and keeps serving others', async () => {
    const bad = open(`?token=${TOKEN}`);
    await new Promise((r) => bad.once('open', r));
    const code = new Promise<number>((r) => bad.once('close', (c) => r(c)));
    bad.send('not json');
    expect(await code).toBe(1007);
    expect(tokensEqual(TOKEN, TOKEN)).toBe(true);
    expect((await get(`/?token=${TOKEN}`)).status).toBe(200);
  });
});
