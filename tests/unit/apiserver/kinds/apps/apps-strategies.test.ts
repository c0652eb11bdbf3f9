// Expected objects are what a Kubernetes 1.32 server stores for these manifests (apps/v1 defaults.go,
// strategy.go); messages are upstream's validation strings.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workloadStrategies } from '../../../../../engine/apiserver/kinds/workload-strategies';
import { fieldErrorMessage } from '../../../../../engine/apiserver/errors';
import type { KubeObject } from '../../../../../engine/api/objects';
import type { KindStrategy } from '../../../../../engine/apiserver/registry/strategy';

const ctx = { now: 0, subresource: '' };
const s = (k: string): KindStrategy => workloadStrategies[k] as KindStrategy;

function create(kind: string, manifest: string): { obj: KubeObject; errors: string[] } {
  const obj = parse(manifest) as KubeObject;
  s(kind).defaults?.(obj);
  s(kind).prepareForCreate?.(obj, ctx);
  return { obj, errors: (s(kind).validate?.(obj, ctx) ?? []).map(fieldErrorMessage) };
}

function update(kind: string, old: KubeObject, mutate: (o: KubeObject) => void): { obj: KubeObject; errors: string[] } {
  const obj = structuredClone(old);
  mutate(obj);
  s(kind).defaults?.(obj);
  s(kind).prepareForUpdate?.(obj, old, ctx);
  return { obj, errors: (s(kind).validateUpdate?.(obj, old, ctx) ?? []).map(fieldErrorMessage) };
}

const deployment = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27"}]
`;

describe('Deployment', () => {
  it('defaults as `kubectl get deploy -o yaml` shows them on 1.32', () => {
    const { obj, errors } = create('apps/Deployment', deployment);
    expect(errors).toEqual([]);
    expect(obj).toEqual(
      parse(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default, generation: 1}
spec:
  progressDeadlineSeconds: 600
  replicas: 1
  revisionHistoryLimit: 10
  selector: {matchLabels: {app: web}}
  strategy:
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels: {app: web}
    spec:
      containers:
      - image: "nginx:1.27"
        imagePullPolicy: IfNotPresent
        name: nginx
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
status: {}
`),
    );
  });

  it('missing selector reports both the requirement and the mismatch', () => {
    const { errors } = create(
      'apps/Deployment',
      `
metadata: {name: web}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
`,
    );
    expect(errors).toEqual(['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`']);
  });

  it('template restartPolicy must be Always', () => {
    const { errors } = create('apps/Deployment', deployment.replace('containers:', 'restartPolicy: Never\n      containers:'));
    expect(errors).toEqual(['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
  });

  it('maxUnavailable and maxSurge both zero', () => {
    const { errors } = create('apps/Deployment', deployment.replace('spec:\n  selector', 'spec:\n  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}\n  selector'));
    expect(errors).toEqual(['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0']);
  });

  it('negative replicas', () => {
    const { errors } = create('apps/Deployment', deployment.replace('spec:\n  selector', 'spec:\n  replicas: -1\n  selector'));
    expect(errors).toEqual(['spec.replicas: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('selector is immutable', () => {
    const { obj } = create('apps/Deployment', deployment);
    const { errors } = update('apps/Deployment', obj, (o) => {
      const spec = o.spec as Record<string, any>;
      spec.selector = { matchLabels: { app: 'web2' } };
      spec.template.metadata.labels = { app: 'web2' };
    });
    expect(errors).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    ]);
  });

  it('generation: +1 on spec or annotation change, not on label change; status kept', () => {
    const { obj } = create('apps/Deployment', deployment);
    obj.status = { replicas: 1 };
    const labelled = update('apps/Deployment', obj, (o) => ((o.metadata as Record<string, unknown>).labels = { team: 'a' })).obj;
    expect(labelled.metadata?.generation).toBe(1);
    const scaled = update('apps/Deployment', obj, (o) => {
      (o.spec as Record<string, unknown>).replicas = 3;
      o.status = {};
    }).obj;
    expect(scaled.metadata?.generation).toBe(2);
    expect(scaled.status).toEqual({ replicas: 1 });
    const annotated = update('apps/Deployment', obj, (o) => ((o.metadata as Record<string, unknown>).annotations = { a: 'b' })).obj;
    expect(annotated.metadata?.generation).toBe(2);
  });

  it('status writes keep spec and labels', () => {
    const { obj } = create('apps/Deployment', deployment);
    const next = structuredClone(obj);
    (next.spec as Record<string, unknown>).replicas = 9;
    (next.metadata as Record<string, unknown>).labels = { x: 'y' };
    next.status = { replicas: 1 };
    s('apps/Deployment').prepareForStatusUpdate?.(next, obj, ctx);
    expect((next.spec as Record<string, unknown>).replicas).toBe(1);
    expect(next.metadata?.labels).toBeUndefined();
    expect(next.status).toEqual({ replicas: 1 });
  });
});

describe('ReplicaSet', () => {
  it('defaults and initial status', () => {
    const { obj, errors } = create('apps/ReplicaSet', deployment.replace('kind: Deployment', 'kind: ReplicaSet'));
    expect(errors).toEqual([]);
    expect((obj.spec as Record<string, unknown>).replicas).toBe(1);
    expect(obj.status).toEqual({ replicas: 0 });
  });
  it('empty selector message says deployment (upstream wording)', () => {
    const { errors } = create('apps/ReplicaSet', deployment.replace('selector: {matchLabels: {app: web}}', 'selector: {}'));
    expect(errors).toEqual(['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment']);
  });
});

const statefulSet = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: default}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "postgres:16"}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`;

describe('StatefulSet', () => {
  it('apps/v1 defaults', () => {
    const { obj, errors } = create('apps/StatefulSet', statefulSet);
    expect(errors).toEqual([]);
    const spec = obj.spec as Record<string, unknown>;
    expect(spec.replicas).toBe(1);
    expect(spec.podManagementPolicy).toBe('OrderedReady');
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(spec.volumeClaimTemplates).toEqual([
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { name: 'data', creationTimestamp: null },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);
    expect(obj.status).toEqual({ availableReplicas: 0, replicas: 0 });
  });

  it('volumeClaimTemplates cannot change', () => {
    const { obj } = create('apps/StatefulSet', statefulSet);
    const { errors } = update('apps/StatefulSet', obj, (o) => ((o.spec as Record<string, any>).volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'));
    expect(errors).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it('replicas and template may change', () => {
    const { obj } = create('apps/StatefulSet', statefulSet);
    const { errors, obj: next } = update('apps/StatefulSet', obj, (o) => ((o.spec as Record<string, unknown>).replicas = 3));
    expect(errors).toEqual([]);
    expect(next.metadata?.generation).toBe(2);
  });
});

const daemonSet = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: "busybox:1.36"}]
`;

describe('DaemonSet', () => {
  it('defaults, status counters and the template-generation annotation', () => {
    const { obj, errors } = create('apps/DaemonSet', daemonSet);
    expect(errors).toEqual([]);
    const spec = obj.spec as Record<string, unknown>;
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(obj.metadata?.annotations).toEqual({ 'deprecated.daemonset.template.generation': '1' });
    expect(obj.status).toEqual({ currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
  });

  it('a template change bumps generation and template generation', () => {
    const { obj } = create('apps/DaemonSet', daemonSet);
    const { obj: next, errors } = update('apps/DaemonSet', obj, (o) => ((o.spec as Record<string, any>).template.spec.containers[0].image = 'busybox:1.37'));
    expect(errors).toEqual([]);
    expect(next.metadata?.generation).toBe(2);
    expect(next.metadata?.annotations?.['deprecated.daemonset.template.generation']).toBe('2');
  });

  it('maxSurge and maxUnavailable both non-zero', () => {
    const { errors } = create('apps/DaemonSet', daemonSet.replace('spec:\n  selector', 'spec:\n  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}\n  selector'));
    expect(errors).toEqual(['spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero']);
  });
});
