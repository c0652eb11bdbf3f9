// What the endpoint exposes beyond its socket: the interfaces it listens on, and how much of a request
// body it will take (kube-apiserver's MaxRequestBodyBytes, 3 MiB, answered with its exact 413 Status).
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { checkServerIdentity } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHandler } from '../../engine/apiserver/handler-types';
import { startKubeEndpoint } from '../../engine/node/http';
import { TEST_TOKEN, send, startFixture, testTls, type Fixture } from '../unit/node/endpoint-fixture';

const bodies: (string | undefined)[] = [];
const handler: ApiHandler = {
  async handle(req) {
    bodies.push(req.body);
    return { kind: 'body', status: 201, contentType: 'application/json', body: '{}' };
  },
};

const LIMIT = 3 * 1024 * 1024;
const tooLargeBody = (limit: number): string =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Request entity too large: limit is ${limit}`, reason: 'RequestEntityTooLarge', code: 413 });

let fx: Fixture;
beforeAll(async () => {
  fx = await startFixture(handler);
});
afterAll(() => fx.dispose());

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host, port, timeout: 2000 });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
    sock.once('timeout', () => {
      sock.destroy();
      resolve(false);
    });
  });
}

describe('listening address', () => {
  it('refuses to listen on anything but 127.0.0.1', async () => {
    const { tls } = await testTls();
    for (const host of ['0.0.0.0', '::', 'localhost']) {
      await expect(
        startKubeEndpoint({ handler, host: host as '127.0.0.1', port: 0, tls: { key: tls.key, cert: tls.cert }, token: TEST_TOKEN }),
      ).rejects.toThrow(/127\.0\.0\.1 only/);
    }
  });

  it('is bound to 127.0.0.1 in the kernel socket table', () => {
    if (!existsSync('/proc/net/tcp')) {
      console.log('skipped the socket-table check: no /proc/net/tcp on this platform');
      return;
    }
    const portHex = fx.endpoint.port.toString(16).toUpperCase().padStart(4, '0');
    const listening = (file: string): string[] =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .split('\n')
            .slice(1)
            .map((l) => l.trim().split(/\s+/))
            .filter((f) => f[1]?.endsWith(`:${portHex}`) && f[3] === '0A')
            .map((f) => f[1]!)
        : [];
    // /proc/net/tcp prints the IPv4 address in host byte order: 127.0.0.1 is 0100007F on little-endian.
    expect(listening('/proc/net/tcp')).toEqual([`0100007F:${portHex}`]);
    expect(listening('/proc/net/tcp6')).toEqual([]);
  });

  it('accepts loopback connections but none on the IPv6 loopback or another interface address', async () => {
    expect(await canConnect('127.0.0.1', fx.endpoint.port)).toBe(true);
    expect(await canConnect('::1', fx.endpoint.port)).toBe(false);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a!.address);
    if (others.length === 0) {
      console.log('skipped the non-loopback sub-check: this machine has no non-loopback IPv4 address');
      return;
    }
    for (const address of others) expect(await canConnect(address, fx.endpoint.port)).toBe(false);
  });
});

describe('body limit', () => {
  it('takes a body of exactly the limit', async () => {
    bodies.length = 0;
    const res = await send(fx, { method: 'POST', path: '/api/v1/namespaces/default/configmaps', body: 'x'.repeat(LIMIT) });
    expect(res.status).toBe(201);
    expect(bodies[0]).toHaveLength(LIMIT);
  });

  it('answers a declared Content-Length one byte over the limit with the upstream 413 Status, before reading it', async () => {
    bodies.length = 0;
    // Declares the size but sends nothing: only a server that checks Content-Length first can answer.
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: fx.endpoint.port,
          method: 'POST',
          path: '/api/v1/namespaces/default/configmaps',
          ca: fx.tls.caPem,
          agent: false,
          headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json', 'content-length': String(LIMIT + 1) },
        },
        (r) => {
          let body = '';
          r.setEncoding('utf8');
          r.on('data', (c: string) => (body += c));
          r.on('end', () => {
            req.destroy();
            resolve({ status: r.statusCode ?? 0, body });
          });
        },
      );
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(res.status).toBe(413);
    expect(res.body).toBe(tooLargeBody(LIMIT));
    expect(bodies).toEqual([]);
  });

  it('stops a chunked body as soon as it passes the limit, without waiting for the rest', async () => {
    const small = await startFixture(handler, { bodyLimitBytes: 1024 });
    try {
      bodies.length = 0;
      const res = await new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: small.endpoint.port,
            method: 'POST',
            path: '/x',
            ca: small.tls.caPem,
            agent: false,
            checkServerIdentity: (_h, cert) => checkServerIdentity('127.0.0.1', cert),
            headers: { authorization: `Bearer ${TEST_TOKEN}`, 'transfer-encoding': 'chunked' },
          },
          (r) => {
            let body = '';
            r.setEncoding('utf8');
            r.on('data', (c: string) => (body += c));
            r.on('end', () => {
              req.destroy();
              resolve({ status: r.statusCode ?? 0, body, connection: r.headers.connection });
            });
          },
        );
        req.on('error', reject);
        // 2 KiB sent, the request never finished: the answer must come anyway.
        req.write('y'.repeat(2048));
      });
      expect(res.status).toBe(413);
      expect(res.body).toBe(tooLargeBody(1024));
      expect(res.connection).toBe('close');
      expect(bodies).toEqual([]);
    } finally {
      await small.dispose();
    }
  });
});
