import type { ExportRequest, Values } from '../../../src-preload/contract';
import { bucketGrid, type BucketGrid } from '../../transform/bucket-grid';

/*
 * An aggregated export covers whole buckets: its window is widened to the bucket borders around
 * it (an hourly export from 09:30 starts at 09:00, local time), so that every row is the rollup of
 * a full interval, and its chunks are cut on bucket borders, so that no bucket is split between
 * two chunks (each chunk is aggregated alone, as it streams).
 */

export const gridOf = (values: Values): BucketGrid | null =>
  values.kind === 'every' ? bucketGrid(values.interval, values.timeZone) : null;

/** Where chunk borders may fall: on bucket borders when aggregated, anywhere otherwise. */
export function chunkAlign(values: Values): (t: number) => number {
  const grid = gridOf(values);
  return grid ? (t) => grid.floor(t) : (t) => t;
}

/** The request with its window widened to whole buckets (unchanged when raw). */
export function wholeBuckets(request: ExportRequest): ExportRequest {
  const grid = gridOf(request.values);
  if (!grid) return request;
  const start = Date.parse(request.timeWindow.start);
  const end = Date.parse(request.timeWindow.end);
  const from = grid.floor(start);
  const to = grid.floor(end) === end ? end : grid.next(end - 1);
  if (from === start && to === end) return request;
  return { ...request, timeWindow: { start: new Date(from).toISOString(), end: new Date(to).toISOString() } };
}
