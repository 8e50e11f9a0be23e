import { createHash, type Hash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';

/**
 * A file being written: waits for the disk when the stream's buffer is full (backpressure, so a
 * fast producer cannot pile a whole file into memory) and computes the MD5 on the way, which the
 * file host sends as the ETag, as S3 does for single-part objects.
 */
export class FileSink {
  private readonly stream: WriteStream;
  private readonly hash: Hash = createHash('md5');
  private failure: Error | null = null;
  bytes = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { highWaterMark: 1 << 20 });
    this.stream.on('error', (err) => {
      this.failure = err;
    });
  }

  async write(data: Uint8Array | string): Promise<void> {
    if (this.failure) throw this.failure;
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.hash.update(buf);
    this.bytes += buf.byteLength;
    if (!this.stream.write(buf)) await this.drained();
    if (this.failure) throw this.failure;
  }

  // Resolves on 'drain' or 'error', removing both listeners (a race of two once() would leak one).
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }

  /** Flushes and closes; resolves with the size and the hex MD5. */
  async close(): Promise<{ bytes: number; md5: string }> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'close');
    if (this.failure) throw this.failure;
    return { bytes: this.bytes, md5: this.hash.digest('hex') };
  }

  /** Stops writing and removes the partial file. */
  async discard(): Promise<void> {
    this.stream.destroy();
    // Destroyed on purpose: an error on its way to closing does not matter, the file goes next.
    if (!this.stream.closed) await once(this.stream, 'close').catch(() => undefined);
    await rm(this.path, { force: true });
  }
}
