// Who may talk to the endpoint: only a loopback client naming this listener in Host, with no Origin,
// presenting the token. Expected bodies are kube-apiserver's Status JSON, byte for byte where upstream has one.
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandler } from '../../engine/apiserver/handler-types';
import { TEST_TOKEN, send, startFixture, type Fixture } from '../unit/node/endpoint-fixture';

/** kube-apiserver's response to a request whose authentication failed. */
const UNAUTHORIZED_BODY = '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}';

let calls = 0;
const handler: ApiHandler = {
  async handle() {
    calls++;
    return { kind: 'body', status: 200, contentType: 'application/json', body: '{"ok":true}' };
  },
};

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture(handler);
});
afterAll(() => fx.dispose());

function expectRejectedStatus(res: { status: number; headers: Record<string, unknown>; body: string }, code: number, reason: string): void {
  expect(res.status).toBe(code);
  expect(res.headers['content-type']).toBe('application/json');
  expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason, code });
  expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
}

describe('bearer token', () => {
  it('accepts the right token', async () => {
    const res = await send(fx, { path: '/version' });
    expect(res.status).toBe(200);
  });

  it('answers a request without a token with the exact upstream 401 Status', async () => {
    const before = calls;
    const res = await send(fx, { path: '/version', auth: false });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.body).toBe(UNAUTHORIZED_BODY);
    expect(calls).toBe(before);
  });

  it.each([
    ['a wrong token of the same length', `Bearer ${'b'.repeat(64)}`],
    ['a prefix of the token', `Bearer ${TEST_TOKEN.slice(0, 63)}`],
    ['the token plus more', `Bearer ${TEST_TOKEN}a`],
    ['an empty bearer token', 'Bearer '],
    ['the token as Basic credentials', `Basic ${TEST_TOKEN}`],
    ['the token without a scheme', TEST_TOKEN],
    ['a multi-byte token of the same byte length', `Bearer ${'é'.repeat(32)}`],
  ])('rejects %s with 401', async (_what, authorization) => {
    const before = calls;
    const res = await send(fx, { path: '/version', auth: false, headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.body).toBe(UNAUTHORIZED_BODY);
    expect(calls).toBe(before);
  });
});

describe('Host allow-list', () => {
  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '[::1]'])('accepts Host %s:<port>', async (host) => {
    const res = await send(fx, { path: '/version', headers: { host: `${host}:${fx.endpoint.port}` } });
    expect(res.status).toBe(200);
  });

  it.each(['evil.example', 'evil.example:PORT', '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example:PORT', '192.0.2.2:PORT'])('rejects Host %s with 403', async (host) => {
    const before = calls;
    const res = await send(fx, { path: '/version', headers: { host: host.replace('PORT', String(fx.endpoint.port)) } });
    expectRejectedStatus(res, 403, 'Forbidden');
    expect(calls).toBe(before);
  });

  it('refuses a request with no Host header at all', async () => {
    const raw = await rawTls(`GET /version HTTP/1.1\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nConnection: close\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 (400|403) /);
  });
});

describe('web pages', () => {
  it('rejects any request carrying an Origin with 403 and no CORS headers, even with the token', async () => {
    const before = calls;
    for (const origin of ['https://evil.example', 'null', `https://127.0.0.1:${fx.endpoint.port}`]) {
      const res = await send(fx, { path: '/api/v1/secrets', headers: { origin } });
      expectRejectedStatus(res, 403, 'Forbidden');
    }
    expect(calls).toBe(before);
  });

  it('gives a CORS preflight no success', async () => {
    const res = await send(fx, {
      method: 'OPTIONS',
      path: '/api/v1/namespaces/default/secrets',
      auth: false,
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expectRejectedStatus(res, 403, 'Forbidden');
  });
});

describe('transport', () => {
  it('serves no HTTP response to plain HTTP on the TLS port', async () => {
    const received = await new Promise<string>((resolve) => {
      const sock = tcpConnect({ host: '127.0.0.1', port: fx.endpoint.port });
      let data = '';
      sock.setEncoding('latin1');
      sock.on('data', (d: string) => (data += d));
      sock.on('close', () => resolve(data));
      sock.on('error', () => resolve(data));
      sock.write(`GET /version HTTP/1.1\r\nHost: 127.0.0.1:${fx.endpoint.port}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n\r\n`);
      setTimeout(() => sock.destroy(), 3000);
    });
    expect(received).not.toMatch(/HTTP\/1\.[01]/);
    expect(received).not.toContain('"ok"');
  });

  it('speaks HTTP/1.1 with keep-alive', async () => {
    const raw = await rawTls(
      `GET /a HTTP/1.1\r\nHost: 127.0.0.1:${fx.endpoint.port}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\n\r\n` +
        `GET /b HTTP/1.1\r\nHost: 127.0.0.1:${fx.endpoint.port}\r\nAuthorization: Bearer ${TEST_TOKEN}\r\nConnection: close\r\n\r\n`,
    );
    expect(raw.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
  });
});

function rawTls(payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = tlsConnect({ host: '127.0.0.1', port: fx.endpoint.port, ca: fx.tls.caPem }, () => sock.write(payload));
    let data = '';
    sock.setEncoding('utf8');
    sock.on('data', (d: string) => (data += d));
    sock.on('end', () => resolve(data));
    sock.on('close', () => resolve(data));
    sock.on('error', reject);
  });
}
