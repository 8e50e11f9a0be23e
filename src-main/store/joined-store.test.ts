import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellAt, type RowBatch } from '../formats/row-batch';
import { createChunkSink, readChunkSummary, SUMMARY_FILE } from './chunk-sink';
import { joinStore, partDir } from './joined-store';
import { openStore, type StoreReader } from './store-reader';
import { META_FILE, type StoreColumn } from './store-format';
import { sliceTable, tableArbitrary, testColumns } from './testing/table-arbitrary';
import { FINE_ROWS } from './fine-index';

/*
 * A chunk written as column groups (a read split across the workers) against the same chunk
 * written whole: the joined summary is the whole one, field for field, and the joined store reads
 * every range of every column, the fine index and the seeks as the whole store does.
 */

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'joined-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** Two float columns after the test table's (float, boolean, string): text stays in the first group. */
const columns: StoreColumn[] = [
  ...testColumns,
  { name: 'g', kind: 'float', dataType: 'float' },
  { name: 'h', kind: 'boolean', dataType: 'boolean' },
];

function widen(t: RowBatch): RowBatch {
  const f = t.columns[0]!.data.values as Float64Array;
  const b = t.columns[1]!.data.values as Uint8Array;
  return {
    ...t,
    columns: [
      ...t.columns,
      { name: 'g', data: { kind: 'float', values: f.map((x) => x * 2 + 1) } },
      { name: 'h', data: { kind: 'boolean', values: b.slice().reverse() } },
    ],
  };
}

const pick = (t: RowBatch, from: number, to: number): RowBatch => ({ ...t, columns: t.columns.slice(from, to) });

async function writeSink(dir: string, cols: StoreColumn[], table: RowBatch, cuts: number[], blockRows: number) {
  const sink = await createChunkSink(dir, cols, blockRows);
  const bounds = [0, ...cuts, table.rowCount];
  for (let i = 0; i + 1 < bounds.length; i++) await sink.append(sliceTable(table, bounds[i]!, bounds[i + 1]!));
  await sink.finish();
}

const cells = (b: RowBatch) => b.columns.map((c) => Array.from({ length: b.rowCount }, (_, i) => cellAt(c.data, i)));

let run = 0;
async function bothWays(table: RowBatch, cuts: number[], blockRows: number, k: number) {
  const dir = join(root, `case-${run++}`);
  const whole = join(dir, 'whole');
  const joined = join(dir, 'joined');
  await writeSink(whole, columns, table, cuts, blockRows);
  await writeSink(join(joined, partDir(0)), columns.slice(0, k), pick(table, 0, k), cuts, blockRows);
  await writeSink(join(joined, partDir(1)), columns.slice(k), pick(table, k, columns.length), cuts, blockRows);
  await joinStore(joined, [partDir(0), partDir(1)]);
  return { dir, whole, joined };
}

async function sameReads(a: StoreReader, b: StoreReader, n: number) {
  expect(b.meta.rows).toBe(a.meta.rows);
  expect(b.meta.columns).toEqual(a.meta.columns);
  expect(b.hasFine).toBe(a.hasFine);
  for (const [from, to] of [
    [0, n],
    [Math.floor(n / 3), Math.floor((2 * n) / 3)],
    [n, n],
  ] as const) {
    const [x, y] = await Promise.all([a.read(from, to), b.read(from, to)]);
    expect(Array.from(y.timestamps)).toEqual(Array.from(x.timestamps));
    expect(cells(y)).toEqual(cells(x));
    // Some columns, out of order, across the groups.
    const some = [4, 0, 3];
    expect(cells(await b.read(from, to, some))).toEqual(cells(await a.read(from, to, some)));
    for (const c of [0, 1, 3, 4, 'timestamp'] as const) {
      expect(Array.from(await b.readNumbers(c, from, to))).toEqual(Array.from(await a.readNumbers(c, from, to)));
    }
    if (a.hasFine) {
      const blocks = [Math.floor(from / FINE_ROWS), Math.ceil(to / FINE_ROWS)] as const;
      for (const c of [0, 3]) {
        const [p, q] = [new Uint16Array(blocks[1] - blocks[0]), new Uint16Array(blocks[1] - blocks[0])];
        await a.readFine(c, blocks[0], blocks[1], p);
        await b.readFine(c, blocks[0], blocks[1], q);
        expect(Array.from(q)).toEqual(Array.from(p));
      }
    }
  }
  const t = a.meta.firstTime === null ? 0 : (a.meta.firstTime + (a.meta.lastTime ?? 0)) / 2;
  expect(await b.rowAtOrAfter(t)).toBe(await a.rowAtOrAfter(t));
  expect(await b.rowAfter(t)).toBe(await a.rowAfter(t));
  const batches = async (s: StoreReader) => {
    const out: number[][] = [];
    for await (const x of s.batches({ batchRows: 37, columns: [1, 3] })) out.push(Array.from(x.timestamps));
    return out;
  };
  expect(await batches(b)).toEqual(await batches(a));
}

describe('a chunk stored as column groups', () => {
  it('is read, and summarised, exactly as the chunk stored whole', async () => {
    await fc.assert(
      fc.asyncProperty(
        tableArbitrary(400),
        fc.constantFrom(8, 16, 5),
        fc.integer({ min: 3, max: 4 }),
        async ({ table, cuts }, blockRows, k) => {
          const t = widen(table);
          const { dir, whole, joined } = await bothWays(t, cuts, blockRows, k);
          expect(await readChunkSummary(joined)).toEqual(await readChunkSummary(whole));
          const [a, b] = await Promise.all([openStore(whole), openStore(joined)]);
          try {
            await sameReads(a, b, t.rowCount);
          } finally {
            await Promise.all([a.close(), b.close()]);
          }
          await rm(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps one summary, at the chunk, and replaces what an earlier whole read left there', async () => {
    const { table, cuts } = fc.sample(tableArbitrary(200), { numRuns: 1, seed: 7 })[0]!;
    const t = widen(table);
    const dir = join(root, 'again');
    // An earlier read wrote the chunk whole; this one by groups.
    await writeSink(dir, columns, t, cuts, 8);
    await writeSink(join(dir, partDir(0)), columns.slice(0, 3), pick(t, 0, 3), cuts, 8);
    await writeSink(join(dir, partDir(1)), columns.slice(3), pick(t, 3, 5), cuts, 8);
    await joinStore(dir, [partDir(0), partDir(1)]);
    // The earlier store's files are gone; each group keeps its summary.
    expect((await readdir(dir)).sort()).toEqual([META_FILE, partDir(0), partDir(1)].sort());
    expect(await readdir(join(dir, partDir(1)))).toContain(SUMMARY_FILE);
    expect((await readChunkSummary(dir)).columns.map((c) => c.name)).toEqual(columns.map((c) => c.name));
    const store = await openStore(dir);
    try {
      expect(store.meta.columns.map((c) => c.name)).toEqual(columns.map((c) => c.name));
      expect(cells(await store.read(0, t.rowCount))).toEqual(cells(t));
    } finally {
      await store.close();
    }
  });

  it('refuses groups that do not hold the same rows', async () => {
    const { table } = fc.sample(tableArbitrary(200), { numRuns: 1, seed: 3 }).find((x) => x.table.rowCount > 10)!;
    const t = widen(table);
    const dir = join(root, 'torn');
    await writeSink(join(dir, partDir(0)), columns.slice(0, 3), pick(t, 0, 3), [], 8);
    await writeSink(join(dir, partDir(1)), columns.slice(3), pick(sliceTable(t, 0, t.rowCount - 1), 3, 5), [], 8);
    await joinStore(dir, [partDir(0), partDir(1)]);
    // Neither its summary nor its store is read as if they did.
    await expect(readChunkSummary(dir)).rejects.toThrow(/do not cover the same rows/);
    await expect(openStore(dir)).rejects.toThrow(/column groups do not hold the same rows/);
    expect(JSON.parse(await readFile(join(dir, META_FILE), 'utf8')).parts).toHaveLength(2);
  });
});
