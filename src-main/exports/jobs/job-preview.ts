import type { ChunkCount, Series, SignalStats, TimeRange } from '../../../src-preload/contract';
import type { Cell } from '../../formats/row-batch';
import type { ChunkRecord, Manifest } from '../manifest/manifest';

/*
 * What the export service needs of the preview engine for one job: chunks are added as they are
 * done (any order), and the window's questions are answered from what is in so far.
 */

export interface SeriesAnswer {
  range: TimeRange;
  window: TimeRange;
  dataRange: TimeRange | null;
  series: Series[];
  chunks: ChunkCount;
}

export interface RowsAnswer {
  columns: string[];
  rows: Cell[][];
  total: number;
  offset: number;
}

export interface JobPreview {
  /** A chunk done (any order); `total`: the chunks planned now (the plan grows after its probe). */
  addChunk(chunk: ChunkRecord, total?: number): Promise<void>;
  /** `lend`: the points in pooled buffers, valid until the event loop turns (for a transport that copies them at once). */
  series(range: TimeRange | undefined, points: number, options?: { lend?: boolean }): Promise<SeriesAnswer>;
  stats(): Promise<{ stats: SignalStats[]; chunks: ChunkCount }>;
  rows(page: { offset?: number; at?: number; limit: number }): Promise<RowsAnswer>;
  close(): Promise<void>;
}

/** Opens the preview of a job (its folder and manifest); chunks already done are added by the caller. */
export type PreviewFactory = (job: { dir: string; manifest: Manifest }) => JobPreview;
