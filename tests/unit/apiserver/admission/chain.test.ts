import { describe, expect, it } from 'vitest';
import { defaultAdmissionChain, runAdmission } from '../../../../engine/apiserver/admission/types';
import type { KubeObject } from '../../../../engine/api/objects';
import { FakeAdmissionContext, namespace, podCreate, rejection, scriptedRandom } from './fake-admission-context';

describe('admission chain', () => {
  it("runs upstream's plugin order", () => {
    expect(defaultAdmissionChain().map((p) => p.name)).toEqual([
      'NamespaceLifecycle',
      'LimitRanger',
      'ServiceAccount',
      'TaintNodesByCondition',
      'Priority',
      'DefaultTolerationSeconds',
      'DefaultStorageClass',
      'StorageObjectInUseProtection',
      'PersistentVolumeClaimResize',
      'RuntimeClass',
      'DefaultIngressClass',
      'ResourceQuota',
    ]);
  });

  it('mutates a bare pod in default the way a 1.32 cluster does', async () => {
    const ctx = new FakeAdmissionContext(
      [namespace('default'), { group: '', resource: 'serviceaccounts', object: { metadata: { name: 'default', namespace: 'default' } } }],
      undefined,
      scriptedRandom([0, 1, 2, 3, 4]),
    );
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } };
    const a = podCreate('default', pod);
    await runAdmission(defaultAdmissionChain(), 'mutating', a, ctx);
    await runAdmission(defaultAdmissionChain(), 'validating', a, ctx);
    expect(pod.spec).toMatchObject({
      serviceAccountName: 'default',
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [{ name: 'kube-api-access-bcdfg' }],
    });
  });

  it('lets LimitRanger defaults satisfy a compute quota, which then records the usage', async () => {
    const ns = 'team-a';
    const ctx = new FakeAdmissionContext([
      namespace(ns),
      { group: '', resource: 'serviceaccounts', object: { metadata: { name: 'default', namespace: ns }, automountServiceAccountToken: false } },
      {
        group: '',
        resource: 'limitranges',
        object: { metadata: { name: 'defaults', namespace: ns }, spec: { limits: [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m', memory: '128Mi' } }] } },
      },
      {
        group: '',
        resource: 'resourcequotas',
        object: {
          metadata: { name: 'compute', namespace: ns },
          spec: { hard: { 'requests.cpu': '1', 'limits.memory': '1Gi', pods: '4' } },
          status: { hard: { 'requests.cpu': '1', 'limits.memory': '1Gi', pods: '4' }, used: { 'requests.cpu': '200m', 'limits.memory': '512Mi', pods: '2' } },
        },
      },
    ]);
    const pod: KubeObject = { metadata: { name: 'web', namespace: ns }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
    const a = podCreate(ns, pod);
    await runAdmission(defaultAdmissionChain(), 'mutating', a, ctx);
    await runAdmission(defaultAdmissionChain(), 'validating', a, ctx);
    expect(ctx.statusWrites.map((w) => (w.object.status as { used: unknown }).used)).toEqual([{ 'limits.memory': '768Mi', pods: '3', 'requests.cpu': '300m' }]);
  });

  it('stops at the first rejection', async () => {
    const ctx = new FakeAdmissionContext([]);
    const pod: KubeObject = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c' }] } };
    const s = await rejection(() => runAdmission(defaultAdmissionChain(), 'mutating', podCreate('nowhere', pod), ctx));
    expect(s.message).toBe('namespaces "nowhere" not found');
    expect((pod.spec as { serviceAccountName?: string }).serviceAccountName).toBeUndefined();
  });
});
