/** The durable store on local files: the default persistence of a Cluster Lab cluster. */
import { openDurableStore } from '../../store/durable-store';
import type { DurableStore, DurableStoreOptions } from '../../store/durable-store';
import { NodeDurableDirectory } from './node-durable-directory';

export interface FileStoreOptions extends DurableStoreOptions {
  /** Where operational notes go (torn-tail repair, snapshot failures). Default: stderr. */
  log?: (message: string) => void;
}

/**
 * Opens (or creates) the store kept in `dir`. Rejects with StoreError('Corrupt', …) if the files are damaged
 * beyond a torn tail. The durability contract is in engine/store/durable-store.ts.
 */
export async function openFileStore(dir: string, opts: FileStoreOptions = {}): Promise<DurableStore> {
  return openDurableStore(new NodeDurableDirectory(dir, opts.log), opts);
}

export { NodeDurableDirectory };
export type { DurableStore };
