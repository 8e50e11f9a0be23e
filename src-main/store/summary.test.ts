import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOOL_NULL, cellAt, isNullAt, type RowBatch } from '../formats/row-batch';
import { clearBlock, mergeBlock } from './block-merge';
import { createSummaryBuilder } from './summary-builder';
import { decodeSummary, encodeSummary } from './summary-codec';
import { F, childrenRange, strideOf, type ChunkSummary } from './summary-layout';
import { baseBlockRows, summaryBytes } from './summary-size';
import { usualSpacing } from './spacing-histogram';
import { batchesOf, exactSum, tableArbitrary, testColumns } from './testing/table-arbitrary';

function build(batches: RowBatch[], blockRows: number): ChunkSummary {
  const b = createSummaryBuilder(testColumns, blockRows);
  for (const batch of batches) b.add(batch);
  return b.finish();
}

/** What one scan over rows [from, to) of a column gives, by the summary's definitions. */
function scan(table: RowBatch, c: number, from: number, to: number) {
  const data = table.columns[c]!.data;
  const ts = table.timestamps;
  const values: { t: number; v: number | string }[] = [];
  for (let i = from; i < to; i++) {
    if (isNullAt(data, i)) continue;
    const cell = cellAt(data, i)!;
    values.push({ t: ts[i]!, v: typeof cell === 'boolean' ? Number(cell) : cell });
  }
  let gap = -1;
  let gapFrom = NaN;
  let changes = 0;
  let min = values[0];
  let max = values[0];
  values.forEach((x, i) => {
    if (i === 0) return;
    const prev = values[i - 1]!;
    if (x.t - prev.t > gap) [gap, gapFrom] = [x.t - prev.t, prev.t];
    if (x.v !== prev.v) changes++;
    if (x.v < min!.v) min = x;
    if (x.v > max!.v) max = x;
  });
  const first = values[0];
  const last = values[values.length - 1];
  return { count: values.length, first, last, gap, gapFrom, changes, min, max, sum: exactSum(values.map((x) => Number(x.v))) };
}

/** A block as the same shape, reading the summary's fields. */
function blockOf(s: ChunkSummary, level: number, k: number, c: number) {
  const kind = s.columns[c]!.kind;
  const a = s.levels[level]!.data[c]!;
  const o = k * strideOf(kind);
  const value = (f: number) => (kind === 'string' ? s.strings[a[o + f]!]! : a[o + f]!);
  const count = a[o + F.count]!;
  const at = (v: number, t: number) => (count ? { t: a[o + t]!, v: value(v) } : undefined);
  return {
    count,
    first: at(F.first, F.tFirst),
    last: at(F.last, F.tLast),
    gap: a[o + F.gap]!,
    gapFrom: a[o + F.gapFrom]!,
    changes: a[o + F.changes]!,
    min: kind === 'string' ? undefined : at(F.min, F.tMin),
    max: kind === 'string' ? undefined : at(F.max, F.tMax),
    sum: kind === 'string' ? undefined : a[o + F.sum]! + a[o + F.sumLo]!,
  };
}

describe('summary builder', () => {
  it('folds a small hand-made chunk into blocks and levels', () => {
    const table: RowBatch = {
      rowCount: 6,
      timestamps: Float64Array.from([0, 1000, 2000, 10_000, 11_000, 12_000]),
      columns: [
        { name: 'f', data: { kind: 'float', values: Float64Array.from([5, NaN, 3, 3, 9, NaN]) } },
        { name: 'b', data: { kind: 'boolean', values: Uint8Array.from([1, 1, 0, BOOL_NULL, 1, 1]) } },
        { name: 's', data: { kind: 'string', values: ['a', null, 'a', 'b', null, 'b'] } },
      ],
    };
    const s = build([table], 2);
    expect(s.rows).toBe(6);
    expect([...s.blockStart]).toEqual([0, 2000, 11_000]);
    expect([...s.blockEnd]).toEqual([1000, 10_000, 12_000]);
    expect(s.levels.map((l) => l.blocks)).toEqual([3, 1]);
    // Level 0, block 1 of the float: rows 2-3 (3 at 2 s, 3 at 10 s).
    expect(blockOf(s, 0, 1, 0)).toMatchObject({ count: 2, first: { t: 2000, v: 3 }, last: { t: 10_000, v: 3 }, gap: 8000, changes: 0 });
    // The whole chunk: the gap from 2 s to 10 s is the longest, min 3 (its first time), max 9.
    expect(blockOf(s, 1, 0, 0)).toEqual({
      count: 4,
      first: { t: 0, v: 5 },
      last: { t: 11_000, v: 9 },
      gap: 8000,
      gapFrom: 2000,
      changes: 2,
      min: { t: 2000, v: 3 },
      max: { t: 11_000, v: 9 },
      sum: 20,
    });
    expect(blockOf(s, 1, 0, 2)).toMatchObject({ count: 4, first: { t: 0, v: 'a' }, last: { t: 12_000, v: 'b' }, changes: 1 });
    expect(usualSpacing([s.spacing[1]!])).toBe(1000); // 1, 1, 9, 1 s
    expect(usualSpacing([s.spacing[0]!])).toBe(2000); // 2, 8, 1 s: the lower median
  });

  it('gives every block of every level what a scan of its rows gives, however the chunk is cut into batches', () => {
    fc.assert(
      fc.property(tableArbitrary(), fc.constantFrom(1, 2, 3, 8, 16), (t, blockRows) => {
        const s = build(batchesOf(t), blockRows);
        expect(s.rows).toBe(t.table.rowCount);
        s.levels.forEach((level, j) => {
          for (let k = 0; k < level.blocks; k++) {
            const [a, b] = childrenRange(s, j, k);
            const from = a * blockRows;
            const to = Math.min(b * blockRows, s.rows);
            if (j === 0) expect([s.blockStart[k], s.blockEnd[k]]).toEqual([t.table.timestamps[from], t.table.timestamps[to - 1]]);
            for (let c = 0; c < testColumns.length; c++) {
              const want = scan(t.table, c, from, to);
              const got = blockOf(s, j, k, c);
              expect({ ...got, sum: undefined, gapFrom: got.count > 1 ? got.gapFrom : NaN }).toEqual({
                ...want,
                sum: undefined,
                min: got.min && want.min,
                max: got.max && want.max,
              });
              if (got.sum !== undefined) expect(Math.abs(got.sum - want.sum)).toBeLessThanOrEqual(1e-9);
            }
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps blocks with long pauses as pieces that make the block, split at pauses over 4 × its median spacing', () => {
    let splitBlocks = 0;
    fc.assert(
      fc.property(tableArbitrary(), fc.constantFrom(4, 8, 16), (t, blockRows) => {
        const s = build(batchesOf(t), blockRows);
        s.splits.forEach((x, c) => {
          const kind = s.columns[c]!.kind;
          const stride = strideOf(kind);
          x.blocks.forEach((k, i) => {
            splitBlocks++;
            const merged = new Float64Array(stride);
            clearBlock(merged, 0, kind !== 'string');
            for (let p = x.start[i]!; p < x.start[i + 1]!; p++) mergeBlock(merged, 0, x.pieces, p * stride, kind !== 'string');
            const whole = s.levels[0]!.data[c]!.subarray(k * stride, (k + 1) * stride);
            expect([...merged.subarray(0, F.sum)]).toEqual([...whole.subarray(0, F.sum)]);
            // Pauses between pieces are the long ones, over any left inside a piece.
            const inside = Math.max(
              ...Array.from({ length: x.start[i + 1]! - x.start[i]! }, (_, p) => x.pieces[(x.start[i]! + p) * stride + F.gap]!),
            );
            expect(x.unsplit[i]).toBe(inside);
            for (let p = x.start[i]! + 1; p < x.start[i + 1]!; p++) {
              expect(x.pieces[p * stride + F.tFirst]! - x.pieces[(p - 1) * stride + F.tLast]!).toBeGreaterThan(inside);
            }
          });
        });
      }),
      { numRuns: 200 },
    );
    expect(splitBlocks).toBeGreaterThan(50);
  });

  it('round-trips through bytes, at any alignment', () => {
    fc.assert(
      fc.property(tableArbitrary(100), (t) => {
        const s = build(batchesOf(t), 4);
        const bytes = encodeSummary(s);
        const shifted = new Uint8Array(bytes.length + 3);
        shifted.set(bytes, 3);
        for (const input of [bytes, shifted.subarray(3)]) {
          const back = decodeSummary(input);
          expect(back).toEqual(s);
        }
      }),
      { numRuns: 50 },
    );
    expect(() => decodeSummary(new Uint8Array(20))).toThrow(/Not a chunk summary/);
  });
});

describe('summary size', () => {
  const floats = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `c${i}`, kind: 'float' as const, dataType: 'float' as const }));

  it('keeps a year of ten one-second signals under 64 MB, and matches what is built', () => {
    const year = 365 * 86_400;
    expect(baseBlockRows(year, floats(10))).toBe(1024);
    expect(summaryBytes(year, floats(10), 1024)).toBeLessThan(48 * 2 ** 20);
    expect(baseBlockRows(1_000_000, floats(50))).toBe(256);
    const rows = 100_000;
    const table: RowBatch = {
      rowCount: rows,
      timestamps: Float64Array.from({ length: rows }, (_, i) => i * 1000),
      columns: floats(2).map((c) => ({ name: c.name, data: { kind: 'float' as const, values: new Float64Array(rows).fill(1) } })),
    };
    const b = createSummaryBuilder(floats(2), 64);
    b.add(table);
    const encoded = encodeSummary(b.finish()).length;
    expect(encoded / summaryBytes(rows, floats(2), 64)).toBeGreaterThan(0.95);
    expect(encoded / summaryBytes(rows, floats(2), 64)).toBeLessThan(1.05);
  });
});
