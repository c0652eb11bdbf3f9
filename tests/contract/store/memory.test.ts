import { MvccStore } from '../../../engine/store/mvcc-store';
import { runStoreContract } from './store-contract';

runStoreContract('memory', async () => {
  const store = new MvccStore();
  return { store, cleanup: () => store.close() };
});
