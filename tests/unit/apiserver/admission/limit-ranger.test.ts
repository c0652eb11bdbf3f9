import { describe, expect, it } from 'vitest';
import { limitRanger } from '../../../../engine/apiserver/admission/limit-ranger';
import type { AdmissionAttributes } from '../../../../engine/apiserver/admission/types';
import type { KubeObject } from '../../../../engine/api/objects';
import { FakeAdmissionContext, podCreate, rejection, type StoredRef } from './fake-admission-context';

const limitRange = (name: string, limits: unknown[]): StoredRef => ({
  group: '',
  resource: 'limitranges',
  object: { apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: 'dev' }, spec: { limits } },
});

const pod = (name: string, containers: unknown[], initContainers?: unknown[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'dev' },
  spec: initContainers ? { initContainers, containers } : { containers },
});

async function admitThenValidate(a: AdmissionAttributes, ctx: FakeAdmissionContext): Promise<void> {
  await limitRanger.admit?.(a, ctx);
  await limitRanger.validate?.(a, ctx);
}

describe('LimitRanger defaults', () => {
  const defaults = limitRange('mem-cpu', [
    { type: 'Container', default: { cpu: '500m', memory: '512Mi' }, defaultRequest: { cpu: '250m', memory: '256Mi' } },
  ]);

  it('fills unset requests and limits and records them in kubernetes.io/limit-ranger', async () => {
    const p = pod('nginx', [{ name: 'nginx', image: 'nginx' }]);
    await admitThenValidate(podCreate('dev', p), new FakeAdmissionContext([defaults]));
    expect((p.spec as { containers: unknown[] }).containers[0]).toEqual({
      name: 'nginx',
      image: 'nginx',
      resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
    });
    // The example from the well-known annotations reference.
    expect(p.metadata?.annotations).toEqual({
      'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx',
    });
  });

  it('keeps what the container sets and names init containers as such', async () => {
    const p = pod('app', [{ name: 'app', resources: { requests: { cpu: '100m' }, limits: { cpu: '200m', memory: '300Mi' } } }], [{ name: 'setup' }]);
    await admitThenValidate(podCreate('dev', p), new FakeAdmissionContext([defaults]));
    const spec = p.spec as { containers: { resources: unknown }[]; initContainers: { resources: unknown }[] };
    expect(spec.containers[0]?.resources).toEqual({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '200m', memory: '300Mi' } });
    expect(p.metadata?.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: memory request for container app; cpu, memory request for init container setup; cpu, memory limit for init container setup',
    );
  });

  it('leaves the pod alone when nothing was defaulted', async () => {
    const p = pod('full', [{ name: 'c', resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }]);
    await admitThenValidate(podCreate('dev', p), new FakeAdmissionContext([defaults]));
    expect(p.metadata?.annotations).toBeUndefined();
  });

  it('does not touch pod updates', async () => {
    const p = pod('nginx', [{ name: 'nginx' }]);
    await admitThenValidate(podCreate('dev', p, { operation: 'UPDATE' }), new FakeAdmissionContext([defaults]));
    expect(p.metadata?.annotations).toBeUndefined();
  });
});

describe('LimitRanger constraints', () => {
  // docs: tasks/administer-cluster/manage-resources/memory-constraint-namespace
  const memConstraints = limitRange('mem-min-max-demo-lr', [
    { type: 'Container', max: { memory: '1Gi' }, min: { memory: '500Mi' }, default: { memory: '1Gi' }, defaultRequest: { memory: '1Gi' } },
  ]);

  it('rejects a limit above max with the documented message', async () => {
    const p = pod('constraints-mem-demo-2', [{ name: 'c', resources: { limits: { memory: '1.5Gi' }, requests: { memory: '800Mi' } } }]);
    const s = await rejection(() => admitThenValidate(podCreate('dev', p), new FakeAdmissionContext([memConstraints])));
    expect(s).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'pods "constraints-mem-demo-2" is forbidden: maximum memory usage per Container is 1Gi, but limit is 1536Mi',
    });
  });

  it('rejects a request below min with the documented message', async () => {
    const p = pod('constraints-mem-demo-3', [{ name: 'c', resources: { limits: { memory: '800Mi' }, requests: { memory: '100Mi' } } }]);
    const s = await rejection(() => admitThenValidate(podCreate('dev', p), new FakeAdmissionContext([memConstraints])));
    expect(s.message).toBe('pods "constraints-mem-demo-3" is forbidden: minimum memory usage per Container is 500Mi, but request is 100Mi');
  });

  it('rejects a cpu limit above max, printing quantities canonically', async () => {
    // docs: cpu-constraint-namespace — max 800m, a 1.5 cpu limit.
    const cpu = limitRange('cpu-min-max-demo-lr', [{ type: 'Container', max: { cpu: '800m' }, min: { cpu: '200m' } }]);
    const p = pod('constraints-cpu-demo-2', [{ name: 'c', resources: { limits: { cpu: '1.5' }, requests: { cpu: '500m' } } }]);
    const s = await rejection(() => admitThenValidate(podCreate('dev', p), new FakeAdmissionContext([cpu])));
    expect(s.message).toBe('pods "constraints-cpu-demo-2" is forbidden: maximum cpu usage per Container is 800m, but limit is 1500m');
  });

  it('aggregates several violations in brackets', async () => {
    const lr = limitRange('lr', [{ type: 'Container', max: { cpu: '1' }, min: { memory: '1Gi' } }]);
    const p = pod('p', [{ name: 'c', resources: { requests: { cpu: '500m' } } }]);
    const s = await rejection(() => admitThenValidate(podCreate('dev', p), new FakeAdmissionContext([lr])));
    expect(s.message).toBe(
      'pods "p" is forbidden: [minimum memory usage per Container is 1Gi.  No request is specified, maximum cpu usage per Container is 1.  No limit is specified]',
    );
  });

  it('checks maxLimitRequestRatio with a six-decimal ratio', async () => {
    const lr = limitRange('ratio', [{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }]);
    const p = pod('p', [{ name: 'c', resources: { requests: { cpu: '250m' }, limits: { cpu: '1' } } }]);
    const s = await rejection(() => admitThenValidate(podCreate('dev', p), new FakeAdmissionContext([lr])));
    expect(s.message).toBe('pods "p" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 4.000000');
    const noRequest = pod('q', [{ name: 'c', resources: { limits: { cpu: '1' } } }]);
    const s2 = await rejection(() => admitThenValidate(podCreate('dev', noRequest), new FakeAdmissionContext([lr])));
    expect(s2.message).toBe('pods "q" is forbidden: cpu max limit to request ratio per Container is 2, but no request is specified or request is 0');
  });

  it('checks Pod items against the sum of the containers', async () => {
    const lr = limitRange('pod-max', [{ type: 'Pod', max: { cpu: '2' } }]);
    const p = pod('p', [
      { name: 'a', resources: { requests: { cpu: '1' }, limits: { cpu: '1500m' } } },
      { name: 'b', resources: { requests: { cpu: '1' }, limits: { cpu: '1500m' } } },
    ]);
    const s = await rejection(() => admitThenValidate(podCreate('dev', p), new FakeAdmissionContext([lr])));
    expect(s.message).toBe('pods "p" is forbidden: maximum cpu usage per Pod is 2, but limit is 3');
  });

  it('checks PersistentVolumeClaim storage requests', async () => {
    const lr = limitRange('storagelimits', [{ type: 'PersistentVolumeClaim', max: { storage: '2Gi' }, min: { storage: '1Gi' } }]);
    const claim = (name: string, storage: string): KubeObject => ({ metadata: { name }, spec: { resources: { requests: { storage } } } });
    const attrs = (c: KubeObject): AdmissionAttributes =>
      podCreate('dev', c, { kind: 'PersistentVolumeClaim', resource: 'persistentvolumeclaims' });
    const small = await rejection(() => admitThenValidate(attrs(claim('small', '500Mi')), new FakeAdmissionContext([lr])));
    expect(small.message).toBe('persistentvolumeclaims "small" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi');
    const big = await rejection(() => admitThenValidate(attrs(claim('big', '5Gi')), new FakeAdmissionContext([lr])));
    expect(big.message).toBe('persistentvolumeclaims "big" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi');
    await expect(admitThenValidate(attrs(claim('ok', '1536Mi')), new FakeAdmissionContext([lr]))).resolves.toBeUndefined();
  });
});
