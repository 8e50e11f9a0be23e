import { z } from 'zod';
import { call } from './define';
import { DataType } from './catalog';
import { JobId } from './exports';
import { ConditionPeriod, ConditionSummary } from './derive';

/** Epoch milliseconds, [start, end]. */
/** Epoch milliseconds a Date can hold (±8.64e15): what a chart's range or a table's `at` may be. */
export const EpochMs = z.number().min(-8.64e15).max(8.64e15);

export const TimeRange = z
  .object({ start: EpochMs, end: EpochMs })
  .refine((r) => r.end >= r.start, { message: 'End must not be before start', path: ['end'] });
export type TimeRange = z.infer<typeof TimeRange>;

/** How far the export has come: the preview answers from the chunks in so far. */
export const ChunkCount = z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() });
export type ChunkCount = z.infer<typeof ChunkCount>;

/**
 * Numbers of a chart as doubles, NaN where a line breaks. The main process makes them as a
 * Float64Array, and both wires carry it as raw doubles: IPC clones it, browser mode's envelope
 * moves its bytes (envelope-wire.ts). As arrays of numbers, XL's 200,000 points cost the answer
 * 4-7 ms of copying into doubles on the way out (bench `zoom XL`); as doubles, a copy of 3 MB.
 * A plain JSON client sends and gets arrays, null for NaN: they are accepted and made doubles.
 * The check is by tag, not instanceof: a Float64Array from another realm (the preload's) passes.
 */
export const Doubles = z.union([
  z.custom<Float64Array>((x) => Object.prototype.toString.call(x) === '[object Float64Array]', { message: 'Expected doubles' }),
  z.array(z.number().nullable()).transform((xs) => Float64Array.from(xs, (x) => (x === null ? NaN : x))),
]);

const seriesFields = {
  column: z.string(),
  dataType: DataType,
  physicalUnit: z.string(),
  /** Whether the points are fewer than the rows (one bucket per pixel column keeps first, min, max, last). */
  downsampled: z.boolean(),
  /** Rows with a value in the range, before downsampling. */
  sourcePoints: z.number().int(),
  t: Doubles,
};

export const Series = z.discriminatedUnion('shape', [
  /** A float signal: a NaN in `v` is a real gap in the source (a pause longer than 5 × its usual spacing): the line breaks there and only there. */
  z.object({ ...seriesFields, shape: z.literal('line'), v: Doubles }),
  /** Booleans, strings and json: only the points where the value changes; a null is a stretch without a value. */
  z.object({ ...seriesFields, shape: z.literal('steps'), v: z.array(z.union([z.number(), z.string(), z.boolean(), z.null()])) }),
]);
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
  /**
   * Share of the loaded part of the window with data, 0 to 1 (null before any chunk): each value
   * covers the time to the next one when the chart joins them, else the signal's usual spacing.
   */
  coverage: z.number().min(0).max(1).nullable(),
});
export type SignalStats = z.infer<typeof SignalStats>;

/** A condition's periods in the export so far (from its start, chunks joined in order), for the bands and the table. */
export const ConditionPeriods = z.object({
  name: z.string(),
  summary: ConditionSummary,
  /** The first periods, in time order (at most `CONDITION_PERIODS_SHOWN`). */
  periods: z.array(ConditionPeriod),
});
export type ConditionPeriods = z.infer<typeof ConditionPeriods>;
export const CONDITION_PERIODS_SHOWN = 2000;

export const Cell = z.union([z.number(), z.string(), z.boolean(), z.null()]);

export const previewCalls = {
  'preview.series': call(
    'Every signal of a ready job over a range, each cut down to about `points` points so that extremes survive.',
    z.object({ jobId: JobId, range: TimeRange.optional(), points: z.number().int().min(10).max(20_000) }),
    z.object({
      /** What was drawn: the range asked for, or the whole window. */
      range: TimeRange,
      /** The export's requested window: the time axis of a chart that is still filling in. */
      window: TimeRange,
      /** First and last timestamp with data so far; null while none has arrived. */
      dataRange: TimeRange.nullable(),
      series: z.array(Series),
      chunks: ChunkCount,
    }),
  ),
  'preview.stats': call(
    'Statistics per signal, from the chunks in so far.',
    z.object({ jobId: JobId }),
    z.object({ stats: z.array(SignalStats), chunks: ChunkCount }),
  ),
  'preview.conditions': call(
    "Each condition's periods and summary (time true, how many, the longest) over the chunks in so far.",
    z.object({ jobId: JobId }),
    z.object({ conditions: z.array(ConditionPeriods), chunks: ChunkCount }),
  ),
  'preview.rows': call(
    'A page of rows (timestamps in epoch ms), from row `offset` or from the first row at or after `at`.',
    z
      .object({
        jobId: JobId,
        offset: z.number().int().min(0).optional(),
        at: EpochMs.optional(),
        limit: z.number().int().min(1).max(1000),
      })
      .refine((p) => p.offset === undefined || p.at === undefined, { message: 'Give offset or at, not both', path: ['at'] }),
    z.object({ columns: z.array(z.string()), rows: z.array(z.array(Cell)), total: z.number().int(), offset: z.number().int() }),
  ),
};
