import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTable } from '../convert/convert-file';
import { BOOL_NULL, type RowBatch } from '../../formats/row-batch';
import { DecodeError } from './decode-error';
import { decodeFile } from './decode-file';

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'se-decode-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

const table: RowBatch = {
  rowCount: 4,
  timestamps: Float64Array.from([1_700_000_000_000, 1_700_000_001_000, 1_700_000_002_000, 1_700_000_003_500]),
  columns: [
    { name: '101', data: { kind: 'float', values: Float64Array.from([1.25, NaN, -3e-7, 42]) } },
    { name: 'Pump on', data: { kind: 'boolean', values: Uint8Array.from([1, 0, BOOL_NULL, 1]) } },
    { name: 'state', data: { kind: 'string', values: ['run', 'a, "quoted"\nline', '', null] } },
    { name: 'sample', data: { kind: 'string', values: ['{"ph":7.1}', null, '{"ph":6.9}', '{"ph":7}'] } },
  ],
};
const hints = { '101': 'float', 'Pump on': 'boolean', state: 'string', sample: 'json' } as const;
const opts = { timeZone: 'UTC', localTimeColumn: false, excelLocale: null };

describe('decode what we write, in every format', () => {
  for (const format of ['parquet', 'csv', 'json'] as const) {
    it(`round-trips ${format}`, async () => {
      const path = join(dir, `rt.${format}`);
      await writeTable(table, format, path, opts);
      const back = await decodeFile(path, format, hints);
      expect(back.rowCount).toBe(4);
      expect([...back.timestamps]).toEqual([...table.timestamps]);
      expect(back.columns.map((c) => c.name)).toEqual(['101', 'Pump on', 'state', 'sample']);
      expect(back.columns.map((c) => [...c.data.values])).toEqual(table.columns.map((c) => [...c.data.values]));
    });
  }

  it('refuses a column no signal was requested under, rather than guessing its kind or its signal', async () => {
    const path = join(dir, 'unknown.csv');
    await writeFile(path, 'timestamp,a\n2024-01-01T00:00:00Z,1\n');
    await expect(decodeFile(path, 'csv', { b: 'float' })).rejects.toThrow(/column "a" that is none of the requested signals/);
    await expect(decodeFile(path, 'csv')).rejects.toBeInstanceOf(DecodeError);
  });

  it('refuses a value that is not its column’s type rather than reading a gap (issue 15)', async () => {
    const path = join(dir, 'garbage.csv');
    await writeFile(path, 'timestamp,10178\n2024-01-01T00:00:00Z,1.5\n2024-01-01T00:00:01Z,abc\n');
    await expect(decodeFile(path, 'csv', { '10178': 'float', Wind: 'float' })).rejects.toThrow(
      'Row 2 of the csv file, column "10178": the value "abc" is not a number.',
    );
  });

  it('refuses rows out of order (batches stream: nothing can be sorted)', async () => {
    const path = join(dir, 'unsorted.json');
    await writeFile(path, '[{"timestamp":"2024-01-01T00:00:02Z","v":2},{"timestamp":"2024-01-01T00:00:01Z","v":1}]');
    await expect(decodeFile(path, 'json', { v: 'float' })).rejects.toThrow(/Record 2 of the json file is earlier/);
  });

  it('reads a json record lacking a key as null there', async () => {
    const path = join(dir, 'sparse.json');
    await writeFile(path, '[{"timestamp":1000,"a":1,"b":null},{"timestamp":2000,"b":"x"},{"timestamp":3000,"a":3,"b":"y"}]');
    const back = await decodeFile(path, 'json', { a: 'float', b: 'string' });
    expect(back.columns.map((c) => [c.name, [...c.data.values]])).toEqual([
      ['a', [1, NaN, 3]],
      ['b', [null, 'x', 'y']],
    ]);
  });

  it('refuses cut and damaged files with a DecodeError', async () => {
    const cases: [string, 'csv' | 'json' | 'parquet', string][] = [
      ['cut.json', 'json', '[{"timestamp":"2024-01-01T00:00:00Z","v":1},{"timestamp":"2024-01-'],
      ['cut.csv', 'csv', 'timestamp,a,b\n2024-01-01T00:00:00Z,1,2\n2024-01-01T00:00:01Z,1'],
      ['quote.csv', 'csv', 'timestamp,a\n2024-01-01T00:00:00Z,"never closed\n'],
      ['nots.csv', 'csv', 'time,a\n1,2\n'],
      ['bad.parquet', 'parquet', 'PAR1 this is not really parquet PAR1'],
      ['text.parquet', 'parquet', 'hello'],
    ];
    for (const [name, format, text] of cases) {
      const path = join(dir, name);
      await writeFile(path, text);
      await expect(decodeFile(path, format, { a: 'float', b: 'float', v: 'float' }), name).rejects.toBeInstanceOf(DecodeError);
    }
  });
});
