// Expected objects and messages are what a real Kubernetes 1.32 API server returns (written from upstream
// defaults.go / validation.go / strategy.go, not from this implementation).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { podStrategy } from '../../../../../engine/apiserver/kinds/pod/pod-strategy';
import { fieldErrorMessage } from '../../../../../engine/apiserver/errors';
import type { KubeObject } from '../../../../../engine/api/objects';

const ctx = { now: 0, subresource: '' };

function created(manifest: string): KubeObject {
  const obj = parse(manifest) as KubeObject;
  podStrategy.defaults?.(obj);
  podStrategy.prepareForCreate?.(obj, ctx);
  return obj;
}

function createErrors(manifest: string): string[] {
  const obj = parse(manifest) as KubeObject;
  podStrategy.defaults?.(obj);
  return (podStrategy.validate?.(obj, ctx) ?? []).map(fieldErrorMessage);
}

describe('Pod defaults (what `kubectl get pod -o yaml` shows, minus admission-set fields)', () => {
  it('minimal pod', () => {
    const pod = created(`
apiVersion: v1
kind: Pod
metadata: {name: nginx, namespace: default}
spec:
  containers:
  - name: nginx
    image: nginx
`);
    // Not here: serviceAccountName/serviceAccount, kube-api-access volume + mount, tolerations,
    // priority and preemptionPolicy — all added by admission plugins.
    expect(pod).toEqual(
      parse(`
apiVersion: v1
kind: Pod
metadata: {name: nginx, namespace: default}
spec:
  containers:
  - image: nginx
    imagePullPolicy: Always
    name: nginx
    resources: {}
    terminationMessagePath: /dev/termination-log
    terminationMessagePolicy: File
  dnsPolicy: ClusterFirst
  enableServiceLinks: true
  restartPolicy: Always
  schedulerName: default-scheduler
  securityContext: {}
  terminationGracePeriodSeconds: 30
status:
  phase: Pending
  qosClass: BestEffort
`),
    );
  });

  it('tagged images, ports, probes, volumes, requests from limits', () => {
    const pod = created(`
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: default}
spec:
  volumes:
  - name: cfg
    configMap: {name: cfg}
  - name: scratch
  - name: host
    hostPath: {path: /var/log}
  containers:
  - name: web
    image: nginx:1.27
    ports: [{containerPort: 80}]
    resources:
      limits: {cpu: 500m, memory: 128Mi}
    livenessProbe:
      httpGet: {port: 80}
    readinessProbe:
      tcpSocket: {port: 80}
`);
    const spec = pod.spec as Record<string, any>;
    const c = spec.containers[0];
    expect(c.imagePullPolicy).toBe('IfNotPresent');
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.resources).toEqual({ limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '500m', memory: '128Mi' } });
    expect(c.livenessProbe).toEqual({ httpGet: { path: '/', port: 80, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(c.readinessProbe).toEqual({ tcpSocket: { port: 80 }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(spec.volumes).toEqual([
      { name: 'cfg', configMap: { name: 'cfg', defaultMode: 420 } },
      { name: 'scratch', emptyDir: {} },
      { name: 'host', hostPath: { path: '/var/log', type: '' } },
    ]);
    expect((pod.status as Record<string, unknown>).qosClass).toBe('Guaranteed');
  });

  it('Guaranteed QoS when every container has equal cpu and memory requests and limits', () => {
    const pod = created(`
metadata: {name: g}
spec:
  containers:
  - {name: a, image: busybox, resources: {limits: {cpu: "1", memory: 1Gi}}}
`);
    expect((pod.status as Record<string, unknown>).qosClass).toBe('Guaranteed');
  });

  it('quantities are stored canonically, rounded up to milli', () => {
    const pod = created(`
metadata: {name: q}
spec:
  containers:
  - {name: a, image: busybox, resources: {requests: {cpu: 0.5, memory: 1024Mi, ephemeral-storage: 100u}}}
`);
    const c = (pod.spec as Record<string, any>).containers[0];
    expect(c.resources.requests).toEqual({ cpu: '500m', memory: '1Gi', 'ephemeral-storage': '1m' });
  });

  it('schedulingGates add the SchedulingGated condition', () => {
    const pod = created(`
metadata: {name: gated}
spec:
  schedulingGates: [{name: example.com/foo}]
  containers: [{name: a, image: busybox}]
`);
    expect((pod.status as Record<string, unknown>).conditions).toEqual([
      { type: 'PodScheduled', status: 'False', reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates', lastProbeTime: null, lastTransitionTime: null },
    ]);
  });
});

describe('Pod create validation messages', () => {
  it('missing image and duplicate container names', () => {
    expect(
      createErrors(`
metadata: {name: p}
spec:
  containers:
  - {name: a}
  - {name: a, image: busybox}
`),
    ).toEqual(['spec.containers[0].image: Required value', 'spec.containers[1].name: Duplicate value: "a"']);
  });

  it('no containers', () => {
    expect(createErrors(`{metadata: {name: p}, spec: {containers: []}}`)).toEqual(['spec.containers: Required value']);
  });

  it('volumeMount that names no volume', () => {
    expect(
      createErrors(`
metadata: {name: p}
spec:
  containers:
  - name: a
    image: busybox
    volumeMounts: [{name: data, mountPath: /data}]
`),
    ).toEqual(['spec.containers[0].volumeMounts[0].name: Not found: "data"']);
  });

  it('unsupported enum values list upstream order', () => {
    expect(
      createErrors(`
metadata: {name: p}
spec:
  restartPolicy: Sometimes
  containers:
  - {name: a, image: busybox, imagePullPolicy: Maybe, ports: [{containerPort: 80, protocol: HTTP}]}
`),
    ).toEqual([
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      'spec.containers[0].imagePullPolicy: Unsupported value: "Maybe": supported values: "Always", "IfNotPresent", "Never"',
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
  });

  it('request above limit', () => {
    expect(
      createErrors(`
metadata: {name: p}
spec:
  containers:
  - {name: a, image: busybox, resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}}
`),
    ).toEqual(['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1']);
  });

  it('bad container name and port', () => {
    expect(
      createErrors(`
metadata: {name: p}
spec:
  containers:
  - {name: Web_1, image: busybox, ports: [{containerPort: 70000}]}
`),
    ).toEqual([
      `spec.containers[0].name: Invalid value: "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
  });

  it('toleration with empty key needs Exists', () => {
    expect(
      createErrors(`
metadata: {name: p}
spec:
  tolerations: [{operator: Equal, value: x}]
  containers: [{name: a, image: busybox}]
`),
    ).toEqual(['spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"']);
  });

  it('liveness probe successThreshold must be 1', () => {
    expect(
      createErrors(`
metadata: {name: p}
spec:
  containers:
  - {name: a, image: busybox, livenessProbe: {exec: {command: [true]}, successThreshold: 2}}
`),
    ).toEqual(['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1']);
  });
});

describe('Pod update validation', () => {
  const base = `
metadata: {name: p, namespace: default}
spec:
  containers:
  - {name: a, image: "nginx:1.26"}
`;
  const update = (mutate: (spec: Record<string, any>) => void): string[] => {
    const old = created(base);
    const next = structuredClone(old);
    mutate(next.spec as Record<string, any>);
    podStrategy.defaults?.(next);
    podStrategy.prepareForUpdate?.(next, old, ctx);
    return (podStrategy.validateUpdate?.(next, old, ctx) ?? []).map(fieldErrorMessage);
  };

  it('image may change', () => {
    expect(update((s) => (s.containers[0].image = 'nginx:1.27'))).toEqual([]);
  });

  it('other fields are forbidden with the 1.32 message', () => {
    const errs = update((s) => (s.containers[0].ports = [{ containerPort: 8080 }]));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`,`spec\.initContainers\[\*\]\.image`,`spec\.activeDeadlineSeconds`,`spec\.tolerations` \(only additions to existing tolerations\),`spec\.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)\n {2}core\.PodSpec\{\n/,
    );
  });

  it('containers may not be added', () => {
    expect(update((s) => s.containers.push({ name: 'b', image: 'busybox' }))).toEqual(['spec.containers: Forbidden: pod updates may not add or remove containers']);
  });

  it('activeDeadlineSeconds may only decrease', () => {
    const old = created(base);
    (old.spec as Record<string, unknown>).activeDeadlineSeconds = 30;
    const next = structuredClone(old);
    (next.spec as Record<string, unknown>).activeDeadlineSeconds = 60;
    expect((podStrategy.validateUpdate?.(next, old, ctx) ?? []).map(fieldErrorMessage)).toEqual([
      'spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value',
    ]);
  });

  it('scheduling gates may only be removed', () => {
    const errs = update((s) => (s.schedulingGates = [{ name: 'example.com/gate' }]));
    expect(errs).toEqual(["spec.schedulingGates[0].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/gate'"]);
  });

  it('status writes keep the stored spec; spec writes keep the stored status', () => {
    const old = created(base);
    const next = structuredClone(old);
    (next.spec as Record<string, any>).containers[0].image = 'evil';
    next.status = { phase: 'Running' };
    podStrategy.prepareForStatusUpdate?.(next, old, ctx);
    expect((next.spec as Record<string, any>).containers[0].image).toBe('nginx:1.26');
    expect(next.status).toEqual({ phase: 'Running' });
    const specWrite = structuredClone(old);
    specWrite.status = { phase: 'Failed' };
    podStrategy.prepareForUpdate?.(specWrite, old, ctx);
    expect(specWrite.status).toEqual({ phase: 'Pending', qosClass: 'BestEffort' });
  });
});
