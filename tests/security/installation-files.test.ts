// The installation's secrets on disk: private modes, and TLS identity that survives restarts so a
// kubeconfig written once keeps working.
import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import { get } from 'node:https';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiHandler } from '../../engine/apiserver/handler-types';
import { startKubeEndpoint } from '../../engine/node/http';
import { writeKubeconfig } from '../../engine/node/kubeconfig';
import { loadOrCreateTls } from '../../engine/node/tls';
import { TEST_TOKEN, withTempDir } from '../unit/node/endpoint-fixture';

const mode = async (p: string): Promise<number> => (await stat(p)).mode & 0o777;

describe('kubeconfig on disk', () => {
  it('is 0600 inside a 0700 directory, tightening a directory that was world-readable', () =>
    withTempDir(async (root) => {
      const dir = join(root, 'lab');
      await mkdir(dir, { mode: 0o755 });
      await chmod(dir, 0o755);
      const path = await writeKubeconfig(dir, { server: 'https://127.0.0.1:6443', caPem: 'x', token: TEST_TOKEN });
      expect(await mode(path)).toBe(0o600);
      expect(await mode(dir)).toBe(0o700);
    }));
});

describe('installation TLS', () => {
  it('keeps the CA key 0600 and reuses CA and serving certificate on the next start', () =>
    withTempDir(async (dir) => {
      const first = await loadOrCreateTls(dir);
      expect(first.created).toEqual({ ca: true, server: true });
      expect(await mode(join(dir, 'tls', 'ca.key'))).toBe(0o600);
      expect(await mode(join(dir, 'tls', 'server.key'))).toBe(0o600);
      expect(await mode(join(dir, 'tls'))).toBe(0o700);
      const second = await loadOrCreateTls(dir);
      expect(second.created).toEqual({ ca: false, server: false });
      expect(second.caPem).toBe(first.caPem);
      expect(second.cert).toBe(first.cert);
    }));

  it('issues a CA cluster-lab-ca for 10 years and a 127.0.0.1 / ::1 / localhost serving certificate signed by it', () =>
    withTempDir(async (dir) => {
      const now = new Date('2026-01-01T00:00:00Z');
      const tls = await loadOrCreateTls(dir, now);
      const ca = new X509Certificate(tls.caPem);
      const server = new X509Certificate(tls.cert);
      expect(ca.subject).toBe('CN=cluster-lab-ca');
      expect(ca.ca).toBe(true);
      expect(new Date(ca.validTo).getUTCFullYear()).toBe(2036);
      expect(server.ca).toBe(false);
      expect(server.subject).toBe('CN=127.0.0.1');
      expect(server.subjectAltName).toBe('IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:localhost');
      expect(server.checkIssued(ca)).toBe(true);
      expect(server.verify(ca.publicKey)).toBe(true);
      expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(server.checkHost('localhost')).toBe('localhost');
      // Go's x509 (kubectl) rejects negative serial numbers: the first byte must have its top bit clear.
      expect(parseInt(server.serialNumber.slice(0, 2), 16)).toBeLessThan(0x80);
      expect(parseInt(ca.serialNumber.slice(0, 2), 16)).toBeLessThan(0x80);
    }));

  it('reissues an expired serving certificate under the same CA', () =>
    withTempDir(async (dir) => {
      const first = await loadOrCreateTls(dir, new Date('2026-01-01T00:00:00Z'));
      const later = await loadOrCreateTls(dir, new Date('2027-06-01T00:00:00Z'));
      expect(later.created).toEqual({ ca: false, server: true });
      expect(later.caPem).toBe(first.caPem);
      expect(later.cert).not.toBe(first.cert);
      expect(new X509Certificate(later.cert).verify(new X509Certificate(first.caPem).publicKey)).toBe(true);
    }));

  it('lets a client that trusted the first start connect after a restart', () =>
    withTempDir(async (dir) => {
      const handler: ApiHandler = { handle: async () => ({ kind: 'body', status: 200, contentType: 'text/plain', body: 'ok' }) };
      const trusted = (await loadOrCreateTls(dir)).caPem;
      const restarted = await loadOrCreateTls(dir);
      const ep = await startKubeEndpoint({ handler, host: '127.0.0.1', port: 0, tls: { key: restarted.key, cert: restarted.cert }, token: TEST_TOKEN });
      try {
        const status = await new Promise<number>((resolve, reject) => {
          get({ host: '127.0.0.1', port: ep.port, path: '/readyz', ca: trusted, agent: false, headers: { authorization: `Bearer ${TEST_TOKEN}` } }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          }).on('error', reject);
        });
        expect(status).toBe(200);
      } finally {
        await ep.close();
      }
      expect(await readFile(join(dir, 'tls', 'ca.crt'), 'utf8')).toBe(trusted);
    }));
});
