/*
 * Float series cut down to a point budget so that extremes survive: M4 (first, min, max and last
 * of each time bucket, in time order), so the drawn line covers exactly the pixels the full
 * series would. When downsampled, a run of buckets whose rows have no value gives one null.
 */

export interface SeriesPoints {
  t: number[];
  v: (number | null)[];
  downsampled: boolean;
  /** Rows with a value in the range. */
  sourcePoints: number;
}

export function m4(ts: Float64Array, values: Float64Array, from: number, to: number, budget: number): SeriesPoints {
  let sourcePoints = 0;
  for (let i = from; i < to; i++) if (!Number.isNaN(values[i]!)) sourcePoints++;
  const t: number[] = [];
  const v: (number | null)[] = [];
  // Within budget: every value, and only values. A slower signal beside faster ones has a NaN at
  // each row where only the others were sampled: that is not a gap, so the window decides where
  // a line breaks from the spacing of the points.
  if (sourcePoints <= budget) {
    for (let i = from; i < to; i++) {
      const x = values[i]!;
      if (Number.isNaN(x)) continue;
      t.push(ts[i]!);
      v.push(x);
    }
    return { t, v, downsampled: false, sourcePoints };
  }
  const buckets = Math.max(1, Math.floor(budget / 4));
  const t0 = ts[from]!;
  const span = ts[to - 1]! - t0 || 1;
  let i = from;
  let gapOpen = false;
  for (let b = 0; b < buckets; b++) {
    const bucketEnd = b === buckets - 1 ? Infinity : t0 + (span * (b + 1)) / buckets;
    let first = -1;
    let last = -1;
    let min = -1;
    let max = -1;
    let sawNull = false;
    for (; i < to && ts[i]! < bucketEnd; i++) {
      const x = values[i]!;
      if (Number.isNaN(x)) {
        sawNull = true;
        continue;
      }
      if (first < 0) first = min = max = i;
      else {
        if (x < values[min]!) min = i;
        if (x > values[max]!) max = i;
      }
      last = i;
    }
    if (first < 0) {
      if (sawNull && !gapOpen && t.length) {
        t.push(t0 + (span * b) / buckets);
        v.push(null);
        gapOpen = true;
      }
      continue;
    }
    gapOpen = false;
    // Emit the bucket's chosen rows in time order, each once.
    const picks = [first, min, max, last].sort((a, c) => a - c);
    let prev = -1;
    for (const p of picks) {
      if (p === prev) continue;
      prev = p;
      t.push(ts[p]!);
      v.push(values[p]!);
    }
  }
  return { t, v, downsampled: true, sourcePoints };
}
