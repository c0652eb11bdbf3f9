/**
 * A resumed lab continues its virtual time: a lab that ran at ×100 is ahead of the wall clock, and a restart
 * with the same data directory must not move time backwards (objects already carry the later timestamps).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createControlPlane } from '../../main/control-plane';
import { CLOCKS, CLOCK_NAME } from '../../engine/lab';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('starts a resumed cluster at the Clock object’s last status.now, not at the wall clock', async () => {
  dir = await mkdtemp(join(tmpdir(), 'cluster-lab-resume-'));
  const first = await createControlPlane({ dataDir: dir, nodes: 1, zones: ['zone-a'], speed: 100 });
  const clockNow = async () => {
    const clock = await first.cluster.adminClient.get({ ...CLOCKS, name: CLOCK_NAME });
    return Date.parse(String((clock['status'] as { now?: string } | undefined)?.now ?? ''));
  };
  // ×100 for ~1.5 s of real time: virtual time runs ~150 s ahead; status.now is refreshed every 10 virtual s.
  const deadline = Date.now() + 10_000;
  while (!((await clockNow()) > Date.now() + 60_000) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  const stored = await clockNow();
  expect(stored).toBeGreaterThan(Date.now() + 60_000);
  await first.close();

  const second = await createControlPlane({ dataDir: dir, nodes: 1, zones: ['zone-a'], speed: 1 });
  try {
    expect(second.driver.clock.now()).toBeGreaterThanOrEqual(stored);
  } finally {
    await second.close();
  }
}, 30_000);
