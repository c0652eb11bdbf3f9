// The kubeconfig must be what kubectl (clientcmd) and @kubernetes/client-node read; both are the oracle here.
import { execFileSync } from 'node:child_process';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KubeConfig, VersionApi } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../../../engine/node/kubeconfig';
import type { ApiHandler } from '../../../engine/apiserver/handler-types';
import { TEST_TOKEN, startFixture, testTls, withTempDir } from './endpoint-fixture';

const CA = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('writeKubeconfig', () => {
  it('writes cluster, user, context and current-context with the CA inline as base64 PEM', () =>
    withTempDir(async (dir) => {
      const path = await writeKubeconfig(join(dir, 'nested'), { server: 'https://127.0.0.1:6443', caPem: CA, token: 't0k' });
      expect(path).toBe(join(dir, 'nested', 'kubeconfig'));
      expect(parse(await readFile(path, 'utf8'))).toEqual({
        apiVersion: 'v1',
        kind: 'Config',
        preferences: {},
        clusters: [{ name: 'cluster-lab', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': Buffer.from(CA).toString('base64') } }],
        users: [{ name: 'cluster-lab-admin', user: { token: 't0k' } }],
        contexts: [{ name: 'cluster-lab', context: { cluster: 'cluster-lab', user: 'cluster-lab-admin', namespace: 'default' } }],
        'current-context': 'cluster-lab',
      });
    }));

  it('is 0600 in a 0700 directory, leaves no temp file, and replaces an earlier file', () =>
    withTempDir(async (dir) => {
      await writeKubeconfig(dir, { server: 'https://127.0.0.1:1', caPem: CA, token: 'old' });
      const path = await writeKubeconfig(dir, { server: 'https://127.0.0.1:2', caPem: CA, token: 'new' });
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect(await readdir(dir)).toEqual(['kubeconfig']);
      expect(await readFile(path, 'utf8')).toContain('token: new');
    }));

  it('is read by kubectl config view exactly as written', () =>
    withTempDir(async (dir) => {
      const path = await writeKubeconfig(dir, { server: 'https://127.0.0.1:6443', caPem: CA, token: 't0k' });
      const view = JSON.parse(execFileSync('kubectl', ['config', 'view', '--raw', '-o', 'json', '--kubeconfig', path], { encoding: 'utf8' }));
      expect(view['current-context']).toBe('cluster-lab');
      expect(view.clusters[0].cluster).toEqual({ server: 'https://127.0.0.1:6443', 'certificate-authority-data': Buffer.from(CA).toString('base64') });
      expect(view.users[0]).toEqual({ name: 'cluster-lab-admin', user: { token: 't0k' } });
      expect(view.contexts[0].context).toEqual({ cluster: 'cluster-lab', user: 'cluster-lab-admin', namespace: 'default' });
    }));

  it('lets @kubernetes/client-node reach the endpoint over verified TLS with the token', async () => {
    const handler: ApiHandler = {
      async handle(req) {
        const ok = req.path === '/version';
        return { kind: 'body', status: ok ? 200 : 404, contentType: 'application/json', body: ok ? '{"major":"1","minor":"32","gitVersion":"v1.32.0"}' : '{}' };
      },
    };
    const fx = await startFixture(handler);
    const { tls } = await testTls();
    try {
      await withTempDir(async (dir) => {
        const path = await writeKubeconfig(dir, { server: `https://127.0.0.1:${fx.endpoint.port}`, caPem: tls.caPem, token: TEST_TOKEN });
        const kc = new KubeConfig();
        kc.loadFromFile(path);
        expect(kc.getCurrentContext()).toBe('cluster-lab');
        expect(kc.getContextObject('cluster-lab')?.namespace).toBe('default');
        const version = await kc.makeApiClient(VersionApi).getCode();
        expect(version.gitVersion).toBe('v1.32.0');
      });
    } finally {
      await fx.dispose();
    }
  });
});
