import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOOL_NULL, type RowBatch } from '../row-batch';
import { checkXlsxRows, EXCEL_MAX_DATA_ROWS, XlsxRowLimitError } from './row-limit';
import { createXlsxWriter, recordRows, type XlsxColumn } from './xlsx-writer';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-xlsx-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const columns: XlsxColumn[] = [
  { name: 'Wind Speed_mean', kind: 'float' },
  { name: 'Breaker Closed_last', kind: 'boolean' },
  { name: 'State_first', kind: 'string' },
];

// Lisbon, the morning the clocks go back: 01:30 WEST, then 01:30 WET an hour later
const T = [Date.parse('2025-10-26T00:30:00Z'), Date.parse('2025-10-26T01:30:00Z'), Date.parse('2025-10-26T02:30:00.250Z')];

function batch(from: number, to: number): RowBatch {
  const idx = Array.from({ length: to - from }, (_, i) => from + i);
  return {
    rowCount: idx.length,
    timestamps: Float64Array.from(idx, (i) => T[i]!),
    columns: [
      { name: columns[0]!.name, data: { kind: 'float', values: Float64Array.from(idx, (i) => [3.25, NaN, -1e-7][i]!) } },
      { name: columns[1]!.name, data: { kind: 'boolean', values: Uint8Array.from(idx, (i) => [1, 0, BOOL_NULL][i]!) } },
      { name: columns[2]!.name, data: { kind: 'string', values: idx.map((i) => ['Running', null, 'Fault "E12", <stop>'][i]!) } },
    ],
  };
}

async function write(path: string, batches: RowBatch[], record: unknown) {
  const out = createWriteStream(path);
  const writer = createXlsxWriter(out, columns, { timeZone: 'Europe/Lisbon', expectedRows: 3 });
  for (const b of batches) await writer.add(b);
  return writer.finish(recordRows(record));
}

describe('createXlsxWriter', () => {
  it('writes a workbook that reads back with its types, header, frozen pane, widths and Export sheet', async () => {
    const path = join(dir, 'out.xlsx');
    const record = {
      kind: 'signal-explorer-export',
      rowCount: 3,
      values: { kind: 'every', interval: '1h', fns: ['mean'] },
      signals: [{ id: 7, path: 'A/B' }],
    };
    expect(await write(path, [batch(0, 2), batch(2, 3)], record)).toEqual({ rows: 3 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data', 'Export']);
    const data = wb.getWorksheet('Data')!;
    expect(data.rowCount).toBe(4);
    expect(data.getRow(1).values).toEqual([undefined, 'timestamp', ...columns.map((c) => c.name)]);
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(data.getColumn(1).width).toBe(22);
    expect(data.getColumn(2).width).toBeGreaterThanOrEqual('Wind Speed_mean'.length);

    // Excel dates are wall-clock times: read back, their UTC fields are Lisbon's clock
    const r2 = data.getRow(2);
    expect(r2.getCell(1).value).toEqual(new Date('2025-10-26T01:30:00Z'));
    expect(r2.getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(data.getRow(3).getCell(1).value).toEqual(new Date('2025-10-26T01:30:00Z'));
    expect(data.getRow(4).getCell(1).value).toEqual(new Date('2025-10-26T02:30:00.250Z'));
    expect(data.getRow(4).getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm:ss.000');

    expect([2, 3, 4].map((r) => data.getRow(r).getCell(2).value)).toEqual([3.25, null, -1e-7]);
    expect([2, 3, 4].map((r) => data.getRow(r).getCell(3).value)).toEqual([true, false, null]);
    expect([2, 3, 4].map((r) => data.getRow(r).getCell(4).value)).toEqual(['Running', null, 'Fault "E12", <stop>']);
    expect(data.getRow(2).getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(data.getRow(2).getCell(3).type).toBe(ExcelJS.ValueType.Boolean);

    const info = wb.getWorksheet('Export')!;
    const pairs = info
      .getSheetValues()
      .slice(1)
      .map((r) => (r as unknown[]).slice(1));
    expect(pairs).toEqual([
      ['key', 'value'],
      ['kind', 'signal-explorer-export'],
      ['rowCount', 3],
      ['values.kind', 'every'],
      ['values.interval', '1h'],
      ['values.fns[0]', 'mean'],
      ['signals[0].id', 7],
      ['signals[0].path', 'A/B'],
    ]);
  });

  it('refuses more than Excel holds before writing a byte, giving the count and an interval that fits', async () => {
    const path = join(dir, 'big.xlsx');
    const out = createWriteStream(path);
    const year = { start: Date.parse('2025-01-01T00:00Z'), end: Date.parse('2026-01-01T00:00Z') };
    expect(() => createXlsxWriter(out, columns, { timeZone: 'UTC', expectedRows: 31_536_000, window: year })).toThrow(
      'Excel holds at most 1,048,575 rows of data; this export has 31,536,000. Aggregated every 1 minute (1m) it would have at most 525,600: choose that interval or a longer one, or save as parquet or csv.',
    );
    out.end();
    await once(out, 'close');
    expect((await stat(path)).size).toBe(0);
    expect(() => checkXlsxRows({ rows: EXCEL_MAX_DATA_ROWS, window: year, timeZone: 'UTC' })).not.toThrow();
    try {
      checkXlsxRows({ rows: EXCEL_MAX_DATA_ROWS + 1, window: { start: 0, end: 1000 * 86_400_000 * 3000 }, timeZone: 'UTC' });
      expect.fail('no refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(XlsxRowLimitError);
      expect((e as XlsxRowLimitError).proposal).toBeNull();
      expect((e as Error).message).toMatch(/has 1,048,576\. Save it as parquet or csv, or export a shorter window\.$/);
    }
  });

  it('refuses rows past the limit while writing, when no count was known', async () => {
    const out = createWriteStream(join(dir, 'grow.xlsx'));
    const writer = createXlsxWriter(out, columns.slice(0, 1), { timeZone: 'UTC' });
    const big: RowBatch = {
      rowCount: EXCEL_MAX_DATA_ROWS + 1,
      timestamps: new Float64Array(EXCEL_MAX_DATA_ROWS + 1),
      columns: [{ name: columns[0]!.name, data: { kind: 'float', values: new Float64Array(EXCEL_MAX_DATA_ROWS + 1) } }],
    };
    await expect(writer.add(big)).rejects.toThrow(/this export has 1,048,576/);
    out.destroy();
  });

  it('flattens a record into key/value rows', () => {
    expect(
      recordRows({ a: { b: [1, { c: null }] }, d: true, e: 'x'.repeat(40_000) }).map(([k, v]) => [k, typeof v === 'string' ? v.length : v]),
    ).toEqual([
      ['a.b[0]', 1],
      ['a.b[1].c', null],
      ['d', true],
      ['e', 32_767],
    ]);
  });
});
