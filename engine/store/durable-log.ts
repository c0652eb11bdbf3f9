/**
 * The port the durable store writes through: a directory of append-only record logs and atomically replaced
 * snapshot files. Platform-free; engine/node/store-files implements it with fs + fsync. Everything is
 * synchronous on purpose: a write is acknowledged only after `append` returned, and a synchronous append
 * cannot be overtaken by a later write.
 */
import type { Disposable } from '../base/disposable';

export interface AppendOnlyFile {
  /** Hands all bytes to the operating system (write(2)) before returning: they survive a process crash. */
  append(data: Uint8Array): void;
  /** Forces appended bytes to stable storage (fdatasync/fsync), blocking: they survive power loss. */
  sync(): void;
  /**
   * The same without blocking the caller (a worker thread does the fsync); appends may continue meanwhile and
   * are covered if they happened before the sync started. Rejects if the sync failed.
   */
  syncInBackground(): Promise<void>;
  /** Current length in bytes. */
  size(): number;
  close(): void;
}

export interface DurableDirectory {
  /** File names in the directory. */
  list(): string[];
  read(name: string): Uint8Array;
  /** Opens `name` for appending, creating it (and making its directory entry durable) if absent. */
  openAppend(name: string): AppendOnlyFile;
  /**
   * Replaces `name` atomically and durably: write `<name>.tmp`, fsync it, rename over `name`, fsync the
   * directory. After a crash, `name` holds either the old or the new content, never a mix.
   */
  writeAtomic(name: string, data: Uint8Array): void;
  truncate(name: string, length: number): void;
  remove(name: string): void;
  /** Runs `fn` after `delayMs` of real time (group commit); must not keep the host process alive by itself. */
  schedule(delayMs: number, fn: () => void): Disposable;
  readonly utf8: {
    encode(text: string): Uint8Array;
    /** Writes `text` as UTF-8 into `dest` at `offset` (room for 3 bytes per UTF-16 unit is guaranteed); returns the byte count. */
    encodeInto(text: string, dest: Uint8Array, offset: number): number;
    decode(bytes: Uint8Array): string;
  };
  /** Operational notes (a torn tail was cut off, a snapshot failed). */
  log(message: string): void;
}
