import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openFileStore } from '../../../engine/node/store-files/index';
import { runStoreContract } from './store-contract';

runStoreContract('file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-contract-'));
  // A small snapshot threshold so snapshots and WAL rotation happen inside the suite too.
  const store = await openFileStore(dir, { snapshotAfterBytes: 64 * 1024, log: () => {} });
  return {
    store,
    async cleanup() {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
