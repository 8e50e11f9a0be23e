import type { TimeRange } from '../../src-preload/contract';

/**
 * The pixel columns of a chart: `points` equal slices of [start, end]; the end belongs to the last
 * one. bucketOf answers -1 before the range and `points` after it. One function for every path,
 * so that a time falls in the same column whoever asks.
 */
export interface PixelGrid {
  start: number;
  end: number;
  points: number;
  bucketOf(t: number): number;
}

export function pixelGrid(range: TimeRange, points: number): PixelGrid {
  const { start, end } = range;
  const span = end - start;
  return {
    start,
    end,
    points,
    bucketOf(t) {
      if (t < start) return -1;
      if (t > end) return points;
      if (t === end) return points - 1;
      return Math.min(points - 1, Math.floor(((t - start) * points) / span));
    },
  };
}
