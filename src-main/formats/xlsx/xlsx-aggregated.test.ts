import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeValues, type EveryValues } from '../../../src-preload/contract';
import { demoCatalog } from '../../emulator/testing/fixture';
import { aggregateBatches } from '../../transform/aggregate-stream';
import { countBuckets } from '../../transform/bucket-grid';
import { columnsOf, emulatorBatches } from '../../transform/testing/reference';
import { cellAt, type RowBatch } from '../row-batch';
import { createXlsxWriter, recordRows } from './xlsx-writer';

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-xlsx-agg-'))));
afterEach(() => rm(dir, { recursive: true, force: true }));

it('writes an hourly aggregation of the day Lisbon leaves summer time: 25 rows on the local clock', async () => {
  // Wind Speed (1 s, gaps) and Operating State (10 s strings, gaps)
  const signals = [10001, 10023].map((id) => demoCatalog().signalsById.get(id)!);
  const values: EveryValues = { kind: 'every', interval: '1h', fns: ['first', 'count'], timeZone: 'Europe/Lisbon' };
  const window = { start: Date.parse('2025-10-25T23:00:00Z'), end: Date.parse('2025-10-27T00:00:00Z') };
  const expectedRows = countBuckets(window, values.interval, values.timeZone);
  expect(expectedRows).toBe(25);

  const path = join(dir, 'hourly.xlsx');
  const columns = columnsOf(signals);
  const writer = createXlsxWriter(
    createWriteStream(path),
    columns.flatMap((c) => values.fns.map((fn) => ({ name: `${c.name}_${fn}`, kind: fn === 'count' ? ('float' as const) : c.kind }))),
    { timeZone: values.timeZone, expectedRows, window },
  );
  const written: RowBatch[] = [];
  for await (const b of aggregateBatches(values, columns, emulatorBatches(signals, window.start, window.end, 10_000))) {
    written.push(b);
    await writer.add(b);
  }
  await writer.finish(recordRows({ values: describeValues(values), rows: expectedRows }));

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const sheet = wb.getWorksheet('Data')!;
  expect(sheet.rowCount).toBe(1 + 25);
  expect(sheet.getRow(1).values).toEqual([
    undefined,
    'timestamp',
    'Wind Speed_first',
    'Wind Speed_count',
    'Operating State_first',
    'Operating State_count',
  ]);
  // the local clock: 00:00, 01:00, 01:00 again (winter time), 02:00 … 23:00, as Excel dates
  const clock = Array.from({ length: 25 }, (_, i) => (sheet.getRow(i + 2).getCell(1).value as Date).toISOString().slice(11, 16));
  expect(clock).toEqual(['00:00', '01:00', '01:00', ...Array.from({ length: 22 }, (_, h) => `${String(h + 2).padStart(2, '0')}:00`)]);
  // every cell as the aggregator gave it
  const cells = written.flatMap((b) => Array.from({ length: b.rowCount }, (_, i) => b.columns.map((c) => cellAt(c.data, i))));
  expect(cells).toHaveLength(25);
  cells.forEach((row, r) => expect(sheet.getRow(r + 2).values).toEqual([undefined, expect.any(Date), ...row]));
  expect(wb.getWorksheet('Export')!.getRow(2).values).toEqual([
    undefined,
    'values',
    'Every 1 hour (Europe/Lisbon): first value and count of values',
  ]);
});
