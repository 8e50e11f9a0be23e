import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableArbitrary } from '../store/testing/table-arbitrary';
import { GAP_FACTOR, createPreviewIndex } from './preview-index';
import { pixelGrid } from './pixel-grid';
import { leafOf, spanOf } from './summary-plan';
import { FINE_ROWS } from '../store/fine-index';
import { previewColumns, writeExport } from './testing/export-fixture';
import { referenceSeries, referenceStats, referenceUsualSpacing } from './testing/reference';
import { plainPoints } from './testing/plain-points';

/*
 * Issue 12's proof. Random exports (jittered 1 s rows with pauses of every length, NaN holes, null
 * booleans and strings; or, half the time, steady rows with a rare NaN) cut into chunks at random
 * times (some empty), each with its own block size, written to real stores and summaries, loaded
 * in random order, some chunks missing.
 *
 * Statistics from the summaries equal a scan of every row: exactly, but for the mean (compensated
 * sums against a correctly rounded one: within 1e-12 of the mean magnitude) and coverage (sums in
 * another order: 1e-12).
 *
 * Series, at any range and width: from the rows, exactly M4 over the raw rows with each row in the
 * pixel column of its time. From the summary, exactly M4 over the raw rows with each row in the
 * pixel column of its leaf's middle (summary-plan.ts: the coarsest block holding it no wider than
 * a pixel column, at whatever level of the pyramid), point for point, nulls included, so the same
 * pixels are drawn (series-from-summary.ts says why a block is not split at a pixel border, and
 * what it costs in pixels). From the fine index, the same with each row in the column of its 8-row
 * block's middle.
 */

const scenario = fc.record({
  // Half steady (no pause, rare NaN): the paths that fold such runs without per-row checks.
  test: fc.oneof(tableArbitrary(250), tableArbitrary(250, undefined, { steady: true })),
  cuts: fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { maxLength: 4 }),
  blockRows: fc.array(fc.constantFrom(1, 2, 4, 8), { minLength: 5, maxLength: 5 }),
  loaded: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  order: fc.integer(),
  range: fc.option(fc.tuple(fc.integer({ min: -0.1e6, max: 1.1e6 }), fc.integer({ min: -0.1e6, max: 1.1e6 }))),
  points: fc.integer({ min: 1, max: 60 }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

async function withExport<T>(s: Scenario, check: (ctx: Awaited<ReturnType<typeof setUp>>) => Promise<T>) {
  const root = await mkdtemp(join(tmpdir(), 'preview-prop-'));
  const ctx = await setUp(root, s);
  try {
    return await check(ctx);
  } finally {
    await ctx.index.close();
    await rm(root, { recursive: true, force: true });
  }
}

async function setUp(root: string, s: Scenario) {
  const { table } = s.test;
  const ts = table.timestamps;
  const start = table.rowCount ? ts[0]! : 0;
  const span = table.rowCount ? ts[table.rowCount - 1]! - start + 1 : 1000;
  const window = { start, end: start + span };
  const at = (x: number) => start + Math.round((x / 1e6) * span);
  const exp = await writeExport(
    root,
    table,
    window,
    [...s.cuts.map(at)].sort((a, b) => a - b),
    (i) => s.blockRows[i % 5]!,
    37,
  );
  const loaded = exp.chunks.filter((_, i) => s.loaded[i % 5]);
  const order = [...loaded].sort((a, b) => ((Number(a.name) * 7919 + s.order) % 13) - ((Number(b.name) * 7919 + s.order) % 13));
  const index = createPreviewIndex({ window, columns: previewColumns(table), chunks: exp.chunks.length });
  for (const c of order) index.addChunk(c);
  const range = s.range ? { start: at(Math.min(...s.range)), end: at(Math.max(...s.range)) } : undefined;
  return { exp, loaded, index, range, window };
}

describe('preview from summaries: properties', () => {
  it('gives the statistics of a full scan', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (s) =>
        withExport(s, async ({ loaded, index }) => {
          const stats = await index.stats();
          stats.forEach((got, c) => {
            const usual = referenceUsualSpacing(loaded, c);
            expect(got.usualSpacingMs).toBe(usual);
            const want = referenceStats(loaded, c, usual, GAP_FACTOR);
            expect({ ...got, mean: null, coverage: null }).toEqual({
              ...want,
              column: got.column,
              usualSpacingMs: usual,
              mean: null,
              coverage: null,
            });
            if (want.mean === null) expect(got.mean).toBeNull();
            else expect(Math.abs(got.mean! - want.mean)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want.mean), 1e9));
            if (want.coverage === null) expect(got.coverage).toBeNull();
            else expect(got.coverage!).toBeCloseTo(want.coverage, 12);
          });
        }),
      ),
      { numRuns: 120 },
    );
  });

  it('draws from the summary exactly what M4 over the raw rows draws, rows bucketed by their leaf, at every level', async () => {
    const levels = new Set<number>();
    await fc.assert(
      fc.asyncProperty(scenario, (s) =>
        withExport(s, async ({ loaded, index, range, window }) => {
          const answer = await index.series(range, s.points, { source: 'summary' });
          const grid = pixelGrid(range ?? window, s.points);
          answer.series.forEach((got, c) => {
            const usual = referenceUsualSpacing(loaded, c);
            const byLeaf = (chunk: (typeof loaded)[number], row: number) => {
              const leaf = leafOf(chunk.summary, grid, Math.floor(row / chunk.summary.blockRows));
              if (c === 0) levels.add(leaf.level);
              const [start, end] = spanOf(chunk.summary, leaf.level, leaf.k);
              return grid.bucketOf((start + end) / 2);
            };
            const want = referenceSeries(loaded, c, grid, GAP_FACTOR * (usual ?? Infinity), byLeaf);
            const { t, v, downsampled, sourcePoints } = plainPoints(got);
            expect({ t, v, downsampled, sourcePoints }).toEqual(want);
          });
        }),
      ),
      { numRuns: 150 },
    );
    // Leaves came from the bottom, the top and levels between.
    expect(Math.max(...levels)).toBeGreaterThanOrEqual(5);
    expect(levels.size).toBeGreaterThanOrEqual(5);
  });

  it('draws from the fine index exactly what M4 over the raw rows draws, rows bucketed by their 8-row block', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (s) =>
        withExport(s, async ({ loaded, index, range, window }) => {
          const answer = await index.series(range, s.points, { source: 'fine' });
          const grid = pixelGrid(range ?? window, s.points);
          answer.series.forEach((got, c) => {
            const usual = referenceUsualSpacing(loaded, c);
            const byBlock = (chunk: (typeof loaded)[number], row: number) => {
              const first = Math.floor(row / FINE_ROWS) * FINE_ROWS;
              const last = Math.min(chunk.table.rowCount, first + FINE_ROWS) - 1;
              return grid.bucketOf((chunk.table.timestamps[first]! + chunk.table.timestamps[last]!) / 2);
            };
            const want = referenceSeries(loaded, c, grid, GAP_FACTOR * (usual ?? Infinity), byBlock);
            const { t, v, downsampled, sourcePoints } = plainPoints(got);
            expect({ t, v, downsampled, sourcePoints }).toEqual(want);
          });
        }),
      ),
      { numRuns: 150 },
    );
  });

  it('draws from the rows exactly M4 over the raw rows, at any range and width', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, (s) =>
        withExport(s, async ({ loaded, index, range, window }) => {
          const answer = await index.series(range, s.points, { source: 'rows' });
          const auto = await index.series(range, s.points);
          const summary = await index.series(range, s.points, { source: 'summary' });
          const fine = await index.series(range, s.points, { source: 'fine' });
          expect([answer.series, summary.series, fine.series]).toContainEqual(auto.series);
          const grid = pixelGrid(range ?? window, s.points);
          answer.series.forEach((got, c) => {
            const usual = referenceUsualSpacing(loaded, c);
            const want = referenceSeries(loaded, c, grid, GAP_FACTOR * (usual ?? Infinity), (_, __, t) => grid.bucketOf(t));
            const { t, v, downsampled, sourcePoints } = plainPoints(got);
            expect({ t, v, downsampled, sourcePoints }).toEqual(want);
          });
        }),
      ),
      { numRuns: 150 },
    );
  });
});
