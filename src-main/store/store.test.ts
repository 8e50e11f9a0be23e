import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOOL_NULL, cellAt, type RowBatch } from '../formats/row-batch';
import { MIN_PAGE_ROWS, createStoreWriter } from './store-writer';
import { openStore } from './store-reader';
import { ROWS_FILE, type StoreColumn } from './store-format';

const columns: StoreColumn[] = [
  { name: 'temp', kind: 'float', dataType: 'float' },
  { name: 'on', kind: 'boolean', dataType: 'boolean' },
  { name: 'state', kind: 'string', dataType: 'string' },
];

/** Rows [from, to) of a made-up table: row i at 1000·i ms, with holes, unicode and nulls. */
function batch(from: number, to: number): RowBatch {
  const n = to - from;
  const idx = Array.from({ length: n }, (_, k) => from + k);
  return {
    rowCount: n,
    timestamps: Float64Array.from(idx, (i) => 1000 * i),
    columns: [
      { name: 'temp', data: { kind: 'float', values: Float64Array.from(idx, (i) => (i % 7 === 3 ? NaN : i / 4)) } },
      { name: 'on', data: { kind: 'boolean', values: Uint8Array.from(idx, (i) => (i % 5 === 0 ? BOOL_NULL : i % 2)) } },
      { name: 'state', data: { kind: 'string', values: idx.map((i) => (i % 3 === 0 ? null : i % 3 === 1 ? `s${i}` : `é${i}🙂`)) } },
    ],
  };
}

const asText = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r.map((x) => (typeof x === 'number' ? String(x) : x)))).join('\n');

const rowsOf = (b: RowBatch) =>
  Array.from({ length: b.rowCount }, (_, i) => [b.timestamps[i]!, ...b.columns.map((c) => cellAt(c.data, i))]);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function write(parts: [number, number][]) {
  const w = await createStoreWriter(dir, columns);
  for (const [a, b] of parts) await w.append(batch(a, b));
  return w.finish();
}

describe('row store', () => {
  it('reads back any rows of any columns, across pages of any size', async () => {
    // A big page, small batches coalesced into one page, an empty batch, a last small one.
    const total = MIN_PAGE_ROWS + 20_000 + 37;
    const meta = await write([
      [0, MIN_PAGE_ROWS],
      [MIN_PAGE_ROWS, MIN_PAGE_ROWS + 10_000],
      [MIN_PAGE_ROWS + 10_000, MIN_PAGE_ROWS + 10_000],
      [MIN_PAGE_ROWS + 10_000, MIN_PAGE_ROWS + 20_000],
      [MIN_PAGE_ROWS + 20_000, total],
    ]);
    expect(meta.rows).toBe(total);
    expect(meta.pages.map((p) => p.rows)).toEqual([MIN_PAGE_ROWS, 20_000, 37]);
    expect([meta.firstTime, meta.lastTime]).toEqual([0, (total - 1) * 1000]);
    const store = await openStore(dir);
    for (const [a, b] of [
      [0, 0],
      [0, 5],
      [MIN_PAGE_ROWS - 3, MIN_PAGE_ROWS + 4],
      [MIN_PAGE_ROWS + 19_990, total],
      [0, total],
    ] as const) {
      // As text, one line a row: a deep comparison of 36,000 rows took most of 30 s.
      expect(asText(rowsOf(await store.read(a, b)))).toBe(asText(rowsOf(batch(a, b))));
    }
    const picked = await store.read(10, 20, [2, 0]);
    expect(picked.columns.map((c) => c.name)).toEqual(['state', 'temp']);
    expect(rowsOf(picked)).toEqual(rowsOf(batch(10, 20)).map((r) => [r[0], r[3], r[1]]));
    await expect(store.read(0, total + 1)).rejects.toThrow(/outside/);
    // 60 reads of 160 kB in one turn: past the turn's budget of reads done at once (8 MB) the rest
    // go through the thread pool; every one gives its rows.
    const ranges = Array.from({ length: 60 }, (_, i) => [i * 97, i * 97 + 20_000] as const);
    const got = await Promise.all(ranges.map(([a, b]) => store.readNumbers(0, a, b)));
    const bytes = (a: Float64Array | Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const all = batch(0, 60 * 97 + 20_000).columns[0]!.data.values as Float64Array;
    got.forEach((values, i) => expect(bytes(values).equals(bytes(all.subarray(...ranges[i]!)))).toBe(true));
    await store.close();
  });

  it('finds the row of a time with one small read, at the start and the end alike', async () => {
    await write([[0, 5000]]);
    const store = await openStore(dir);
    expect(await store.rowAtOrAfter(-5)).toBe(0);
    expect(await store.rowAtOrAfter(0)).toBe(0);
    expect(await store.rowAfter(0)).toBe(1);
    expect(await store.rowAtOrAfter(1500)).toBe(2);
    expect(await store.rowAtOrAfter(1024 * 1000)).toBe(1024);
    expect(await store.rowAfter(1024 * 1000)).toBe(1025);
    expect(await store.rowAtOrAfter(4_999_000)).toBe(4999);
    expect(await store.rowAfter(4_999_000)).toBe(5000);
    expect(await store.rowAtOrAfter(9e12)).toBe(5000);
    await store.close();
  });

  it('streams batches in order', async () => {
    await write([[0, 3000]]);
    const store = await openStore(dir);
    const sizes: number[] = [];
    const all: unknown[] = [];
    for await (const b of store.batches({ batchRows: 1000, from: 500, columns: [1] })) {
      sizes.push(b.rowCount);
      all.push(...rowsOf(b));
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(all).toEqual(rowsOf(batch(500, 3000)).map((r) => [r[0], r[2]]));
    await store.close();
  });

  it('refuses a batch with other columns, batches out of order and a truncated store', async () => {
    const w = await createStoreWriter(dir, columns);
    const wrong = batch(0, 3);
    wrong.columns = [wrong.columns[1]!, wrong.columns[0]!, wrong.columns[2]!];
    await expect(w.append(wrong)).rejects.toThrow(/not the store's/);
    await w.append(batch(10, 20));
    await expect(w.append(batch(0, 5))).rejects.toThrow(/time order/);
    await w.finish();
    await truncate(join(dir, ROWS_FILE), 100);
    await expect(openStore(dir)).rejects.toThrow(/damaged/);
  });

  it('cannot be opened before it is finished', async () => {
    const w = await createStoreWriter(dir, columns);
    await w.append(batch(0, 10));
    await expect(openStore(dir)).rejects.toThrow();
    await w.abort();
  });
});
