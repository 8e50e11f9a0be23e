import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { AggregateFn } from '../../../src-preload/contract';
import type { CatalogSignal } from '../../emulator';
import { rowChunks, type RowChunk } from '../../emulator/values/row-chunks';
import { BOOL_NULL, cellAt, type Cell, type ColumnData, type RowBatch } from '../../formats/row-batch';
import type { AggregateColumn } from '../aggregate-columns';

/*
 * Test support: raw rows from the demo emulator as RowBatches, and DuckDB's own aggregation of the
 * same rows (time_bucket in a zone) as the reference the aggregator is held to.
 */

/** The emulator's rows for `signals` over [startMs, endMs), cut into batches of `batchRows`. */
export function* emulatorBatches(signals: CatalogSignal[], startMs: number, endMs: number, batchRows: number): Generator<RowBatch> {
  for (const chunk of rowChunks(signals, { startMs, endMs }, batchRows)) yield toBatch(chunk, signals);
}

function toBatch(chunk: RowChunk, signals: CatalogSignal[]): RowBatch {
  const columns = chunk.columns.map((c, j) => {
    let data: ColumnData;
    if (c.kind === 'text') data = { kind: 'string', values: c.values };
    else if (c.kind === 'float') data = { kind: 'float', values: c.values.map((v, i) => (c.valid[i] ? v : NaN)) };
    else data = { kind: 'boolean', values: c.values.map((v, i) => (c.valid[i] ? v : BOOL_NULL)) };
    return { name: signals[j]!.name, data };
  });
  return { rowCount: chunk.length, timestamps: chunk.timestamps, columns };
}

/** All the emulator's rows for `signals` over [startMs, endMs) as one batch (for tests to cut as they like). */
export function emulatorRows(signals: CatalogSignal[], startMs: number, endMs: number): RowBatch {
  const parts = [...emulatorBatches(signals, startMs, endMs, 1 << 20)];
  const rowCount = parts.reduce((n, p) => n + p.rowCount, 0);
  const timestamps = new Float64Array(rowCount);
  const columns = parts[0]!.columns.map((c) => ({ name: c.name, data: emptyLike(c.data, rowCount) }));
  let at = 0;
  for (const p of parts) {
    timestamps.set(p.timestamps, at);
    p.columns.forEach((c, j) => {
      const into = columns[j]!.data;
      if (into.kind === 'string') (c.data.values as (string | null)[]).forEach((v, i) => (into.values[at + i] = v));
      else (into.values as Float64Array | Uint8Array).set(c.data.values as Float64Array | Uint8Array, at);
    });
    at += p.rowCount;
  }
  return { rowCount, timestamps, columns };
}

function emptyLike(data: ColumnData, n: number): ColumnData {
  if (data.kind === 'float') return { kind: 'float', values: new Float64Array(n) };
  if (data.kind === 'boolean') return { kind: 'boolean', values: new Uint8Array(n) };
  return { kind: 'string', values: new Array<string | null>(n).fill(null) };
}

/** Rows [from, to) of a batch: views, no copy (but for strings). */
export function sliceRows(b: RowBatch, from: number, to: number): RowBatch {
  return {
    rowCount: to - from,
    timestamps: b.timestamps.subarray(from, to),
    columns: b.columns.map((c) => ({
      name: c.name,
      data:
        c.data.kind === 'string'
          ? { kind: 'string', values: c.data.values.slice(from, to) }
          : ({ kind: c.data.kind, values: c.data.values.subarray(from, to) } as ColumnData),
    })),
  };
}

/** A batch cut into batches of `size` rows. */
export function* inBatches(b: RowBatch, size: number): Generator<RowBatch> {
  for (let from = 0; from < b.rowCount; from += size) yield sliceRows(b, from, Math.min(b.rowCount, from + size));
}

export const columnsOf = (signals: CatalogSignal[]): AggregateColumn[] =>
  signals.map((s) => ({
    name: s.name,
    kind: s.dataType === 'float' ? 'float' : s.dataType === 'boolean' ? 'boolean' : 'string',
    dataType: s.dataType,
  }));

export interface Reference {
  /**
   * DuckDB's answer for some of the loaded columns (by index; all by default), over the rows where
   * one of them has a value (the rows a request of those signals alone gets): bucket start (epoch
   * ms), then one cell per column per fn.
   */
  aggregate(interval: string, timeZone: string, fns: AggregateFn[], which?: number[]): Promise<{ start: number; cells: Cell[] }[]>;
  close(): Promise<void>;
}

const SQL_INTERVAL: Record<string, string> = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days' };
const csvCell = (c: Cell) => (c === null ? '' : typeof c === 'string' ? `"${c.replaceAll('"', '""')}"` : String(c));

/** Loads the batches into DuckDB (through a csv file: exact doubles, fast) as table raw(ms, c0, c1…). */
export async function duckdbReference(batches: Iterable<RowBatch>, columns: AggregateColumn[]): Promise<Reference> {
  const dir = await mkdtemp(join(tmpdir(), 'se-agg-ref-'));
  const lines: string[] = [['ms', ...columns.map((_, j) => `c${j}`)].join(',')];
  for (const b of batches) {
    for (let i = 0; i < b.rowCount; i++) lines.push([b.timestamps[i], ...b.columns.map((c) => csvCell(cellAt(c.data, i)))].join(','));
  }
  const csv = join(dir, 'raw.csv');
  await writeFile(csv, lines.join('\n') + '\n');
  const sqlType = (c: AggregateColumn) => (c.kind === 'float' ? 'DOUBLE' : c.kind === 'boolean' ? 'BOOLEAN' : 'VARCHAR');
  const types = [`'ms': 'BIGINT'`, ...columns.map((c, j) => `'c${j}': '${sqlType(c)}'`)].join(', ');
  const instance = await DuckDBInstance.create(':memory:');
  const db: DuckDBConnection = await instance.connect();
  await db.run(`SET TimeZone = 'UTC'`);
  await db.run(
    `CREATE TABLE raw AS SELECT ms, make_timestamp(ms * 1000)::TIMESTAMPTZ AS ts, * EXCLUDE (ms)
     FROM read_csv('${csv}', header = true, nullstr = '', columns = {${types}})`,
  );
  await rm(dir, { recursive: true });

  const fnSql = (fn: AggregateFn, c: string) => {
    switch (fn) {
      case 'mean':
        return `avg(${c})`;
      case 'count':
        return `count(${c})::DOUBLE`;
      case 'first':
        return `arg_min(${c}, ms) FILTER (WHERE ${c} IS NOT NULL)`;
      case 'last':
        return `arg_max(${c}, ms) FILTER (WHERE ${c} IS NOT NULL)`;
      default:
        return `${fn}(${c})`;
    }
  };

  // Each zone's wall-clock time, UTC offset and local day of every row, computed once per zone: the
  // zone's conversions were most of each aggregate's time (aggregator-vs-duckdb.test.ts: ~1 s a
  // query over four days of 1 s rows, 24 queries a zone).
  const zones = new Map<string, Promise<string>>();
  const zoned = (timeZone: string) => {
    let table = zones.get(timeZone);
    if (!table) {
      const name = `zone_${zones.size}`;
      table = db
        .run(
          `CREATE TABLE ${name} AS
           WITH r AS (
             SELECT *, timezone('${timeZone}', ts) AS local_ts,
                    epoch(timezone('${timeZone}', ts)) - epoch(ts) AS utc_offset_s,
                    date_trunc('minute', ts) AS minute
             FROM raw),
           -- time_bucket in a zone costs ~35 us a row: ask it once per minute (days start on one)
           days AS (
             SELECT minute, epoch_ms(time_bucket(INTERVAL '1 day', minute, '${timeZone}')) AS day_start
             FROM (SELECT DISTINCT minute FROM r))
           SELECT * EXCLUDE (minute) FROM r JOIN days USING (minute)`,
        )
        .then(() => name);
      zones.set(timeZone, table);
    }
    return table;
  };

  return {
    async aggregate(interval, timeZone, fns, which = columns.map((_, j) => j)) {
      const m = /^(\d+)([smhd])$/.exec(interval)!;
      const every = `INTERVAL '${m[1]} ${SQL_INTERVAL[m[2]!]}'`;
      const seconds = Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[m[2] as 's']!;
      // A day: DuckDB's time_bucket in the zone (local midnights). Shorter: DuckDB buckets those in
      // UTC even when given a zone, so bucket the zone's wall-clock time and read the label back in
      // the zone. Up to an hour, the hour the clock repeats in autumn holds two buckets (one per UTC
      // offset) that share a label: they are told apart by the offset.
      let bucket: string;
      let start: string;
      if (seconds === 86_400) start = bucket = 'day_start';
      else if (seconds > 3600) start = bucket = `epoch_ms(timezone('${timeZone}', local_bucket))`;
      else {
        bucket = `local_bucket, utc_offset_s`;
        start = `epoch_ms(local_bucket) - utc_offset_s * 1000`;
      }
      const cells = which.flatMap((j) => fns.map((fn) => fnSql(fn, `c${j}`)));
      const hasValue = which.map((j) => `c${j} IS NOT NULL`).join(' OR ');
      const sql = `
        WITH r AS (SELECT *, time_bucket(${every}, local_ts) AS local_bucket FROM ${await zoned(timeZone)} WHERE ${hasValue})
        SELECT (${start})::DOUBLE AS start, ${cells.join(', ')}
        FROM r GROUP BY ${bucket} ORDER BY start`;
      const rows = (await db.runAndReadAll(sql)).getRowsJS();
      return rows.map((r) => ({ start: r[0] as number, cells: r.slice(1).map((v) => (v === null ? null : (v as Cell))) }));
    },
    async close() {
      db.closeSync();
      instance.closeSync();
    },
  };
}
