import { randomBytes } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import type { ColumnData, RowBatch } from '../row-batch';

/*
 * Sorted runs of a file too large to sort in memory, kept on disk beside it while it is read: one
 * temporary file of blocks (a few thousand rows each, every column of them), read back a block
 * per run at a time by the merge. The name ends in `.part`, which the housekeeping at start sweeps
 * once a day old (housekeeping/leftovers.ts), in case a killed process leaves one.
 *
 * A block: rows (u32), then each part padded to 8 bytes: timestamps (f64), then per column: float
 * values (f64) and a NaN-marks byte per row (0 none, 1 the NaN is a value); boolean bytes;
 * strings as a length per row (i32, -1 for none) followed by their UTF-8 bytes.
 */

const pad8 = (n: number) => (n + 7) & ~7;

export interface SpilledBlock {
  at: number;
  bytes: number;
  rows: number;
}

export class SpillFile {
  private at = 0;
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(besidePath: string): Promise<SpillFile> {
    const path = `${besidePath}.sorting-${randomBytes(6).toString('hex')}.part`;
    return new SpillFile(path, await open(path, 'wx+'));
  }

  /** Bytes written so far. */
  get size(): number {
    return this.at;
  }

  async write(batch: RowBatch): Promise<SpilledBlock> {
    const bytes = encodeBlock(batch);
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.at + done);
      done += bytesWritten;
    }
    const block = { at: this.at, bytes: bytes.length, rows: batch.rowCount };
    this.at += bytes.length;
    return block;
  }

  async read(block: SpilledBlock, template: RowBatch['columns']): Promise<RowBatch> {
    // Unpooled: its offset 0 lets the typed arrays view it at 8-byte boundaries.
    const buf = Buffer.allocUnsafeSlow(block.bytes);
    for (let done = 0; done < block.bytes;) {
      const { bytesRead } = await this.handle.read(buf, done, block.bytes - done, block.at + done);
      if (bytesRead === 0) throw new Error(`The sort's temporary file ${this.path} ends early.`);
      done += bytesRead;
    }
    return decodeBlock(buf, template);
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined); // closing twice (after a failure) is no loss
    await rm(this.path, { force: true });
  }
}

function encodeBlock(batch: RowBatch): Buffer {
  const n = batch.rowCount;
  const texts = batch.columns.map((c) =>
    c.data.kind === 'string' ? c.data.values.map((v) => (v === null ? null : Buffer.from(v, 'utf8'))) : null,
  );
  let size = 8 + 8 * n;
  batch.columns.forEach((c, k) => {
    if (c.data.kind === 'float') size += 8 * n + pad8(n);
    else if (c.data.kind === 'boolean') size += pad8(n);
    else size += pad8(4 * n + texts[k]!.reduce((a, t) => a + (t?.length ?? 0), 0));
  });
  const buf = Buffer.allocUnsafeSlow(size);
  buf.writeUInt32LE(n, 0);
  let at = 8;
  new Float64Array(buf.buffer, at, n).set(batch.timestamps.subarray(0, n));
  at += 8 * n;
  batch.columns.forEach((c, k) => {
    const d = c.data;
    if (d.kind === 'float') {
      new Float64Array(buf.buffer, at, n).set(d.values.subarray(0, n));
      at += 8 * n;
      const marks = new Uint8Array(buf.buffer, at, n);
      if (d.nan === undefined) marks.fill(0);
      else if (d.nan === 'all') for (let i = 0; i < n; i++) marks[i] = d.values[i] !== d.values[i] ? 1 : 0;
      else marks.set(d.nan.subarray(0, n));
      at += pad8(n);
    } else if (d.kind === 'boolean') {
      buf.set(d.values.subarray(0, n), at);
      at += pad8(n);
    } else {
      const start = at;
      for (const t of texts[k]!) {
        buf.writeInt32LE(t === null ? -1 : t.length, at);
        at += 4;
        if (t) {
          buf.set(t, at);
          at += t.length;
        }
      }
      at = start + pad8(at - start);
    }
  });
  return buf;
}

function decodeBlock(buf: Buffer, template: RowBatch['columns']): RowBatch {
  const n = buf.readUInt32LE(0);
  let at = 8;
  const timestamps = new Float64Array(buf.buffer, at, n);
  at += 8 * n;
  const columns = template.map((c): { name: string; data: ColumnData } => {
    if (c.data.kind === 'float') {
      const values = new Float64Array(buf.buffer, at, n);
      at += 8 * n;
      const marks = new Uint8Array(buf.buffer, at, n);
      at += pad8(n);
      return { name: c.name, data: marks.includes(1) ? { kind: 'float', values, nan: marks } : { kind: 'float', values } };
    }
    if (c.data.kind === 'boolean') {
      const values = new Uint8Array(buf.buffer, at, n);
      at += pad8(n);
      return { name: c.name, data: { kind: 'boolean', values } };
    }
    const start = at;
    const values = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const len = buf.readInt32LE(at);
      at += 4;
      if (len < 0) values[i] = null;
      else {
        values[i] = buf.toString('utf8', at, at + len);
        at += len;
      }
    }
    at = start + pad8(at - start);
    return { name: c.name, data: { kind: 'string', values } };
  });
  return { rowCount: n, timestamps, columns };
}
