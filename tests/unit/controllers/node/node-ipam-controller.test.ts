import { afterEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../../engine/api/objects';
import { NodeIpamController } from '../../../../engine/controllers/node-ipam-controller';
import { CidrSet, ERR_NO_CIDRS_REMAINING } from '../../../../engine/controllers/node/cidr-set';
import { NODES, eventsFor, startHarness, type Harness } from './cluster-harness';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const newNode = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
const cidrsOf = async (name: string) => (await h.client.get<KubeObject>({ ...NODES, name })).spec as { podCIDR?: string; podCIDRs?: string[] };

describe('CidrSet (range allocator)', () => {
  it('cuts 10.244.0.0/16 into 256 /24s handed out round-robin; a released one comes back only after wrap-around', () => {
    const set = new CidrSet('10.244.0.0/16', 24);
    expect(set.maxCidrs).toBe(256);
    expect(set.allocateNext()).toBe('10.244.0.0/24');
    expect(set.allocateNext()).toBe('10.244.1.0/24');
    set.release('10.244.0.0/24');
    expect(set.allocateNext()).toBe('10.244.2.0/24');
    for (let i = 3; i <= 255; i++) expect(set.allocateNext()).toBe(`10.244.${i}.0/24`);
    expect(set.allocateNext()).toBe('10.244.0.0/24');
    expect((set.allocateNext() as Error).message).toBe(ERR_NO_CIDRS_REMAINING);
  });
});

describe('NodeIpamController', () => {
  it('keeps the CIDRs nodes have, gives new nodes the next free /24 in both podCIDR and podCIDRs', async () => {
    h = await startHarness({ nodes: 2, zones: [] }); // bootstrap nodes carry 10.244.1.0/24 and 10.244.2.0/24
    const ipam = new NodeIpamController(h.client, h.informer(NODES), h.clock, h.logger);
    await h.sync();
    ipam.start();
    await h.client.create(NODES, newNode('node-3'));
    await h.client.create(NODES, newNode('node-4'));
    await h.advance(1_000);
    expect(await cidrsOf('node-1')).toMatchObject({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    expect(await cidrsOf('node-3')).toMatchObject({ podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] });
    expect(await cidrsOf('node-4')).toMatchObject({ podCIDR: '10.244.3.0/24', podCIDRs: ['10.244.3.0/24'] });
  });

  it('records CIDRNotAvailable from cidrAllocator when the range is exhausted', async () => {
    h = await startHarness({ nodes: 0, zones: [] });
    const ipam = new NodeIpamController(h.client, h.informer(NODES), h.clock, h.logger, { clusterCidr: '10.244.0.0/23', nodeCidrMaskSize: 24 });
    await h.sync();
    ipam.start();
    for (const n of ['a', 'b', 'c']) await h.client.create(NODES, newNode(n));
    await h.advance(1_000);
    expect((await cidrsOf('a')).podCIDR).toBe('10.244.0.0/24');
    expect((await cidrsOf('b')).podCIDR).toBe('10.244.1.0/24');
    expect((await cidrsOf('c')).podCIDR).toBeUndefined();
    const events = await eventsFor(h, 'c');
    expect(events[0]).toMatchObject({ type: 'Normal', reason: 'CIDRNotAvailable', message: 'Node c status is now: CIDRNotAvailable', source: { component: 'cidrAllocator' } });
    // Freed by deleting a node: the retry (rate-limited requeue) picks it up.
    await h.client.delete({ ...NODES, name: 'a' });
    await h.advance(5_000);
    expect((await cidrsOf('c')).podCIDR).toBe('10.244.0.0/24');
  });
});
