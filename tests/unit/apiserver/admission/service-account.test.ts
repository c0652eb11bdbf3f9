import { describe, expect, it } from 'vitest';
import { serviceAccount } from '../../../../engine/apiserver/admission/service-account';
import type { KubeObject } from '../../../../engine/api/objects';
import { FakeAdmissionContext, podCreate, rejection, scriptedRandom, type StoredRef } from './fake-admission-context';

const sa = (ns: string, name: string, extra: Record<string, unknown> = {}): StoredRef => ({
  group: '',
  resource: 'serviceaccounts',
  object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns }, ...extra },
});

// "x7k2p" in upstream's alphabet bcdfghjklmnpqrstvwxz2456789.
const X7K2P = [18, 24, 7, 20, 11];

const nginx = (): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'nginx', namespace: 'default' },
  spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
});

describe('ServiceAccount admission', () => {
  it('injects the kube-api-access projected volume for a pod in default with the default service account', async () => {
    const ctx = new FakeAdmissionContext([sa('default', 'default')], undefined, scriptedRandom(X7K2P));
    const pod = nginx();
    await serviceAccount.admit?.(podCreate('default', pod), ctx);
    // Shape as `kubectl get pod -o json` shows it on a 1.32 cluster.
    expect(pod.spec).toEqual({
      containers: [
        {
          name: 'nginx',
          image: 'nginx',
          volumeMounts: [{ name: 'kube-api-access-x7k2p', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
        },
      ],
      serviceAccountName: 'default',
      serviceAccount: 'default',
      volumes: [
        {
          name: 'kube-api-access-x7k2p',
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
              { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
            ],
            defaultMode: 420,
          },
        },
      ],
    });
  });

  it('mounts into init containers too, and skips containers that already mount the token path', async () => {
    const ctx = new FakeAdmissionContext([sa('default', 'default')], undefined, scriptedRandom(X7K2P));
    const own = { name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    const pod: KubeObject = {
      metadata: { name: 'p' },
      spec: { initContainers: [{ name: 'init' }], containers: [{ name: 'a', volumeMounts: [own] }, { name: 'b' }] },
    };
    await serviceAccount.admit?.(podCreate('default', pod), ctx);
    const spec = pod.spec as { initContainers: { volumeMounts?: unknown[] }[]; containers: { volumeMounts?: unknown[] }[]; volumes: { name: string }[] };
    const injected = { name: 'kube-api-access-x7k2p', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    expect(spec.initContainers[0]?.volumeMounts).toEqual([injected]);
    expect(spec.containers[0]?.volumeMounts).toEqual([own]);
    expect(spec.containers[1]?.volumeMounts).toEqual([injected]);
    expect(spec.volumes.map((v) => v.name)).toEqual(['kube-api-access-x7k2p']);
  });

  it('adds no volume when every container already mounts the path', async () => {
    const ctx = new FakeAdmissionContext([sa('default', 'default')]);
    const mount = { name: 'x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    const pod: KubeObject = { metadata: { name: 'p' }, spec: { containers: [{ name: 'a', volumeMounts: [mount] }] } };
    await serviceAccount.admit?.(podCreate('default', pod), ctx);
    expect((pod.spec as { volumes?: unknown }).volumes).toBeUndefined();
  });

  it('honours automountServiceAccountToken: false on the pod, and on the account unless the pod overrides it', async () => {
    const ctx = new FakeAdmissionContext([sa('default', 'default'), sa('default', 'quiet', { automountServiceAccountToken: false })]);
    const optOut: KubeObject = { metadata: { name: 'a' }, spec: { automountServiceAccountToken: false, containers: [{ name: 'c' }] } };
    await serviceAccount.admit?.(podCreate('default', optOut), ctx);
    expect(optOut.spec).toEqual({ automountServiceAccountToken: false, containers: [{ name: 'c' }], serviceAccountName: 'default', serviceAccount: 'default' });

    const quiet: KubeObject = { metadata: { name: 'b' }, spec: { serviceAccountName: 'quiet', containers: [{ name: 'c' }] } };
    await serviceAccount.admit?.(podCreate('default', quiet), ctx);
    expect((quiet.spec as { volumes?: unknown }).volumes).toBeUndefined();

    const override: KubeObject = { metadata: { name: 'c' }, spec: { serviceAccountName: 'quiet', automountServiceAccountToken: true, containers: [{ name: 'c' }] } };
    await serviceAccount.admit?.(podCreate('default', override), ctx);
    expect((override.spec as { volumes?: unknown[] }).volumes).toHaveLength(1);
  });

  it('rejects a pod whose service account does not exist', async () => {
    const ctx = new FakeAdmissionContext([sa('default', 'default')]);
    const pod: KubeObject = { metadata: { name: 'nginx' }, spec: { serviceAccountName: 'builder', containers: [{ name: 'c' }] } };
    const s = await rejection(() => serviceAccount.admit?.(podCreate('default', pod), ctx));
    expect(s).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'pods "nginx" is forbidden: error looking up service account default/builder: serviceaccount "builder" not found',
    });
  });

  it('rejects a pod when the namespace has no default service account yet', async () => {
    const s = await rejection(() => serviceAccount.admit?.(podCreate('team-a', nginx()), new FakeAdmissionContext([])));
    expect(s.message).toBe('pods "nginx" is forbidden: error looking up service account team-a/default: serviceaccount "default" not found');
  });

  it("copies the account's imagePullSecrets when the pod has none", async () => {
    const ctx = new FakeAdmissionContext([sa('default', 'default', { imagePullSecrets: [{ name: 'regcred' }] })]);
    const pod: KubeObject = { metadata: { name: 'p' }, spec: { automountServiceAccountToken: false, containers: [{ name: 'c' }] } };
    await serviceAccount.admit?.(podCreate('default', pod), ctx);
    expect((pod.spec as { imagePullSecrets?: unknown }).imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  it('leaves mirror pods untouched but forbids them from naming a service account', async () => {
    const ctx = new FakeAdmissionContext([sa('kube-system', 'default')]);
    const mirror: KubeObject = {
      metadata: { name: 'etcd-cp', annotations: { 'kubernetes.io/config.mirror': 'abc' } },
      spec: { containers: [{ name: 'etcd' }] },
    };
    await serviceAccount.admit?.(podCreate('kube-system', mirror), ctx);
    expect(mirror.spec).toEqual({ containers: [{ name: 'etcd' }] });

    const named: KubeObject = { ...mirror, metadata: { ...mirror.metadata, name: 'bad' }, spec: { serviceAccountName: 'default', containers: [] } };
    const s = await rejection(() => serviceAccount.admit?.(podCreate('kube-system', named), ctx));
    expect(s.message).toBe('pods "bad" is forbidden: a mirror pod may not reference service accounts');
  });

  it('enforces mountable secrets when the account asks for it', async () => {
    const ctx = new FakeAdmissionContext([
      sa('default', 'strict', { metadata: { name: 'strict', namespace: 'default', annotations: { 'kubernetes.io/enforce-mountable-secrets': 'true' } }, secrets: [{ name: 'ok' }] }),
    ]);
    const pod: KubeObject = {
      metadata: { name: 'p' },
      spec: { serviceAccountName: 'strict', automountServiceAccountToken: false, containers: [{ name: 'c' }], volumes: [{ name: 'v', secret: { secretName: 'other' } }] },
    };
    const s = await rejection(() => serviceAccount.admit?.(podCreate('default', pod), ctx));
    expect(s.message).toBe('pods "p" is forbidden: volume with secret.secretName="other" is not allowed because service account strict does not reference that secret');
  });

  it('ignores updates and other resources', async () => {
    const ctx = new FakeAdmissionContext([]);
    const pod = nginx();
    await serviceAccount.admit?.(podCreate('default', pod, { operation: 'UPDATE' }), ctx);
    await serviceAccount.validate?.(podCreate('default', pod, { operation: 'UPDATE' }), ctx);
    expect(pod.spec).toEqual(nginx().spec);
  });
});
