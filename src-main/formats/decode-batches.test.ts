import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSpec } from './row-batch';
import { decodeBatches } from './decode-batches';
import { DecodeError } from './decode-error';
import { decodeText, tempDir, valuesOf } from './testing/decode-text';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => void (tmp = await tempDir()));
afterAll(() => tmp.close());

const signal = (dataType: ColumnSpec['dataType'], rename: string, id: number): ColumnSpec => ({ names: [rename, String(id)], dataType });
const rows = (header: string, n = 3) =>
  `${header}\n${Array.from({ length: n }, (_, i) => `2024-01-01T00:00:0${i}Z${',1'.repeat(header.split(',').length - 1)}`).join('\n')}\n`;

describe('columns are matched by name, never by position (issue 15)', () => {
  it('refuses a csv whose only column is named 99999 when signal 10178 was asked for', async () => {
    await expect(decodeText(tmp.dir, 'csv', rows('timestamp,99999'), [signal('float', '10178', 10178)])).rejects.toThrow(
      'The csv file has a column "99999" that is none of the requested signals ("10178").',
    );
    await expect(
      decodeText(tmp.dir, 'json', '[{"timestamp":"2024-01-01T00:00:00Z","99999":1}]', [signal('float', 'Wind', 10178)]),
    ).rejects.toThrow(/column "99999" that is none of the requested signals \("Wind"\)/);
  });

  it('finds each signal by its rename or its ID, in the order asked, named as the file names it', async () => {
    const specs = [signal('float', 'Pitch', 10010), signal('float', 'Wind', 10001)];
    const batches = await decodeText(tmp.dir, 'csv', rows('timestamp,10001,Pitch'), specs);
    expect(batches[0]!.columns.map((c) => c.name)).toEqual(['Pitch', '10001']);
    // A name that is one signal's rename and another's ID belongs to the rename.
    const swapped = [signal('float', '10002', 10001), signal('float', 'B', 10002)];
    const both = await decodeText(tmp.dir, 'csv', rows('timestamp,B,10002'), swapped);
    expect(both[0]!.columns.map((c) => c.name)).toEqual(['10002', 'B']);
  });

  it('says which signal has no column, or two, and when a file has no timestamp or two', async () => {
    const specs = [signal('float', 'Pitch', 10010), signal('float', 'Wind', 10001)];
    await expect(decodeText(tmp.dir, 'csv', rows('timestamp,Pitch'), specs)).rejects.toThrow(
      'The csv file has no column for "Wind" or "10001".',
    );
    await expect(decodeText(tmp.dir, 'csv', rows('timestamp,Pitch,10010,Wind'), specs)).rejects.toThrow(
      'The csv file has two columns, "Pitch" and "10010", for the same signal.',
    );
    await expect(decodeText(tmp.dir, 'csv', rows('time,Pitch,Wind'), specs)).rejects.toThrow(/column "time" that is none/);
    await expect(decodeText(tmp.dir, 'csv', rows('Pitch,Wind'), specs)).rejects.toThrow('The csv file has no "timestamp" column.');
    await expect(decodeText(tmp.dir, 'csv', rows('timestamp,Pitch,Timestamp,Wind'), specs)).rejects.toThrow(
      'The csv file has two timestamp columns.',
    );
  });
});

describe('decodeBatches', () => {
  it('stops when aborted, with the abort reason rather than a DecodeError', async () => {
    const path = join(tmp.dir, 'long.csv');
    await (await import('node:fs/promises')).writeFile(path, rows('timestamp,v', 9).repeat(1));
    const abort = new AbortController();
    const seen: number[] = [];
    const run = (async () => {
      for await (const b of decodeBatches(path, 'csv', {
        specs: [{ names: ['v'], dataType: 'float' }],
        batchRows: 2,
        signal: abort.signal,
      })) {
        seen.push(b.rowCount);
        abort.abort(new Error('cancelled by the user'));
      }
    })();
    await expect(run).rejects.toThrow('cancelled by the user');
    expect(seen).toEqual([2]);
  });

  it('turns a file that cannot be read into a DecodeError', async () => {
    for (const format of ['csv', 'json', 'parquet'] as const) {
      const it = decodeBatches(join(tmp.dir, 'missing'), format, { specs: [] })[Symbol.asyncIterator]();
      await expect(it.next()).rejects.toThrow(new DecodeError('The file could not be read (ENOENT).'));
      const dir = decodeBatches(tmp.dir, format, { specs: [] })[Symbol.asyncIterator]();
      await expect(dir.next()).rejects.toBeInstanceOf(DecodeError);
    }
  });

  it('reads nothing but a header as no batches', async () => {
    expect(await decodeText(tmp.dir, 'csv', 'timestamp,v\n', [{ names: ['v'], dataType: 'float' }])).toEqual([]);
    expect(valuesOf([])).toEqual([]);
  });
});
