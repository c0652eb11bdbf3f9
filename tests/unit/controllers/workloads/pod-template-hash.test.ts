import { afterEach, describe, expect, it } from 'vitest';
import { computePodTemplateHash, hashRendered, safeEncodeString } from '../../../../engine/controllers/deployment/pod-template-hash';
import { spewPodTemplateSpec } from '../../../../engine/controllers/deployment/go-spew-pod-template';
import { DEPLOYMENTS, REPLICASETS, startHarness, type Harness } from './workload-harness';

/**
 * `kubectl create deployment nginx --image=nginx` on a real cluster made ReplicaSet `nginx-5869d7778c`
 * (kubectl describe output published at https://blog.faltutech.com/?p=2163, July 2025). The template as the
 * API server stores it after defaulting:
 */
const KUBECTL_CREATE_NGINX_TEMPLATE = {
  metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
  spec: {
    containers: [{ name: 'nginx', image: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' }],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
  },
};

describe('pod-template-hash (controller.ComputeHash)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('matches the hash a real cluster gave the kubectl create deployment nginx template', () => {
    expect(computePodTemplateHash(KUBECTL_CREATE_NGINX_TEMPLATE as never)).toBe('5869d7778c');
  });

  it('prints Go zero values, types and sorted maps as go-spew %#v does', () => {
    const text = spewPodTemplateSpec(KUBECTL_CREATE_NGINX_TEMPLATE);
    expect(text.startsWith('(v1.PodTemplateSpec){ObjectMeta:(v1.ObjectMeta){Name:(string) GenerateName:(string) ')).toBe(true);
    expect(text).toContain('CreationTimestamp:(v1.Time){Time:(time.Time){wall:(uint64)0 ext:(int64)0 loc:(*time.Location)<nil>}} DeletionTimestamp:(*v1.Time)<nil>');
    expect(text).toContain('Labels:(map[string]string)map[app:nginx] Annotations:(map[string]string)<nil>');
    expect(text).toContain('TerminationGracePeriodSeconds:(*int64)30 ');
    expect(text).toContain('SecurityContext:(*v1.PodSecurityContext){SELinuxOptions:(*v1.SELinuxOptions)<nil> ');
  });

  it('prints resource quantities as ParseQuantity leaves them in memory (int64 fast path, canonical string cached)', () => {
    const limitsOf = (limits: Record<string, string>) => {
      const text = spewPodTemplateSpec({ spec: { containers: [{ name: 'c', resources: { limits } }] } });
      return /Limits:\(v1\.ResourceList\)(map\[.*?\]) Requests:/.exec(text)?.[1];
    };
    const q = (value: string, scale: number, s: string, format: string) =>
      `{i:(resource.int64Amount){value:(int64)${value} scale:(resource.Scale)${scale}} d:(resource.infDecAmount){Dec:(*inf.Dec)<nil>} s:(string)${s} Format:(resource.Format)${format}}`;
    expect(limitsOf({ cpu: '100m', memory: '128Mi' })).toBe(`map[cpu:${q('100', -3, '100m', 'DecimalSI')} memory:${q('134217728', 0, '', 'BinarySI')}]`);
    expect(limitsOf({ memory: '1Gi' })).toBe(`map[memory:${q('1073741824', 0, '1Gi', 'BinarySI')}]`);
    expect(limitsOf({ cpu: '2' })).toBe(`map[cpu:${q('2', 0, '2', 'DecimalSI')}]`);
    expect(limitsOf({ cpu: '0' })).toBe(`map[cpu:${q('0', 0, '0', 'DecimalSI')}]`);
  });

  it('SafeEncodeString maps decimal digits onto the vowel-free alphabet; collisionCount changes the hash', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
    const base = hashRendered('x');
    expect(hashRendered('x', 0)).not.toBe(base);
    expect(hashRendered('x', 1)).not.toBe(hashRendered('x', 0));
  });

  it('names the ReplicaSet of a kubectl-create-deployment-shaped Deployment nginx-5869d7778c, through API server defaulting', async () => {
    h = await startHarness();
    await h.admin.create(DEPLOYMENTS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx', labels: { app: 'nginx' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'nginx' } },
        strategy: {},
        template: { metadata: { creationTimestamp: null, labels: { app: 'nginx' } }, spec: { containers: [{ image: 'nginx', name: 'nginx', resources: {} }] } },
      },
    });
    await h.settle();
    expect((await h.admin.list(REPLICASETS)).items.map((r) => r.metadata?.name)).toEqual(['nginx-5869d7778c']);
  });
});
