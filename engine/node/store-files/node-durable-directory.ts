/**
 * The durable store's directory port on Node's fs. Appends use writeSync (the bytes are in the kernel when it
 * returns, so they survive SIGKILL); `sync` is fdatasync, and `syncInBackground` runs it on libuv's thread
 * pool so a slow disk never stalls the event loop; snapshots go through temp file + fsync + rename +
 * directory fsync.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Disposable } from '../../base/disposable';
import type { AppendOnlyFile, DurableDirectory } from '../../store/durable-log';

export class NodeDurableDirectory implements DurableDirectory {
  readonly utf8 = {
    encode: (text: string): Uint8Array => Buffer.from(text, 'utf8'),
    encodeInto: (text: string, dest: Uint8Array, offset: number): number =>
      Buffer.from(dest.buffer, dest.byteOffset, dest.byteLength).write(text, offset, 'utf8'),
    decode: (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'),
  };

  constructor(
    private readonly dir: string,
    private readonly logger: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
  ) {
    fs.mkdirSync(dir, { recursive: true });
  }

  list(): string[] {
    return fs.readdirSync(this.dir);
  }

  read(name: string): Uint8Array {
    return fs.readFileSync(path.join(this.dir, name));
  }

  openAppend(name: string): AppendOnlyFile {
    const file = path.join(this.dir, name);
    const existed = fs.existsSync(file);
    const fd = fs.openSync(file, 'a');
    if (!existed) this.syncDirectory();
    let size = fs.fstatSync(fd).size;
    return {
      append(data: Uint8Array): void {
        writeAll(fd, data);
        size += data.length;
      },
      sync: () => fs.fdatasyncSync(fd),
      syncInBackground: () => new Promise<void>((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve()))),
      size: () => size,
      close: () => fs.closeSync(fd),
    };
  }

  writeAtomic(name: string, data: Uint8Array): void {
    const file = path.join(this.dir, name);
    const temp = `${file}.tmp`;
    const fd = fs.openSync(temp, 'w');
    try {
      writeAll(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    this.syncDirectory();
  }

  truncate(name: string, length: number): void {
    const fd = fs.openSync(path.join(this.dir, name), 'r+');
    try {
      fs.ftruncateSync(fd, length);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  remove(name: string): void {
    fs.rmSync(path.join(this.dir, name), { force: true });
  }

  schedule(delayMs: number, fn: () => void): Disposable {
    const timer = setTimeout(fn, delayMs);
    timer.unref();
    return { dispose: () => clearTimeout(timer) };
  }

  log(message: string): void {
    this.logger(message);
  }

  private syncDirectory(): void {
    const fd = fs.openSync(this.dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  let done = 0;
  while (done < data.length) done += fs.writeSync(fd, data, done, data.length - done);
}
