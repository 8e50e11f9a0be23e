import type { DuckDBConnection } from '@duckdb/node-api';
import { isNanValue, type ColumnData, type RowBatch } from '../row-batch';

/*
 * A table as DuckDB reads a file, and as our decoders did, in one comparable form: rows in time
 * order (ties in the file's order), timestamps as epoch milliseconds (whole milliseconds plus the
 * rest of the microseconds or nanoseconds as a fraction, by the column's type: the decoders
 * compute them alike), numbers as doubles, booleans, strings, null for no value, NaN and
 * ±Infinity as themselves.
 */

export type Cell = number | boolean | string | null;
export interface Table {
  times: number[];
  /** DuckDB's type of the timestamp column (tables from DuckDB only). */
  timeType?: string;
  columns: Record<string, Cell[]>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

function timeExpr(type: string, col: string): string {
  if (type === 'TIMESTAMP_MS') return `epoch_ms(${col})::DOUBLE`;
  if (type === 'TIMESTAMP_NS') return `epoch_ms(${col})::DOUBLE + (epoch_ns(${col}) % 1000000)::DOUBLE / 1e6`;
  if (type.startsWith('TIMESTAMP')) return `epoch_ms(${col})::DOUBLE + (epoch_us(${col}) % 1000)::DOUBLE / 1000`;
  if (type === 'DATE') return `epoch_ms(${col})::DOUBLE`;
  if (type === 'VARCHAR') return timeExpr('TIMESTAMP', `${col}::TIMESTAMPTZ`);
  return `${col}::DOUBLE`;
}

/** `source`: a DuckDB table function call, e.g. read_parquet('x', file_row_number = true). */
export async function duckdbTable(
  conn: DuckDBConnection,
  path: string,
  format: 'parquet' | 'csv' | 'json',
  columns: string[],
): Promise<Table> {
  const source =
    format === 'parquet'
      ? `read_parquet('${path}', file_row_number = true)`
      : format === 'csv'
        ? `(SELECT *, row_number() OVER () AS file_row_number FROM read_csv('${path}', header = true))`
        : `(SELECT *, row_number() OVER () AS file_row_number FROM read_json('${path}'))`;
  const types = new Map(
    (await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`))
      .getRowObjects()
      .map((r) => [String(r.column_name), String(r.column_type)]),
  );
  const tsType = types.get('timestamp');
  if (!tsType) throw new Error(`DuckDB finds no timestamp column in ${path}`);
  const value = (c: string) => {
    const t = types.get(c) ?? '';
    return t === 'BOOLEAN' || t === 'VARCHAR' ? quote(c) : `${quote(c)}::DOUBLE`;
  };
  const time = timeExpr(tsType, 'timestamp');
  const sql = `SELECT ${time} AS t, ${columns.map((c) => `${value(c)} AS ${quote(c)}`).join(', ')} FROM ${source} ORDER BY ${time}, file_row_number`;
  const rows = (await conn.runAndReadAll(sql)).getRows();
  const table: Table = { times: rows.map((r) => Number(r[0])), timeType: tsType, columns: {} };
  columns.forEach((c, k) => (table.columns[c] = rows.map((r) => r[k + 1] as Cell)));
  return table;
}

function cells(data: ColumnData): Cell[] {
  switch (data.kind) {
    case 'float':
      return Array.from(data.values, (v, i) => (v === v || isNanValue(data.nan, i) ? v : null));
    case 'boolean':
      return Array.from(data.values, (v) => (v === 255 ? null : v === 1));
    case 'string':
      return data.values.map((v) => v ?? null);
  }
}

/** Our decoder's batches as the same table (columns by the request's first name). */
export function batchesTable(batches: RowBatch[], names: string[]): Table {
  const table: Table = { times: batches.flatMap((b) => [...b.timestamps]), columns: {} };
  names.forEach((n, k) => (table.columns[n] = batches.flatMap((b) => cells(b.columns[k]!.data))));
  return table;
}

/** Batches saved as `format` by the app's own encoders (what a conversion writes), for DuckDB to read back. */
export async function saveAs(
  batches: RowBatch[],
  format: 'parquet' | 'csv' | 'json',
  path: string,
  columns: { name: string; kind: ColumnData['kind'] }[],
) {
  const { writeFile } = await import('node:fs/promises');
  const { createParquetWriter, csvEncoder, jsonEncoder } = await import('../encode-batches');
  const parts: Uint8Array[] = [];
  if (format === 'parquet') {
    const writer = createParquetWriter(columns, async (b) => void parts.push(b));
    for (const b of batches) await writer.add(b);
    await writer.finish();
  } else {
    const text = { timeZone: 'UTC', localTimeColumn: false, excelLocale: null };
    const names = columns.map((c) => c.name);
    const encoder = format === 'csv' ? csvEncoder(names, text) : jsonEncoder(names, text);
    parts.push(encoder.head().slice());
    let rows = 0;
    for (const b of batches) {
      parts.push(encoder.rows(b, rows === 0).slice());
      rows += b.rowCount;
    }
    parts.push(encoder.tail(rows).slice());
  }
  await writeFile(path, Buffer.concat(parts));
}
