import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSpec, RowBatch } from './row-batch';
import { decodeBatchesWith, type Format } from './decode-batches';
import { batchesTable, duckdbTable } from './testing/duckdb-reference';
import { tempDir } from './testing/decode-text';

/*
 * Issue 23 §2: csv and json as a server may send them, each read right (as DuckDB reads the same
 * file, where it reads it) or refused with a message naming the line and the column.
 */

let tmp: Awaited<ReturnType<typeof tempDir>>;
let db: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  tmp = await tempDir();
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  await conn.run(`SET TimeZone = 'UTC'`);
});
afterAll(async () => {
  conn.closeSync();
  db.closeSync();
  await tmp.close();
});

const T0 = Date.parse('2025-03-01T00:00:00Z');
const iso = (s: number) => new Date(T0 + s * 1000).toISOString();
const float = (name: string): ColumnSpec => ({ names: [name], dataType: 'float' });
const text = (name: string): ColumnSpec => ({ names: [name], dataType: 'string' });
const bool = (name: string): ColumnSpec => ({ names: [name], dataType: 'boolean' });

let n = 0;
async function file(format: Format, content: string | Buffer): Promise<string> {
  const path = join(tmp.dir, `t-${n++}.${format}`);
  await writeFile(path, content);
  return path;
}
async function read(path: string, format: Format, specs: ColumnSpec[], chunkBytes?: number, batchRows = 7) {
  const out: RowBatch[] = [];
  for await (const b of decodeBatchesWith(path, format, () => specs, { chunkBytes, batchRows })) out.push(b);
  return batchesTable(
    out,
    specs.map((s) => s.names[0]!),
  );
}

describe('csv as a server may send it', () => {
  it('a BOM, CRLF line ends, quoted fields with commas, quotes and line breaks: as DuckDB reads it', async () => {
    const rows = [
      `timestamp,v,note,on`,
      `${iso(0)},1.5,"a, b",true`,
      `${iso(1)},-2,"say ""hi""",false`,
      `${iso(2)},,"two\r\nlines",`,
      `${iso(3)},1e-3,plain,true`,
    ];
    const path = await file('csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${rows.join('\r\n')}\r\n`)]));
    const specs = [float('v'), text('note'), bool('on')];
    const ours = await read(path, 'csv', specs, 16);
    const { timeType: _, ...duck } = await duckdbTable(conn, path, 'csv', ['v', 'note', 'on']);
    expect(ours).toEqual(duck);
    expect(ours.columns.note).toEqual(['a, b', 'say "hi"', 'two\r\nlines', 'plain']);
  });

  it('empty and null are no value, NaN and Infinity are values', async () => {
    const path = await file(
      'csv',
      `timestamp,v,on\n${iso(0)},,\n${iso(1)},null,null\n${iso(2)},NaN,true\n${iso(3)},-Infinity,NULL\n${iso(4)},2,false\n`,
    );
    const ours = await read(path, 'csv', [float('v'), bool('on')]);
    expect(ours.columns).toEqual({ v: [null, null, Number.NaN, -Infinity, 2], on: [null, null, true, null, false] });
  });

  it('timestamps with an offset, without one (UTC), or as epoch milliseconds; epoch seconds refused, naming the line', async () => {
    const path = await file('csv', `timestamp,v\n2025-03-01T01:00:00+01:00,1\n2025-03-01 00:00:01,2\n${T0 + 2000},3\n"${T0 + 3000}",4\n`);
    expect((await read(path, 'csv', [float('v')])).times).toEqual([T0, T0 + 1000, T0 + 2000, T0 + 3000]);
    const seconds = await file('csv', `timestamp,v\n${iso(0)},1\n${T0 / 1000 + 1},2\n`);
    await expect(read(seconds, 'csv', [float('v')])).rejects.toThrow(
      `Row 2 of the csv file, column "timestamp": the value "${T0 / 1000 + 1}" is not a date and time (ISO 8601, or epoch milliseconds of 1973 to 5138) (line 3 of the file).`,
    );
  });

  it('a value that is not its column type: refused with the line (after a quoted line break) and the column', async () => {
    const path = await file('csv', `timestamp,note,v\n${iso(0)},"one\ntwo",1\n${iso(1)},x,abc\n`);
    await expect(read(path, 'csv', [text('note'), float('v')], 8)).rejects.toThrow(
      'Row 2 of the csv file, column "v": the value "abc" is not a number (line 4 of the file).',
    );
  });
});

describe('json as a server may send it', () => {
  const records = [
    { timestamp: iso(0), v: 1.5, s: 'a' },
    { timestamp: iso(1), v: null, s: null },
    { timestamp: iso(2), v: 'NaN', s: 'c' },
    { timestamp: iso(3), v: 'Infinity', s: 'd "q"' },
    { timestamp: iso(4), v: -2, s: 'e' },
  ];
  // NaN and Infinity bare, as Python writes them.
  const line = (r: (typeof records)[number]) => JSON.stringify(r).replace(/"(NaN|Infinity)"/, '$1');
  const specs = [float('v'), text('s')];

  it('an array of records, NaN and Infinity bare: as DuckDB reads it', async () => {
    const path = await file('json', `[\n${records.map(line).join(',\n')}\n]\n`);
    const { timeType: _, ...duck } = await duckdbTable(conn, path, 'json', ['v', 's']);
    expect(await read(path, 'json', specs, 16)).toEqual(duck);
  });

  it('records one per line (NDJSON): as DuckDB reads it', async () => {
    const path = await file('json', `${records.map(line).join('\n')}\n`);
    const { timeType: _, ...duck } = await duckdbTable(conn, path, 'json', ['v', 's']);
    const ours = await read(path, 'json', specs, 16);
    expect(ours).toEqual(duck);
    expect(ours.columns.v).toEqual([1.5, null, Number.NaN, Infinity, -2]);
  });

  it('columns, each an array: the same table as its records, read with a cursor per column across reads', async () => {
    const rows = 40_000;
    const times = Array.from({ length: rows }, (_, i) => T0 + i * 1000);
    const v = times.map((_, i) => (i % 9 === 0 ? null : i / 4));
    const s = times.map((_, i) => (i % 5 === 0 ? null : `s${i}`));
    const path = await file('json', JSON.stringify({ s, timestamp: times, v }));
    const records = await file('json', JSON.stringify(times.map((t, i) => ({ timestamp: t, v: v[i], s: s[i] }))));
    const ours = await read(path, 'json', specs, undefined, 5000);
    expect(ours.times).toEqual(times);
    expect(ours).toEqual(await read(records, 'json', specs, undefined, 5000));
  });

  it('refuses columns of different lengths, and names the line of a bad value', async () => {
    const uneven = await file('json', `{"timestamp": [${T0}, ${T0 + 1000}], "v": [1]}`);
    await expect(read(uneven, 'json', [float('v')])).rejects.toThrow('The json file\'s column "v" has 1 values where "timestamp" has 2.');
    const bad = await file('json', `${line(records[0]!)}\n${line(records[1]!)}\n{"timestamp":"${iso(2)}","v":"x","s":null}\n`);
    await expect(read(bad, 'json', specs)).rejects.toThrow(
      /Record 3 of the json file, column "v": the value "\\"x\\"" is not a number \(line 3 of the file\)/,
    );
  });
});
