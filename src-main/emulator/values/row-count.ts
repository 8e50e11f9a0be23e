import type { SignalSamples } from '../catalog/catalog-types';
import { rowChunks, type TimeWindow } from './row-chunks';
import { gapOfBucket } from './value-at';

/*
 * How many rows the file of a request has, without building them: the time limit's stand-in
 * (`maxRowsPerRequest`) and the "Signal Data not found" test need it before any production, and
 * a year of 10 one-second signals is 31.5 M rows.
 *
 * A row is a time of the union of the signals' grids (origin + k * period) at which at least one
 * of them has a value: inside its active range and outside its gaps. Each signal is present on a
 * few intervals (the window cut by its activity and its gaps); between consecutive interval
 * borders the set of present signals is fixed, and the rows there are the union of a few
 * arithmetic progressions, counted by inclusion and exclusion: grids that share an origin meet on
 * the least common multiple of their periods. Rows are never visited.
 */

/** Distinct grids beyond which inclusion-exclusion (2^n terms) is not worth it: count by building rows instead. */
const MAX_GRIDS = 16;

export function countRows(signals: SignalSamples[], window: TimeWindow): number {
  if (signals.length === 0 || window.endMs <= window.startMs) return 0;
  const origin = signals[0]!.originMs;
  // Every catalog gives its signals one origin (load-catalog); anything else is counted the slow way.
  if (signals.some((s) => s.originMs !== origin)) return countByBuilding(signals, window);

  const periods = [...new Set(signals.map((s) => s.periodMs))];
  if (periods.length > MAX_GRIDS) return countByBuilding(signals, window);
  const gridOf = signals.map((s) => periods.indexOf(s.periodMs));

  // +1 / -1 per grid where a signal's presence starts / ends.
  const events: { t: number; grid: number; delta: 1 | -1 }[] = [];
  signals.forEach((signal, i) => {
    for (const [a, b] of presence(signal, window)) {
      events.push({ t: a, grid: gridOf[i]!, delta: 1 }, { t: b, grid: gridOf[i]!, delta: -1 });
    }
  });
  events.sort((x, y) => x.t - y.t);

  const union = unionCounter(origin, periods);
  const present = new Int32Array(periods.length);
  let mask = 0;
  let rows = 0;
  for (let i = 0; i < events.length;) {
    const t = events[i]!.t;
    for (; i < events.length && events[i]!.t === t; i++) {
      const { grid, delta } = events[i]!;
      present[grid]! += delta;
      mask = present[grid]! > 0 ? mask | (1 << grid) : mask & ~(1 << grid);
    }
    if (mask !== 0 && i < events.length) rows += union(mask, t, events[i]!.t);
  }
  return rows;
}

/** The intervals [a, b) of the window in which `signal` has values, in order: its active range minus its gaps. */
export function presence(signal: SignalSamples, window: TimeWindow): [number, number][] {
  const from = Math.max(window.startMs, signal.originMs, signal.activeFromMs);
  const to = Math.min(window.endMs, signal.activeUntilMs);
  if (from >= to) return [];
  const { gaps, originMs } = signal;
  if (!gaps) return [[from, to]];
  const seed = gaps.seed ?? signal.seed;
  const bucketMs = gaps.bucketS * 1000;
  const out: [number, number][] = [];
  let at = from;
  const last = Math.floor((to - 1 - originMs) / bucketMs);
  for (let b = Math.floor((from - originMs) / bucketMs); b <= last; b++) {
    const gap = gapOfBucket(gaps, seed, b);
    if (!gap) continue;
    const start = originMs + gap.start;
    const end = originMs + gap.end;
    if (end <= at || start >= to) continue;
    if (start > at) out.push([at, start]);
    at = Math.max(at, end);
  }
  if (at < to) out.push([at, to]);
  return out;
}

/**
 * (mask of grids, a, b) => how many times in [a, b) lie on at least one of those grids. All grids
 * start at `origin`; grid i has period periods[i].
 */
function unionCounter(origin: number, periods: number[]): (mask: number, a: number, b: number) => number {
  const lcms = new Map<number, number>();
  const lcmOf = (sub: number): number => {
    let l = lcms.get(sub);
    if (l === undefined) {
      l = 1;
      for (let i = 0; i < periods.length; i++) if (sub & (1 << i)) l = lcm(l, periods[i]!);
      lcms.set(sub, l);
    }
    return l;
  };
  // On a grid of period p from the origin, [a, b) holds ceil((b - o) / p) - ceil((a - o) / p) times;
  // grids that meet only past 2^53 ms (an infinite least common multiple) share the origin alone.
  const onGrid = (p: number, a: number, b: number) =>
    p === Number.POSITIVE_INFINITY ? Number(a <= origin && origin < b) : Math.ceil((b - origin) / p) - Math.ceil((a - origin) / p);

  return (mask, a, b) => {
    // A grid whose period is a multiple of another present one adds no times: drop it.
    let reduced = mask;
    for (let i = 0; i < periods.length; i++) {
      if (!(mask & (1 << i))) continue;
      for (let j = 0; j < periods.length; j++) {
        if (j !== i && mask & (1 << j) && periods[i]! % periods[j]! === 0) {
          reduced &= ~(1 << i);
          break;
        }
      }
    }
    // Inclusion-exclusion over the non-empty subsets of what is left.
    let total = 0;
    for (let sub = reduced; sub > 0; sub = (sub - 1) & reduced) {
      const n = onGrid(lcmOf(sub), a, b);
      total += popcount(sub) % 2 === 1 ? n : -n;
    }
    return total;
  };
}

function countByBuilding(signals: SignalSamples[], window: TimeWindow): number {
  let rows = 0;
  for (const chunk of rowChunks(signals, window)) rows += chunk.length;
  return rows;
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function lcm(a: number, b: number): number {
  const l = (a / gcd(a, b)) * b;
  return l > Number.MAX_SAFE_INTEGER ? Number.POSITIVE_INFINITY : l;
}

function popcount(x: number): number {
  let n = 0;
  for (; x; x &= x - 1) n++;
  return n;
}
