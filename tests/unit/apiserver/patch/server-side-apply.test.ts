/**
 * Server-side apply and managedFields, checked against what a 1.32 API server records: the expected
 * fieldsV1 below are written out by hand from upstream's encoding (structured-merge-diff fieldpath
 * serialization) and from the managedFields a real cluster shows for these requests.
 */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { StatusError } from '../../../../engine/apiserver/errors';
import { defaultManagerFromUserAgent, serverSideApply, updateManagedFields } from '../../../../engine/apiserver/patch/server-side-apply';
import { listMeta } from './lookups';

const T0 = '2026-01-01T00:00:00Z';
const T1 = '2026-01-01T00:01:00Z';
const T2 = '2026-01-01T00:02:00Z';

/** kubernetes.io docs controllers/nginx-deployment.yaml */
const nginxDeployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'nginx-deployment', labels: { app: 'nginx' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
    },
  },
});

const apply = (live: KubeObject | undefined, applied: KubeObject, manager = 'kubectl', opts: { force?: boolean; now?: string } = {}) =>
  serverSideApply({ live, applied, manager, force: opts.force ?? false, now: opts.now ?? T0, apiVersion: 'apps/v1', lookup: listMeta }).object;

const managedFields = (o: KubeObject) => o.metadata?.managedFields ?? [];

function statusOf(fn: () => unknown): StatusError['status'] {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatusError) return e.status;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('serverSideApply — kubectl apply --server-side of nginx-deployment', () => {
  it('records one Apply entry for "kubectl" with the fields of the manifest', () => {
    const obj = apply(undefined, nginxDeployment());
    expect(managedFields(obj)).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('serializes fieldsV1 keys in upstream order ("." first, then sorted)', () => {
    const fields = managedFields(apply(undefined, nginxDeployment()))[0]?.fieldsV1;
    expect(JSON.stringify(fields)).toBe(
      '{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{},"f:ports":{"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{}}}}}}}}}',
    );
  });

  it('the created object is the manifest', () => {
    const obj = apply(undefined, nginxDeployment());
    const { managedFields: _mf, ...meta } = obj.metadata ?? {};
    expect({ ...obj, metadata: meta }).toEqual(nginxDeployment());
  });

  it('re-applying the same manifest is a no-op: object and entry time unchanged', () => {
    const first = apply(undefined, nginxDeployment(), 'kubectl', { now: T0 });
    const again = apply(first, nginxDeployment(), 'kubectl', { now: T1 });
    expect(again).toEqual(first);
  });

  it('a changed value updates the object and the entry time', () => {
    const first = apply(undefined, nginxDeployment(), 'kubectl', { now: T0 });
    const m = nginxDeployment();
    (m['spec'] as { replicas: number }).replicas = 5;
    const next = apply(first, m, 'kubectl', { now: T1 });
    expect((next['spec'] as { replicas: number }).replicas).toBe(5);
    expect(managedFields(next)[0]?.time).toBe(T1);
  });
});

describe('serverSideApply — removal of fields the applier stops applying', () => {
  it('removes an omitted label and container that nobody else owns', () => {
    const base = nginxDeployment();
    (base.metadata as { labels: Record<string, string> }).labels = { app: 'nginx', tier: 'web' };
    const spec = base['spec'] as { template: { spec: { containers: unknown[] } } };
    spec.template.spec.containers.push({ name: 'sidecar', image: 'busybox' });
    const first = apply(undefined, base);
    const next = apply(first, nginxDeployment(), 'kubectl', { now: T1 });
    expect(next.metadata?.labels).toEqual({ app: 'nginx' });
    expect((next['spec'] as typeof spec).template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }]);
  });

  it('keeps an omitted field that another manager also owns', () => {
    const first = apply(undefined, nginxDeployment(), 'kubectl');
    // A second applier sets the same replicas value: shared ownership, no conflict.
    const shared = apply(first, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-deployment' }, spec: { replicas: 3 } }, 'other', { now: T1 });
    const m = nginxDeployment();
    delete (m['spec'] as { replicas?: number }).replicas;
    const next = apply(shared, m, 'kubectl', { now: T2 });
    expect((next['spec'] as { replicas: number }).replicas).toBe(3);
  });

  it('leaves fields set by non-apply writers alone', () => {
    const created = apply(undefined, nginxDeployment());
    const edited = structuredClone(created);
    (edited.metadata as { annotations?: Record<string, string> }).annotations = { note: 'x' };
    const updated = updateManagedFields({ old: created, next: edited, manager: 'kubectl-edit', operation: 'Update', now: T1, apiVersion: 'apps/v1', lookup: listMeta });
    const next = apply(updated, nginxDeployment(), 'kubectl', { now: T2 });
    expect(next.metadata?.annotations).toEqual({ note: 'x' });
  });
});

describe('serverSideApply — conflicts', () => {
  const updatedBy = (manager: string, change: (o: KubeObject) => void): KubeObject => {
    const created = apply(undefined, nginxDeployment());
    const edited = structuredClone(created);
    change(edited);
    return updateManagedFields({ old: created, next: edited, manager, operation: 'Update', now: T1, apiVersion: 'apps/v1', lookup: listMeta });
  };
  const setReplicas = (n: number) => (o: KubeObject) => {
    (o['spec'] as { replicas: number }).replicas = n;
  };

  it('one conflict: 409 with upstream message and a FieldManagerConflict cause', () => {
    const live = updatedBy('kubectl-client-side-apply', setReplicas(2));
    const s = statusOf(() => apply(live, nginxDeployment(), 'kubectl', { now: T2 }));
    expect(s).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }] },
      code: 409,
    });
  });

  it('several conflicts: grouped per manager, one path per line', () => {
    const live = updatedBy('m', (o) => {
      setReplicas(2)(o);
      const c = (o['spec'] as { template: { spec: { containers: { image: string }[] } } }).template.spec.containers[0];
      if (c) c.image = 'nginx:1.25';
    });
    const s = statusOf(() => apply(live, nginxDeployment(), 'kubectl', { now: T2 }));
    expect(s.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "m" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(s.details?.causes?.map((c) => c.field)).toEqual(['.spec.replicas', '.spec.template.spec.containers[name="nginx"].image']);
  });

  it('a conflict with another applier prints no apiVersion', () => {
    const first = apply(undefined, nginxDeployment(), 'kubectl');
    const m = nginxDeployment();
    (m['spec'] as { replicas: number }).replicas = 7;
    expect(statusOf(() => apply(first, m, 'other-applier', { now: T1 })).message).toBe('Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas');
  });

  it('force takes the field over: value applied, ownership moved', () => {
    const live = updatedBy('kubectl-client-side-apply', setReplicas(2));
    const next = apply(live, nginxDeployment(), 'kubectl', { force: true, now: T2 });
    expect((next['spec'] as { replicas: number }).replicas).toBe(3);
    const csa = managedFields(next).find((e) => e.manager === 'kubectl-client-side-apply');
    expect(csa).toBeUndefined(); // its only field was replicas
    const mine = managedFields(next).find((e) => e.manager === 'kubectl');
    expect(mine?.fieldsV1).toHaveProperty(['f:spec', 'f:replicas']);
  });
});

describe('updateManagedFields', () => {
  it('kubectl create deployment: Update entry for kubectl-create with "." on added maps and pointer structs', () => {
    // The object as stored after defaulting (kubectl create deployment nginx --image=nginx).
    const created: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx', namespace: 'default', labels: { app: 'nginx' }, uid: 'u', resourceVersion: '1', generation: 1, creationTimestamp: T0 },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'nginx' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: {
            containers: [{ name: 'nginx', image: 'nginx', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'Always' }],
            restartPolicy: 'Always',
            terminationGracePeriodSeconds: 30,
            dnsPolicy: 'ClusterFirst',
            securityContext: {},
            schedulerName: 'default-scheduler',
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {},
    };
    const out = updateManagedFields({ old: undefined, next: created, manager: 'kubectl-create', operation: 'Update', now: T0, apiVersion: 'apps/v1', lookup: listMeta });
    expect(managedFields(out)).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:progressDeadlineSeconds': {},
            'f:replicas': {},
            'f:revisionHistoryLimit': {},
            'f:selector': {},
            'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} }, 'f:type': {} },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:imagePullPolicy': {},
                    'f:name': {},
                    'f:resources': {},
                    'f:terminationMessagePath': {},
                    'f:terminationMessagePolicy': {},
                  },
                },
                'f:dnsPolicy': {},
                'f:restartPolicy': {},
                'f:schedulerName': {},
                'f:securityContext': {},
                'f:terminationGracePeriodSeconds': {},
              },
            },
          },
        },
      },
    ]);
  });

  it('moves changed fields from other managers, drops emptied entries, and sorts Apply before Update', () => {
    const created = apply(undefined, nginxDeployment(), 'kubectl', { now: T0 });
    const scaled = structuredClone(created);
    (scaled['spec'] as { replicas: number }).replicas = 10;
    const out = updateManagedFields({ old: created, next: scaled, manager: 'kubectl-scale', operation: 'Update', subresource: 'scale', now: T1, apiVersion: 'apps/v1', lookup: listMeta });
    const mf = managedFields(out);
    expect(mf.map((e) => [e.manager, e.operation, e.subresource])).toEqual([
      ['kubectl', 'Apply', undefined],
      ['kubectl-scale', 'Update', 'scale'],
    ]);
    expect(mf[1]).toEqual({ manager: 'kubectl-scale', operation: 'Update', apiVersion: 'apps/v1', time: T1, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } }, subresource: 'scale' });
    expect(mf[0]?.fieldsV1).not.toHaveProperty(['f:spec', 'f:replicas']);
  });

  it('merges repeated updates by the same manager into one entry with the latest time', () => {
    const created = updateManagedFields({ old: undefined, next: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }, manager: 'm', operation: 'Update', now: T0, apiVersion: 'v1', lookup: listMeta });
    const next = structuredClone(created);
    (next['data'] as Record<string, string>)['b'] = '2';
    const out = updateManagedFields({ old: created, next, manager: 'm', operation: 'Update', now: T1, apiVersion: 'v1', lookup: listMeta });
    expect(managedFields(out)).toEqual([
      { manager: 'm', operation: 'Update', apiVersion: 'v1', time: T1, fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} } } },
    ]);
  });

  it('a write that changes nothing leaves managedFields as they were', () => {
    const created = apply(undefined, nginxDeployment(), 'kubectl', { now: T0 });
    const out = updateManagedFields({ old: created, next: structuredClone(created), manager: 'x', operation: 'Update', now: T1, apiVersion: 'apps/v1', lookup: listMeta });
    expect(managedFields(out)).toEqual(managedFields(created));
  });

  it('keeps at most 10 Update entries, folding the oldest into "ancient-changes"', () => {
    let obj: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} };
    let old: KubeObject | undefined;
    for (let i = 0; i < 11; i++) {
      const next = structuredClone(obj);
      (next['data'] as Record<string, string>)[`k${i}`] = 'v';
      const now = `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`;
      obj = updateManagedFields({ old, next, manager: `m${i}`, operation: 'Update', now, apiVersion: 'v1', lookup: listMeta });
      old = obj;
    }
    const mf = managedFields(obj);
    expect(mf).toHaveLength(10);
    // m0 and m1 are the two oldest for v1: they become one bucket with m1's time.
    expect(mf[0]).toEqual({ manager: 'ancient-changes', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:01Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:k0': {}, 'f:k1': {} } } });
    expect(mf.map((e) => e.manager)).toEqual(['ancient-changes', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'm9', 'm10']);
  });

  it('managedFields: [] from the client resets them', () => {
    const created = apply(undefined, nginxDeployment(), 'kubectl', { now: T0 });
    const next = structuredClone(created);
    (next.metadata as { managedFields: unknown[] }).managedFields = [];
    const out = updateManagedFields({ old: created, next, manager: 'x', operation: 'Update', now: T1, apiVersion: 'apps/v1', lookup: listMeta });
    expect(out.metadata?.managedFields).toBeUndefined();
  });
});

describe('reset fields (GetResetFields)', () => {
  it('an applied status is not owned when the strategy resets status', () => {
    const m = nginxDeployment();
    m['status'] = { replicas: 3 };
    const obj = serverSideApply({ live: undefined, applied: m, manager: 'kubectl', force: false, now: T0, apiVersion: 'apps/v1', lookup: listMeta, resetFields: [['status']] }).object;
    expect(managedFields(obj)[0]?.fieldsV1).not.toHaveProperty('f:status');
    expect(managedFields(obj)[0]?.fieldsV1).toHaveProperty(['f:spec', 'f:replicas']);
  });
  it('a status write through the main resource records no status ownership', () => {
    const created = apply(undefined, nginxDeployment());
    const next = structuredClone(created);
    next['status'] = { replicas: 3 };
    const out = updateManagedFields({ old: created, next, manager: 'x', operation: 'Update', now: T1, apiVersion: 'apps/v1', lookup: listMeta, resetFields: [['status']] });
    expect(managedFields(out).map((e) => e.manager)).toEqual(['kubectl']);
  });
});

describe('serverSideApply — objects created before server-side apply', () => {
  it('gives existing fields to "before-first-apply" first', () => {
    const live: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: 'u' }, data: { a: '1', b: '2' } };
    const out = serverSideApply({ live, applied: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1' } }, manager: 'kubectl', force: false, now: T1, apiVersion: 'v1', lookup: listMeta }).object;
    expect(managedFields(out).map((e) => [e.manager, e.operation, e.fieldsV1])).toEqual([
      ['kubectl', 'Apply', { 'f:data': { 'f:a': {} } }],
      ['before-first-apply', 'Update', { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} } }],
    ]);
  });

  it('rejects a configuration that carries managedFields', () => {
    const m = nginxDeployment();
    (m.metadata as { managedFields: unknown[] }).managedFields = [];
    expect(statusOf(() => apply(undefined, m))).toMatchObject({ code: 400, message: 'metadata.managedFields must be nil' });
  });
});

describe('defaultManagerFromUserAgent', () => {
  it.each([
    ['kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9', 'kubectl'],
    ['kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/70d3cc9/system:serviceaccount:kube-system:deployment-controller', 'kube-controller-manager'],
    ['Mozilla\u0007Bad/1.0', 'MozillaBad'],
    ['', ''],
  ])('%j → %j', (ua, want) => {
    expect(defaultManagerFromUserAgent(ua)).toBe(want);
  });
  it('caps the name at 128 bytes', () => {
    expect(defaultManagerFromUserAgent('x'.repeat(300))).toHaveLength(128);
  });
});
