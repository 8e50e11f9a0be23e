import { mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOOL_NULL, type RowBatch } from '../formats/row-batch';
import { createPreviewIndex } from './preview-index';
import { pixelGrid } from './pixel-grid';
import type { PreviewIndex } from './preview-types';
import { previewColumns, writeExport, type ExportOnDisk } from './testing/export-fixture';
import { plainPoints } from './testing/plain-points';

/*
 * Ten minutes at 1 s, with an outage from 200 s to 300 s (no rows at all): `p` every second,
 * `slow` every minute (a slower signal beside a fast one: NaN in 59 rows of 60), `on` switching at
 * 100 s and 400 s, `mode` a text state. Cut into chunks of 200 s.
 */
const S = 1000;
const T0 = 1_700_000_000_000;
function table(): RowBatch {
  const secs = Array.from({ length: 600 }, (_, i) => i).filter((i) => i < 200 || i >= 300);
  return {
    rowCount: secs.length,
    timestamps: Float64Array.from(secs, (i) => T0 + i * S),
    columns: [
      { name: 'p', data: { kind: 'float', values: Float64Array.from(secs, (i) => (i === 450 ? 99 : Math.sin(i / 30))) } },
      { name: 'slow', data: { kind: 'float', values: Float64Array.from(secs, (i) => (i % 60 === 0 ? i : NaN)) } },
      { name: 'on', data: { kind: 'boolean', values: Uint8Array.from(secs, (i) => (i === 5 ? BOOL_NULL : i >= 100 && i < 400 ? 1 : 0)) } },
      { name: 'mode', data: { kind: 'string', values: secs.map((i) => (i < 450 ? 'run' : 'stop')) } },
    ],
  };
}
const window = { start: T0, end: T0 + 600 * S };

let root: string;
let exp: ExportOnDisk;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'preview-'));
  exp = await writeExport(root, table(), window, [T0 + 200 * S, T0 + 400 * S], () => 4, 64);
});
const opened: PreviewIndex[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((i) => i.close()));
  await rm(root, { recursive: true, force: true });
});

const open = (which = [0, 1, 2]) => {
  const index = createPreviewIndex({ window, columns: previewColumns(table(), 'bar'), chunks: 3 });
  for (const i of which) index.addChunk(exp.chunks[i]!);
  opened.push(index);
  return index;
};
const nulls = (v: unknown[]) => v.filter((x) => x === null).length;

describe('preview index: series', () => {
  for (const source of ['summary', 'rows'] as const) {
    it(`breaks a line only inside the outage, from the ${source}`, async () => {
      const index = open([2, 0, 1]);
      const answer = await index.series(undefined, 40, { source });
      expect(answer).toMatchObject({ range: window, window, dataRange: { start: T0, end: T0 + 599 * S }, chunks: { done: 3, total: 3 } });
      const [p, slow, on, mode] = answer.series.map(plainPoints);
      expect(p).toMatchObject({ column: 'p', shape: 'line', physicalUnit: 'bar', sourcePoints: 500, downsampled: true });
      expect(nulls(p!.v)).toBe(1);
      const gap = p!.v.indexOf(null);
      expect(p!.t[gap - 1]).toBe(T0 + 199 * S);
      expect(p!.t[gap]).toBe(T0 + 249.5 * S);
      expect(p!.t[gap + 1]).toBe(T0 + 300 * S);
      expect(Math.max(...(p!.v.filter((x) => x !== null) as number[]))).toBe(99);
      // A value a minute beside values a second: no gap but the outage (140 s > 5 × 60 s is not a pause of `slow`: 180 -> 300 is 120 s).
      expect(slow).toMatchObject({ sourcePoints: 9, downsampled: false });
      expect(nulls(slow!.v)).toBe(0);
      expect(slow!.t).toEqual([0, 60, 120, 180, 300, 360, 420, 480, 540].map((i) => T0 + i * S));
      // Steps: the changes, a null in the outage, and each piece ending on its last value.
      expect(on!.v).toEqual([false, true, true, null, true, false, false]);
      expect(on!.t.slice(0, 3)).toEqual([T0, T0 + 100 * S, T0 + 199 * S]);
      expect(nulls(on!.v)).toBe(1);
      expect(mode!.v).toEqual(['run', 'run', null, 'run', 'stop', 'stop']);
    });
  }

  it('draws every value of a zoom with few rows, unbroken', async () => {
    const index = open();
    const range = { start: T0 + 310 * S, end: T0 + 330 * S };
    const [p] = (await index.series(range, 100)).series.map(plainPoints);
    expect(p!.t).toEqual(Array.from({ length: 21 }, (_, i) => T0 + (310 + i) * S));
    expect(p!.downsampled).toBe(false);
  });

  it('breaks between two chunks that are not adjacent, and counts chunks', async () => {
    const index = open([0, 2]);
    const answer = await index.series(undefined, 600, { source: 'rows' });
    expect(answer.chunks).toEqual({ done: 2, total: 3 });
    const [p] = answer.series.map(plainPoints);
    expect(nulls(p!.v)).toBe(1);
    expect(p!.t[p!.v.indexOf(null)]).toBe(T0 + (199 + 400) * 0.5 * S);
    expect(p!.sourcePoints).toBe(400);
    const summary = await index.series(undefined, 600, { source: 'summary' });
    expect(nulls(plainPoints(summary.series[0]!).v)).toBe(1);
  });

  it('lends points, slices of pooled buffers, equal to fresh ones', async () => {
    const index = open();
    for (const source of ['rows', 'summary'] as const) {
      const fresh = await index.series(undefined, 50, { source });
      const lent = await index.series(undefined, 50, { source, lend: true });
      expect(lent).toEqual(fresh);
      // Slices of a pooled buffer (1 MB at least), not arrays of their own.
      expect(lent.series[0]!.t.buffer.byteLength).toBeGreaterThanOrEqual(1 << 20);
      await new Promise((r) => setImmediate(r));
    }
  });

  it('answers nothing before any chunk, and a chunk of other columns is refused', async () => {
    const index = open([]);
    const answer = await index.series(undefined, 100);
    expect(answer.dataRange).toBeNull();
    expect(answer.series.map((s) => s.t.length)).toEqual([0, 0, 0, 0]);
    expect(await index.stats()).toMatchObject([{ count: 0, coverage: null, largestGap: null }, {}, {}, {}]);
    const other = { ...exp.chunks[0]!, summary: { ...exp.chunks[0]!.summary, columns: exp.chunks[0]!.summary.columns.slice(1) } };
    expect(() => index.addChunk(other)).toThrow(/not the export's/);
  });
});

describe('preview index: the break threshold', () => {
  it('joins a pause of exactly 5 usual spacings and breaks a longer one', async () => {
    const secs = [...Array.from({ length: 20 }, (_, i) => i), 24, 25, 26, 32, 33];
    const t: RowBatch = {
      rowCount: secs.length,
      timestamps: Float64Array.from(secs, (i) => T0 + i * S),
      columns: [{ name: 'p', data: { kind: 'float', values: Float64Array.from(secs, (i) => i) } }],
    };
    const w = { start: T0, end: T0 + 40 * S };
    const e = await writeExport(join(root, 'pause'), t, w, [], () => 2);
    const index = createPreviewIndex({ window: w, columns: previewColumns(t), chunks: 1 });
    opened.push(index);
    index.addChunk(e.chunks[0]!);
    for (const source of ['rows', 'summary'] as const) {
      const [p] = (await index.series(undefined, 200, { source })).series.map(plainPoints);
      expect(p!.t.filter((_, i) => p!.v[i] === null)).toEqual([T0 + 29 * S]);
    }
  });
});

describe('preview index: stats', () => {
  it('counts, extremes, mean, gaps and coverage from the summaries', async () => {
    const index = open([1, 2, 0]);
    const [p, slow, on, mode] = await index.stats();
    expect(p).toMatchObject({ column: 'p', count: 500, nulls: 0, max: 99, firstTimestamp: T0, lastTimestamp: T0 + 599 * S });
    expect(p!.largestGap).toEqual({ ms: 101 * S, from: T0 + 199 * S, to: T0 + 300 * S });
    // 0-199 s covered to the next value, the last value before the outage its usual 1 s, 300-599 s, and the last one 1 s: 500 s of 600.
    expect(p!.coverage).toBeCloseTo(500 / 600, 12);
    expect(p!.usualSpacingMs).toBe(S);
    expect(slow).toMatchObject({ count: 9, nulls: 491, min: 0, max: 540, mean: 2460 / 9, usualSpacingMs: 60 * S });
    // Its 120 s pause over the outage is under 5 × 60 s: no gap for a signal this slow.
    expect(slow!.coverage).toBe(1);
    expect(on).toMatchObject({ count: 499, min: 0, max: 1, mean: 200 / 499 });
    expect(mode).toMatchObject({ count: 500, min: null, max: null, mean: null });
  });

  it('covers the loaded chunks only while others are missing', async () => {
    const index = open([0]);
    const [p] = await index.stats();
    expect(p).toMatchObject({ count: 200, coverage: 1 });
  });
});

describe('preview index: rows', () => {
  it('pages by row number and by time, across chunks', async () => {
    const index = open([2, 1, 0]);
    const first = await index.rows({ offset: 0, limit: 2 });
    expect(first).toEqual({
      columns: ['timestamp', 'p', 'slow', 'on', 'mode'],
      rows: [
        [T0, 0, 0, false, 'run'],
        [T0 + S, Math.sin(1 / 30), null, false, 'run'],
      ],
      total: 500,
      offset: 0,
    });
    const across = await index.rows({ offset: 198, limit: 4 });
    expect(across.rows.map((r) => r[0])).toEqual([198, 199, 300, 301].map((i) => T0 + i * S));
    const byTime = await index.rows({ at: T0 + 250 * S, limit: 1 });
    expect(byTime.offset).toBe(200);
    expect(byTime.rows[0]![0]).toBe(T0 + 300 * S);
    expect((await index.rows({ at: T0 + 10_000 * S, limit: 5 })).rows).toEqual([]);
    expect((await index.rows({ offset: 499, limit: 5 })).rows.map((r) => r[0])).toEqual([T0 + 599 * S]);
  });
});

describe('preview index: stores', () => {
  it('reads a chunk ingested again afresh, and keeps few stores open', async () => {
    const index = open();
    await index.rows({ offset: 0, limit: 1 });
    // The retry found every other row of the first chunk, with other values: another page layout.
    const t = table();
    const keep = Array.from({ length: t.rowCount }, (_, i) => i).filter((i) => i >= 200 || i % 2 === 0);
    const fewer: RowBatch = {
      rowCount: keep.length,
      timestamps: Float64Array.from(keep, (i) => t.timestamps[i]!),
      columns: t.columns.map((c) => ({
        name: c.name,
        data:
          c.data.kind === 'string'
            ? { kind: 'string' as const, values: keep.map((i) => (c.data.values as (string | null)[])[i]!) }
            : c.data.kind === 'float'
              ? { kind: 'float' as const, values: Float64Array.from(keep, () => 7) }
              : { kind: 'boolean' as const, values: Uint8Array.from(keep, (i) => (c.data.values as Uint8Array)[i]!) },
      })),
    };
    const again = await writeExport(root, fewer, window, [T0 + 200 * S, T0 + 400 * S], () => 4);
    index.addChunk(again.chunks[0]!);
    expect((await index.rows({ offset: 1, limit: 1 })).rows[0]!.slice(0, 2)).toEqual([T0 + 2 * S, 7]);
    expect((await index.rows({ offset: 0, limit: 1000 })).total).toBe(400);

    // 60 chunks of 10 s: paging through all of them leaves at most 32 stores open.
    const fds = async () => (await readdir('/proc/self/fd')).length;
    const before = await fds();
    const many = await writeExport(
      join(root, 'many'),
      table(),
      window,
      Array.from({ length: 59 }, (_, i) => T0 + (i + 1) * 10 * S),
      () => 4,
    );
    const wide = createPreviewIndex({ window, columns: previewColumns(table()), chunks: 60 });
    opened.push(wide);
    for (const c of many.chunks) wide.addChunk(c);
    for (let offset = 0; offset < 500; offset += 7) await wide.rows({ offset, limit: 7 });
    expect(await fds()).toBeLessThanOrEqual(before + 32);
    expect((await wide.series(undefined, 100, { source: 'rows' })).series[0]!.sourcePoints).toBe(500);
  });
});

describe('preview index: failures', () => {
  it('rejects an answer whose rows cannot be read, and answers again once they can', async () => {
    const index = open();
    await rename(join(exp.chunks[1]!.storeDir, 'rows.bin'), join(root, 'away.bin'));
    await expect(index.series(undefined, 100, { source: 'rows' })).rejects.toThrow();
    await expect(index.rows({ offset: 250, limit: 5 })).rejects.toThrow();
    // Summaries alone still answer the full view and the statistics.
    expect((await index.series(undefined, 100, { source: 'summary' })).series[0]!.sourcePoints).toBe(500);
    await rename(join(root, 'away.bin'), join(exp.chunks[1]!.storeDir, 'rows.bin'));
    expect((await index.series(undefined, 100, { source: 'rows' })).series[0]!.sourcePoints).toBe(500);
  });
});

describe('pixel grid', () => {
  it('puts a time in one of `points` equal columns, the end in the last', () => {
    const g = pixelGrid({ start: 0, end: 100 }, 10);
    expect([-1, 0, 9.99, 10, 99.9, 100, 101].map((t) => g.bucketOf(t))).toEqual([-1, 0, 0, 1, 9, 9, 10]);
    const point = pixelGrid({ start: 5, end: 5 }, 3);
    expect([4, 5, 6].map((t) => point.bucketOf(t))).toEqual([-1, 2, 3]);
  });
});
