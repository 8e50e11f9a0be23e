import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import type { CatalogSignal } from '../catalog/catalog-types';
import { valueAt, type SampleValue } from '../values/value-at';

/*
 * Test-side readers of output files, independent of the writers: hyparquet for parquet, a small
 * RFC 4180 parser for csv, JSON.parse for json. All return rows as {timestamp (epoch ms), ...cells}.
 */

export type Row = Record<string, SampleValue> & { timestamp: number };

export async function readParquetRows(bytes: ArrayBuffer): Promise<Row[]> {
  const rows = await parquetReadObjects({ file: bytes });
  return rows.map((r) => {
    const out: Record<string, SampleValue> = {};
    for (const [k, v] of Object.entries(r)) out[k] = k === 'timestamp' ? (v as Date).getTime() : ((v ?? null) as SampleValue);
    return out as Row;
  });
}

export function parquetInfo(bytes: ArrayBuffer) {
  const meta = parquetMetadata(bytes);
  return { meta, columns: meta.schema.slice(1), rowGroups: meta.row_groups.length, rows: Number(meta.num_rows) };
}

/** csv with a header; empty field = null, "" = empty string; cells typed by the signals' data types. */
export function readCsvRows(text: string, types: Record<string, CatalogSignal['dataType']>): Row[] {
  const records = parseCsv(text);
  const header = (records[0] ?? []).map((f) => f.value);
  return records.slice(1).map((fields) => {
    const row: Record<string, SampleValue> = {};
    header.forEach((name, i) => {
      const f = fields[i];
      if (name === 'timestamp') row.timestamp = Date.parse(f!.value);
      else if (!f || (f.value === '' && !f.quoted)) row[name] = null;
      else if (types[name] === 'float') row[name] = Number(f.value);
      else if (types[name] === 'boolean') row[name] = f.value === 'true';
      else row[name] = f.value;
    });
    return row as Row;
  });
}

export function readJsonRows(text: string): { rows: Row[]; timestamps: string[] } {
  const parsed = JSON.parse(text) as Record<string, SampleValue>[];
  return {
    timestamps: parsed.map((r) => r.timestamp as string),
    rows: parsed.map((r) => ({ ...r, timestamp: Date.parse(r.timestamp as string) }) as Row),
  };
}

/** What the file must hold: the union of the signals' timestamps in [start, end) with any value. */
export function expectedRows(signals: CatalogSignal[], names: string[], startMs: number, endMs: number): Row[] {
  const step = 1000; // every demo period is a multiple of 1 s
  const rows: Row[] = [];
  for (let t = Math.ceil(startMs / step) * step; t < endMs; t += step) {
    const values = signals.map((s) => valueAt(s, t));
    if (values.every((v) => v === null)) continue;
    const row: Record<string, SampleValue> = { timestamp: t };
    names.forEach((n, i) => (row[n] = values[i]!));
    rows.push(row as Row);
  }
  return rows;
}

function parseCsv(text: string): { value: string; quoted: boolean }[][] {
  const records: { value: string; quoted: boolean }[][] = [];
  let record: { value: string; quoted: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('unterminated quote');
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\n') j++;
      value = text.slice(i, j);
      i = j;
    }
    record.push({ value, quoted });
    if (text[i] === ',') i++;
    else {
      records.push(record);
      record = [];
      i++; // the newline
    }
  }
  return records;
}
