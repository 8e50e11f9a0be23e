import { z } from 'zod';
import { isValidTimeZone } from './time-expressions';

/*
 * What an export's values are: the raw rows, or every <interval> one row per bucket with the
 * chosen functions. Placeholder of the agreed shape; the aggregation module refines it.
 */

export const AggregateFn = z.enum(['mean', 'min', 'max', 'first', 'last', 'count', 'sum']);
export type AggregateFn = z.infer<typeof AggregateFn>;

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `10s`, `1m`, `15m`, `1h`, `8h`, `1d`: 1 second to 1 day. */
export const Interval = z
  .string()
  .trim()
  .regex(/^\d{1,5}[smhd]$/, 'Write an interval like 10s, 15m, 1h or 1d')
  .refine((text) => {
    const ms = intervalMs(text);
    return ms >= 1000 && ms <= 86_400_000;
  }, 'An interval is 1 second to 1 day');

export function intervalMs(text: string): number {
  const n = Number(text.slice(0, -1));
  return n * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS];
}

export const Values = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('raw') }),
  z.object({
    kind: z.literal('every'),
    interval: Interval,
    fns: z.array(AggregateFn).min(1, 'Choose at least one function').max(7),
    timeZone: z.string().min(1).max(64).refine(isValidTimeZone, 'Unknown time zone'),
  }),
]);
export type Values = z.infer<typeof Values>;
export const RAW: Values = { kind: 'raw' };
