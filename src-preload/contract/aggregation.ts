import { z } from 'zod';
import { isValidTimeZone } from './time-expressions';

/*
 * What an export's values are: the raw rows, or one row per bucket of a fixed interval on the wall
 * clock of a time zone with one or more aggregate functions. Shared by the window's form, the
 * command line (--every, --agg, --tz) and the main process, so all three refuse the same things
 * with the same words.
 */

export const AggregateFn = z.enum(['mean', 'min', 'max', 'first', 'last', 'count', 'sum']);
export type AggregateFn = z.infer<typeof AggregateFn>;

/** Functions that need numbers: refused for boolean, string and json signals. */
export const NUMERIC_FNS: readonly AggregateFn[] = ['mean', 'min', 'max', 'sum'];

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export type IntervalUnit = keyof typeof UNIT_MS;
const UNIT_WORDS: Record<IntervalUnit, [string, string]> = {
  s: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
};
const DAY_MS = UNIT_MS.d;

export type IntervalParse = { ok: true; ms: number; unit: IntervalUnit; count: number } | { ok: false; message: string };

const INTERVAL_TEXT = /^(\d{1,6})\s*([smhd])$/;

/**
 * Reads `10s`, `15m`, `1h`, `1d`. An interval must divide a day evenly (so every day starts a
 * bucket at local midnight and all days are cut alike): 7m or 5h are refused, naming the nearest
 * that work.
 */
export function parseInterval(text: string): IntervalParse {
  const m = INTERVAL_TEXT.exec(text.trim().toLowerCase());
  if (!m) return { ok: false, message: `"${text}" is not an interval: write a number and a unit, like 10s, 1m, 15m, 1h, 8h or 1d` };
  const count = Number(m[1]);
  const unit = m[2] as IntervalUnit;
  const ms = count * UNIT_MS[unit];
  if (count < 1) return { ok: false, message: 'An interval must be at least 1 second' };
  if (ms > DAY_MS) return { ok: false, message: `"${text}" is longer than a day: the longest interval is 1d` };
  if (DAY_MS % ms !== 0) {
    const [below, above] = nearestDivisors(count, unit);
    return {
      ok: false,
      message: `"${text}" does not divide a day evenly, so buckets could not restart at midnight: try ${below} or ${above}`,
    };
  }
  return { ok: true, ms, unit, count };
}

/** Throws on invalid text (for callers that validated with `Interval` already). */
export function intervalMs(text: string): number {
  const p = parseInterval(text);
  if (!p.ok) throw new Error(p.message);
  return p.ms;
}

/** Every interval from 1 s to 1 day that divides a day, ascending (the ones `Interval` accepts). */
export const VALID_INTERVAL_MS: readonly number[] = (() => {
  const out: number[] = [];
  for (let s = 1; s <= 86_400; s++) if (86_400 % s === 0) out.push(s * 1000);
  return out;
})();

/** The intervals people pick (the window's menu; what `proposeInterval` chooses from). */
export const COMMON_INTERVALS = ['1s', '10s', '30s', '1m', '5m', '10m', '15m', '30m', '1h', '2h', '4h', '8h', '12h', '1d'] as const;

/** The nearest counts of the same unit that divide a day (7m: 6m and 8m; 13h: 12h and 1d). */
function nearestDivisors(count: number, unit: IntervalUnit): [string, string] {
  const fits = (c: number) => DAY_MS % (c * UNIT_MS[unit]) === 0;
  let below = count - 1;
  while (!fits(below)) below--;
  let above = count + 1;
  while (above * UNIT_MS[unit] < DAY_MS && !fits(above)) above++;
  return [`${below}${unit}`, above * UNIT_MS[unit] >= DAY_MS ? '1d' : `${above}${unit}`];
}

/** `15m` -> `15 minutes`, `1h` -> `1 hour`. */
export function describeInterval(text: string): string {
  const p = parseInterval(text);
  if (!p.ok) return text;
  const [one, many] = UNIT_WORDS[p.unit];
  return `${p.count} ${p.count === 1 ? one : many}`;
}

/** Interval text, trimmed and lower-cased, checked by `parseInterval`. */
export const Interval = z
  .string()
  .trim()
  .toLowerCase()
  .superRefine((text, ctx) => {
    const p = parseInterval(text);
    if (!p.ok) ctx.addIssue({ code: 'custom', message: p.message });
  });
export type Interval = z.infer<typeof Interval>;

/**
 * An IANA zone Intl knows (`UTC`, `Europe/Lisbon`). `local` is refused: an aggregation names its
 * zone so the export record can be run again on another machine (the window resolves it first).
 */
export const AggregationTimeZone = z
  .string()
  .trim()
  .min(1, 'Choose a time zone')
  .max(64)
  .refine((tz) => tz !== 'local' && isValidTimeZone(tz), {
    error: (issue) => `Unknown time zone "${String(issue.input)}": use an IANA name such as UTC, Europe/Lisbon or America/New_York`,
  });

export const RawValues = z.object({ kind: z.literal('raw') });
export const EveryValues = z.object({
  kind: z.literal('every'),
  interval: Interval,
  fns: z
    .array(AggregateFn)
    .min(1, 'Pick at least one function')
    .refine((fns) => new Set(fns).size === fns.length, 'Each function at most once'),
  timeZone: AggregationTimeZone,
});
export type EveryValues = z.infer<typeof EveryValues>;

/** Raw rows, or every `interval` with `fns`, buckets starting on the wall clock of `timeZone`. */
export const Values = z.discriminatedUnion('kind', [RawValues, EveryValues]);
export type Values = z.infer<typeof Values>;
export const RAW_VALUES: Values = { kind: 'raw' };

const FN_WORDS: Record<AggregateFn, string> = {
  mean: 'mean',
  min: 'minimum',
  max: 'maximum',
  first: 'first value',
  last: 'last value',
  count: 'count of values',
  sum: 'sum',
};

/** `a, b and c`. */
const listing = (words: string[]) => (words.length < 2 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);

/** `mean and maximum`. */
export const describeFns = (fns: readonly AggregateFn[]) => listing(fns.map((f) => FN_WORDS[f]));

/** `Raw values` or `Every 1 hour (Europe/Lisbon): mean and maximum`. */
export function describeValues(values: Values): string {
  if (values.kind === 'raw') return 'Raw values';
  return `Every ${describeInterval(values.interval)} (${values.timeZone}): ${describeFns(values.fns)}`;
}

/** The output column of `fn` over `column`: `Wind Speed_mean`. */
export const aggregateColumnName = (column: string, fn: AggregateFn) => `${column}_${fn}`;

/**
 * Why `fns` cannot apply to a signal of `dataType`, or null. Booleans, strings and json have a
 * first, a last and a count, but no mean, minimum, maximum or sum.
 */
export function refusedFnsMessage(column: string, dataType: string, fns: readonly AggregateFn[]): string | null {
  if (dataType === 'float') return null;
  const refused = fns.filter((f) => NUMERIC_FNS.includes(f));
  if (!refused.length) return null;
  return `"${column}" is a ${dataType} signal: it has no ${listing(refused.map((f) => FN_WORDS[f]))}; use first, last or count for it`;
}
