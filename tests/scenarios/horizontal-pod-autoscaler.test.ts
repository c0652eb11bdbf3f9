/**
 * The HPA controller on a whole cluster: etcd's simulated process uses 15m of CPU; with a 10m request and a 50 %
 * utilization target each pod runs at 150 %, so the autoscaler scales 1 → 3 (ratio 3), then to the limit of
 * maxReplicas, writing the scale subresource, the SuccessfulRescale event and its status conditions.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { EVENTS, startSimCluster, type SimCluster } from '../support/sim-cluster';

const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default' };
const HPAS = { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', namespace: 'default' };

let sim: SimCluster | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('HorizontalPodAutoscaler controller', () => {
  it('scales a Deployment on cpu utilization, bounded by maxReplicas', async () => {
    sim = await startSimCluster({ nodes: 2, seed: 14 });
    const s = sim;
    await s.admin.create(DEPLOYMENTS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'busy' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'busy' } },
        template: { metadata: { labels: { app: 'busy' } }, spec: { containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.16-0', resources: { requests: { cpu: '10m' } } }] } },
      },
    });
    await s.advance(30_000);
    await s.admin.create(HPAS, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'busy' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'busy' },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      },
    });
    const replicas = async () => ((await s.admin.get({ ...DEPLOYMENTS, name: 'busy' }))['spec'] as { replicas: number }).replicas;
    await s.advanceUntil(async () => (await replicas()) > 1, 60_000);
    const hpa = await s.admin.get({ ...HPAS, name: 'busy' });
    const st = hpa['status'] as any;
    // The usage carries the runtime's per-container jitter around 15m: ratio ≈ 3, ceil(ratio × 1 pod).
    const utilization = st.currentMetrics[0].resource.current.averageUtilization as number;
    expect(st.currentMetrics[0].resource.name).toBe('cpu');
    expect(utilization).toBeGreaterThan(100);
    // averageUtilization is the floor of the exact figure the ratio used.
    const first = st.desiredReplicas as number;
    expect([Math.ceil(utilization / 50), Math.ceil((utilization + 1) / 50)].map((n) => Math.min(5, n))).toContain(first);
    expect(await replicas()).toBe(first);
    expect(st.conditions.map((c: any) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['AbleToScale=True/SucceededRescale', 'ScalingActive=True/ValidMetricFound', 'ScalingLimited=False/DesiredWithinRange']);
    // Still above target with 3 pods: 9 would be proposed, maxReplicas caps it at 5.
    await s.advanceUntil(async () => (await replicas()) === 5, 120_000);
    await s.advance(30_000);
    const capped = (await s.admin.get({ ...HPAS, name: 'busy' }))['status'] as any;
    expect(capped.conditions.find((c: any) => c.type === 'ScalingLimited')).toMatchObject({ status: 'True', reason: 'TooManyReplicas' });
    const events = (await s.admin.list({ ...EVENTS, namespace: 'default' }, { fieldSelector: 'involvedObject.name=busy,involvedObject.kind=HorizontalPodAutoscaler' })).items.map((e) => e['message']);
    expect(events).toContain(`New size: ${first}; reason: cpu resource utilization (percentage of request) above target`);
    expect(events).toContain('New size: 5; reason: cpu resource utilization (percentage of request) above target');
  });
});
