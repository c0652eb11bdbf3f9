/**
 * A small JSON document in the data directory (settings, lab progress): read once, written atomically after
 * each change, writes serialised so the file always holds the latest complete state. A missing or unreadable
 * file reads as undefined (the caller's defaults apply); a damaged one is not fatal to the app.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../engine/node/data-dir';

export class JsonFile<T> {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  async read(): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  /** Resolves once this value (or a later one) is on disk. */
  write(value: T): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    this.writing = this.writing.catch(() => {}).then(() => writeFileAtomic(this.path, text, 0o600));
    return this.writing;
  }

  /** Resolves once every write so far has finished (successfully or not). */
  async settled(): Promise<void> {
    await this.writing.catch(() => {});
  }
}
