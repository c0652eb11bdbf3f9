/**
 * The in-app `describe` against the real kubectl 1.32 on the same lab: objects of every kind with its own describer
 * (a running Deployment and its ReplicaSet and Pods, a Service with endpoints, a ConfigMap with an Event, a Secret,
 * a Namespace) are described by both, after the lab's clock is paused. Ages: the real kubectl measures them against
 * the wall clock (the lab's virtual time runs ahead at ×100, so it prints `<invalid>` for future timestamps), so the
 * in-app describer is given the same wall-clock `now` here; in the app it uses virtual time. The outputs must be
 * equal byte for byte. (A ConfigMap with several keys is printed in Go map order by kubectl — random — so the
 * fixture has one key.) Kinds described generically are listed in ARCHITECTURE.md's gaps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import type { Clock } from '../../engine/base/clock';
import { ApiClient } from '../../engine/client/api-client';
import { ADMIN_USER } from '../../engine/cluster/lab-cluster';
import { describeObjects } from '../../engine/kubectl/describe';
import { startReadyLab, type LabServer } from '../support/lab-server';

let lab: LabServer;
let client: ApiClient;

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: { app: web, tier: frontend }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports: [{ containerPort: 80 }]
        env: [{ name: GREETING, value: hello }]
        resources: { requests: { cpu: 100m, memory: 64Mi }, limits: { memory: 128Mi } }
        readinessProbe: { httpGet: { path: /, port: 80 }, periodSeconds: 5 }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: 80 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, labels: { app: web } }
data: { greeting: hello }
---
apiVersion: v1
kind: Secret
metadata: { name: creds }
stringData: { password: s3cret }
`;

beforeAll(async () => {
  lab = await startReadyLab({ nodes: 2, zones: ['zone-a', 'zone-b'], speed: 100 });
  client = new ApiClient(lab.controlPlane.handler, ADMIN_USER, 'kubectl/v1.32.4 (linux/amd64) kubernetes/59526cd');
  expect((await lab.kubectl(['apply', '-f', '-'], { input: MANIFESTS })).code).toBe(0);
  expect((await lab.kubectl(['rollout', 'status', 'deployment/web', '--timeout=60s'], { timeoutMs: 70_000 })).code).toBe(0);
  expect((await lab.kubectl(['patch', 'clock', 'cluster', '--type', 'merge', '-p', '{"spec":{"paused":true}}'])).code).toBe(0);
  const end = Date.now() + 10_000;
  while (!lab.controlPlane.driver.clock.isPaused && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  expect(lab.controlPlane.driver.clock.isPaused).toBe(true);
}, 120_000);

afterAll(async () => {
  await lab?.close();
});

/** The lab's clock, reading wall time as the real kubectl does. */
function wallClock(): Clock {
  const c = lab.controlPlane.driver.clock;
  return { now: () => Date.now(), setTimer: c.setTimer.bind(c), setPeriodic: c.setPeriodic.bind(c), random: c.random, onDidAdvance: c.onDidAdvance };
}

async function inApp(resource: { group: string; version: string; resource: string }, namespace: string | undefined, name: string): Promise<string> {
  const obj = (await client.get({ ...resource, namespace, name })) as KubeObject;
  return describeObjects([obj], { client, clock: wallClock(), showEvents: true });
}


describe('in-app describe equals kubectl describe', () => {
  it.each([
    ['deployment', { group: 'apps', version: 'v1', resource: 'deployments' }, 'default', 'web'],
    ['configmap', { group: '', version: 'v1', resource: 'configmaps' }, 'default', 'settings'],
    ['secret', { group: '', version: 'v1', resource: 'secrets' }, 'default', 'creds'],
    ['service', { group: '', version: 'v1', resource: 'services' }, 'default', 'web'],
    ['namespace', { group: '', version: 'v1', resource: 'namespaces' }, undefined, 'default'],
  ] as const)('%s', async (kind, ref, ns, name) => {
    const real = await lab.kubectl(['describe', kind, name, ...(ns ? ['-n', ns] : [])]);
    expect(real.code).toBe(0);
    expect(await inApp(ref, ns, name)).toBe(real.stdout);
  });

  it('replicaset and pods (several objects separated as kubectl separates them)', async () => {
    const rs = (await client.list({ group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'default' })).items[0]!;
    const real = await lab.kubectl(['describe', 'replicaset', rs.metadata!.name!]);
    expect(await inApp({ group: 'apps', version: 'v1', resource: 'replicasets' }, 'default', rs.metadata!.name!)).toBe(real.stdout);
    const pods = (await client.list({ group: '', version: 'v1', resource: 'pods', namespace: 'default' }, { labelSelector: 'app=web' })).items.map((p) => ({ apiVersion: 'v1', kind: 'Pod', ...p }));
    const realPods = await lab.kubectl(['describe', 'pods', '-l', 'app=web']);
    expect(await describeObjects(pods, { client, clock: wallClock(), showEvents: true })).toBe(realPods.stdout);
  });
});
