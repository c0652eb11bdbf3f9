import { afterEach, describe, expect, it } from 'vitest';
import type { ApiRequest } from '../../../engine/apiserver/handler-types';
import { ensureClock } from '../../../engine/lab';
import type { Harness } from '../controllers/node/cluster-harness';
import { startLabHarness } from './lab-harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

async function get(path: string, accept = 'application/json'): Promise<Record<string, unknown>> {
  const req = { method: 'GET', path, query: {}, headers: { accept }, body: undefined, user: { name: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } };
  const res = await h.cluster.apiServer.handle(req as unknown as ApiRequest);
  if (res.kind !== 'body') throw new Error('unexpected watch');
  return JSON.parse(res.body) as Record<string, unknown>;
}

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

describe('lab.clusterlab.dev/v1 CRDs', () => {
  it('are served and discovered: cluster-scoped, short names, the lab category, a status subresource', async () => {
    h = await startLabHarness();
    const list = (await get('/apis/lab.clusterlab.dev/v1')) as { resources: Array<Record<string, unknown>> };
    const byName = new Map(list.resources.map((r) => [r['name'], r]));
    expect(byName.get('clocks')).toMatchObject({ kind: 'Clock', namespaced: false, singularName: 'clock', shortNames: ['clk'], categories: ['lab'] });
    expect(byName.get('faults')).toMatchObject({ kind: 'Fault', namespaced: false, singularName: 'fault', shortNames: ['flt'], categories: ['lab'] });
    expect(byName.get('clocks/status')).toMatchObject({ kind: 'Clock' });
    expect(byName.get('faults/status')).toMatchObject({ kind: 'Fault' });
  });

  it('print SPEED/PAUSED/NOW and TYPE/TARGET/ACTIVE/AGE columns', async () => {
    h = await startLabHarness();
    await ensureClock(h.client, { speed: 2, paused: false });
    const clocks = (await get('/apis/lab.clusterlab.dev/v1/clocks', TABLE)) as { columnDefinitions: Array<{ name: string }>; rows: Array<{ cells: unknown[] }> };
    expect(clocks.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Speed', 'Paused', 'Now']);
    expect(clocks.rows[0]?.cells.slice(0, 3)).toEqual(['cluster', 2, false]);
    const faults = (await get('/apis/lab.clusterlab.dev/v1/faults', TABLE)) as { columnDefinitions: Array<{ name: string }> };
    expect(faults.columnDefinitions.map((c) => c.name)).toEqual(['Name', 'Type', 'Target', 'Active', 'Age']);
  });
});
