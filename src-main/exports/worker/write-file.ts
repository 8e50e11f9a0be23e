import { decodeBatches } from '../../formats/decode-batches';
import { createParquetWriter } from '../../formats/encode-batches';
import type { RowBatch } from '../../formats/row-batch';
import { rowAtOrAfter, sliceBatch } from '../../formats/slice-batch';
import { createDatasetSink } from '../output/dataset-sink';
import { textEncoder } from '../output/text-sink';
import { xlsxBytes } from '../output/xlsx-bytes';
import { atomicWrite } from '../save/atomic-save';
import { openTransforms } from './batch-transforms';
import type { TaskContext } from './ingest-chunk';
import type { WriteResult, WriteSource, WriteTarget, WriteTask } from './worker-protocol';

/*
 * A saved file made from an export's chunks, in a worker: each chunk's download is decoded again
 * (parquet at ~40 M values/s), put through the task's transforms in one pass over every chunk, and
 * encoded into the target, streamed into a temporary file beside it that takes the target's name
 * once complete (atomicWrite). Memory holds one batch.
 */

/** The sources' rows in time order, each inside its chunk's slice, transformed (rolled up when saved aggregated). */
async function* batchesOf(
  task: WriteTask,
  ctx: TaskContext,
  count: (rows: number) => void,
): AsyncIterable<{ source: WriteSource; batch: RowBatch }> {
  const transform = openTransforms(task.transforms);
  let last: WriteSource | null = null;
  for (const source of task.sources) {
    last = source;
    for await (const raw of decodeBatches(source.path, source.format, { specs: task.specs, signal: ctx.signal })) {
      ctx.signal.throwIfAborted();
      const ts = raw.timestamps;
      const inside = sliceBatch(raw, rowAtOrAfter(ts, source.slice.start), rowAtOrAfter(ts, source.slice.end));
      // One rollup over every chunk: a raw export's chunks may split a bucket.
      for (const batch of inside.rowCount ? transform.add(inside) : []) {
        count(batch.rowCount);
        yield { source, batch };
      }
    }
  }
  for (const batch of transform.finish()) {
    if (!last) break;
    count(batch.rowCount);
    yield { source: last, batch };
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
    return { op: 'write', path: target.dir, bytes, sha256: '', rows, files };
  }
  const bytes =
    target.kind === 'xlsx'
      ? xlsxBytes(only(batchesOf(task, ctx, count)), target.columns, {
          timeZone: target.timeZone,
          expectedRows: target.expectedRows,
          // The rows written, known only now (an aggregation's empty intervals have none).
          record: () => ({ ...target.record, rowCount: rows }),
        })
      : encoded(task, target, ctx, count);
  const saved = await atomicWrite(target.path, bytes, { overwrite: target.overwrite, signal: ctx.signal });
  return { op: 'write', ...saved, rows, files: [saved.path] };
}

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
