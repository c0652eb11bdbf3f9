/** The store's public surface: the contract (types.ts), the embedded MVCC store, and its durable form. */
export { StoreError } from './types';
export type {
  ListOptions,
  ListResult,
  Preconditions,
  Store,
  StoreErrorCode,
  StoreEvent,
  StoreEventType,
  StoredValue,
  TryUpdate,
  WatchOptions,
} from './types';
export { MvccStore } from './mvcc-store';
export type { MvccState, MvccStoreOptions, WriteRecord } from './mvcc-store';
export { DurableStore, openDurableStore } from './durable-store';
export type { DurableStoreOptions } from './durable-store';
export type { AppendOnlyFile, DurableDirectory } from './durable-log';
