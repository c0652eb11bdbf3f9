// The endpoint's translation between node's HTTP objects and the ApiHandler contract.
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandler, ApiRequest, ApiResponse } from '../../../engine/apiserver/handler-types';
import { toDisposable } from '../../../engine/base/disposable';
import { apiErrors } from '../../../engine/apiserver/errors';
import { TEST_TOKEN, send, startFixture, type Fixture } from './endpoint-fixture';

let seen: ApiRequest[] = [];
let next: (req: ApiRequest) => Promise<ApiResponse> | ApiResponse = () => ({ kind: 'body', status: 200, contentType: 'application/json', body: '{}' });
const handler: ApiHandler = {
  async handle(req) {
    seen.push(req);
    return next(req);
  },
};

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture(handler);
});
afterAll(() => fx.dispose());

describe('request translation', () => {
  it('passes method, decoded path, query multi-map, lower-cased headers, UTF-8 body and the admin user', async () => {
    seen = [];
    const body = JSON.stringify({ data: { greeting: 'héllo ✓' } });
    await send(fx, {
      method: 'POST',
      path: '/api/v1/namespaces/a%20b/configmaps?dryRun=All&fieldManager=kubectl-client-side-apply&dryRun=Server',
      headers: { 'Content-Type': 'application/json', 'X-Custom-Header': 'Yes' },
      body: Buffer.from(body, 'utf8'),
    });
    expect(seen).toHaveLength(1);
    const req = seen[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/api/v1/namespaces/a b/configmaps');
    expect(req.query).toEqual({ dryRun: ['All', 'Server'], fieldManager: ['kubectl-client-side-apply'] });
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-custom-header']).toBe('Yes');
    expect(req.body).toBe(body);
    expect(Buffer.from(req.bodyBytes!).toString('utf8')).toBe(body);
    expect(req.user).toEqual({ name: 'cluster-lab-admin', groups: ['system:masters', 'system:authenticated'] });
  });

  it('passes a binary (protobuf) body byte for byte in bodyBytes', async () => {
    seen = [];
    // The kube protobuf envelope magic "k8s\0" followed by bytes that are not valid UTF-8.
    const bytes = Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0xff, 0xfe, 0x80, 0xc3]);
    await send(fx, { method: 'POST', path: '/api/v1/namespaces/default/configmaps', headers: { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, body: bytes });
    expect(Buffer.from(seen[0]!.bodyBytes!)).toEqual(bytes);
  });

  it('gives no body to a GET', async () => {
    seen = [];
    await send(fx, { path: '/api' });
    expect(seen[0]?.body).toBeUndefined();
    expect(seen[0]?.bodyBytes).toBeUndefined();
  });

  it('answers 400 for an undecodable path without calling the handler', async () => {
    seen = [];
    const res = await send(fx, { path: '/api/v1/%zz' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
    expect(seen).toHaveLength(0);
  });
});

describe('body responses', () => {
  it('writes status, Content-Type, Content-Length in bytes and extra headers such as Warning', async () => {
    next = () => ({ kind: 'body', status: 201, contentType: 'application/json', body: '{"x":"é"}', headers: { Warning: '299 - "unknown field \\"spec.foo\\""' } });
    const res = await send(fx, { method: 'POST', path: '/x', body: '{}' });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['content-length']).toBe('10');
    expect(res.headers['warning']).toBe('299 - "unknown field \\"spec.foo\\""');
    expect(res.body).toBe('{"x":"é"}');
  });

  it('never forwards CORS headers from the handler', async () => {
    next = () => ({ kind: 'body', status: 200, contentType: 'application/json', body: '{}', headers: { 'Access-Control-Allow-Origin': '*' } });
    const res = await send(fx, { path: '/x' });
    expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  });

  it('turns a handler exception into a 500 InternalError Status, and a thrown StatusError into its own Status', async () => {
    next = () => {
      throw new Error('boom');
    };
    const res = await send(fx, { path: '/x' });
    expect(res.status).toBe(500);
    expect(JSON.parse(res.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Internal error occurred: boom',
      reason: 'InternalError',
      details: { causes: [{ message: 'boom' }] },
      code: 500,
    });
    next = () => {
      throw apiErrors.notFound({ group: '', resource: 'pods' }, 'web');
    };
    const nf = await send(fx, { path: '/x' });
    expect(nf.status).toBe(404);
    expect(JSON.parse(nf.body).message).toBe('pods "web" not found');
  });

  it('sends headers but no body for HEAD', async () => {
    next = () => ({ kind: 'body', status: 200, contentType: 'application/json', body: '{"a":1}' });
    const res = await send(fx, { method: 'HEAD', path: '/x' });
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });
});

describe('watch responses', () => {
  it('streams each line as it is sent, chunked, and ends when the handler ends', async () => {
    let sink: { send(line: string): void; end(): void } | undefined;
    let disposed = 0;
    next = () => ({
      kind: 'watch',
      status: 200,
      contentType: 'application/json',
      start(s) {
        sink = s;
        s.send('{"type":"ADDED","object":{"n":1}}\n');
        return toDisposable(() => disposed++);
      },
    });
    const sock = connect({ host: '127.0.0.1', port: fx.endpoint.port, ca: fx.tls.caPem });
    let received = '';
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => (received += d));
    sock.write(`GET /api/v1/pods?watch=1 HTTP/1.1\r\nHost: 127.0.0.1:${fx.endpoint.port}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n\r\n`);
    await waitFor(() => received.includes('"n":1'));
    expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(received.toLowerCase()).toContain('content-type: application/json\r\n');
    expect(received.toLowerCase()).toContain('transfer-encoding: chunked\r\n');
    // The first event arrives before the stream ends: it was flushed immediately.
    sink!.send('{"type":"MODIFIED","object":{"n":2}}\n');
    await waitFor(() => received.includes('"n":2'));
    sink!.end();
    await waitFor(() => received.endsWith('0\r\n\r\n'));
    await waitFor(() => disposed === 1);
    sock.destroy();
  });

  it('handles a watch the handler ends inside start (e.g. a 410 ERROR event), disposing it once', async () => {
    let disposed = 0;
    next = () => ({
      kind: 'watch',
      status: 200,
      contentType: 'application/json',
      start(s) {
        s.send('{"type":"ERROR","object":{"kind":"Status","code":410}}\n');
        s.end();
        s.send('{"type":"ADDED"}\n');
        return toDisposable(() => disposed++);
      },
    });
    const res = await send(fx, { path: '/api/v1/pods?watch=1&resourceVersion=1' });
    expect(res.status).toBe(200);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.body).toBe('{"type":"ERROR","object":{"kind":"Status","code":410}}\n');
    await waitFor(() => disposed === 1);
  });

  it('disposes the subscription when the client disconnects', async () => {
    let disposed = 0;
    let started = false;
    next = () => ({
      kind: 'watch',
      status: 200,
      contentType: 'application/json',
      start() {
        started = true;
        return toDisposable(() => disposed++);
      },
    });
    const sock = connect({ host: '127.0.0.1', port: fx.endpoint.port, ca: fx.tls.caPem });
    sock.write(`GET /api/v1/pods?watch=1 HTTP/1.1\r\nHost: 127.0.0.1:${fx.endpoint.port}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n\r\n`);
    await waitFor(() => started);
    expect(disposed).toBe(0);
    sock.destroy();
    await waitFor(() => disposed === 1);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
