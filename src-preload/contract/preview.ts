import { z } from 'zod';
import { call } from './define';
import { DataType } from './catalog';
import { JobId } from './exports';

/** Epoch milliseconds, [start, end]. */
export const TimeRange = z
  .object({ start: z.number(), end: z.number() })
  .refine((r) => r.end >= r.start, { message: 'End must not be before start', path: ['end'] });
export type TimeRange = z.infer<typeof TimeRange>;

export const Series = z.object({
  column: z.string(),
  dataType: DataType,
  physicalUnit: z.string(),
  /** `line` for floats; `steps` for booleans, strings and json: only the points where the value changes. */
  shape: z.enum(['line', 'steps']),
  /** Whether points were dropped to fit the budget (the chart says so). */
  downsampled: z.boolean(),
  /** Rows with a value in the range, before downsampling. */
  sourcePoints: z.number().int(),
  t: z.array(z.number()),
  v: z.array(z.union([z.number(), z.string(), z.boolean(), z.null()])),
});
export type Series = z.infer<typeof Series>;

export const SignalStats = z.object({
  column: z.string(),
  count: z.number().int(),
  nulls: z.number().int(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  firstTimestamp: z.number().nullable(),
  lastTimestamp: z.number().nullable(),
  /** The longest stretch without a value: its length and where it starts and ends. */
  largestGap: z.object({ ms: z.number(), from: z.number(), to: z.number() }).nullable(),
});
export type SignalStats = z.infer<typeof SignalStats>;

export const Cell = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const previewCalls = {
  'preview.series': call(
    'Every signal of a ready job over a range, each cut down to about `points` points so that extremes survive.',
    z.object({ jobId: JobId, range: TimeRange.optional(), points: z.number().int().min(10).max(20_000) }),
    z.object({ range: TimeRange, fullRange: TimeRange.nullable(), series: z.array(Series) }),
  ),
  'preview.stats': call('Statistics per signal of a ready job.', z.object({ jobId: JobId }), z.array(SignalStats)),
  'preview.rows': call(
    'A page of rows (timestamps in epoch ms) of a ready job.',
    z.object({ jobId: JobId, offset: z.number().int().min(0), limit: z.number().int().min(1).max(1000) }),
    z.object({ columns: z.array(z.string()), rows: z.array(z.array(Cell)), total: z.number().int() }),
  ),
};
