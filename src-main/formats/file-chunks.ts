import { open, type FileHandle } from 'node:fs/promises';

/*
 * A file read in chunks into one buffer, for the byte scanners: the scanner consumes what it can,
 * and the rest (a record cut by the chunk's end) moves to the front before the next read. The
 * buffer grows only for a record longer than a chunk.
 */

const CHUNK = 4 << 20;

export class FileChunks {
  buf: Buffer;
  /** Bytes of the file in buf: [0, end). */
  end = 0;
  /** Nothing more to read: the end of buf is the end of the file. */
  eof = false;
  private constructor(
    private readonly handle: FileHandle,
    bytes: number,
  ) {
    this.buf = Buffer.allocUnsafe(bytes);
  }

  static async open(path: string, bytes = CHUNK): Promise<FileChunks> {
    return new FileChunks(await open(path, 'r'), bytes);
  }

  /** Drops buf[0, from), moves the rest to the front and reads more behind it. */
  async refill(from: number): Promise<void> {
    if (from > 0) {
      this.buf.copyWithin(0, from, this.end);
      this.end -= from;
    }
    if (this.end === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    const { bytesRead } = await this.handle.read(this.buf, this.end, this.buf.length - this.end, null);
    this.end += bytesRead;
    if (bytesRead === 0) this.eof = true;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
