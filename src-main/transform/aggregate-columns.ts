import { aggregateColumnName, refusedFnsMessage, type AggregateFn, type DataType, type EveryValues } from '../../src-preload/contract';
import type { ColumnData } from '../formats/row-batch';

/*
 * What an aggregation reads and writes, known before any row: the engine creates its stores and
 * writers from `aggregateColumns`, and refuses a request with `checkAggregation` before it asks
 * Nortech for anything.
 */

/** A column as the aggregator sees it (a store's StoreColumn fits). */
export interface AggregateColumn {
  name: string;
  kind: ColumnData['kind'];
  dataType: DataType;
}

/** An output column: `<column>_<fn>`, and where it comes from. */
export interface AggregateOutput extends AggregateColumn {
  source: number;
  fn: AggregateFn;
}

/** A request the aggregator cannot serve, with a message for the plant engineer. */
export class AggregationError extends Error {
  override name = 'AggregationError';
}

/** Why the functions cannot apply to these columns (each refused column named), or null. */
export function aggregationProblem(values: Pick<EveryValues, 'fns'>, columns: readonly Pick<AggregateColumn, 'name' | 'dataType'>[]) {
  const problems = columns.map((c) => refusedFnsMessage(c.name, c.dataType, values.fns)).filter((m): m is string => m !== null);
  return problems.length ? problems.join('; ') : null;
}

/** Throws AggregationError when a function does not apply to a column's type. */
export function checkAggregation(values: Pick<EveryValues, 'fns'>, columns: readonly Pick<AggregateColumn, 'name' | 'dataType'>[]): void {
  const problem = aggregationProblem(values, columns);
  if (problem) throw new AggregationError(problem);
}

/** Output columns in request order, then in the order of `fns`. */
export function aggregateColumns(values: Pick<EveryValues, 'fns'>, columns: readonly AggregateColumn[]): AggregateOutput[] {
  checkAggregation(values, columns);
  return columns.flatMap((c, source) =>
    values.fns.map((fn): AggregateOutput => {
      const keepsType = fn === 'first' || fn === 'last';
      return {
        name: aggregateColumnName(c.name, fn),
        kind: keepsType ? c.kind : 'float',
        dataType: keepsType ? c.dataType : 'float',
        source,
        fn,
      };
    }),
  );
}
