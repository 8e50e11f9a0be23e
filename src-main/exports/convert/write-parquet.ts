import { open } from 'node:fs/promises';
import {
  bool,
  columnFromArray,
  columnFromValues,
  dictionary,
  float64,
  tableFromColumns,
  timestamp,
  TimeUnit,
  utf8,
  type Column,
} from '@uwdata/flechette';
import { writeParquetStream } from '../../parquet/stream-writer';
import { BOOL_NULL, type ColumnData, type RowBatch } from '../../formats/row-batch';

/*
 * parquet from a decoded table, one row group per block of rows (a one-shot write of a large
 * table peaks near 3 GB, PERFORMANCE-NOTES): each block becomes an Arrow record batch built with
 * flechette and is streamed through parquet-wasm's writer. Timestamps are UTC instants in ms
 * (microseconds when a source had finer ones); text columns are dictionary-encoded, floats not.
 */

const ROWS_PER_GROUP = 262_144;

function toArrow(data: ColumnData, from: number, to: number): Column<unknown> {
  switch (data.kind) {
    case 'float': {
      const values = data.values.subarray(from, to);
      if (!values.some(Number.isNaN)) return columnFromArray(values, float64());
      return columnFromValues((add: (v: unknown) => void) => {
        for (const v of values) add(Number.isNaN(v) ? null : v);
      }, float64());
    }
    case 'boolean': {
      const values = data.values.subarray(from, to);
      return columnFromValues((add: (v: unknown) => void) => {
        for (const v of values) add(v === BOOL_NULL ? null : v === 1);
      }, bool());
    }
    case 'string':
      return columnFromArray(data.values.slice(from, to), dictionary(utf8()));
  }
}

function block(table: RowBatch, from: number, to: number, fineTime: boolean) {
  const ts = table.timestamps.subarray(from, to);
  const time = fineTime
    ? columnFromArray(
        Float64Array.from(ts, (t) => Math.round(t * 1000)),
        timestamp(TimeUnit.MICROSECOND, 'UTC'),
      )
    : columnFromArray(ts, timestamp(TimeUnit.MILLISECOND, 'UTC'));
  const cols: [string, Column<unknown>][] = [['timestamp', time]];
  for (const c of table.columns) cols.push([c.name, toArrow(c.data, from, to)]);
  return tableFromColumns(cols);
}

export async function writeParquetFile(table: RowBatch, path: string): Promise<number> {
  const fineTime = table.timestamps.some((t) => !Number.isInteger(t));
  let from = 0;
  let finished = false;
  // One block at a time; an empty table still sends one (empty) block for its schema.
  const next = () => {
    if (finished) return null;
    const to = Math.min(table.rowCount, from + ROWS_PER_GROUP);
    const arrow = block(table, from, to, fineTime);
    from = to;
    finished = to >= table.rowCount;
    return arrow;
  };
  const options = {
    rowGroupRows: ROWS_PER_GROUP,
    createdBy: 'Signal Explorer',
    dictionaryColumns: table.columns.filter((c) => c.data.kind === 'string').map((c) => c.name),
  };
  const handle = await open(path, 'wx');
  let written = 0;
  try {
    await writeParquetStream(next, options, async (chunk) => {
      await handle.write(chunk);
      written += chunk.length;
    });
  } finally {
    await handle.close();
  }
  return written;
}
