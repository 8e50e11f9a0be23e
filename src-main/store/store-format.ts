import type { DataType } from '../../src-preload/contract';
import type { ColumnData } from '../formats/row-batch';

/*
 * A chunk's rows on disk: one file of pages (`rows.bin`), one page per appended batch (small
 * batches coalesced), each page holding its rows column after column as raw little-endian values,
 * so rows [a, b) of one column are one contiguous read. Beside it `index.bin` (every
 * TIME_INDEX_STRIDE-th timestamp, to seek by time with one small read) and `store.json` (the
 * columns and the page directory), written last: a store without it is unfinished.
 *
 * Why not parquet (measured on this machine, 1,000,000 rows × 50 float columns, 10,000 rows of
 * every column read at a random place, median of 10-20): these pages 1.2 ms with synchronous reads
 * and 2.1 ms with async ones; parquet-wasm, row groups of 8,192 rows, 83 ms (25 ms at best); row
 * groups of 65,536, 135 ms. A zoom has 5 ms. Parquet also needs the 5 MB wasm compiled in the main
 * process and its memory never shrinks. The price is disk: floats take 8 bytes a value, as they do
 * in parquet for noisy measurements that do not compress anyway.
 */

export const STORE_VERSION = 1;
export const ROWS_FILE = 'rows.bin';
export const INDEX_FILE = 'index.bin';
export const META_FILE = 'store.json';
/** One timestamp in the seek index every this many rows: an 8 KB read finds any time. */
export const TIME_INDEX_STRIDE = 1024;

export interface StoreColumn {
  name: string;
  kind: ColumnData['kind'];
  dataType: DataType;
}

/** Where one column of one page lies in rows.bin (byte offsets). */
export type PageColumn =
  | { at: number }
  /** Strings: cumulative utf8 end of each row (f64), 1 where the row has a value (u8), the text. */
  | { ends: number; valid: number; bytes: number; byteLength: number };

export interface Page {
  /** First row of the page in the store. */
  row: number;
  rows: number;
  /** Byte offset of the page's timestamps (f64). */
  ts: number;
  columns: PageColumn[];
}

export interface StoreMeta {
  version: number;
  columns: StoreColumn[];
  rows: number;
  firstTime: number | null;
  lastTime: number | null;
  /** Size of rows.bin, checked when the store is opened (a truncated store is refused). */
  bytes: number;
  pages: Page[];
}

export const align8 = (n: number) => Math.ceil(n / 8) * 8;
