import type { DataType } from '../../src-preload/contract';
import type { ColumnData } from '../formats/row-batch';

/*
 * A chunk's rows on disk: one file of pages (`rows.bin`), one page per appended batch (small
 * batches coalesced), each page holding its rows column after column as raw little-endian values,
 * so rows [a, b) of one column are one contiguous read. Beside it `index.bin` (every
 * TIME_INDEX_STRIDE-th timestamp, to seek by time with one small read) and `store.json` (the
 * columns and the page directory), written last: a store without it is unfinished.
 *
 * Why not parquet (bench/cases/store-layout.ts: 1,000,000 rows × 50 float columns, 10,000 rows
 * of every column read at a random place, as a 1 % zoom of XL does; 15 runs at load 8 on the
 * 2 shared cores): these pages 0.86 ms at best, 2.7 ms median; parquet-wasm with row groups of
 * 8,192 rows 26 ms at best, 85 median; with row groups of 65,536, 58 and 119. A zoom has 5 ms, and
 * parquet also needs its 5 MB of wasm compiled in the main process, with memory that never shrinks.
 * The price is disk: 8 bytes a float, as parquet takes for noisy measurements that do not compress.
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

/** store.json of a store written as column groups (joined-store.ts): the groups' folders, in column order. */
export interface JoinedMeta {
  version: number;
  parts: string[];
}

export const align8 = (n: number) => Math.ceil(n / 8) * 8;
