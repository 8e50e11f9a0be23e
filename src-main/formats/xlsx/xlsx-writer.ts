import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { DataType } from '../../../src-preload/contract';
import { zoneSegments } from '../../transform/zone-segments';
import { BOOL_NULL, isNanValue, type ColumnData, type RowBatch } from '../row-batch';
import { checkXlsxRows, EXCEL_MAX_DATA_ROWS, XlsxRowLimitError } from './row-limit';

/*
 * An Excel workbook written row by row with exceljs's streaming WorkbookWriter: sheet "Data" with
 * a frozen header, timestamps as Excel dates on the wall clock of the chosen zone, numbers as
 * numbers, booleans as booleans, missing values as empty cells; sheet "Export" with the export
 * record as key/value rows. Memory stays flat in rows: every row is committed as it is written,
 * and after each batch the writer waits for the zip to take what it was given.
 */

export interface XlsxColumn {
  name: string;
  kind: ColumnData['kind'];
  dataType?: DataType;
}

export interface XlsxOptions {
  /** Timestamps are written as the wall-clock time of this zone (Excel dates carry no zone). */
  timeZone: string;
  /**
   * The rows the file will hold, when known before writing (an aggregation's bucket count, a
   * job's row count): more than Excel's limit is refused before a byte is written.
   */
  expectedRows?: number;
  /** Refusal with an interval that fits: the export's window. */
  window?: { start: number; end: number };
  creator?: string;
}

export type RecordValue = string | number | boolean | null;

export interface XlsxWriter {
  add(batch: RowBatch): Promise<void>;
  /** Adds the "Export" sheet and closes the workbook; resolves when `output` has finished. */
  finish(record: [string, RecordValue][]): Promise<{ rows: number }>;
}

const DATE_TIME = 'yyyy-mm-dd hh:mm:ss';
const DATE_STYLE: Partial<ExcelJS.Style> = { numFmt: DATE_TIME };
const DATE_MS_STYLE: Partial<ExcelJS.Style> = { numFmt: 'yyyy-mm-dd hh:mm:ss.000' };
const PLAIN_STYLE: Partial<ExcelJS.Style> = {};
const DAY = 86_400_000;
/** Excel's serial day of 1970-01-01 (its epoch is 1899-12-30). */
const EXCEL_UNIX_DAY = 25_569;
/** How much XML may wait in front of the compressor before the writer pauses. */
const MAX_PENDING_BYTES = 4 << 20;

const widthFor = (c: XlsxColumn) => Math.min(60, Math.max(c.kind === 'float' ? 12 : c.kind === 'boolean' ? 8 : 16, c.name.length + 2));

export function createXlsxWriter(output: Writable, columns: XlsxColumn[], opts: XlsxOptions): XlsxWriter {
  // Past the limit while writing (no count was known up front): the caller discards the output.
  const refuse = (rows: number) => {
    if (rows <= EXCEL_MAX_DATA_ROWS) return;
    if (opts.window) checkXlsxRows({ rows, window: opts.window, timeZone: opts.timeZone });
    throw new XlsxRowLimitError(rows, null, null);
  };
  if (opts.expectedRows !== undefined) refuse(opts.expectedRows);

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = opts.creator ?? 'Signal Explorer';
  const sheet = workbook.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { key: 'timestamp', width: 22, style: { numFmt: DATE_TIME } },
    ...columns.map((c) => ({ key: c.name, width: widthFor(c) })),
  ];
  const header = sheet.addRow(['timestamp', ...columns.map((c) => c.name)]);
  header.font = { bold: true };
  header.commit();

  const zone = zoneSegments(opts.timeZone);
  const serial = (t: number) => (t + zone.at(t).offsetMs) / DAY + EXCEL_UNIX_DAY;
  let rows = 0;

  async function drained() {
    // exceljs writes a sheet into the zip without back-pressure: wait for the compressor's input,
    // a readable-stream v2 PassThrough (no writableLength: its state's length)
    type Pipe = Writable & { _writableState?: { length: number } };
    const pipe = (sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes?.[0];
    const pending = () => (pipe ? (pipe.writableLength ?? pipe._writableState?.length ?? 0) : 0);
    while (pending() > MAX_PENDING_BYTES) await once(pipe!, 'drain');
  }

  return {
    async add(batch) {
      refuse(rows + batch.rowCount);
      const cols = batch.columns.map((c) => c.data);
      for (let i = 0; i < batch.rowCount; i++) {
        const t = batch.timestamps[i]!;
        const values: (number | boolean | string | null)[] = [serial(t)];
        for (const data of cols) values.push(cell(data, i));
        const row = sheet.addRow(values);
        // One style object shared by many cells: exceljs looks it up by identity (a WeakMap)
        // instead of comparing a fresh copy per cell (a third of the writer's time, measured).
        row.eachCell((c, col) => (c.style = col === 1 ? (t % 1000 === 0 ? DATE_STYLE : DATE_MS_STYLE) : PLAIN_STYLE));
        row.commit();
        // a batch's XML is ~0.5 KB a row: let the zip catch up every few thousand rows
        if ((i & 8191) === 8191) await drained();
      }
      rows += batch.rowCount;
      await drained();
    },
    async finish(record) {
      sheet.commit();
      const info = workbook.addWorksheet('Export');
      info.columns = [
        { key: 'key', width: Math.max(12, ...record.map(([k]) => Math.min(60, k.length + 2))) },
        { key: 'value', width: 60 },
      ];
      const head = info.addRow(['key', 'value']);
      head.font = { bold: true };
      head.commit();
      for (const [k, v] of record) info.addRow([k, v]).commit();
      info.commit();
      await workbook.commit();
      return { rows };
    },
  };
}

function cell(data: ColumnData, i: number): number | boolean | string | null {
  switch (data.kind) {
    case 'float': {
      const v = data.values[i]!;
      if (Number.isFinite(v)) return v;
      // Excel has no NaN or infinity: said as text, never an empty cell that reads as no value.
      if (v === v) return v > 0 ? 'Infinity' : '-Infinity';
      return isNanValue(data.nan, i) ? 'NaN' : null;
    }
    case 'boolean': {
      const v = data.values[i]!;
      return v === BOOL_NULL ? null : v === 1;
    }
    case 'string':
      return data.values[i] ?? null;
  }
}

/**
 * An export record (any JSON) as key/value rows: nested keys joined with dots, list items
 * numbered (`request.signals[0].path`). Excel's cells hold at most 32,767 characters.
 */
export function recordRows(record: unknown, prefix = ''): [string, RecordValue][] {
  if (record === null || record === undefined) return prefix ? [[prefix, null]] : [];
  if (Array.isArray(record)) return record.flatMap((v, i) => recordRows(v, `${prefix}[${i}]`));
  if (typeof record === 'object') {
    return Object.entries(record as Record<string, unknown>).flatMap(([k, v]) => recordRows(v, prefix ? `${prefix}.${k}` : k));
  }
  if (typeof record === 'string') return [[prefix, record.length > 32_767 ? record.slice(0, 32_767) : record]];
  if (typeof record === 'number' || typeof record === 'boolean') return [[prefix, record]];
  return [[prefix, String(record)]];
}
