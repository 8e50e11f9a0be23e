import type { EveryValues } from '../../src-preload/contract';
import type { RowBatch } from '../formats/row-batch';
import type { AggregateColumn } from './aggregate-columns';
import { createAggregator } from './aggregator';

/**
 * A stream of raw batches (one chunk's decode, in time order) as a stream of aggregated batches:
 * the wrapper the ingest puts between the decoder and the store, summary and segment writers.
 */
export async function* aggregateBatches(
  values: EveryValues,
  columns: readonly AggregateColumn[],
  batches: AsyncIterable<RowBatch> | Iterable<RowBatch>,
): AsyncGenerator<RowBatch, void, undefined> {
  const agg = createAggregator(values, columns);
  for await (const batch of batches) {
    const out = agg.add(batch);
    if (out) yield out;
  }
  const last = agg.finish();
  if (last) yield last;
}
