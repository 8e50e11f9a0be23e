import type { Disk } from '../../errors/disk-full';
import type { Format, Slice, Values } from '../../../src-preload/contract';
import { decodeBatches, OutOfOrderError, type DecodeReport } from '../../formats/decode-batches';
import type { AggregateColumn } from '../../transform/aggregate-columns';
import { aggregateBatches } from '../../transform/aggregate-stream';
import type { TextOptions } from '../../formats/encode-batches';
import type { ColumnData, ColumnSpec, RowBatch } from '../../formats/row-batch';
import { rowAtOrAfter, sliceBatch } from '../../formats/slice-batch';
import { createChunkSink } from '../../store/chunk-sink';
import type { StoreColumn } from '../../store/store-format';
import type { BatchSink } from '../output/batch-sink';
import { createDatasetSink } from '../output/dataset-sink';
import { createParquetSink } from '../output/parquet-sink';
import { createTextSink } from '../output/text-sink';

/*
 * Reading one downloaded chunk, in a worker: its batches are decoded once and each goes, in time
 * order, to every sink the export needs (one pass): the output segment of the command line, a
 * dataset's parts, and the store and summary the window's preview answers from. Rows outside the
 * chunk's slice `[start, end)` are dropped, so chunks never share a row at their borders.
 */

export type OutputColumn = { name: string; kind: ColumnData['kind'] };

export type SegmentSpec =
  | { kind: 'text'; path: string; format: 'csv' | 'json'; columns: string[]; text: TextOptions }
  | { kind: 'parquet'; path: string; columns: OutputColumn[] }
  | { kind: 'dataset'; dir: string; part: string; columns: OutputColumn[] };

/** The window's preview data of a chunk: its rows on disk and its summary (see src-main/store). */
export interface PreviewSinkSpec {
  dir: string;
  blockRows: number;
  columns: StoreColumn[];
}

export interface IngestTask {
  op: 'ingest';
  path: string;
  format: Format;
  specs: ColumnSpec[];
  /** The columns as decoded, with their signals' types (what an aggregation reads). */
  rawColumns: AggregateColumn[];
  slice: Slice;
  values: Values;
  segment?: SegmentSpec;
  preview?: PreviewSinkSpec;
  /** Where its outputs are, named when that disk fills: the app's cache, or beside the CLI's output. */
  disk: Disk;
}

export interface IngestResult {
  /** Rows written (aggregated: one per bucket). */
  rows: number;
  /** Rows Nortech delivered inside the slice: what the plan measures density with. */
  sourceRows: number;
  first: number | null;
  last: number | null;
  /** Rows the file held outside the slice (a server that sends its end too). */
  dropped: number;
  bytes: number;
  files: string[];
  /** Rows of the file whose timestamp repeats the row's before (kept, in the order received). */
  duplicates: number;
  /** Whether the file came in time order (false: it was sorted as it was read). */
  sorted: boolean;
}

export interface TaskContext {
  signal: AbortSignal;
  progress(value: unknown): void;
}

/** The chunk's store and summary as one more sink of its batches. */
async function openPreview(spec: PreviewSinkSpec): Promise<BatchSink> {
  const sink = await createChunkSink(spec.dir, spec.columns, spec.blockRows);
  return {
    add: (batch) => sink.append(batch),
    async finish() {
      await sink.finish();
      return { bytes: 0, files: [] };
    },
    abort: () => sink.abort(),
  };
}

async function openSegment(spec: SegmentSpec): Promise<BatchSink> {
  switch (spec.kind) {
    case 'text':
      return createTextSink(spec.path, { format: spec.format, columns: spec.columns, text: spec.text, segment: true });
    case 'parquet':
      return createParquetSink(spec.path, spec.columns);
    case 'dataset':
      return createDatasetSink(spec.dir, spec.part, spec.columns);
  }
}

export async function ingestChunk(task: IngestTask, ctx: TaskContext): Promise<IngestResult> {
  try {
    return await ingestOnce(task, ctx, 'auto');
  } catch (error) {
    // A text file found out of order after some batches went on: read again, through the sort
    // (the sinks of the first try were aborted, their files removed).
    if (!(error instanceof OutOfOrderError)) throw error;
    return ingestOnce(task, ctx, 'sort');
  }
}

async function ingestOnce(task: IngestTask, ctx: TaskContext, order: 'auto' | 'sort'): Promise<IngestResult> {
  const report: DecodeReport = { rows: 0, duplicates: 0, sorted: true, spilledBytes: 0 };
  const sinks: BatchSink[] = [];
  if (task.segment) sinks.push(await openSegment(task.segment));
  if (task.preview) sinks.push(await openPreview(task.preview));
  let rows = 0;
  let dropped = 0;
  let sourceRows = 0;
  let first: number | null = null;
  let last: number | null = null;
  try {
    const kept = inSlice(
      task,
      ctx,
      { order, report },
      (n) => (dropped += n),
      (n) => (sourceRows += n),
    );
    for await (const batch of valuesOf(task, kept)) {
      ctx.signal.throwIfAborted();
      if (!batch.rowCount) continue;
      first ??= batch.timestamps[0]!;
      last = batch.timestamps[batch.rowCount - 1]!;
      for (const sink of sinks) await sink.add(batch);
      rows += batch.rowCount;
      ctx.progress({ rows });
    }
    let bytes = 0;
    const files: string[] = [];
    for (const sink of sinks) {
      const done = await sink.finish();
      bytes += done.bytes;
      files.push(...done.files);
    }
    return { rows, sourceRows, first, last, dropped, bytes, files, duplicates: report.duplicates, sorted: report.sorted };
  } catch (error) {
    await Promise.all(sinks.map((s) => s.abort().catch(() => undefined)));
    throw error;
  }
}

/** The chunk's rows inside its slice; `dropped` counts the others. */
async function* inSlice(
  task: IngestTask,
  ctx: TaskContext,
  decode: { order: 'auto' | 'sort'; report: DecodeReport },
  dropped: (n: number) => void,
  kept: (n: number) => void,
): AsyncIterable<RowBatch> {
  for await (const raw of decodeBatches(task.path, task.format, { specs: task.specs, signal: ctx.signal, ...decode })) {
    const batch = inside(raw, task.slice);
    dropped(raw.rowCount - batch.rowCount);
    kept(batch.rowCount);
    if (batch.rowCount) yield batch;
  }
}

/** The export's values: the rows as they are, or rolled up per bucket (chunks hold whole buckets). */
function valuesOf(task: IngestTask, batches: AsyncIterable<RowBatch>): AsyncIterable<RowBatch> {
  if (task.values.kind === 'raw') return batches;
  return aggregateBatches(task.values, task.rawColumns, batches);
}

function inside(batch: RowBatch, slice: Slice): RowBatch {
  const ts = batch.timestamps;
  if (!batch.rowCount || (ts[0]! >= slice.start && ts[batch.rowCount - 1]! < slice.end)) return batch;
  return sliceBatch(batch, rowAtOrAfter(ts, slice.start), rowAtOrAfter(ts, slice.end));
}
