import type { DataType } from '../../src-preload/contract';

/*
 * A batch of rows: one Float64Array of epoch milliseconds and one typed column per signal. What
 * decoders yield (a row group, or some thousands of text rows), what writers and summaries take.
 * Never a whole export: an export is a stream of batches, so memory holds one batch per stage
 * whatever the window. Plain arrays (not objects per row, never Date objects) so a worker can hand
 * them over without copying and a batch of a million values is scanned in milliseconds.
 */

/** BOOL_NULL marks a missing boolean; a float column marks a missing value with NaN. */
export const BOOL_NULL = 255;

/**
 * Which NaNs of a float column are values (IEEE not-a-number, which some writers store, and which
 * DuckDB reads as NaN, not NULL) rather than "no value". Absent: none are (our own files and the
 * emulator's). 'all': every one is (the column has no missing rows: set by the parquet decoder
 * without looking at the values, so the common path pays nothing). A mask: 1 where it is. Code
 * that does not read it (the preview, aggregation) takes every NaN for "no value", as before.
 */
export type NanMarks = 'all' | Uint8Array;

export type ColumnData =
  /** NaN where the row has no value (unless `nan` marks it as a value). */
  | { kind: 'float'; values: Float64Array; nan?: NanMarks }
  /** 0 false, 1 true, BOOL_NULL missing. */
  | { kind: 'boolean'; values: Uint8Array }
  /** Strings, and json signals as their JSON text; null where missing. */
  | { kind: 'string'; values: (string | null)[] };

export interface BatchColumn {
  name: string;
  data: ColumnData;
}

/**
 * A column the request asked for, as decoders match it in a file: by any of its `names` (the
 * rename it was requested under, and its signal ID, the API's default name), typed by its signal.
 */
export interface ColumnSpec {
  names: string[];
  dataType: DataType;
}

export interface RowBatch {
  rowCount: number;
  /** Epoch ms, ascending. */
  timestamps: Float64Array;
  columns: BatchColumn[];
}

export type Cell = number | string | boolean | null;

/** One cell as the window gets it. */
export function cellAt(data: ColumnData, i: number): Cell {
  switch (data.kind) {
    case 'float': {
      const v = data.values[i]!;
      return Number.isNaN(v) ? null : v;
    }
    case 'boolean': {
      const v = data.values[i]!;
      return v === BOOL_NULL ? null : v === 1;
    }
    case 'string':
      return data.values[i] ?? null;
  }
}

/** Whether row i of a float column, whose value is NaN, holds NaN as a value (not "no value"). */
export const isNanValue = (nan: NanMarks | undefined, i: number): boolean => nan === 'all' || (nan !== undefined && nan[i] === 1);

export function isNullAt(data: ColumnData, i: number): boolean {
  switch (data.kind) {
    case 'float':
      return Number.isNaN(data.values[i]!) && !isNanValue(data.nan, i);
    case 'boolean':
      return data.values[i] === BOOL_NULL;
    case 'string':
      return data.values[i] == null;
  }
}

/** About how much memory a table holds (strings counted at two bytes a character). */
export function batchBytes(table: RowBatch): number {
  let bytes = table.timestamps.byteLength;
  for (const c of table.columns) {
    if (c.data.kind !== 'string') bytes += c.data.values.byteLength;
    if (c.data.kind === 'float' && c.data.nan instanceof Uint8Array) bytes += c.data.nan.byteLength;
    else if (c.data.kind === 'string') for (const v of c.data.values) bytes += 8 + (v === null ? 0 : v.length * 2);
  }
  return bytes;
}
