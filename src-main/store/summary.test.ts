import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOOL_NULL, cellAt, isNullAt, type RowBatch } from '../formats/row-batch';
import { clearBlock, mergeBlock } from './block-merge';
import { createSummaryBuilder } from './summary-builder';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUMMARY_FILE, readChunkSummary } from './chunk-sink';
import { decodeSummary, encodeSummary, isCurrentSummary } from './summary-codec';
import { F, T, TOTALS_STRIDE, childrenRange, strideOf, type ChunkSummary } from './summary-layout';
import { baseBlockRows, summaryBytes } from './summary-size';
import { usualSpacing } from './spacing-histogram';
import { batchesOf, exactSum, tableArbitrary, testColumns } from './testing/table-arbitrary';

function build(batches: RowBatch[], blockRows: number): ChunkSummary {
  const b = createSummaryBuilder(testColumns, blockRows);
  for (const batch of batches) b.add(batch);
  return b.finish();
}

/** What one scan over rows [from, to) of a column gives, by the summary's definitions. */
function scan(table: RowBatch, c: number, from: number, to: number, withSum = false) {
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
  const sum = withSum ? exactSum(values.map((x) => Number(x.v))) : NaN;
  return { count: values.length, first, last, gap, gapFrom, changes, min, max, sum };
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
    // A line does not count changes (a float's block has no room for them).
    changes: kind === 'float' ? undefined : a[o + F.changes]!,
    min: kind === 'string' ? undefined : at(F.min, F.tMin),
    max: kind === 'string' ? undefined : at(F.max, F.tMax),
  };
}

/** The chunk's totals of column c: its sum and where its longest pause starts. */
function totalsOf(s: ChunkSummary, c: number) {
  const at = c * TOTALS_STRIDE;
  return { sum: s.totals[at + T.sum]! + s.totals[at + T.sumLo]!, gapFrom: s.totals[at + T.gapFrom]! };
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
    // Two blocks a level: 3 blocks, then 2, then 1.
    expect(s.levels.map((l) => l.blocks)).toEqual([3, 2, 1]);
    // Level 0, block 1 of the float: rows 2-3 (3 at 2 s, 3 at 10 s).
    expect(blockOf(s, 0, 1, 0)).toMatchObject({ count: 2, first: { t: 2000, v: 3 }, last: { t: 10_000, v: 3 }, gap: 8000 });
    // The whole chunk: the gap from 2 s to 10 s is the longest, min 3 (its first time), max 9.
    expect(blockOf(s, 2, 0, 0)).toEqual({
      count: 4,
      first: { t: 0, v: 5 },
      last: { t: 11_000, v: 9 },
      gap: 8000,
      changes: undefined,
      min: { t: 2000, v: 3 },
      max: { t: 11_000, v: 9 },
    });
    expect(totalsOf(s, 0)).toEqual({ sum: 20, gapFrom: 2000 });
    expect(blockOf(s, 2, 0, 1)).toMatchObject({ count: 5, changes: 2 });
    expect(blockOf(s, 2, 0, 2)).toMatchObject({ count: 4, first: { t: 0, v: 'a' }, last: { t: 12_000, v: 'b' }, changes: 1 });
    expect(totalsOf(s, 2).gapFrom).toBe(2000);
    expect(usualSpacing([s.spacing[1]!])).toBe(1000); // 1, 1, 9, 1 s
    expect(usualSpacing([s.spacing[0]!])).toBe(2000); // 2, 8, 1 s: the lower median
  });

  it('gives every block of every level what a scan of its rows gives, however the chunk is cut into batches', () => {
    fc.assert(
      fc.property(tableArbitrary(), fc.constantFrom(1, 2, 3, 8, 16, 32), (t, blockRows) => {
        const s = build(batchesOf(t), blockRows);
        expect(s.rows).toBe(t.table.rowCount);
        expect(s.levels[s.levels.length - 1]!.blocks).toBe(Math.min(1, s.rows));
        for (let c = 0; c < testColumns.length; c++) {
          const whole = scan(t.table, c, 0, s.rows, true);
          const got = totalsOf(s, c);
          if (whole.count > 1) expect(got.gapFrom).toBe(whole.gapFrom);
          if (testColumns[c]!.kind !== 'string') expect(Math.abs(got.sum - whole.sum)).toBeLessThanOrEqual(1e-9);
        }
        // Collected and compared once a run: one deep comparison a block made the test take 13 s.
        const got: unknown[] = [];
        const want: unknown[] = [];
        s.levels.forEach((level, j) => {
          for (let k = 0; k < level.blocks; k++) {
            const [a, b] = childrenRange(s, j, k);
            const from = a * blockRows;
            const to = Math.min(b * blockRows, s.rows);
            if (j === 0) expect([s.blockStart[k], s.blockEnd[k]]).toEqual([t.table.timestamps[from], t.table.timestamps[to - 1]]);
            for (let c = 0; c < testColumns.length; c++) {
              const { gapFrom: _g, sum: _s, ...scanned } = scan(t.table, c, from, to);
              const block = blockOf(s, j, k, c);
              got.push({ j, k, c, ...block });
              want.push({
                j,
                k,
                c,
                ...scanned,
                changes: block.changes === undefined ? undefined : scanned.changes,
                min: block.min && scanned.min,
                max: block.max && scanned.max,
              });
            }
          }
        });
        expect(got).toEqual(want);
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
            clearBlock(merged, 0, stride);
            for (let p = x.start[i]!; p < x.start[i + 1]!; p++) mergeBlock(merged, 0, x.pieces, p * stride, stride);
            const whole = s.levels[0]!.data[c]!.subarray(k * stride, (k + 1) * stride);
            expect([...merged]).toEqual([...whole]);
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

/**
 * A summary as version 2 wrote it (14 numbers a numeric block with its sum, 8 a string's, where the
 * longest pause starts in each), from one of this version: what History finds in an older cache.
 */
function encodeVersion2(s: ChunkSummary): Uint8Array {
  const v2 = (a: Float64Array, kind: string, top: boolean, c: number) => {
    const from = strideOf(kind as 'float');
    const to = kind === 'string' ? 8 : 14;
    const out = new Float64Array((a.length / from) * to).fill(NaN);
    for (let k = 0; k < a.length / from; k++) {
      for (let f = 0; f <= F.gap; f++) out[k * to + f] = a[k * from + f]!;
      out[k * to + 6] = top ? s.totals[c * TOTALS_STRIDE + T.gapFrom]! : NaN;
      out[k * to + 7] = kind === 'float' ? 0 : a[k * from + F.changes]!;
      if (kind === 'string') continue;
      for (let f = 0; f < 4; f++) out[k * to + 8 + f] = a[k * from + F.min + f]!;
      out[k * to + 12] = top ? s.totals[c * TOTALS_STRIDE + T.sum]! : 0;
      out[k * to + 13] = top ? s.totals[c * TOTALS_STRIDE + T.sumLo]! : 0;
    }
    return out;
  };
  const last = s.levels.length - 1;
  const header = {
    version: 2,
    columns: s.columns,
    rows: s.rows,
    blockRows: s.blockRows,
    fanout: s.fanout,
    levels: s.levels.map((l) => l.blocks),
    strings: s.strings,
    spacing: s.spacing,
    splits: s.splits.map((x, c) => ({ ...x, pieces: x.pieces.length / strideOf(s.columns[c]!.kind) })),
  };
  const arrays = [
    s.blockStart,
    s.blockEnd,
    ...s.levels.flatMap((l, j) => l.data.map((a, c) => v2(a, s.columns[c]!.kind, j === last, c))),
    ...s.splits.map((x, c) => v2(x.pieces, s.columns[c]!.kind, false, c)),
  ];
  const json = Buffer.from(JSON.stringify(header));
  const dataAt = Math.ceil((16 + json.length) / 8) * 8;
  const bytes = new Uint8Array(dataAt + arrays.reduce((n, a) => n + a.byteLength, 0));
  bytes.set(Buffer.from('SXSUMMRY', 'latin1'));
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 16);
  let at = dataAt;
  for (const a of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += a.byteLength;
  }
  return bytes;
}

describe('summary, version 2', () => {
  it('is written back in this layout when a chunk folder is read, once', async () => {
    const t = fc.sample(tableArbitrary(100), { numRuns: 20, seed: 3 }).find((x) => x.table.rowCount > 50)!;
    const s = build(batchesOf(t), 4);
    const dir = await mkdtemp(join(tmpdir(), 'summary-v2-'));
    try {
      await writeFile(join(dir, SUMMARY_FILE), encodeVersion2(s));
      expect(isCurrentSummary(await readFile(join(dir, SUMMARY_FILE)))).toBe(false);
      expect(await readChunkSummary(dir)).toEqual(s);
      const now = await readFile(join(dir, SUMMARY_FILE));
      expect(isCurrentSummary(now)).toBe(true);
      expect(decodeSummary(now)).toEqual(s);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is read into this layout: every block and the totals as version 2 kept them', () => {
    fc.assert(
      fc.property(tableArbitrary(100), fc.constantFrom(1, 4), (t, blockRows) => {
        const s = build(batchesOf(t), blockRows);
        const back = decodeSummary(encodeVersion2(s));
        // Version 2 kept no sum but the top block's: a string column's sums are NaN either way.
        expect(back).toEqual(s);
      }),
      { numRuns: 50 },
    );
  });
});

describe('summary size', () => {
  const floats = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `c${i}`, kind: 'float' as const, dataType: 'float' as const }));

  it('keeps a year of ten one-second signals under 48 MB, and matches what is built', () => {
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
