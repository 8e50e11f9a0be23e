import type { Slice } from '../../../src-preload/contract';
import { DEFAULT_PLAN, cut, planRest, recutMeasured, sliceMs, type PlanOptions } from './chunk-plan';

/*
 * A plan of a long window from sampled densities, for `plan`: the window cut into regions, one
 * small probe (`probeMs`) in the middle of each, asked concurrently; each region then cut by its
 * density. Before, `plan` grew one slice tenfold over the empty years until it reached the data
 * and downloaded it whole, one request after another: 50 years of a 1 s signal at a target of
 * 1,000 rows took 74–131 s, most of it one chunk of 60 M rows.
 *
 * Not missing data: a region whose probe is empty is cut by its neighbour's density when a
 * neighbour's probe has data (the data's edge lies in it somewhere); a region whose probe and
 * neighbours are all empty is asked whole (cheap when empty, as a request's cost is its rows)
 * and, when it held more than the target, cut again around its rows (`recutMeasured`). Empty
 * regions next to each other are one chunk.
 */

/** What a slice held: Nortech's raw rows, and its first and last timestamps (null when none). */
export interface SliceMeasure {
  rows: number;
  first: number | null;
  last: number | null;
}

export type MeasureSlice = (slice: Slice) => Promise<SliceMeasure>;

/** Regions of the window and the probe in each (null when the grid leaves no room for one: the region is asked whole). */
export function probeRegions(window: Slice, count: number, opts: PlanOptions = DEFAULT_PLAN): { region: Slice; probe: Slice | null }[] {
  return cut(window, count, opts.align).map((region) => {
    const mid = opts.align(region.start + Math.max(0, sliceMs(region) - opts.probeMs) / 2);
    const start = Math.max(region.start, mid);
    const end = opts.align(start + opts.probeMs);
    const probe = end > start && end <= region.end && end - start < sliceMs(region) ? { start, end } : null;
    return { region, probe };
  });
}

/** Runs `tasks` at most `concurrency` at a time, results in order; the first failure stops the rest. */
async function pooled<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const out: T[] = new Array<T>(tasks.length);
  let next = 0;
  let failed = false;
  async function worker() {
    while (!failed && next < tasks.length) {
      const i = next++;
      try {
        out[i] = await tasks[i]!();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, worker));
  return out;
}

export interface ProbePlanSpec {
  window: Slice;
  signals: number;
  /** Regions probed (more find shorter stretches of data without asking a region whole). */
  regions: number;
  concurrency: number;
  opts: PlanOptions;
  measure: MeasureSlice;
}

/** The plan's slices: a tiling of the window, on the grid, the same for the same data. */
export async function planByProbes(spec: ProbePlanSpec): Promise<Slice[]> {
  if (sliceMs(spec.window) <= spec.opts.singleChunkMs) return [{ ...spec.window }];
  return planWindow(spec, spec.window, null, null);
}

type Density = { rows: number; ms: number } | null;
const rate = (d: Density) => (d ? d.rows / d.ms : 0);

/** Chunks a region cut at density `d` would hold. */
const chunksAt = (region: Slice, d: { rows: number; ms: number }, spec: ProbePlanSpec) =>
  (rate(d) * sliceMs(region) * Math.max(1, spec.signals)) / spec.opts.targetCells;

/** `window` planned from its probes; `before` and `after` are its neighbours' densities (null: none, or no data). */
async function planWindow(spec: ProbePlanSpec, window: Slice, before: Density, after: Density): Promise<Slice[]> {
  const { signals, opts } = spec;
  const targetRows = opts.targetCells / Math.max(1, signals);
  const regions = probeRegions(window, spec.regions, opts);
  const probed = await pooled(
    regions.map(
      ({ probe }) =>
        async () =>
          probe ? await spec.measure(probe) : null,
    ),
    spec.concurrency,
  );
  const density = (i: number): Density => {
    if (i < 0) return before;
    if (i >= regions.length) return after;
    const p = regions[i]!.probe;
    const m = probed[i];
    return p && m && m.rows > 0 ? { rows: m.rows, ms: sliceMs(p) } : null;
  };
  // Per region: the density to cut it by (its own, else its denser neighbour's), or null: ask it whole.
  const by = regions.map((_, i) => {
    const own = density(i);
    if (own) return own;
    const [a, b] = [density(i - 1), density(i + 1)];
    return rate(a) >= rate(b) ? a : b;
  });
  const whole = await pooled(
    regions.map(
      ({ region }, i) =>
        async () =>
          by[i] ? null : await spec.measure(region),
    ),
    spec.concurrency,
  );
  const out: Slice[] = [];
  let empty: Slice | null = null;
  const flush = () => {
    if (empty) out.push(empty);
    empty = null;
  };
  for (const [i, { region }] of regions.entries()) {
    const d = by[i];
    const m = whole[i];
    if (d && !density(i) && chunksAt(region, d, spec) > spec.regions && sliceMs(region) > opts.probeMs * spec.regions) {
      // The data's edge lies in this region: probed again, finer, so the empty part of it is not cut at the data's density.
      // (50 years at 1 s and 1,000 rows: two edge regions of 19 months were 98,000 of 160,000 chunks.)
      flush();
      out.push(...(await planWindow(spec, region, density(i - 1), density(i + 1))));
    } else if (d) {
      flush();
      out.push(...planRest(region, d, signals, opts));
    } else if (!m || m.rows === 0) {
      // Empty regions side by side: one chunk.
      empty = empty ? { start: empty.start, end: region.end } : { ...region };
    } else {
      flush();
      out.push(...recutMeasured([{ ...region, sourceRows: m.rows, first: m.first, last: m.last }], targetRows, opts.align));
    }
  }
  flush();
  return out;
}
