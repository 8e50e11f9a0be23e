import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellAt, type RowBatch } from '../../formats/row-batch';
import { readChunkSummary, SUMMARY_FILE } from '../../store/chunk-sink';
import { encodeSummary } from '../../store/summary-codec';
import { openStore } from '../../store/store-reader';
import { META_FILE } from '../../store/store-format';
import { createWorkerPool, type WorkerPool } from '../worker/worker-pool';
import type { IngestTask } from '../worker/worker-protocol';
import { readSplit, splitByColumns } from './split-read';

/*
 * A chunk read by columns in both workers (real worker threads, a parquet file another writer
 * made): what it stores and summarises is what one worker reading it whole stores, byte for byte
 * in the summary; a group that fails fails the read with its own error.
 */

let dir: string;
let pool: WorkerPool;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'split-read-'));
  pool = createWorkerPool(2);
  file = join(dir, 'chunk.parquet');
  const db = await DuckDBInstance.create();
  const conn = await db.connect();
  await conn.run(
    `COPY (SELECT TIMESTAMP '2025-03-01 00:00:00' + INTERVAL (i) SECOND AS timestamp, sin(i / 50) AS a,
       CASE WHEN i % 9 = 0 THEN NULL ELSE 'v' || (i % 4) END AS s, i / 7 AS b, i % 3 = 0 AS c, cos(i / 30) AS d
     FROM range(20000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 8192)`,
  );
  conn.closeSync();
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

const START = Date.parse('2025-03-01T00:00:00Z');
const names = ['a', 's', 'b', 'c', 'd'];
const kinds = { a: 'float', s: 'string', b: 'float', c: 'boolean', d: 'float' } as const;

function task(
  storeDir: string,
  specTypes: Partial<Record<string, 'float' | 'string' | 'boolean'>> = {},
): Omit<IngestTask, 'path' | 'format'> {
  return {
    op: 'ingest',
    specs: names.map((n) => ({ names: [n], dataType: specTypes[n] ?? kinds[n as keyof typeof kinds] })),
    slice: { start: START, end: START + 20_000_000 },
    transforms: [],
    sinks: [
      {
        kind: 'preview',
        dir: storeDir,
        blockRows: 16,
        columns: names.map((n) => ({ name: n, kind: kinds[n as keyof typeof kinds], dataType: kinds[n as keyof typeof kinds] })),
      },
    ],
    disk: 'cache',
  };
}

const cells = (b: RowBatch) => b.columns.map((c) => Array.from({ length: b.rowCount }, (_, i) => cellAt(c.data, i)));

describe('a read split by columns', () => {
  it('is planned only for a parquet chunk whose one sink is the preview, untransformed, with both workers free', () => {
    const t = task(join(dir, 'plan'));
    const split = splitByColumns(t, 'parquet', 2)!;
    expect(split.groups.map((g) => g.only)).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
    expect(split.groups.map((g) => (g.sinks[0] as { dir: string }).dir)).toEqual(split.parts.map((p) => join(dir, 'plan', p)));
    expect(split.groups.map((g) => g.sinks[0]!.kind === 'preview' && g.sinks[0]!.columns.map((c) => c.name))).toEqual([
      ['a', 's'],
      ['b', 'c', 'd'],
    ]);
    expect(splitByColumns(t, 'csv', 2)).toBeNull();
    expect(splitByColumns(t, 'parquet', 1)).toBeNull();
    expect(
      splitByColumns(
        {
          ...t,
          transforms: [{ kind: 'aggregate', values: { kind: 'every', interval: '1m', fns: ['mean'], timeZone: 'UTC' }, columns: [] }],
        },
        'parquet',
        2,
      ),
    ).toBeNull();
    expect(splitByColumns({ ...t, sinks: [...t.sinks, { kind: 'parquet', path: join(dir, 'x'), columns: [] }] }, 'parquet', 2)).toBeNull();
    // Text in the second group would point into the wrong string table: not split.
    const sink = t.sinks[0] as Extract<IngestTask['sinks'][number], { kind: 'preview' }>;
    const textLast = { ...t, specs: [...t.specs].reverse(), sinks: [{ ...sink, columns: [...sink.columns].reverse() }] };
    expect(splitByColumns(textLast, 'parquet', 2)).toBeNull();
  });

  it('stores and summarises the chunk as one worker reading it whole does', async () => {
    const whole = join(dir, 'whole');
    const joined = join(dir, 'joined');
    const one = await pool.run({ ...task(whole), path: file, format: 'parquet', sha256: true });
    const rows: number[] = [];
    const split = splitByColumns(task(joined), 'parquet', pool.idle())!;
    const two = await readSplit(pool, split, { path: file, format: 'parquet' }, new AbortController().signal, (n) => rows.push(n));
    expect(two).toEqual(one);
    expect(rows.at(-1)).toBe(20_000);
    expect((await readdir(joined)).sort()).toEqual([META_FILE, 'part-0', 'part-1'].sort());
    // The groups' summaries side by side are the whole read's, byte for byte once encoded.
    expect(Buffer.compare(encodeSummary(await readChunkSummary(joined)), await readFile(join(whole, SUMMARY_FILE)))).toBe(0);
    const [a, b] = await Promise.all([openStore(whole), openStore(joined)]);
    try {
      expect(cells(await b.read(0, 20_000))).toEqual(cells(await a.read(0, 20_000)));
      expect(Array.from(await b.timestamps(5000, 9000))).toEqual(Array.from(await a.timestamps(5000, 9000)));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("fails with the failing group's own error, the other stopped", async () => {
    // Column d is asked for as text but holds numbers: only the second group reads it.
    const t = task(join(dir, 'bad'), { d: 'boolean' });
    const split = splitByColumns(t, 'parquet', pool.idle())!;
    await expect(readSplit(pool, split, { path: file, format: 'parquet' }, new AbortController().signal, () => {})).rejects.toThrow(/"d"/);
    // Both workers are free again for the next read.
    expect(pool.idle()).toBe(2);
  });
});
