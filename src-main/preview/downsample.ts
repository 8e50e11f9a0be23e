/*
 * Float series for a chart `columns` pixels wide: M4 with one bucket per pixel column (first, min,
 * max and last of each column, in time order), so that the drawn envelope is the full data's
 * (PERFORMANCE-NOTES trap 9). Up to 4 points per column; every value when there are no more.
 *
 * A null is a real gap in the source and nothing else: it is sent between two consecutive values
 * that are further apart than `breakAfterMs` (5 × the signal's usual spacing over the whole
 * export, so breaks do not move with zoom). Rows where only other signals have a value are not
 * gaps. The window draws exactly these points and never infers a break (trap 8).
 */

export interface SeriesPoints {
  t: number[];
  v: (number | null)[];
  downsampled: boolean;
  /** Rows with a value in the range. */
  sourcePoints: number;
}

/** A pause longer than this many times the usual spacing between values is a gap in the source. */
export const GAP_FACTOR = 5;

export function m4(
  ts: Float64Array,
  values: Float64Array,
  from: number,
  to: number,
  range: { start: number; end: number },
  columns: number,
  breakAfterMs: number,
): SeriesPoints {
  // Few enough rows: every value as it is. Otherwise bucket, counting values on the way (one pass
  // over the data: this answers a zoom in the process that serves the window).
  if (to - from <= 4 * columns) return valuesOnly(ts, values, from, to, breakAfterMs);
  const out = buckets(ts, values, from, to, range, columns, breakAfterMs);
  // A slower signal beside faster ones has a NaN at each row where only the others were sampled:
  // when its values fit after all, draw them all rather than a downsampled line.
  return out.sourcePoints <= 4 * columns ? valuesOnly(ts, values, from, to, breakAfterMs) : out;
}

function valuesOnly(ts: Float64Array, values: Float64Array, from: number, to: number, breakAfterMs: number): SeriesPoints {
  const t: number[] = [];
  const v: (number | null)[] = [];
  let prev = NaN;
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    const at = ts[i]!;
    if (at - prev > breakAfterMs) {
      t.push((prev + at) / 2);
      v.push(null);
    }
    t.push(at);
    v.push(x);
    prev = at;
  }
  return { t, v, downsampled: false, sourcePoints: t.length - countNulls(v) };
}

function buckets(
  ts: Float64Array,
  values: Float64Array,
  from: number,
  to: number,
  range: { start: number; end: number },
  columns: number,
  breakAfterMs: number,
): SeriesPoints {
  const t: number[] = [];
  const v: (number | null)[] = [];
  const perMs = columns / Math.max(range.end - range.start, 1);
  let sourcePoints = 0;
  // The open segment: rows of one column since the last gap.
  let column = -1;
  let first = -1;
  let last = -1;
  let min = -1;
  let max = -1;
  const flush = () => {
    if (first < 0) return;
    const picks = [first, min, max, last].sort((a, b) => a - b);
    let prev = -1;
    for (const p of picks) {
      if (p === prev) continue;
      prev = p;
      t.push(ts[p]!);
      v.push(values[p]!);
    }
    first = -1;
  };
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    sourcePoints++;
    const at = ts[i]!;
    if (last >= 0 && at - ts[last]! > breakAfterMs) {
      flush();
      t.push((ts[last]! + at) / 2);
      v.push(null);
    }
    const c = Math.min(columns - 1, Math.max(0, Math.floor((at - range.start) * perMs)));
    if (c !== column) {
      flush();
      column = c;
    }
    if (first < 0) first = min = max = i;
    else {
      if (x < values[min]!) min = i;
      if (x > values[max]!) max = i;
    }
    last = i;
  }
  flush();
  return { t, v, downsampled: true, sourcePoints };
}

const countNulls = (v: readonly (number | null)[]) => v.reduce<number>((n, x) => (x === null ? n + 1 : n), 0);

/**
 * The usual spacing between a signal's values over the whole export: the median of the steps
 * between consecutive values, read at up to `samples` places spread evenly over the rows (a
 * signal has a regular period broken by rare outages, so a sample finds it; a full sort of a
 * million steps per signal would cost ~70 ms each). Infinity when there are fewer than two values.
 */
export function usualSpacing(ts: Float64Array, values: Float64Array, samples = 2001): number {
  const n = ts.length;
  const steps: number[] = [];
  const stride = Math.max(1, Math.floor(n / samples));
  let i = 0;
  while (i < n && steps.length < samples) {
    let a = i;
    while (a < n && Number.isNaN(values[a]!)) a++;
    let b = a + 1;
    while (b < n && Number.isNaN(values[b]!)) b++;
    if (b >= n) break;
    steps.push(ts[b]! - ts[a]!);
    // The next sample starts past this one, so that two samples never measure the same step.
    i = Math.max(i + stride, b);
  }
  if (!steps.length) return Infinity;
  steps.sort((x, y) => x - y);
  return steps[Math.floor(steps.length / 2)]!;
}
