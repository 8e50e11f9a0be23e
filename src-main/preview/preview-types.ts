import type { Series, SignalStats, TimeRange } from '../../src-preload/contract';
import type { Cell } from '../formats/row-batch';
import type { ChunkSummary } from '../store/summary-layout';
import type { StoreColumn } from '../store/store-format';

/*
 * What the preview of one export answers, and what it is given. The contract (src-preload) is to
 * gain these shapes: SeriesAnswer replaces preview.series' output, PreviewStats adds coverage to
 * SignalStats, RowsRequest/RowsPage add `at` and `offset` to preview.rows.
 */

/** A column of the export, as its store and summary hold it, with what a chart needs. */
export interface PreviewColumn extends StoreColumn {
  physicalUnit: string;
}

/** A finished chunk: its slice [start, end) of the window, its store's folder, its summary. */
export interface ChunkInput {
  /** Unique in the export (the manifest's chunk name: a halved chunk's halves have their own). */
  name: string;
  window: TimeRange;
  storeDir: string;
  summary: ChunkSummary;
}

export interface SeriesAnswer {
  /** The range drawn (the window when none was asked). */
  range: TimeRange;
  /** The export's whole window: the time axis of the full view, fixed from the first chunk. */
  window: TimeRange;
  /** First and last timestamp of the rows loaded so far; null before any. */
  dataRange: TimeRange | null;
  series: Series[];
  chunks: { done: number; total: number };
}

export interface PreviewStats extends SignalStats {
  /**
   * Share of the loaded part of the window during which the signal has data, 0 to 1 (null before
   * any chunk). Each value covers the time until the next value when the chart joins them (the
   * pause is at most 5 × the usual spacing), else its usual spacing; the last value of a run of
   * loaded chunks covers its usual spacing, cut at the run's end. So a regular signal with no
   * outage covers 1, and an outage of a day in a week at 1 s covers 6/7.
   */
  coverage: number | null;
  /** The signal's usual spacing between values (ms; the median's bin of a histogram), null with fewer than two values. */
  usualSpacingMs: number | null;
}

/** A page of rows: from row `offset`, or from the first row at or after time `at` (epoch ms). */
export type RowsRequest = { offset: number; at?: undefined; limit: number } | { at: number; offset?: undefined; limit: number };

export interface RowsPage {
  /** `timestamp` first, then the export's columns. */
  columns: string[];
  rows: Cell[][];
  /** Rows loaded so far (all chunks when the export is done). */
  total: number;
  /** The page's first row: what `at` found. */
  offset: number;
}

export interface SeriesOptions {
  /**
   * Where points come from: `auto` (the summaries in memory where their blocks are narrower than a
   * pixel column, else the fine index with the rows where a column holds 8 rows or more, else the
   * rows), or any one of them (tests, bench).
   */
  source?: 'auto' | 'summary' | 'fine' | 'rows';
  /**
   * The points in pooled buffers (buffer-pool.ts) that later answers reuse: valid only until the
   * event loop turns. For a transport that copies the answer as soon as it has it.
   */
  lend?: boolean;
}

export interface PreviewIndex {
  /** A chunk that finished, in any order; the next answers include it. */
  addChunk(chunk: ChunkInput): void;
  series(range: TimeRange | undefined, points: number, options?: SeriesOptions): Promise<SeriesAnswer>;
  stats(): Promise<PreviewStats[]>;
  rows(request: RowsRequest): Promise<RowsPage>;
  close(): Promise<void>;
}
