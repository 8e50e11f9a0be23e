import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliInProcess } from './testing/cli-in-process';
import { startEmulator } from '../emulator';
import { demoCatalog } from '../emulator/testing/fixture';
import { PARQUET_STYLE_NAMES, type ParquetStyle } from '../emulator/output/parquet-styles';
import { duckdbTable, type Table } from '../formats/testing/duckdb-reference';

/*
 * Issue 23 §1 through the whole path: the emulator serving each parquet style, the command line
 * (in this process) exporting from it in chunks (the emulator times out over 1,000 rows, so the
 * window is halved), and DuckDB reading what was saved: the same table as DuckDB reads from the
 * emulator's file of one request for the whole window (sorted by time, ties in the file's order).
 * Excel is read back with exceljs. Each style is saved in one of the four formats, in turn (each
 * format gets five styles): every style in every format, through the same decoder and encoders
 * without the command line, is emulator/output/parquet-styles.test.ts. The runs share the file's
 * export workers (cli-in-process.ts): each starting its own made this file 40 s of CPU, 13 s shared.
 */

let dir: string;
let db: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'se-styles-'));
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
});
afterAll(async () => {
  conn.closeSync();
  db.closeSync();
  await rm(dir, { recursive: true, force: true });
});

const all = [...demoCatalog().signalsById.values()];
const signals = [
  ...all.filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, 2),
  all.find((s) => s.dataType === 'boolean')!,
  all.find((s) => s.dataType === 'string')!,
];
const ids = signals.map((s) => String(s.id));
const START = '2025-03-01T00:00:00Z';
const END = '2025-03-01T00:30:00Z';

/** The emulator's file for the whole window in one request, as DuckDB reads it. */
async function reference(apiUrl: string, apiKey: string, style: ParquetStyle): Promise<Table> {
  const res = await fetch(`${apiUrl}/api/v1/historical-data/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ signals: signals.map((s) => s.id), timeWindow: { start: START, end: END }, format: 'parquet' }),
  });
  const { outputFile } = (await res.json()) as { outputFile: string };
  const path = join(dir, `${style}-one-request.parquet`);
  await writeFile(path, Buffer.from(await (await fetch(outputFile)).arrayBuffer()));
  const { timeType: _, ...table } = await duckdbTable(conn, path, 'parquet', ids);
  return table;
}

async function excelTable(path: string): Promise<Table> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const sheet = book.worksheets[0]!;
  const head = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const table: Table = { times: [], columns: Object.fromEntries(ids.map((id) => [id, []])) };
  sheet.eachRow((row, r) => {
    if (r === 1) return;
    const v = (row.values as unknown[]).slice(1);
    const t = v[head.indexOf('timestamp')];
    table.times.push(t instanceof Date ? t.getTime() : Date.parse(String(t)));
    for (const id of ids) {
      const cell = v[head.indexOf(id)];
      table.columns[id]!.push(cell === undefined || cell === null ? null : (cell as number | string | boolean));
    }
  });
  return table;
}

describe('every parquet style, from the emulator through the command line to every format', () => {
  const FORMATS = ['parquet', 'csv', 'json', 'xlsx'] as const;
  const cases = PARQUET_STYLE_NAMES.map((style, i) => [style, FORMATS[i % FORMATS.length]!] as const);
  it.each(cases)('--parquet-style %s → %s', async (style, format) => {
    // The export's emulator times out over 1,000 rows: the window is halved into chunks of 900
    // (but for `duplicates`, whose every file repeats its first row: one chunk, one repeat). The
    // reference is one request's file (for `lz4`, which DuckDB cannot read, the default style's).
    const whole = await startEmulator({ apiKey: 'styles', parquetStyle: style === 'lz4' ? 'default' : style });
    const emulator =
      style === 'duplicates' ? whole : await startEmulator({ apiKey: 'styles', parquetStyle: style, maxRowsPerRequest: 1000 });
    try {
      const expected = await reference(whole.baseUrl, whole.apiKey, style);
      expect(expected.times.length).toBe(style === 'duplicates' ? 1801 : 1800);
      {
        const out = join(dir, `${style}.${format}`);
        const r = await cliInProcess({ apiUrl: emulator.baseUrl, apiKey: emulator.apiKey }, [
          'export',
          ...ids.flatMap((id) => ['--signal-id', id]),
          '--start',
          START,
          '--end',
          END,
          '-o',
          out,
        ]);
        expect([r.code, r.stderr.match(/in (\d+) chunk/)?.[1] !== '1'], `${format}: ${r.stderr}`).toEqual([0, style !== 'duplicates']);
        if (format === 'xlsx') {
          const got = await excelTable(out);
          expect(got, format).toEqual(expected);
        } else {
          const { timeType: _, ...got } = await duckdbTable(conn, out, format, ids);
          expect(got, format).toEqual(expected);
        }
      }
      expect((await readdir(dir)).filter((f) => f.endsWith('.parts') || f.includes('.sorting-'))).toEqual([]);
    } finally {
      if (emulator !== whole) await emulator.close();
      await whole.close();
    }
  });
});
