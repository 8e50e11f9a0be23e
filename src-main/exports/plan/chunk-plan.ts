import type { Slice } from '../../../src-preload/contract';

/*
 * An export is a plan of chunks: time slices `[start, end)` that tile the window exactly, every
 * signal in each. Pure arithmetic, so the window, the CLI, shards and tests share one rule.
 *
 * Sizing: a window of a day or less is one chunk (small exports stay one request). Longer
 * windows start with a probe, a small first slice that measures how many rows a second of window
 * holds; the rest is cut into chunks that aim at `targetCells` values (rows × signals; 2 M rows of
 * 10 signals by default) and, for overlap, at least `overlap` chunks (a chunk downloads and is read
 * while the server prepares the next). A chunk the server times out on is halved, down to a floor.
 */

export interface PlanOptions {
  /** Values (rows × signals) a chunk aims at. */
  targetCells: number;
  /** A window up to this long is one chunk, no probe. */
  singleChunkMs: number;
  /** The probe's length (cut to the window). */
  probeMs: number;
  /** Aim for at least this many chunks after the probe when the data is large enough... */
  overlap: number;
  /** ...but no chunk below this many values. */
  minCells: number;
  /** A chunk is never halved below this. */
  floorMs: number;
  /** Borders fall on this grid (aggregation buckets); identity by default. */
  align: (t: number) => number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_PLAN: PlanOptions = {
  targetCells: 20_000_000,
  singleChunkMs: DAY,
  probeMs: HOUR,
  overlap: 4,
  minCells: 1_000_000,
  floorMs: MINUTE,
  align: (t) => t,
};

export const sliceMs = (s: Slice) => s.end - s.start;

/** The first slice to ask for: the whole window when it is short, else a probe at its start. */
export function firstSlice(window: Slice, opts: PlanOptions = DEFAULT_PLAN): Slice {
  if (sliceMs(window) <= opts.singleChunkMs) return { ...window };
  const end = alignedInside(window.start + opts.probeMs, window, opts.align);
  return { start: window.start, end: end ?? window.end };
}

/** A border on the grid inside `(window.start, window.end)` at or before `t`; null when there is none. */
function alignedInside(t: number, window: Slice, align: (t: number) => number): number | null {
  const b = align(Math.min(t, window.end));
  return b > window.start && b < window.end ? b : null;
}

/**
 * Tiles `rest` with chunks sized from the density measured so far (`rows` over `measuredMs` of
 * window, with `signals` columns). With no rows seen yet, the next slice grows tenfold from
 * `measuredMs` so that a window whose data starts late is still found quickly.
 */
/**
 * `taper`: one slice more, the last half as long as the others (each then under the target too):
 * what is read after the server's last answer is half a chunk. L (10 signals, 1 M rows): the last
 * of four equal chunks came 1.90 s in and took 290 ms more to download and read.
 */
export function planRest(
  rest: Slice,
  measured: { rows: number; ms: number },
  signals: number,
  opts: PlanOptions = DEFAULT_PLAN,
  taper = false,
): Slice[] {
  if (sliceMs(rest) <= 0) return [];
  if (measured.rows === 0) {
    const end = alignedInside(rest.start + Math.max(measured.ms * 10, opts.probeMs), rest, opts.align);
    return end === null ? [{ ...rest }] : [{ start: rest.start, end }];
  }
  const rowsPerMs = measured.rows / Math.max(1, measured.ms);
  const cellsPerMs = rowsPerMs * Math.max(1, signals);
  const totalCells = cellsPerMs * sliceMs(rest);
  const byTarget = Math.ceil(totalCells / opts.targetCells);
  const byOverlap = Math.min(opts.overlap, Math.floor(totalCells / opts.minCells));
  const count = Math.max(1, byTarget, byOverlap);
  return taper && count > 1 ? cut(rest, count + 1, opts.align, 0.5) : cut(rest, count, opts.align);
}

/**
 * `count` slices of about equal length with borders on the grid (the last `lastWeight` times as
 * long as the others); fewer when the grid is coarse.
 */
export function cut(window: Slice, count: number, align: (t: number) => number, lastWeight = 1): Slice[] {
  const out: Slice[] = [];
  let start = window.start;
  const weight = count - 1 + lastWeight;
  for (let i = 1; i < count; i++) {
    const end = alignedInside(window.start + (sliceMs(window) * i) / weight, window, align);
    if (end === null || end <= start) continue;
    out.push({ start, end });
    start = end;
  }
  out.push({ start, end: window.end });
  return out;
}

/** Halves a slice on the grid; null when its halves would be under the floor (the export fails naming the slice). */
export function halve(slice: Slice, opts: PlanOptions = DEFAULT_PLAN): [Slice, Slice] | null {
  if (sliceMs(slice) / 2 < opts.floorMs) return null;
  const mid = alignedInside(slice.start + sliceMs(slice) / 2, slice, opts.align);
  if (mid === null) return null;
  return [
    { start: slice.start, end: mid },
    { start: mid, end: slice.end },
  ];
}

/** Whether the slices, sorted, tile the window exactly: no gap, no overlap. */
export function tiles(window: Slice, slices: readonly Slice[]): boolean {
  const sorted = [...slices].sort((a, b) => a.start - b.start);
  let at = window.start;
  for (const s of sorted) {
    if (s.start !== at || s.end <= s.start) return false;
    at = s.end;
  }
  return at === window.end;
}

/** A measured chunk as the planner needs it: its slice, and what it held when it was read. */
interface MeasuredSlice extends Slice {
  /** Rows Nortech delivered in it (raw, before any aggregation); undefined when not read. */
  sourceRows?: number | undefined;
  first?: number | null | undefined;
  last?: number | null | undefined;
}

/**
 * A measured chunk that held more than `targetRows` (a slice grown over a stretch with no data
 * that reached the data) cut again around its data: the empty stretch before its first row and
 * after its last one chunk each, the stretch with data into chunks of about `targetRows`. Before,
 * a 50-year plan kept such a chunk whole: 7 chunks, the last 60,896,142 rows at a target of 1,000.
 */
export function recutMeasured(chunks: readonly MeasuredSlice[], targetRows: number, align: (t: number) => number): Slice[] {
  const out: Slice[] = [];
  for (const c of chunks) {
    const rows = c.sourceRows ?? 0;
    if (rows <= targetRows * 1.25 || c.first == null || c.last == null) {
      out.push({ start: c.start, end: c.end });
      continue;
    }
    const from = alignedInside(c.first, c, align) ?? c.start;
    // Past the last row: on the grid when aggregated (its floor is a border inside the chunk only when after `last`).
    const after = alignedInside(c.last + 1, c, align);
    const to = after !== null && after > c.last ? after : c.end;
    if (from > c.start) out.push({ start: c.start, end: from });
    out.push(...cut({ start: from, end: to }, Math.ceil(rows / targetRows), align));
    if (to < c.end) out.push({ start: to, end: c.end });
  }
  return out;
}
