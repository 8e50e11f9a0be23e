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
  // Rows that fit the budget: every value as it is. Otherwise bucket, counting values on the way
  // (one pass over the data: this answers a zoom in the process that serves the window).
  if (to - from <= budget) return valuesOnly(ts, values, from, to);
  const out = buckets(ts, values, from, to, budget);
  // A slower signal beside faster ones has a NaN at each row where only the others were sampled:
  // when its values fit the budget after all, draw them all rather than a downsampled line.
  return out.sourcePoints <= budget ? valuesOnly(ts, values, from, to) : out;
}

/** Every value, and only values: where a line breaks is the window's to decide from the spacing. */
function valuesOnly(ts: Float64Array, values: Float64Array, from: number, to: number): SeriesPoints {
  const t: number[] = [];
  const v: (number | null)[] = [];
  for (let i = from; i < to; i++) {
    const x = values[i]!;
    if (Number.isNaN(x)) continue;
    t.push(ts[i]!);
    v.push(x);
  }
  return { t, v, downsampled: false, sourcePoints: t.length };
}

function buckets(ts: Float64Array, values: Float64Array, from: number, to: number, budget: number): SeriesPoints {
  const t: number[] = [];
  const v: (number | null)[] = [];
  let sourcePoints = 0;
  const count = Math.max(1, Math.floor(budget / 4));
  const t0 = ts[from]!;
  const span = ts[to - 1]! - t0 || 1;
  let i = from;
  let gapOpen = false;
  for (let b = 0; b < count; b++) {
    const bucketEnd = b === count - 1 ? Infinity : t0 + (span * (b + 1)) / count;
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
      sourcePoints++;
      if (first < 0) first = min = max = i;
      else {
        if (x < values[min]!) min = i;
        if (x > values[max]!) max = i;
      }
      last = i;
    }
    if (first < 0) {
      if (sawNull && !gapOpen && t.length) {
        t.push(t0 + (span * b) / count);
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
