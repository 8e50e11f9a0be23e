import type { DerivationPlan, ValueType } from '../../src-preload/contract/derive';
import type { RowBatch } from '../formats/row-batch';
import { rowAtOrAfter, sliceBatch } from '../formats/slice-batch';
import { createChunkDerivation, type ChunkDerivationOptions } from './derive-chunk';
import type { ConditionEdges } from './condition-tracker';

/*
 * How a chunk is derived apart from the others, in parallel and exactly: it is asked of Nortech
 * with a lead-in, `[start - plan.leadInMs, end)` (not before the export's own start), and its rows
 * before `start` only warm the deriver. Every function's value at a row depends on no row further
 * back than its lead-in (see stateful.ts), so the chunk's first rows come out as one pass over the
 * whole table would give them, whatever ran before, wherever. The cost is the lead-in's rows: a
 * 10-minute rolling mean reads 600 more rows of one-second data for a chunk of 2 million (0.03 %);
 * hold, shift, diff and rate add their hold (1 h by default: 3,600 rows, 0.2 %).
 */

/** The window to ask Nortech for, for a chunk `[start, end)` of an export that starts at `exportStart`. */
export function requestWindow(
  plan: DerivationPlan,
  slice: { start: number; end: number },
  exportStart: number,
): { start: number; end: number } {
  return { start: Math.max(exportStart, slice.start - plan.leadInMs), end: slice.end };
}

/**
 * A chunk's decoded rows (lead-in included) through its derivations: rows in `[start, end)` come
 * out with derived columns; `onPeriod` gets the periods found inside; the generator's return is the
 * edges of each condition, for ConditionJoin in the main process.
 */
export async function* deriveChunk(
  plan: DerivationPlan,
  signals: ReadonlyMap<string, ValueType>,
  slice: { start: number; end: number },
  opts: ChunkDerivationOptions,
  batches: AsyncIterable<RowBatch> | Iterable<RowBatch>,
): AsyncGenerator<RowBatch, { conditions: ConditionEdges[] }, undefined> {
  const chunk = createChunkDerivation(plan, signals, opts);
  for await (const batch of batches) {
    const ts = batch.timestamps;
    const from = rowAtOrAfter(ts, slice.start, 0, batch.rowCount);
    const to = rowAtOrAfter(ts, slice.end, from, batch.rowCount);
    if (from > 0) chunk.warm(from === batch.rowCount ? batch : sliceBatch(batch, 0, from));
    if (to > from) yield chunk.push(from === 0 && to === batch.rowCount ? batch : sliceBatch(batch, from, to));
  }
  return { conditions: chunk.finish().conditions };
}
