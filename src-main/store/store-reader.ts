import { endianness } from 'node:os';
import { readSync } from 'node:fs';
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { ColumnData, RowBatch } from '../formats/row-batch';
import { FINE_FILE, FINE_HEADER_BYTES, fineAt, fineHeader } from './fine-index';
import { readStrings } from './page-strings';
import { JoinedReader } from './joined-reader';
import {
  INDEX_FILE,
  META_FILE,
  ROWS_FILE,
  STORE_VERSION,
  TIME_INDEX_STRIDE,
  type JoinedMeta,
  type Page,
  type StoreMeta,
} from './store-format';

/*
 * Reads a chunk's rows in the main process: every read is a positioned read of exactly the bytes
 * asked for (one per column and page crossed), straight into the typed array that is returned.
 * Nothing is cached: what stays in memory is the page directory and one timestamp every 1,024 rows.
 */

/*
 * A read of at most this many bytes is done at once on the calling thread; larger ones are issued
 * together through the thread pool, which overlaps them. XL's 1 % zoom reads 10,000 rows of 50
 * columns (100 reads of 80 kB, from the page cache: the stores were just written): through the
 * pool each read cost a round trip to a pool thread (a wake-up on 2 shared cores) and ~2 kB of
 * promises, 1 MB of garbage an answer; at once, ~20 µs each. Reads done at once are also bounded
 * per turn of the event loop (SYNC_TURN_BYTES, all stores together): from a cold disk (History
 * reopening an old export) the thread is never held for more than that many bytes; beyond it,
 * reads go through the pool until the loop turns.
 */
const SYNC_READ_BYTES = 256 * 1024;
const SYNC_TURN_BYTES = 8 * 2 ** 20;

let readThisTurn = 0;
/** Whether `bytes` may be read at once now, counting them against this turn's budget if so. */
function mayReadAtOnce(bytes: number, largest = bytes): boolean {
  if (largest > SYNC_READ_BYTES || readThisTurn + bytes > SYNC_TURN_BYTES) return false;
  if (readThisTurn === 0) setImmediate(() => (readThisTurn = 0));
  readThisTurn += bytes;
  return true;
}

export interface StoreReader {
  readonly meta: StoreMeta;
  /** Rows [from, to) of the chosen columns (indexes into meta.columns; default all), as a batch. */
  read(from: number, to: number, columns?: readonly number[]): Promise<RowBatch>;
  timestamps(from: number, to: number, into?: Float64Array): Promise<Float64Array>;
  /**
   * Rows [from, to) of a float or boolean column, or the timestamps, into `into` (from its start:
   * a buffer the caller reuses, so that answering a zoom allocates nothing per column) or a new array.
   */
  readNumbers(column: number | 'timestamp', from: number, to: number, into?: Float64Array | Uint8Array): Promise<Float64Array | Uint8Array>;
  /**
   * readNumbers done now, on this thread, when every read it takes is small enough and this turn's
   * budget has room (see SYNC_READ_BYTES): whether it was; if not, nothing was read (use
   * readNumbers). An answer that reads a hundred column ranges so allocates no promise for them.
   */
  readNumbersNow(column: number | 'timestamp', from: number, to: number, into: Float64Array | Uint8Array): boolean;
  /** readFine done now, on the same terms. */
  readFineNow(column: number, from: number, to: number, into: Uint16Array): boolean;
  /** Whether the fine index (fine-index.ts) is beside the store: a previous version's store has none. */
  readonly hasFine: boolean;
  /** Fine-index codes of blocks [from, to) of a float column, into `into` (from its start). */
  readFine(column: number, from: number, to: number, into: Uint16Array): Promise<void>;
  /** The first row whose timestamp is >= t (meta.rows when none is). */
  rowAtOrAfter(t: number): Promise<number>;
  /** The first row whose timestamp is > t. */
  rowAfter(t: number): Promise<number>;
  /** Rows in order, `batchRows` at a time, the next batch read while the caller works on this one. */
  batches(opts?: { columns?: readonly number[]; batchRows?: number; from?: number; to?: number }): AsyncIterable<RowBatch>;
  close(): Promise<void>;
}

export async function openStore(dir: string): Promise<StoreReader> {
  if (endianness() !== 'LE') throw new Error('The row store is little-endian only.');
  const read = JSON.parse(await readFile(join(dir, META_FILE), 'utf8')) as StoreMeta | JoinedMeta;
  if ('parts' in read && Array.isArray(read.parts)) return openJoined(dir, read);
  const meta = read as StoreMeta;
  if (meta.version !== STORE_VERSION) throw new Error(`The row store in ${dir} has version ${meta.version}, not ${STORE_VERSION}.`);
  const { size } = await stat(join(dir, ROWS_FILE));
  if (size !== meta.bytes) throw new Error(`The row store in ${dir} is damaged: ${size} bytes of rows, ${meta.bytes} expected.`);
  const indexBytes = await readFile(join(dir, INDEX_FILE));
  const index = new Float64Array(indexBytes.buffer.slice(indexBytes.byteOffset, indexBytes.byteOffset + indexBytes.byteLength));
  const file = await open(join(dir, ROWS_FILE), 'r');
  return new Reader(meta, index, file, await openFine(dir, meta));
}

/** A store of column groups (joined-store.ts), each a store of its own in a folder beside. */
async function openJoined(dir: string, meta: JoinedMeta): Promise<StoreReader> {
  if (meta.version !== STORE_VERSION || !meta.parts.length) throw new Error(`The row store in ${dir} has no readable column groups.`);
  const opened = await Promise.allSettled(meta.parts.map((p) => openStore(join(dir, p))));
  const parts = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
  const failed = opened.find((o) => o.status === 'rejected');
  if (failed) {
    await Promise.all(parts.map((p) => p.close()));
    throw failed.reason;
  }
  try {
    return new JoinedReader(dir, parts);
  } catch (error) {
    await Promise.all(parts.map((p) => p.close()));
    throw error;
  }
}

/**
 * The fine index beside the store, if it is there and whole (else the store is read without it):
 * checked now, opened at its first read, so that paging through rows holds one handle a store.
 */
async function openFine(dir: string, meta: StoreMeta): Promise<FineFile | null> {
  const path = join(dir, FINE_FILE);
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const head = new Uint8Array(FINE_HEADER_BYTES);
    const [{ bytesRead }, { size }] = await Promise.all([file.read(head, 0, FINE_HEADER_BYTES, 0), file.stat()]);
    const ok = bytesRead === FINE_HEADER_BYTES ? fineHeader(head, size, meta.columns.length, meta.rows) : null;
    return ok ? { path, blocks: ok.blocks, file: null } : null;
  } finally {
    await file.close();
  }
}

interface FineFile {
  path: string;
  blocks: number;
  file: Promise<FileHandle> | null;
  /** The file once open (readFineNow reads only then). */
  handle?: FileHandle;
}

/** Reads `target.byteLength` bytes at `position` on this thread. */
function readFully(fd: number, target: Uint8Array, position: number) {
  let done = 0;
  while (done < target.byteLength) {
    const bytesRead = readSync(fd, target, done, target.byteLength - done, position + done);
    if (!bytesRead) throw new Error('The row store ended early.');
    done += bytesRead;
  }
}

class Reader implements StoreReader {
  constructor(
    readonly meta: StoreMeta,
    private readonly index: Float64Array,
    private readonly file: FileHandle,
    private readonly fine: FineFile | null,
  ) {}

  private readonly seekScratch = new Float64Array(TIME_INDEX_STRIDE);

  get hasFine() {
    return this.fine !== null;
  }

  private fineFile(column: number, from: number, to: number, into: Uint16Array): FineFile {
    if (!this.fine || this.meta.columns[column]?.kind !== 'float') throw new Error(`Column ${column} has no fine index.`);
    if (!(from >= 0 && to <= this.fine.blocks && from <= to && into.length >= to - from))
      throw new RangeError(`Fine blocks [${from}, ${to}) are outside the index's ${this.fine.blocks}.`);
    return this.fine;
  }

  async readFine(column: number, from: number, to: number, into: Uint16Array): Promise<void> {
    const fine = this.fineFile(column, from, to, into);
    fine.file ??= open(fine.path, 'r');
    fine.handle ??= await fine.file;
    const target = new Uint8Array(into.buffer, into.byteOffset, (to - from) * 2);
    await this.readInto(target, fineAt(fine.blocks, column, from), fine.handle);
  }

  readFineNow(column: number, from: number, to: number, into: Uint16Array): boolean {
    const fine = this.fineFile(column, from, to, into);
    if (!fine.handle || !mayReadAtOnce((to - from) * 2)) return false;
    readFully(fine.handle.fd, new Uint8Array(into.buffer, into.byteOffset, (to - from) * 2), fineAt(fine.blocks, column, from));
    return true;
  }

  /** Reads a small range at once (within this turn's budget), a larger one through the thread pool. */
  private readInto(target: Uint8Array, position: number, file = this.file): Promise<void> | undefined {
    if (!mayReadAtOnce(target.byteLength)) return this.readAsync(target, position, file);
    readFully(file.fd, target, position);
    return undefined;
  }

  private async readAsync(target: Uint8Array, position: number, file: FileHandle): Promise<void> {
    let done = 0;
    while (done < target.byteLength) {
      const { bytesRead } = await file.read(target, done, target.byteLength - done, position + done);
      if (!bytesRead) throw new Error('The row store ended early.');
      done += bytesRead;
    }
  }

  /** The page holding row `row` (the last page for the end). */
  private pageOf(row: number): number {
    const pages = this.meta.pages;
    let lo = 0;
    let hi = pages.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (pages[mid]!.row <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Pages crossed by rows [from, to), with the page-local range of each. */
  private *spans(from: number, to: number): Generator<{ page: Page; a: number; b: number; out: number }> {
    const pages = this.meta.pages;
    for (let p = this.pageOf(from); p < pages.length && from < to; p++) {
      const page = pages[p]!;
      const a = Math.max(0, from - page.row);
      const b = Math.min(page.rows, to - page.row);
      if (b <= a) continue;
      yield { page, a, b, out: page.row + a };
      from = page.row + b;
    }
  }

  private check(from: number, to: number) {
    if (!(from >= 0 && to <= this.meta.rows && from <= to))
      throw new RangeError(`Rows [${from}, ${to}) are outside the store's ${this.meta.rows}.`);
  }

  timestamps(from: number, to: number, into?: Float64Array): Promise<Float64Array> {
    return this.readNumbers('timestamp', from, to, into) as Promise<Float64Array>;
  }

  /** Bytes a value of a numeric column (or the timestamps) takes, checking it is one. */
  private widthOf(column: number | 'timestamp'): number {
    const kind = column === 'timestamp' ? 'float' : this.meta.columns[column]!.kind;
    if (kind === 'string') throw new Error(`Column ${column} holds text.`);
    return kind === 'float' ? 8 : 1;
  }

  readNumbersNow(column: number | 'timestamp', from: number, to: number, into: Float64Array | Uint8Array): boolean {
    this.check(from, to);
    const width = this.widthOf(column);
    if (into.length < to - from || into.BYTES_PER_ELEMENT !== width) throw new RangeError('The target array does not fit the rows.');
    const pages = this.meta.pages;
    const first = this.pageOf(from);
    // The largest read (one page's part) and all of them against the budget, then read.
    let largest = 0;
    for (let p = first, at = from; p < pages.length && at < to; p++) {
      const b = Math.min(pages[p]!.row + pages[p]!.rows, to);
      largest = Math.max(largest, (b - at) * width);
      at = b;
    }
    if (!mayReadAtOnce((to - from) * width, largest)) return false;
    for (let p = first, at = from; p < pages.length && at < to; p++) {
      const page = pages[p]!;
      const b = Math.min(page.row + page.rows, to);
      if (b <= at) continue;
      const start = column === 'timestamp' ? page.ts : (page.columns[column] as { at: number }).at;
      const target = new Uint8Array(into.buffer, into.byteOffset + (at - from) * width, (b - at) * width);
      readFully(this.file.fd, target, start + (at - page.row) * width);
      at = b;
    }
    return true;
  }

  async readNumbers(
    column: number | 'timestamp',
    from: number,
    to: number,
    into?: Float64Array | Uint8Array,
  ): Promise<Float64Array | Uint8Array> {
    this.check(from, to);
    const width = this.widthOf(column);
    const out = into ?? (width === 8 ? new Float64Array(to - from) : new Uint8Array(to - from));
    if (out.length < to - from || out.BYTES_PER_ELEMENT !== width) throw new RangeError('The target array does not fit the rows.');
    if (this.readNumbersNow(column, from, to, out)) return out;
    const reads: Promise<void>[] = [];
    for (const s of this.spans(from, to)) {
      const at = column === 'timestamp' ? s.page.ts : (s.page.columns[column] as { at: number }).at;
      const read = this.readInto(
        new Uint8Array(out.buffer, out.byteOffset + (s.out - from) * width, (s.b - s.a) * width),
        at + s.a * width,
      );
      if (read) reads.push(read);
    }
    if (reads.length) await Promise.all(reads);
    return out;
  }

  async read(from: number, to: number, columns?: readonly number[]): Promise<RowBatch> {
    this.check(from, to);
    const picked = columns ?? this.meta.columns.map((_, i) => i);
    const n = to - from;
    const timestamps = this.timestamps(from, to);
    const data = picked.map(async (c): Promise<ColumnData> => {
      const kind = this.meta.columns[c]!.kind;
      if (kind !== 'string') {
        const values = await this.readNumbers(c, from, to);
        return kind === 'float' ? { kind, values: values as Float64Array } : { kind, values: values as Uint8Array };
      }
      const values: (string | null)[] = new Array(n);
      const reads: Promise<void>[] = [];
      for (const s of this.spans(from, to)) {
        reads.push(readStrings(async (t, p) => this.readInto(t, p), s.page.columns[c]!, s.a, s.b, values, s.out - from));
      }
      await Promise.all(reads);
      return { kind, values };
    });
    const columnsData = await Promise.all(data);
    return {
      rowCount: n,
      timestamps: await timestamps,
      columns: picked.map((c, i) => ({ name: this.meta.columns[c]!.name, data: columnsData[i]! })),
    };
  }

  /** First row whose timestamp passes `past` (>= t or > t), with one read of at most 1,024 timestamps. */
  private async seek(past: (ts: number) => boolean): Promise<number> {
    const { rows } = this.meta;
    const index = this.index;
    let lo = 0;
    let hi = index.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (past(index[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    if (lo === 0) return 0;
    const from = (lo - 1) * TIME_INDEX_STRIDE;
    const to = Math.min(rows, lo * TIME_INDEX_STRIDE);
    // Read now into the reader's own 8 kB where it can (used before any await), else a new array.
    const now = this.readNumbersNow('timestamp', from, to, this.seekScratch);
    const ts = now ? this.seekScratch : await this.timestamps(from, to);
    for (let i = 1; i < to - from; i++) if (past(ts[i]!)) return from + i;
    return to;
  }

  rowAtOrAfter(t: number) {
    return this.seek((x) => x >= t);
  }

  rowAfter(t: number) {
    return this.seek((x) => x > t);
  }

  async *batches(opts: { columns?: readonly number[]; batchRows?: number; from?: number; to?: number } = {}): AsyncIterable<RowBatch> {
    const step = opts.batchRows ?? 65_536;
    const end = opts.to ?? this.meta.rows;
    let at = opts.from ?? 0;
    // A read started ahead is awaited only if the caller goes on: keep its failure from going unhandled.
    const start = (from: number) => {
      const read = this.read(from, Math.min(end, from + step), opts.columns);
      read.catch(() => {});
      return read;
    };
    let next = at < end ? start(at) : null;
    while (next) {
      const batch = await next;
      at += batch.rowCount;
      next = at < end ? start(at) : null;
      yield batch;
    }
  }

  async close() {
    await Promise.all([
      this.file.close(),
      this.fine?.file?.then(
        (f) => f.close(),
        () => {},
      ),
    ]);
  }
}
