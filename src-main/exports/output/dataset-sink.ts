import { randomBytes } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { createParquetWriter } from '../../formats/encode-batches';
import type { ColumnData, RowBatch } from '../../formats/row-batch';
import { rowAtOrAfter, sliceBatch } from '../../formats/slice-batch';
import type { BatchSink } from './batch-sink';
import { openSinkFile, type SinkFile } from './sink-file';

/*
 * A Hive-partitioned dataset: `date=YYYY-MM-DD/part-NNNN.parquet` by UTC day, which DuckDB,
 * Polars and Spark read as one table (`read_parquet('DIR/**\/*.parquet', hive_partitioning=true)`).
 * A chunk writes one part per day it touches, named after the chunk, so shards that run different
 * chunks of one plan fill one folder without colliding. A chunk's parts appear together once it is
 * complete (temp files, renamed at the end), so a failed chunk leaves none behind.
 */

const DAY = 86_400_000;
export const dayOf = (t: number) => new Date(Math.floor(t / DAY) * DAY).toISOString().slice(0, 10);
/** A part's name inside its dataset: what the record lists and a storage keys it by. */
export const partKey = (day: string, part: string) => `date=${day}/part-${part}.parquet`;
const partPath = (dir: string, day: string, part: string) => join(dir, partKey(day, part));

export function createDatasetSink(dir: string, part: string, columns: { name: string; kind: ColumnData['kind'] }[]): BatchSink {
  let open_: { day: string; file: SinkFile; final: string; writer: ReturnType<typeof createParquetWriter> } | null = null;
  const done: { file: SinkFile; final: string }[] = [];

  async function start(day: string) {
    const final = partPath(dir, day, part);
    await mkdir(join(dir, `date=${day}`), { recursive: true });
    const tmp = join(dir, `date=${day}`, `.part-${part}.${randomBytes(4).toString('hex')}.tmp`);
    const file = await openSinkFile(tmp, 'wx');
    open_ = { day, file, final, writer: createParquetWriter(columns, (data) => file.write(data)) };
  }

  async function end() {
    if (!open_) return;
    const o = open_;
    open_ = null;
    done.push(o); // before it is finished: a part that fails to finish is still removed by abort
    try {
      await o.writer.finish();
    } finally {
      await o.file.close();
    }
  }

  return {
    async add(batch: RowBatch) {
      let from = 0;
      while (from < batch.rowCount) {
        const t = batch.timestamps[from]!;
        const day = dayOf(t);
        const to = rowAtOrAfter(batch.timestamps, (Math.floor(t / DAY) + 1) * DAY, from);
        if (open_?.day !== day) {
          await end();
          await start(day);
        }
        await open_!.writer.add(sliceBatch(batch, from, to));
        from = to;
      }
    },
    async finish() {
      await end();
      for (const d of done) await rename(d.file.path, d.final);
      return { bytes: done.reduce((sum, d) => sum + d.file.bytes, 0), files: done.map((d) => d.final) };
    },
    async abort() {
      const o = open_;
      open_ = null;
      if (o) done.push(o);
      await Promise.all(done.map((d) => d.file.remove()));
    },
  };
}
