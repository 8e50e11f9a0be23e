import fc from 'fast-check';
import { mkdtemp, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChunkSink } from './chunk-sink';
import { FINE_FILE, FINE_ROWS, createFineIndexBuilder, fineCount, fineFirst, fineLast, fineMax, fineMin } from './fine-index';
import { openStore } from './store-reader';
import { createSummaryBuilder } from './summary-builder';
import { batchesOf, tableArbitrary, testColumns } from './testing/table-arbitrary';

/** What one scan of the float column's rows [from, to) gives: offsets of first, min, max, last (earliest on ties), count. */
function scan(values: Float64Array, from: number, to: number) {
  const at: number[] = [];
  for (let i = from; i < to; i++) if (values[i] === values[i]) at.push(i - from);
  if (!at.length) return { count: 0 };
  let min = at[0]!;
  let max = at[0]!;
  for (const i of at) {
    if (values[from + i]! < values[from + min]!) min = i;
    if (values[from + i]! > values[from + max]!) max = i;
  }
  return { count: at.length, first: at[0], min, max, last: at[at.length - 1] };
}

const decode = (code: number) =>
  fineCount(code)
    ? { count: fineCount(code), first: fineFirst(code), min: fineMin(code), max: fineMax(code), last: fineLast(code) }
    : { count: 0 };

describe('fine index', () => {
  it('gives every 8 rows of a float column what a scan of them gives, however the chunk is cut into batches', () => {
    fc.assert(
      fc.property(tableArbitrary(), (t) => {
        const b = createFineIndexBuilder(testColumns);
        for (const batch of batchesOf(t)) b.add(batch);
        const index = b.finish();
        const values = t.table.columns[0]!.data.values as Float64Array;
        expect(index.blocks).toBe(Math.ceil(t.table.rowCount / FINE_ROWS));
        const want = Array.from({ length: index.blocks }, (_, k) =>
          scan(values, k * FINE_ROWS, Math.min(t.table.rowCount, (k + 1) * FINE_ROWS)),
        );
        expect([...index.codes[0]!].map(decode)).toEqual(want);
        // Columns that are not floats have no index.
        expect(index.codes[1]!.length + index.codes[2]!.length).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('is the same when the summary folds it, with blocks of any multiple of 8 rows', () => {
    fc.assert(
      fc.property(tableArbitrary(), fc.constantFrom(8, 16, 64), (t, blockRows) => {
        const alone = createFineIndexBuilder(testColumns);
        const summary = createSummaryBuilder(testColumns, blockRows);
        for (const batch of batchesOf(t)) {
          alone.add(batch);
          summary.add(batch);
        }
        summary.finish();
        const folded = summary.fineIndex()!;
        const want = alone.finish();
        expect(folded.blocks).toBe(want.blocks);
        expect(folded.codes.map((a) => [...a])).toEqual(want.codes.map((a) => [...a]));
      }),
      { numRuns: 200 },
    );
    expect(createSummaryBuilder(testColumns, 4).fineIndex()).toBeNull();
  });

  describe('on disk, beside the store', () => {
    let root: string;
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'fine-index-'));
    });
    afterAll(() => rm(root, { recursive: true, force: true }));

    it('is read back by range, and a torn or missing file leaves the store without one', async () => {
      const t = fc.sample(tableArbitrary(300), { numRuns: 40, seed: 7 }).find((x) => x.table.rowCount > 200)!;
      const dir = join(root, 'chunk');
      const sink = await createChunkSink(dir, testColumns, 16);
      for (const batch of batchesOf(t)) await sink.append(batch);
      await sink.finish();
      const built = createFineIndexBuilder(testColumns);
      built.add(t.table);
      const codes = built.finish().codes[0]!;

      const store = await openStore(dir);
      expect(store.hasFine).toBe(true);
      const into = new Uint16Array(10);
      await store.readFine(0, 3, 13, into);
      expect([...into]).toEqual([...codes.subarray(3, 13)]);
      await expect(store.readFine(1, 0, 1, into)).rejects.toThrow(/no fine index/);
      await expect(store.readFine(0, 0, codes.length + 1, new Uint16Array(codes.length + 1))).rejects.toThrow(/outside/);
      await store.close();

      await truncate(join(dir, FINE_FILE), 20);
      const torn = await openStore(dir);
      expect(torn.hasFine).toBe(false);
      await torn.close();
      await rm(join(dir, FINE_FILE));
      const none = await openStore(dir);
      expect(none.hasFine).toBe(false);
      expect((await none.read(0, 5)).rowCount).toBe(5);
      await none.close();
    });
  });
});
