import type { Slice } from '../../../src-preload/contract';
import { sha256OfFile } from '../download/file-sha256';
import { decodeBatches, OutOfOrderError, type DecodeReport } from '../../formats/decode-batches';
import type { RowBatch } from '../../formats/row-batch';
import { rowAtOrAfter, sliceBatch } from '../../formats/slice-batch';
import type { BatchSink } from '../output/batch-sink';
import { openTransforms } from './batch-transforms';
import { openSink } from './open-sink';
import type { IngestResult, IngestTask, TaskProgress } from './worker-protocol';

/*
 * Reading one downloaded chunk, in a worker: its batches are decoded once, cut to the chunk's
 * slice `[start, end)` (so chunks never share a row at their borders), put through the task's
 * transforms (an aggregation), and each goes, in time order, to every sink the export needs (one
 * pass): an output segment, a dataset's parts, the store and summary of the window's preview.
 */

export interface TaskContext {
  signal: AbortSignal;
  progress(value: TaskProgress): void;
}

export async function ingestChunk(task: IngestTask, ctx: TaskContext): Promise<IngestResult> {
  // The hash reads the file beside the decode (from the page cache): on the main thread it was
  // 0.6 ms of CPU a MB and a 1 MB buffer a read, 330 MB an XL csv export, the largest share of the
  // main thread's busy time in its CPU profile while chunks came in.
  const hashing = task.sha256 ? sha256OfFile(task.path) : undefined;
  hashing?.catch(() => undefined);
  const result = await decodeOnce(task, ctx);
  return hashing ? { ...result, sha256: await hashing } : result;
}

async function decodeOnce(task: IngestTask, ctx: TaskContext): Promise<IngestResult> {
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
  // The sinks are opened (folders, files: 2-7 ms through the thread pool) while the decoder reads
  // the footer and the first rows; a batch waits for them.
  let opening: Promise<void> | null = null;
  const opened = () =>
    (opening ??= Promise.allSettled(task.sinks.map((spec) => openSink(spec))).then((all) => {
      for (const o of all) if (o.status === 'fulfilled') sinks.push(o.value);
      const failed = all.find((o) => o.status === 'rejected');
      if (failed) throw failed.reason;
    }));
  let rows = 0;
  let dropped = 0;
  let sourceRows = 0;
  let first: number | null = null;
  let last: number | null = null;
  const write = async (batch: RowBatch) => {
    ctx.signal.throwIfAborted();
    if (!batch.rowCount) return;
    first ??= batch.timestamps[0]!;
    last = batch.timestamps[batch.rowCount - 1]!;
    await opened();
    for (const sink of sinks) await sink.add(batch);
    rows += batch.rowCount;
    ctx.progress({ rows });
  };
  if (task.only && task.transforms.length) throw new Error('A read of some columns only has no transforms.');
  try {
    void opened().catch(() => undefined);
    const transform = openTransforms(task.transforms);
    // A derivation's lead-in rows (before the slice) go to the transforms, which drop them.
    const read = { start: Math.min(task.readFrom ?? task.slice.start, task.slice.start), end: task.slice.end };
    for await (const raw of decodeBatches(task.path, task.format, {
      specs: task.specs,
      signal: ctx.signal,
      order,
      report,
      ...(task.only ? { only: task.only } : {}),
    })) {
      const batch = inside(raw, read);
      const leadIn = read.start < task.slice.start ? rowAtOrAfter(batch.timestamps, task.slice.start, 0, batch.rowCount) : 0;
      dropped += raw.rowCount - batch.rowCount + leadIn;
      sourceRows += batch.rowCount - leadIn;
      if (batch.rowCount) for (const out of transform.add(batch)) await write(out);
    }
    for (const out of transform.finish()) await write(out);
    await transform.close();
    await opened();
    const written = [];
    for (const sink of sinks) written.push(await sink.finish());
    return { op: 'ingest', rows, sourceRows, first, last, dropped, sinks: written, duplicates: report.duplicates, sorted: report.sorted };
  } catch (error) {
    // The read's own error is the one to report; a sink that cannot abort leaves a file the next run replaces or the sweep removes.
    await opened().catch(() => undefined);
    await Promise.all(sinks.map((s) => s.abort().catch(() => undefined)));
    throw error;
  }
}

function inside(batch: RowBatch, slice: Slice): RowBatch {
  const ts = batch.timestamps;
  if (!batch.rowCount || (ts[0]! >= slice.start && ts[batch.rowCount - 1]! < slice.end)) return batch;
  return sliceBatch(batch, rowAtOrAfter(ts, slice.start), rowAtOrAfter(ts, slice.end));
}
