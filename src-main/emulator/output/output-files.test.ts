import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSignal } from '../catalog/catalog-types';
import { valueAt } from '../values/value-at';
import { demoCatalog, signalNamed, startTestEmulator, type TestEmulator } from '../testing/fixture';
import { expectedRows, parquetInfo, readCsvRows, readJsonRows, readParquetRows, type Row } from '../testing/read-output';

/*
 * Output files, read back with readers other than the writers (hyparquet, a csv parser,
 * JSON.parse), compared cell by cell with valueAt, and with each other.
 */

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

const wind = signalNamed('Nacelle', 'Wind Speed'); // float, 1 s, with gaps
const oil = wind.unit.division.units.flatMap((u) => u.signals).find((s) => s.name === 'Gearbox Oil Temperature')!; // float, 60 s
const state = wind.unit.division.units.flatMap((u) => u.signals).find((s) => s.name === 'Operating State')!; // string, 10 s
const pitchOk = wind.unit.division.units.flatMap((u) => u.signals).find((s) => s.name === 'Pitch System OK')!; // boolean, 10 s
const faultLog = wind.unit.division.units.flatMap((u) => u.signals).find((s) => s.name === 'Fault Log')!; // json, 15 min
const signals = [oil, wind, state, pitchOk, faultLog];
const types = (names: string[]) => Object.fromEntries(names.map((n, i) => [n, signals[i]!.dataType]));

/** A window of 2 h around the first gap of the turbine (so some rows lack wind, some vanish). */
function windowAroundGap(): { startMs: number; endMs: number } {
  let t = demoCatalog().originMs + 20 * 86_400_000;
  while (valueAt(wind, t) !== null) t += 60_000;
  const startMs = Math.floor((t - 900_000) / 900_000) * 900_000 - 1_500; // not on a grid point
  return { startMs, endMs: startMs + 7_200_000 };
}

async function request(body: unknown): Promise<ArrayBuffer> {
  const res = await emu.post('/api/v1/historical-data/sync', body);
  const json = (await res.json()) as { outputFile: string };
  expect(res.status, JSON.stringify(json)).toBe(200);
  const file = await fetch(json.outputFile);
  expect(file.status).toBe(200);
  return file.arrayBuffer();
}

describe('output files', () => {
  const { startMs, endMs } = windowAroundGap();
  const timeWindow = { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() };
  const idNames = signals.map((s) => String(s.id));
  const expected = expectedRows(signals, idNames, startMs, endMs);

  it('the expected table has what the test needs: nulls, a missing-row gap, all four types', () => {
    expect(expected.length).toBeGreaterThan(1000);
    expect(expected.length).toBeLessThan((endMs - startMs) / 1000);
    expect(expected.some((r) => r[String(wind.id)] === null)).toBe(true);
    expect(expected.some((r) => typeof r[String(faultLog.id)] === 'string')).toBe(true);
    expect(expected[0]!.timestamp).toBeGreaterThanOrEqual(startMs);
    expect(expected.at(-1)!.timestamp).toBeLessThan(endMs);
  });

  const contents: Record<string, Row[]> = {};

  it('parquet: a UTC timestamp first, typed columns named by signal ID in request order, values of valueAt', async () => {
    const bytes = await request({ signals: signals.map((s) => s.id), timeWindow, format: 'parquet' });
    const { columns } = parquetInfo(bytes);
    expect(columns.map((c) => c.name)).toEqual(['timestamp', ...idNames]);
    expect(columns[0]).toMatchObject({ type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true } });
    expect(columns.map((c) => c.type)).toEqual(['INT64', 'DOUBLE', 'DOUBLE', 'BYTE_ARRAY', 'BOOLEAN', 'BYTE_ARRAY']);
    expect(columns[3]!.logical_type ?? { type: columns[3]!.converted_type }).toMatchObject({ type: expect.stringMatching(/STRING|UTF8/) });
    contents.parquet = await readParquetRows(bytes);
    expect(contents.parquet).toEqual(expected);
  });

  it('csv: the same table, ISO 8601 timestamps with Z, empty field for null', async () => {
    const text = new TextDecoder().decode(await request({ signals: signals.map((s) => s.id), timeWindow, format: 'csv' }));
    const lines = text.split('\n');
    expect(lines[0]).toBe(['timestamp', ...idNames].join(','));
    expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,/);
    contents.csv = readCsvRows(text, types(idNames));
    expect(contents.csv).toEqual(expected);
  });

  it('json: an array of row objects, the same table', async () => {
    const text = new TextDecoder().decode(await request({ signals: signals.map((s) => s.id), timeWindow, format: 'json' }));
    const { rows, timestamps } = readJsonRows(text);
    expect(timestamps.every((t) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(t))).toBe(true);
    // Key order as written (JSON.parse would list integer-like keys first, as JS objects do).
    const firstRow = text.split('\n')[1]!;
    expect([...firstRow.matchAll(/"([^"]+)":/g)].map((m) => m[1])).toEqual(['timestamp', ...idNames]);
    contents.json = rows;
    expect(rows).toEqual(expected);
  });

  it('all three formats hold identical content', () => {
    expect(contents.csv).toEqual(contents.parquet);
    expect(contents.json).toEqual(contents.parquet);
  });

  it('search JSONs: columns named by rename, or by the signal ID without one', async () => {
    const search = (s: CatalogSignal, rename?: string) => ({
      workspace: s.unit.division.asset.workspace.name,
      asset: s.unit.division.asset.name,
      division: s.unit.division.name,
      unit: s.unit.name,
      signal: s.name,
      ...(rename ? { rename } : {}),
    });
    const renames = ['Oil, "sump" °C', undefined, 'state', 'pitch ok', 'faults'];
    const names = signals.map((s, i) => renames[i] ?? String(s.id));
    const body = { signals: signals.map((s, i) => search(s, renames[i])), timeWindow };
    const want = expectedRows(signals, names, startMs, endMs);
    const parquet = await request({ ...body, format: 'parquet' });
    expect(parquetInfo(parquet).columns.map((c) => c.name)).toEqual(['timestamp', ...names]);
    expect(await readParquetRows(parquet)).toEqual(want);
    const csv = new TextDecoder().decode(await request({ ...body, format: 'csv' }));
    expect(readCsvRows(csv, types(names))).toEqual(want);
    const json = new TextDecoder().decode(await request({ ...body, format: 'json' }));
    expect(readJsonRows(json).rows).toEqual(want);
  });

  it('the same request gives the same file, byte for byte', async () => {
    const body = { signals: signals.map((s) => s.id), timeWindow, format: 'csv' };
    const [a, b] = await Promise.all([request(body), request(body)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('a larger file', () => {
  it('140,000 rows of 3 signals: parquet in row groups of 65,536, every row present', async () => {
    const fast = [...demoCatalog().signalsById.values()].filter((s) => s.unit.name === 'CMS WTG-A01').slice(0, 3);
    const startMs = Date.parse('2025-04-01T00:00:00Z');
    const endMs = startMs + 140_000_000;
    const bytes = await request({
      signals: fast.map((s) => s.id),
      timeWindow: { start: new Date(startMs).toISOString(), end: new Date(endMs).toISOString() },
    });
    const info = parquetInfo(bytes);
    expect(info.rows).toBe(140_000);
    expect(info.rowGroups).toBe(3);
    const rows = await readParquetRows(bytes);
    expect(rows).toHaveLength(140_000);
    for (const i of [0, 65_535, 65_536, 131_072, 139_999]) {
      const t = startMs + i * 1000;
      expect(rows[i]).toEqual({ timestamp: t, ...Object.fromEntries(fast.map((s) => [String(s.id), valueAt(s, t)])) });
    }
  });
});
