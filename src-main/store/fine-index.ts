import type { RowBatch } from '../formats/row-batch';
import type { StoreColumn } from './store-format';

/*
 * The bottom of a chunk's pyramid, on disk beside its store (`fine.bin`): every FINE_ROWS rows of
 * a float column, where in them the first, min, max and last value are and how many values there
 * are, in 16 bits. With the rows of a range it gives each 8-row block's M4 with four reads, no scan:
 * XL's 1 % zoom (10 rows a pixel column) folded 500,000 noisy values in 5.6 ms, ~11 ns each
 * (branches the data mispredicts, in runs of 10), and a plain min/max loop over them still took
 * 2.6 ms; from blocks it is 62,500 folds.
 *
 * Why offsets and not values: under ~16 rows a pixel, a record with its four values (32 bytes and
 * more) weighs more than the rows it replaces (8 bytes a row), so a zoom that deep reads the rows
 * anyway; the offsets add 2 bytes to every 64 of rows (3 %), where a record a block would add 5.
 * Coarser zooms answer from the summary in memory (summary-layout.ts).
 *
 * A code: bit 15 set when the block has a value (0: none), then 3 bits each: first, min, max and
 * last row (0-7, ties keep the earliest), count - 1. File: 'SXFINE01', u32 columns, u32 blocks,
 * then each column's u16 codes (zeros for columns that are not floats: no index).
 */

export const FINE_ROWS = 8;
export const FINE_FILE = 'fine.bin';
const MAGIC = 'SXFINE01';
export const FINE_HEADER_BYTES = 16;

export const HAS_VALUE = 0x8000;
export const fineFirst = (code: number) => code & 7;
export const fineMin = (code: number) => (code >> 3) & 7;
export const fineMax = (code: number) => (code >> 6) & 7;
export const fineLast = (code: number) => (code >> 9) & 7;
export const fineCount = (code: number) => (code & HAS_VALUE ? ((code >> 12) & 7) + 1 : 0);

/** The code of values [from, from + n) (n <= FINE_ROWS; NaN: no value). */
export function fineCode(values: ArrayLike<number>, from: number, n: number): number {
  let count = 0;
  let first = 0;
  let last = 0;
  let iMin = 0;
  let iMax = 0;
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < n; i++) {
    const x = values[from + i]!;
    if (x !== x) continue;
    if (count === 0) {
      first = iMin = iMax = i;
      lo = hi = x;
    } else if (x < lo) {
      lo = x;
      iMin = i;
    } else if (x > hi) {
      hi = x;
      iMax = i;
    }
    last = i;
    count++;
  }
  return count === 0 ? 0 : HAS_VALUE | first | (iMin << 3) | (iMax << 6) | (last << 9) | ((count - 1) << 12);
}

export interface FineIndex {
  blocks: number;
  /** Per column its codes (empty for a column that is not a float). */
  codes: Uint16Array[];
}

export interface FineIndexBuilder {
  add(batch: RowBatch): void;
  finish(): FineIndex;
}

/** Codes of a chunk's float columns, block by block as batches arrive (a block may span two). */
export function createFineIndexBuilder(columns: readonly StoreColumn[]): FineIndexBuilder {
  const floats = columns.map((c) => c.kind === 'float');
  let codes = columns.map((_, c) => new Uint16Array(floats[c] ? 1024 : 0));
  const pending = columns.map(() => new Float64Array(FINE_ROWS));
  let rows = 0;
  let blocks = 0;

  const room = (n: number) => {
    if (blocks + n <= (codes.find((a) => a.length) ?? { length: Infinity }).length) return;
    codes = codes.map((a) => {
      if (!a.length) return a;
      const b = new Uint16Array(Math.max(2 * a.length, blocks + n));
      b.set(a);
      return b;
    });
  };

  return {
    add(batch) {
      const n = batch.rowCount;
      if (!n) return;
      const held = rows % FINE_ROWS;
      // Rows that complete the block held from the batch before, then whole blocks, then the rest held.
      const head = Math.min(n, held ? FINE_ROWS - held : 0);
      const whole = Math.floor((n - head) / FINE_ROWS);
      const tail = n - head - whole * FINE_ROWS;
      room(whole + 1);
      for (let c = 0; c < columns.length; c++) {
        if (!floats[c]) continue;
        const data = batch.columns[c]!.data;
        if (data.kind !== 'float') throw new Error(`Column ${columns[c]!.name} is not a float column in this batch.`);
        const values = data.values;
        const out = codes[c]!;
        const p = pending[c]!;
        let k = blocks;
        if (held) {
          for (let i = 0; i < head; i++) p[held + i] = values[i]!;
          if (held + head === FINE_ROWS) out[k++] = fineCode(p, 0, FINE_ROWS);
        }
        for (let b = 0, at = head; b < whole; b++, at += FINE_ROWS) out[k++] = fineCode(values, at, FINE_ROWS);
        for (let i = 0; i < tail; i++) p[i] = values[n - tail + i]!;
      }
      blocks += (held && held + head === FINE_ROWS ? 1 : 0) + whole;
      rows += n;
    },
    finish() {
      const held = rows % FINE_ROWS;
      if (held) {
        room(1);
        for (let c = 0; c < columns.length; c++) if (floats[c]) codes[c]![blocks] = fineCode(pending[c]!, 0, held);
        blocks++;
      }
      return { blocks, codes: codes.map((a) => (a.length ? a.subarray(0, blocks) : new Uint16Array(0))) };
    },
  };
}

export function encodeFineIndex(index: FineIndex): Uint8Array {
  const bytes = new Uint8Array(FINE_HEADER_BYTES + index.codes.length * index.blocks * 2);
  bytes.set(Buffer.from(MAGIC, 'latin1'), 0);
  const view = new DataView(bytes.buffer);
  view.setUint32(8, index.codes.length, true);
  view.setUint32(12, index.blocks, true);
  index.codes.forEach((a, c) => {
    if (a.length) bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), FINE_HEADER_BYTES + c * index.blocks * 2);
  });
  return bytes;
}

/** The header of a fine index file, checked against the store it sits beside (null: not one, or torn). */
export function fineHeader(head: Uint8Array, size: number, columns: number, rows: number): { blocks: number } | null {
  if (head.length < FINE_HEADER_BYTES || Buffer.from(head.buffer, head.byteOffset, 8).toString('latin1') !== MAGIC) return null;
  const view = new DataView(head.buffer, head.byteOffset, FINE_HEADER_BYTES);
  const blocks = view.getUint32(12, true);
  if (view.getUint32(8, true) !== columns || blocks !== Math.ceil(rows / FINE_ROWS)) return null;
  return size === FINE_HEADER_BYTES + columns * blocks * 2 ? { blocks } : null;
}

/** Byte offset of column c's code of block k in the file. */
export const fineAt = (blocks: number, c: number, k: number) => FINE_HEADER_BYTES + (c * blocks + k) * 2;
