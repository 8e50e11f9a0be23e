import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { DecodeError } from './decode-error';

/*
 * A file read in chunks into one buffer, for the byte scanners: the scanner consumes what it can,
 * and the rest (a record cut by the chunk's end) moves to the front before the next chunk is put
 * behind it. The next chunk is read ahead, into a spare buffer, while the scanner works on this
 * one: the read (on libuv's threads) and the scan overlap.
 */

const CHUNK = 4 << 20;

export class FileChunks {
  buf: Buffer;
  /** Bytes of the file in buf: [0, end). */
  end = 0;
  /** Nothing more to read: the end of buf is the end of the file. */
  eof = false;
  private position = 0;
  private readonly spare: Buffer;
  private ahead: Promise<number> | null = null;

  private constructor(
    private readonly handle: FileHandle,
    private readonly chunk: number,
    start: number,
  ) {
    this.position = start;
    this.buf = Buffer.allocUnsafe(2 * chunk);
    this.spare = Buffer.allocUnsafe(chunk);
  }

  /** `start`: the file offset to read from (buf[0] is then that byte). */
  static async open(path: string, chunk = CHUNK, start = 0): Promise<FileChunks> {
    return new FileChunks(await open(path, 'r'), chunk, start);
  }

  /** Where buf[p] is in the file. */
  fileOffset(p: number): number {
    return this.position - this.end + p;
  }

  /** After the first refill: 3 when the file starts with a UTF-8 byte order mark (skipped by text decoders), else 0. */
  bomLength(): number {
    return this.end >= 3 && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf ? 3 : 0;
  }

  private readAhead(): void {
    const at = this.position;
    this.ahead = this.handle.read(this.spare, 0, this.chunk, at).then(({ bytesRead }) => bytesRead);
    // Failures are met when the chunk is awaited; until then, not "unhandled".
    this.ahead.catch(() => undefined);
  }

  /** Drops buf[0, from), moves the rest to the front and puts the next chunk behind it. */
  async refill(from: number): Promise<void> {
    if (from > 0) {
      this.buf.copyWithin(0, from, this.end);
      this.end -= from;
    }
    if (this.end + this.chunk > this.buf.length) {
      // A record longer than a chunk: room for it and the next chunk.
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.end + this.chunk));
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    if (!this.ahead) this.readAhead();
    const got = await this.ahead!;
    this.ahead = null;
    this.spare.copy(this.buf, this.end, 0, got);
    this.end += got;
    this.position += got;
    if (got === 0) this.eof = true;
    else this.readAhead();
  }

  async close(): Promise<void> {
    // A read ahead nobody will take: only that it is over matters before the handle closes.
    await this.ahead?.catch(() => undefined);
    await this.handle.close();
  }
}

/** The 1-based line of the file that byte `offset` is on (for messages: read again, counting line feeds). */
async function lineOf(path: string, offset: number): Promise<number> {
  let line = 1;
  if (offset <= 0) return line;
  for await (const chunk of createReadStream(path, { end: offset - 1 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) line++;
  }
  return line;
}

/** A decoder's error with the line it is on added (the byte scanners count no lines as they go). */
export async function withLine(error: unknown, path: string, offset: number): Promise<unknown> {
  if (!(error instanceof DecodeError) || error.details.line !== undefined) return error;
  const line = await lineOf(path, offset).catch(() => null);
  if (line === null) return error;
  return new DecodeError(`${error.message.replace(/\.$/, '')} (line ${line} of the file).`, { ...error.details, line });
}
