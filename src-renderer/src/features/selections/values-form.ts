import { z } from 'zod';
import { AggregateFn, type ExportRequest, type SelectedSignal, type Values } from '../../../../src-preload/contract';
import { localTimeZone } from '../../../../src-preload/contract/time-expressions';
import { aggregationIssues, type AggregationIssue } from '../../lib/aggregation-check';

/*
 * The export form's Values: the raw rows, or one row per interval with one or more functions. The
 * form keeps the interval and functions even while "raw" is chosen, so switching back and forth
 * loses nothing; the zone is the window's own (buckets start on its wall clock).
 */

export const ValuesInput = z.object({
  kind: z.enum(['raw', 'every']),
  interval: z.string().max(20),
  // react-hook-form reads a group of checkboxes of one name as the array of those checked.
  fns: z.array(AggregateFn),
});
export type ValuesInput = z.infer<typeof ValuesInput>;

export const DEFAULT_VALUES_INPUT: ValuesInput = { kind: 'raw', interval: '1h', fns: ['mean'] };

/** The zone an aggregation names: `local` is this machine's IANA zone. */
export const aggregationZone = (windowZone: string) => (windowZone === 'local' ? localTimeZone() : windowZone);

/** The export's values, as the contract wants them. */
export function toValues(input: ValuesInput, windowZone: string): Values {
  if (input.kind === 'raw') return { kind: 'raw' };
  return { kind: 'every', interval: input.interval.trim().toLowerCase(), fns: input.fns, timeZone: aggregationZone(windowZone) };
}

/** A past export's values back in the form (the window's zone is set to the aggregation's by the caller). */
export function valuesInputOf(values: ExportRequest['values']): ValuesInput {
  return values.kind === 'raw' ? DEFAULT_VALUES_INPUT : { kind: 'every', interval: values.interval, fns: values.fns };
}

/** What is wrong with the Values as typed (nothing, for raw values), each on the input to fix. */
export function valuesIssues(input: ValuesInput, windowZone: string, signals: readonly SelectedSignal[]): AggregationIssue[] {
  if (input.kind === 'raw') return [];
  return aggregationIssues({ interval: input.interval, fns: input.fns, timeZone: aggregationZone(windowZone) }, signals);
}
