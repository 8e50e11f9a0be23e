import type { Column } from '@uwdata/flechette';
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
} from '@uwdata/flechette';
import { excelCsvStyle } from '../exports/convert/excel-locale';
import { instantFormatter, localTimeFormatter } from '../exports/convert/timestamp-format';
import { localColumnName } from '../exports/convert/write-text';
import { writeParquetStream } from '../parquet/stream-writer';
import { BOOL_NULL, cellAt, type ColumnData, type RowBatch } from './row-batch';

/*
 * INTERIM (replaced by the byte-level encoders): batch encoders with the agreed interface, built
 * on the string writers of exports/convert.
 */

export interface TextOptions {
  timeZone: string;
  localTimeColumn: boolean;
  excelLocale: string | null;
}

export interface BatchEncoder {
  head(): Uint8Array;
  rows(batch: RowBatch, firstRowsOfFile: boolean): Uint8Array;
  tail(rowsWritten: number): Uint8Array;
}

const utf8Bytes = (s: string) => Buffer.from(s, 'utf8');

export function csvEncoder(columns: string[], opts: TextOptions): BatchEncoder {
  const style = opts.excelLocale ? excelCsvStyle(opts.excelLocale) : { separator: ',', decimal: '.' };
  const sep = style.separator;
  const needsQuote = new RegExp(`[${sep === ';' ? ';' : ','}"\\r\\n]|^\\s|\\s$`);
  const field = (s: string) => (needsQuote.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const instant = instantFormatter(opts.timeZone);
  const local = opts.localTimeColumn ? localTimeFormatter(opts.timeZone) : null;
  return {
    head: () =>
      utf8Bytes(
        `${opts.excelLocale ? '\ufeff' : ''}${['timestamp', ...(local ? [localColumnName(columns)] : []), ...columns].map(field).join(sep)}\n`,
      ),
    rows(batch) {
      let text = '';
      const cols = batch.columns.map((c) => c.data);
      for (let r = 0; r < batch.rowCount; r++) {
        const t = batch.timestamps[r]!;
        let line = instant(t);
        if (local) line += sep + local(t);
        for (const data of cols) {
          const v = cellAt(data, r);
          line += sep;
          if (v === null) continue;
          if (typeof v === 'number') line += style.decimal === '.' ? String(v) : String(v).replace('.', style.decimal);
          else if (typeof v === 'boolean') line += v ? 'true' : 'false';
          else line += v === '' ? '""' : field(v);
        }
        text += `${line}\n`;
      }
      return utf8Bytes(text);
    },
    tail: () => new Uint8Array(0),
  };
}

export function jsonEncoder(columns: string[], opts: Omit<TextOptions, 'excelLocale'>): BatchEncoder {
  const instant = instantFormatter(opts.timeZone);
  const local = opts.localTimeColumn ? localTimeFormatter(opts.timeZone) : null;
  const localKey = local ? `,${JSON.stringify(localColumnName(columns))}:` : '';
  const keys = columns.map((n) => `,${JSON.stringify(n)}:`);
  return {
    head: () => utf8Bytes('['),
    rows(batch, first) {
      let text = '';
      const cols = batch.columns.map((c) => c.data);
      for (let r = 0; r < batch.rowCount; r++) {
        const t = batch.timestamps[r]!;
        let row = `${first && r === 0 ? '\n' : ',\n'}{"timestamp":"${instant(t)}"`;
        if (local) row += `${localKey}"${local(t)}"`;
        for (let c = 0; c < cols.length; c++) {
          const v = cellAt(cols[c]!, r);
          row +=
            keys[c]! +
            (v === null || (typeof v === 'number' && !Number.isFinite(v)) ? 'null' : typeof v === 'string' ? JSON.stringify(v) : String(v));
        }
        text += `${row}}`;
      }
      return utf8Bytes(text);
    },
    tail: (rows) => utf8Bytes(rows ? '\n]\n' : ']\n'),
  };
}

function toArrow(data: ColumnData): Column<unknown> {
  switch (data.kind) {
    case 'float':
      if (!data.values.some(Number.isNaN)) return columnFromArray(data.values, float64());
      return columnFromValues((add: (v: unknown) => void) => {
        for (const v of data.values) add(Number.isNaN(v) ? null : v);
      }, float64());
    case 'boolean':
      return columnFromValues((add: (v: unknown) => void) => {
        for (const v of data.values) add(v === BOOL_NULL ? null : v === 1);
      }, bool());
    case 'string':
      return columnFromArray(data.values, dictionary(utf8()));
  }
}

/** parquet from batches (INTERIM: holds the batches until finish). */
export function createParquetWriter(
  columns: { name: string; kind: ColumnData['kind'] }[],
  write: (bytes: Uint8Array) => Promise<void>,
  opts: { rowGroupRows?: number; createdBy?: string } = {},
): { add(batch: RowBatch): Promise<void>; finish(): Promise<void> } {
  const held: RowBatch[] = [];
  const block = (b: RowBatch) =>
    tableFromColumns([
      ['timestamp', columnFromArray(b.timestamps, timestamp(TimeUnit.MILLISECOND, 'UTC'))],
      ...b.columns.map((c) => [c.name, toArrow(c.data)] as [string, Column<unknown>]),
    ]);
  return {
    async add(batch) {
      held.push(batch);
    },
    async finish() {
      if (!held.length)
        held.push({ rowCount: 0, timestamps: new Float64Array(0), columns: columns.map((c) => ({ name: c.name, data: empty(c.kind) })) });
      let i = 0;
      const next = () => (i < held.length ? block(held[i++]!) : null);
      const options = {
        rowGroupRows: opts.rowGroupRows ?? 262_144,
        createdBy: opts.createdBy ?? 'Signal Explorer',
        dictionaryColumns: columns.filter((c) => c.kind === 'string').map((c) => c.name),
      };
      await writeParquetStream(next, options, write);
    },
  };
}

function empty(kind: ColumnData['kind']): ColumnData {
  if (kind === 'float') return { kind, values: new Float64Array(0) };
  if (kind === 'boolean') return { kind, values: new Uint8Array(0) };
  return { kind, values: [] };
}
