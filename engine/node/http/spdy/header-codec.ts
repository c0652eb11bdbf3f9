/**
 * SPDY/3 header compression: one zlib stream per direction for the whole connection, preset with the
 * SPDY dictionary, each header block flushed with Z_SYNC_FLUSH so the peer can inflate it at once. Node's
 * zlib is asynchronous, so callers serialize their calls (each direction is one ordered queue).
 */
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import { SPDY3_HEADER_DICTIONARY } from './header-dictionary';

class FlushingZlib {
  constructor(private readonly z: Deflate | Inflate) {
    z.on('error', () => undefined); // surfaced through process() instead
  }

  process(input: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const onData = (c: Buffer) => chunks.push(c);
      const onError = (err: Error) => {
        this.z.off('data', onData);
        reject(err);
      };
      this.z.on('data', onData);
      this.z.once('error', onError);
      this.z.write(input);
      this.z.flush(constants.Z_SYNC_FLUSH, () => {
        // Output pushed by the flush reaches 'data' listeners no later than the next turn.
        setImmediate(() => {
          this.z.off('data', onData);
          this.z.off('error', onError);
          resolve(Buffer.concat(chunks));
        });
      });
    });
  }

  close(): void {
    this.z.close();
  }
}

export class HeaderCodec {
  private readonly deflate = new FlushingZlib(createDeflate({ dictionary: SPDY3_HEADER_DICTIONARY, level: constants.Z_BEST_COMPRESSION }));
  private readonly inflate = new FlushingZlib(createInflate({ dictionary: SPDY3_HEADER_DICTIONARY }));

  compress(block: Buffer): Promise<Buffer> {
    return this.deflate.process(block);
  }

  decompress(block: Buffer): Promise<Buffer> {
    return this.inflate.process(block);
  }

  close(): void {
    this.deflate.close();
    this.inflate.close();
  }
}
