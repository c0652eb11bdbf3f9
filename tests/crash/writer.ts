/**
 * The crash test's victim: opens the file store in argv[2] and writes forever (creates, updates, deletes over
 * 100 keys, one compaction), printing one line per acknowledged write — `ack <op> <key> <revision>` — with a
 * synchronous write to stdout *after* the store's promise resolved. The parent SIGKILLs it at a random moment.
 * Usage: node --import tsx tests/crash/writer.ts <dir> <seed>
 */
import * as fs from 'node:fs';
import { openFileStore } from '../../engine/node/store-files/index';
import { seededRandom } from './seeded-random';

const [dir, seedArg] = process.argv.slice(2);
if (!dir || !seedArg) throw new Error('usage: writer.ts <dir> <seed>');
const random = seededRandom(Number(seedArg));
const out = (line: string) => fs.writeSync(1, `${line}\n`);

// Small snapshots and a short group-commit window, so kills also land inside snapshot writes and WAL rotation.
const store = await openFileStore(dir, { snapshotAfterBytes: 16 * 1024, groupCommitMs: 2, log: (m) => fs.writeSync(2, `${m}\n`) });
const startRevision = store.currentRevision();
const present = new Set((await store.list('/crash/')).items.map((i) => i.key));
out(`ready ${startRevision}`);

const compactAfter = Math.floor(random() * 200);
for (let n = 0; ; n++) {
  if (n === compactAfter) await store.compact(startRevision);
  const key = `/crash/k${String(Math.floor(random() * 100)).padStart(3, '0')}`;
  const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: key.slice(7), namespace: 'crash' }, data: { n: String(n), pad: 'x'.repeat(Math.floor(random() * 300)) } };
  if (!present.has(key)) {
    const v = await store.create(key, body);
    present.add(key);
    out(`ack create ${key} ${v.modRevision}`);
  } else if (random() < 0.7) {
    const v = await store.update(key, body);
    out(`ack update ${key} ${v.modRevision}`);
  } else {
    const v = await store.delete(key);
    present.delete(key);
    out(`ack delete ${key} ${v.modRevision}`);
  }
  if (n % 50 === 49) await new Promise((r) => setImmediate(r)); // let group-commit timers run
}
