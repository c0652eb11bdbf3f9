/**
 * Issue #3 acceptance 3: CrashLoopBackOff. A container that exits at once is restarted after 10, 20, 40, 80, 160,
 * 300, 300 s (each within the kubelet's sync period), and `kubectl get pods` (the server-side Table) shows
 * CrashLoopBackOff with RESTARTS as upstream prints it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/objects';
import { PODS, startSimCluster, type SimCluster } from '../support/sim-cluster';

interface ContainerStatus {
  restartCount: number;
  state: { waiting?: { reason: string; message?: string }; running?: { startedAt: string }; terminated?: { finishedAt: string } };
  lastState: { terminated?: { exitCode: number; reason: string; startedAt: string; finishedAt: string } };
}
const containerStatus = (p: KubeObject) => ((p['status'] as { containerStatuses?: ContainerStatus[] }).containerStatuses ?? [])[0];

/** One row of `kubectl get pods` as the API server's Table renders it. */
async function getPodsRow(sim: SimCluster, name: string): Promise<Record<string, unknown>> {
  const res = await sim.cluster.apiServer.handle({
    method: 'GET',
    path: `/api/v1/namespaces/default/pods/${name}`,
    query: {},
    headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    user: { name: 'admin', groups: ['system:masters'] },
  });
  if (res.kind !== 'body') throw new Error('unexpected watch');
  const table = JSON.parse(res.body) as { columnDefinitions: Array<{ name: string }>; rows: Array<{ cells: unknown[] }> };
  return Object.fromEntries(table.columnDefinitions.map((c, i) => [c.name, table.rows[0]!.cells[i]]));
}

let sim: SimCluster;
beforeEach(async () => {
  sim = await startSimCluster({ nodes: 1, zones: ['zone-a'] });
});
afterEach(async () => {
  await sim.close();
});

describe('CrashLoopBackOff', () => {
  it('restarts at 10, 20, 40, 80, 160, 300, 300 s and prints CrashLoopBackOff with RESTARTS', async () => {
    await sim.admin.create({ ...PODS, namespace: 'default' }, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'crasher' },
      spec: { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'echo boom; exit 1'] }] },
    });
    // Instance n's run, as lastState shows it once instance n+1 exists; a restart gap is the time from one
    // instance's finish to the next one's start.
    const runs = new Map<number, { startedAt: number; finishedAt: number }>();
    await sim.advanceUntil(
      async () => {
        const cs = containerStatus(await sim.pod('default', 'crasher'));
        const last = cs?.lastState.terminated;
        if (cs && last) runs.set(cs.restartCount - 1, { startedAt: Date.parse(last.startedAt), finishedAt: Date.parse(last.finishedAt) });
        return runs.size >= 8;
      },
      40 * 60_000,
      1000,
    );
    const gaps = [...Array(7).keys()].map((n) => (runs.get(n + 1)!.startedAt - runs.get(n)!.finishedAt) / 1000);
    const expected = [10, 20, 40, 80, 160, 300, 300];
    // "± the sync period": the kubelet notices an expired backoff at its next pod sync (10 s resync).
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(expected[i]!);
      expect(gap).toBeLessThanOrEqual(expected[i]! + 10);
    });

    // Between restarts the pod waits in CrashLoopBackOff.
    await sim.advanceUntil(async () => containerStatus(await sim.pod('default', 'crasher'))?.state.waiting?.reason === 'CrashLoopBackOff', 400_000);
    const cs = containerStatus(await sim.pod('default', 'crasher'))!;
    expect(cs.state.waiting!.message).toBe(`back-off 5m0s restarting failed container=app pod=crasher_default(${(await sim.pod('default', 'crasher')).metadata!.uid})`);
    const row = await getPodsRow(sim, 'crasher');
    expect(row['Status']).toBe('CrashLoopBackOff');
    expect(row['Restarts']).toMatch(new RegExp(`^${cs.restartCount} \\(\\d+s ago\\)$`));
    const backOffs = (await sim.eventsFor('default', 'crasher')).filter((e) => e['reason'] === 'BackOff');
    expect(backOffs).toHaveLength(1); // repeats are counted on one Event, as the correlator does
    expect(backOffs[0]!['message']).toBe('Back-off restarting failed container app in pod crasher_default(' + (await sim.pod('default', 'crasher')).metadata!.uid + ')');
    expect(backOffs[0]!['count'] as number).toBeGreaterThan(5);
  });
});
