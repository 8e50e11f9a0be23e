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

export type ColumnData =
  /** NaN where the row has no value. */
  | { kind: 'float'; values: Float64Array }
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

export function isNullAt(data: ColumnData, i: number): boolean {
  switch (data.kind) {
    case 'float':
      return Number.isNaN(data.values[i]!);
    case 'boolean':
      return data.values[i] === BOOL_NULL;
    case 'string':
      return data.values[i] == null;
  }
}
