import { describe, expect, it } from 'vitest';
import { DEFAULT_MULTI_POINT } from '../../../../engine/scheduler/profile/profile-config';
import { inTreeRegistry } from '../../../../engine/scheduler/plugins/registry';
import type { PreEnqueuePlugin } from '../../../../engine/scheduler/framework/interface';
import { loadExample, makeHandle, makeSnapshot } from './fixtures';

describe('inTreeRegistry', () => {
  it('builds every default plugin under its upstream name', () => {
    const handle = makeHandle(makeSnapshot([]));
    for (const [name, factory] of Object.entries(inTreeRegistry)) expect(factory(undefined, handle).name).toBe(name);
  });
  it('covers the default profile except the volume plugins not modelled here', () => {
    const missing = DEFAULT_MULTI_POINT.map((p) => p.name).filter((n) => !(n in inTreeRegistry));
    expect(missing).toEqual(['VolumeRestrictions', 'NodeVolumeLimits', 'VolumeZone']);
  });
  it('pods/pod-with-scheduling-gates.yaml: both gates are read (SchedulingGates keeps it out of the queue)', () => {
    const pod = loadExample('pods/pod-with-scheduling-gates.yaml');
    const gates = (inTreeRegistry['SchedulingGates'] as NonNullable<(typeof inTreeRegistry)[string]>)(undefined, makeHandle(makeSnapshot([]))) as PreEnqueuePlugin;
    const s = gates.preEnqueue(pod);
    expect(s.isSuccess()).toBe(false);
    expect(s.message()).toContain('example.com/foo');
    expect(s.message()).toContain('example.com/bar');
  });
});
