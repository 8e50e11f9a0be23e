import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RowBatch } from '../../formats/row-batch';
import { writeCsv, writeJson } from './write-text';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-text-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

// Lisbon leaves summer time on 2024-10-27 at 01:00 UTC: 01:30 local happens twice.
const t0 = Date.parse('2024-10-27T00:30:00Z');
const table: RowBatch = {
  rowCount: 3,
  timestamps: Float64Array.from([t0, t0 + 3_600_000, t0 + 3_600_000 + 250]),
  columns: [
    { name: 'flow', data: { kind: 'float', values: Float64Array.from([1.5, NaN, 2]) } },
    { name: 'note;1', data: { kind: 'string', values: ['a', 'b;c', null] } },
  ],
};

describe('csv and json', () => {
  it('writes csv in a zone with a local-time column', async () => {
    const path = join(dir, 'a.csv');
    await writeCsv(table, path, { timeZone: 'Europe/Lisbon', localTimeColumn: true, excelLocale: null });
    expect(await readFile(path, 'utf8')).toBe(
      'timestamp,local_time,flow,note;1\n' +
        '2024-10-27T01:30:00.000+01:00,2024-10-27 01:30:00.000,1.5,a\n' +
        '2024-10-27T01:30:00.000+00:00,2024-10-27 01:30:00.000,,b;c\n' +
        '2024-10-27T01:30:00.250+00:00,2024-10-27 01:30:00.250,2,\n',
    );
  });

  it('writes an Excel csv for a comma-decimal locale: BOM, semicolons, decimal commas', async () => {
    const path = join(dir, 'excel.csv');
    await writeCsv(table, path, { timeZone: 'UTC', localTimeColumn: false, excelLocale: 'de-DE' });
    const text = await readFile(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1).split('\n').slice(0, 3)).toEqual([
      'timestamp;flow;"note;1"',
      '2024-10-27T00:30:00.000Z;1,5;a',
      '2024-10-27T01:30:00.000Z;;"b;c"',
    ]);
  });

  it('writes json records that parse back', async () => {
    const path = join(dir, 'a.json');
    await writeJson(table, path, { timeZone: 'UTC', localTimeColumn: false });
    const rows = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>[];
    expect(rows[1]).toEqual({ timestamp: '2024-10-27T01:30:00.000Z', flow: null, 'note;1': 'b;c' });
  });

  it('refuses to write over an existing file', async () => {
    const path = join(dir, 'exists.csv');
    await writeCsv(table, path, { timeZone: 'UTC', localTimeColumn: false, excelLocale: null });
    await expect(writeCsv(table, path, { timeZone: 'UTC', localTimeColumn: false, excelLocale: null })).rejects.toThrow(/EEXIST/);
  });
});
