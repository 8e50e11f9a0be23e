import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createParquetWriter } from '../../formats/encode-batches';
import type { ColumnData, RowBatch } from '../../formats/row-batch';
import { rowAtOrAfter, sliceBatch } from '../../formats/slice-batch';
import type { BatchSink } from './batch-sink';

/*
 * A Hive-partitioned dataset: `date=YYYY-MM-DD/part-NNNN.parquet` by UTC day, which DuckDB,
 * Polars and Spark read as one table (`read_parquet('DIR/**\/*.parquet', hive_partitioning=true)`).
 * A chunk writes one part per day it touches, named after the chunk, so shards that run different
 * chunks of one plan fill one folder without colliding. A chunk's parts appear together once it is
 * complete (temp files, renamed at the end), so a failed chunk leaves none behind.
 */

const DAY = 86_400_000;
export const dayOf = (t: number) => new Date(Math.floor(t / DAY) * DAY).toISOString().slice(0, 10);
export const partPath = (dir: string, day: string, part: string) => join(dir, `date=${day}`, `part-${part}.parquet`);

export function createDatasetSink(dir: string, part: string, columns: { name: string; kind: ColumnData['kind'] }[]): BatchSink {
  let open_: { day: string; tmp: string; final: string; writer: ReturnType<typeof createParquetWriter>; close(): Promise<void> } | null =
    null;
  const done: { tmp: string; final: string }[] = [];
  let bytes = 0;

  async function start(day: string) {
    const final = partPath(dir, day, part);
    await mkdir(join(dir, `date=${day}`), { recursive: true });
    const tmp = join(dir, `date=${day}`, `.part-${part}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(tmp, 'wx');
    const writer = createParquetWriter(columns, async (data) => {
      await handle.write(data);
      bytes += data.length;
    });
    open_ = { day, tmp, final, writer, close: () => handle.close() };
  }

  async function end() {
    if (!open_) return;
    const o = open_;
    open_ = null;
    try {
      await o.writer.finish();
    } finally {
      await o.close();
    }
    done.push({ tmp: o.tmp, final: o.final });
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
      for (const d of done) await rename(d.tmp, d.final);
      return { bytes, files: done.map((d) => d.final) };
    },
    async abort() {
      const o = open_;
      open_ = null;
      if (o) {
        await o.close().catch(() => undefined);
        done.push(o);
      }
      await Promise.all(done.map((d) => rm(d.tmp, { force: true })));
    },
  };
}
