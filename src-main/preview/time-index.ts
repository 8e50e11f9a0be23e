/** First index whose timestamp is >= t (timestamps ascending). */
export function lowerBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose timestamp is > t. */
export function upperBound(ts: Float64Array, t: number): number {
  let lo = 0;
  let hi = ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Rows [from, to) whose timestamps fall in [start, end]. */
export function rowsInRange(ts: Float64Array, range: { start: number; end: number }): { from: number; to: number } {
  return { from: lowerBound(ts, range.start), to: upperBound(ts, range.end) };
}
