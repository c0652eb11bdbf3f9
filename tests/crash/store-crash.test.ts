/**
 * Kill -9 under write load, 100 times (CRASH_ROUNDS overrides), reopening between kills. After each reopen:
 * - every acknowledged write is there (its value, or a later one from the single write that may have been
 *   logged but not yet acknowledged when the kill landed);
 * - the revision never goes backwards and exceeds the last acknowledged one by at most that one write;
 * - a watcher resuming from the previously verified revision sees every revision since, once, in order, and
 *   the acknowledged writes among them with the right type and key.
 * Seeded (CRASH_SEED) so a failure replays.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { openFileStore } from '../../engine/node/store-files/index';
import type { StoreEvent } from '../../engine/store/types';
import { seededRandom } from './seeded-random';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 100);
const SEED = Number(process.env.CRASH_SEED ?? 20261123);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const writer = path.join(repoRoot, 'tests/crash/writer.ts');

interface Ack {
  op: 'create' | 'update' | 'delete';
  key: string;
  revision: number;
}

/** Runs the writer until a random 50–400 ms after it is ready, then SIGKILLs it; returns its acknowledgements. */
function runAndKill(dir: string, seed: number, killAfterMs: number): Promise<{ acks: Ack[]; startRevision: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dir, String(seed)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: Ack[] = [];
    let startRevision = -1;
    let buffered = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const parts = line.split(' ');
        if (parts[0] === 'ready') {
          startRevision = Number(parts[1]);
          timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        } else if (parts[0] === 'ack') {
          acks.push({ op: parts[1] as Ack['op'], key: parts[2]!, revision: Number(parts[3]) });
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by itself (code ${code}, signal ${signal}):\n${stderr}`));
      else resolve({ acks, startRevision, stderr });
    });
  });
}

it(`keeps every acknowledged write across ${ROUNDS} SIGKILLs`, { timeout: 600_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-crash-'));
  const random = seededRandom(SEED);
  // The verified truth after the previous round: key -> modRevision of its live value.
  let model = new Map<string, number>();
  let verifiedRevision = 0;
  let totalAcks = 0;
  let extraWrites = 0;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const killAfter = 50 + Math.floor(random() * 350);
      const { acks, startRevision, stderr } = await runAndKill(dir, SEED + round, killAfter);
      const context = `round ${round} (seed ${SEED}, kill after ${killAfter} ms)`;
      expect(startRevision, `${context}: writer opened at the verified revision\n${stderr}`).toBe(verifiedRevision);
      totalAcks += acks.length;

      const store = await openFileStore(dir, { log: () => {} });
      try {
        const lastAcked = acks.length ? acks[acks.length - 1]!.revision : verifiedRevision;
        const revision = store.currentRevision();
        expect(revision, `${context}: revision went backwards`).toBeGreaterThanOrEqual(lastAcked);
        expect(revision, `${context}: more than one unacknowledged write`).toBeLessThanOrEqual(lastAcked + 1);
        if (revision > lastAcked) extraWrites++;

        // Resume a watch where the previous round was verified: consecutive revisions, no gap, no repeat.
        const events: StoreEvent[] = [];
        const w = store.watch('/crash/', { afterRevision: verifiedRevision }, (e) => events.push(e));
        w.dispose();
        expect(events.map((e) => e.revision), `${context}: watch resumed with a gap or duplicate`).toEqual(
          Array.from({ length: revision - verifiedRevision }, (_, i) => verifiedRevision + 1 + i),
        );
        const typeOf = { create: 'ADDED', update: 'MODIFIED', delete: 'DELETED' } as const;
        acks.forEach((a, i) => {
          const e = events[i]!;
          expect([e.type, e.key, e.revision], `${context}: acknowledged write ${a.op} ${a.key}@${a.revision}`).toEqual([typeOf[a.op], a.key, a.revision]);
        });

        // Every acknowledged write is present: the expected state is the model plus the acks, and at most the
        // one unacknowledged write (the event after the last ack) may have changed its key further.
        const expected = new Map(model);
        for (const a of acks) {
          if (a.op === 'delete') expected.delete(a.key);
          else expected.set(a.key, a.revision);
        }
        const extraKey = revision > lastAcked ? events[events.length - 1]!.key : undefined;
        const actual = new Map((await store.list('/crash/')).items.map((i) => [i.key, i.modRevision] as const));
        for (const k of new Set([...expected.keys(), ...actual.keys()])) {
          if (k === extraKey) continue;
          expect(actual.get(k), `${context}: ${k}`).toBe(expected.get(k));
        }
        if (extraKey !== undefined) {
          const last = events[events.length - 1]!;
          expect(actual.get(extraKey)).toBe(last.type === 'DELETED' ? undefined : last.revision);
        }

        model = new Map(actual);
        verifiedRevision = revision;
      } finally {
        await store.close();
      }
    }
    expect(totalAcks).toBeGreaterThan(ROUNDS); // the kills really landed under load
    console.log(`[store-crash] ${ROUNDS} kills, ${totalAcks} acknowledged writes verified, ${extraWrites} logged-but-unacknowledged writes, final revision ${verifiedRevision}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
