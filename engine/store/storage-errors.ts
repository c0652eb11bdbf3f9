/**
 * StoreErrors with the messages of k8s.io/apiserver/pkg/storage/errors.go (StorageError.Error():
 * "StorageError: <reason>, Code: <n>, Key: <key>, ResourceVersion: <rv>, AdditionalErrorMsg: <msg>")
 * and etcd's mvcc errors, so what reaches a learner reads like a real cluster.
 */
import { StoreError } from './types';

function storageMessage(reason: string, code: number, key: string, rv: number, extra: string): string {
  return `StorageError: ${reason}, Code: ${code}, Key: ${key}, ResourceVersion: ${rv}, AdditionalErrorMsg: ${extra}`;
}

export const storeErrors = {
  keyNotFound: (key: string, rv = 0) => new StoreError('KeyNotFound', storageMessage('key not found', 1, key, rv, ''), key),
  keyExists: (key: string, rv = 0) => new StoreError('KeyExists', storageMessage('key exists', 2, key, rv, ''), key),
  /** Upstream reports a failed precondition as ErrCodeInvalidObj, which the registry turns into 409 Conflict. */
  preconditionFailed: (key: string, extra: string) => new StoreError('Conflict', storageMessage('invalid object', 4, key, 0, extra), key),
  /** etcd's ErrCompacted; `compacted` is the oldest revision still readable. */
  compacted: (compacted: number) => new StoreError('Expired', 'mvcc: required revision has been compacted', undefined, compacted),
  /** etcd's ErrFutureRev. */
  futureRevision: () => new StoreError('InvalidArgument', 'mvcc: required revision is a future revision'),
  resourceVersionSetOnCreate: (key: string) => new StoreError('InvalidArgument', 'resourceVersion should not be set on objects to be created', key),
  closed: () => new StoreError('Unavailable', 'storage is closed'),
};
