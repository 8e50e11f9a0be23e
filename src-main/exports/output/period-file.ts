import type { SaveFormat } from '../../../src-preload/contract';
import type { ConditionPeriod } from '../../../src-preload/contract/derive';
import { createParquetWriter, type TextOptions } from '../../formats/encode-batches';
import type { RowBatch } from '../../formats/row-batch';
import type { OutputColumn } from './columns';
import { textEncoder } from './text-sink';
import { xlsxBytes } from './xlsx-bytes';

/*
 * A file of condition periods, one row a period, through the same encoders as the data: `timestamp`
 * is the period's start (in the file's time zone, as the data's), then the condition's name, its end
 * (ISO 8601, UTC), duration in seconds, the statistics of its `statsOf` signal and what ended it.
 */

export const PERIOD_COLUMNS: OutputColumn[] = [
  { name: 'condition', kind: 'string' },
  { name: 'end', kind: 'string' },
  { name: 'duration_s', kind: 'float' },
  { name: 'min', kind: 'float' },
  { name: 'max', kind: 'float' },
  { name: 'mean', kind: 'float' },
  { name: 'ended_by', kind: 'string' },
];

const ROWS = 4096;

/** Periods (named by their condition) as batches of rows. */
export async function* periodBatches(periods: AsyncIterable<{ condition: string; period: ConditionPeriod }>): AsyncIterable<RowBatch> {
  let rows: { condition: string; period: ConditionPeriod }[] = [];
  const batch = (): RowBatch => {
    const n = rows.length;
    const num = (f: (p: ConditionPeriod) => number | null) => Float64Array.from(rows, (r) => f(r.period) ?? NaN);
    const b: RowBatch = {
      rowCount: n,
      timestamps: num((p) => p.start),
      columns: [
        { name: 'condition', data: { kind: 'string', values: rows.map((r) => r.condition) } },
        { name: 'end', data: { kind: 'string', values: rows.map((r) => new Date(r.period.end).toISOString()) } },
        { name: 'duration_s', data: { kind: 'float', values: num((p) => p.durationMs / 1000) } },
        { name: 'min', data: { kind: 'float', values: num((p) => p.min) } },
        { name: 'max', data: { kind: 'float', values: num((p) => p.max) } },
        { name: 'mean', data: { kind: 'float', values: num((p) => p.mean) } },
        { name: 'ended_by', data: { kind: 'string', values: rows.map((r) => r.period.endedBy) } },
      ],
    };
    rows = [];
    return b;
  };
  for await (const r of periods) {
    rows.push(r);
    if (rows.length === ROWS) yield batch();
  }
  if (rows.length) yield batch();
}

/** The bytes of a periods file in `format`, for the atomic writer. */
export async function* periodFileBytes(format: SaveFormat, text: TextOptions, batches: AsyncIterable<RowBatch>): AsyncIterable<Uint8Array> {
  const columns = PERIOD_COLUMNS;
  if (format === 'xlsx') {
    yield* xlsxBytes(batches, columns, { timeZone: text.timeZone, record: () => ({ file: 'condition periods' }) });
    return;
  }
  if (format === 'parquet') {
    const out: Uint8Array[] = [];
    const writer = createParquetWriter(columns, async (b) => void out.push(b));
    for await (const batch of batches) {
      await writer.add(batch);
      yield* out.splice(0);
    }
    await writer.finish();
    yield* out.splice(0);
    return;
  }
  const encoder = textEncoder({ format, columns: columns.map((c) => c.name), text });
  yield encoder.head();
  let rows = 0;
  for await (const batch of batches) {
    yield encoder.rows(batch, rows === 0).slice();
    rows += batch.rowCount;
  }
  yield encoder.tail(rows);
}
