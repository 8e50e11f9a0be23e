import type { EveryValues, Format, Slice } from '../../../src-preload/contract';
import type { AggregateColumn } from '../../transform/aggregate-columns';
import { createAggregator } from '../../transform/aggregator';
import { xlsxBytes } from '../output/xlsx-bytes';
import { decodeBatches } from '../../formats/decode-batches';
import type { TextOptions } from '../../formats/encode-batches';
import { createParquetWriter } from '../../formats/encode-batches';
import type { ColumnSpec, RowBatch } from '../../formats/row-batch';
import { rowAtOrAfter, sliceBatch } from '../../formats/slice-batch';
import { createDatasetSink } from '../output/dataset-sink';
import { textEncoder } from '../output/text-sink';
import { atomicWrite, type SavedFile } from '../save/atomic-save';
import type { OutputColumn, TaskContext } from './ingest-chunk';

/*
 * A saved file made from an export's chunks, in a worker: each chunk's download is decoded again
 * (parquet at ~40 M values/s) and its batches encoded into the target, streamed into a temporary
 * file beside it that takes the target's name once complete (atomicWrite). Memory holds one batch.
 */

export interface WriteSource {
  path: string;
  format: Format;
  slice: Slice;
  /** The chunk's name: names a dataset's parts. */
  name: string;
}

export type WriteTarget =
  | { kind: 'file'; format: 'csv' | 'json' | 'parquet'; path: string; overwrite: boolean; text: TextOptions; columns: OutputColumn[] }
  | { kind: 'xlsx'; path: string; overwrite: boolean; timeZone: string; columns: OutputColumn[]; expectedRows: number; record: unknown }
  | { kind: 'dataset'; dir: string; columns: OutputColumn[] };

export interface WriteTask {
  op: 'write';
  sources: WriteSource[];
  specs: ColumnSpec[];
  /** Saved aggregated: one rollup over every chunk in time order (a raw export's chunks may split a bucket). */
  aggregate?: { values: EveryValues; columns: AggregateColumn[] };
  target: WriteTarget;
}

export interface WriteResult extends SavedFile {
  rows: number;
  files: string[];
}

/** The sources' rows in time order, each inside its chunk's slice; rolled up when saved aggregated. */
async function* batchesOf(
  task: WriteTask,
  ctx: TaskContext,
  count: (rows: number) => void,
): AsyncIterable<{ source: WriteSource; batch: RowBatch }> {
  const agg = task.aggregate ? createAggregator(task.aggregate.values, task.aggregate.columns) : null;
  let last: WriteSource | null = null;
  for (const source of task.sources) {
    last = source;
    for await (const raw of decodeBatches(source.path, source.format, { specs: task.specs, signal: ctx.signal })) {
      ctx.signal.throwIfAborted();
      const ts = raw.timestamps;
      const inside = sliceBatch(raw, rowAtOrAfter(ts, source.slice.start), rowAtOrAfter(ts, source.slice.end));
      // One rollup over every chunk: a raw export's chunks may split a bucket.
      const batch = agg ? agg.add(inside) : inside;
      if (!batch?.rowCount) continue;
      count(batch.rowCount);
      yield { source, batch };
    }
  }
  const rest = agg?.finish();
  if (rest?.rowCount && last) {
    count(rest.rowCount);
    yield { source: last, batch: rest };
  }
}

export async function writeFile(task: WriteTask, ctx: TaskContext): Promise<WriteResult> {
  let rows = 0;
  const count = (n: number) => {
    rows += n;
    ctx.progress({ rows });
  };
  const { target } = task;
  if (target.kind === 'dataset') {
    const files: string[] = [];
    let bytes = 0;
    // One dataset sink per chunk: its parts are named after it.
    let name: string | null = null;
    let sink: ReturnType<typeof createDatasetSink> | null = null;
    const close = async () => {
      if (!sink) return;
      const done = await sink.finish();
      files.push(...done.files);
      bytes += done.bytes;
      sink = null;
    };
    for await (const { source, batch } of batchesOf(task, ctx, count)) {
      if (name !== source.name || !sink) {
        await close();
        name = source.name;
        sink = createDatasetSink(target.dir, source.name, target.columns);
      }
      await sink.add(batch);
    }
    await close();
    return { path: target.dir, bytes, sha256: '', rows, files };
  }
  const bytes =
    target.kind === 'xlsx'
      ? xlsxBytes(only(batchesOf(task, ctx, count)), target.columns, {
          timeZone: target.timeZone,
          expectedRows: target.expectedRows,
          // The rows written, known only now (an aggregation's empty intervals have none).
          record: () => (isObject(target.record) ? { ...target.record, rowCount: rows } : target.record),
        })
      : encoded(task, target, ctx, count);
  const saved = await atomicWrite(target.path, bytes, { overwrite: target.overwrite, signal: ctx.signal });
  return { ...saved, rows, files: [saved.path] };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

async function* only(items: AsyncIterable<{ batch: RowBatch }>): AsyncIterable<RowBatch> {
  for await (const { batch } of items) yield batch;
}

async function* encoded(
  task: WriteTask,
  target: Extract<WriteTarget, { kind: 'file' }>,
  ctx: TaskContext,
  count: (n: number) => void,
): AsyncIterable<Uint8Array> {
  if (target.format === 'parquet') {
    const out: Uint8Array[] = [];
    const writer = createParquetWriter(target.columns, async (b) => void out.push(b));
    for await (const { batch } of batchesOf(task, ctx, count)) {
      await writer.add(batch);
      yield* out.splice(0);
    }
    await writer.finish();
    yield* out.splice(0);
    return;
  }
  const encoder = textEncoder({ format: target.format, columns: target.columns.map((c) => c.name), text: target.text });
  yield encoder.head();
  let rows = 0;
  for await (const { batch } of batchesOf(task, ctx, count)) {
    // The encoder reuses its buffer: copy before handing it on to the writer's queue.
    yield encoder.rows(batch, rows === 0).slice();
    rows += batch.rowCount;
  }
  yield encoder.tail(rows);
}
