import type { ConditionPeriod, ConditionSummary, DerivationPlan, ValueType } from '../../src-preload/contract/derive';
import type { RowBatch } from '../formats/row-batch';
import { ConditionJoin } from './condition-join';
import { ConditionTracker, type ConditionEdges } from './condition-tracker';
import { createDeriver, type DeriveState } from './deriver';
import type { PeriodRules } from './kept-periods';
import { numbers, vecOf } from './vectors';

/*
 * A chunk's rows through its derived signals and conditions: the deriver (deriver.ts) and one
 * tracker per condition (condition-tracker.ts), composed for what an export worker does with one
 * chunk. Lead-in rows (before the chunk's start) go to `warm`: evaluated so that windows and
 * shifts are full at the chunk's first row, neither tracked nor handed on. The chunk's rows go to
 * `push`, which gives them back with the derived columns. `finish` gives what the main process
 * joins (each condition's edges) and the deriver's state (to go on in order instead, if wanted).
 */

export const rulesOf = (c: DerivationPlan['conditions'][number]): PeriodRules => ({ holdMs: c.holdMs, duration: c.duration });

export interface ChunkDerivationOptions {
  /** The chunk begins the data: nothing before it (its first period cannot continue one). */
  first: boolean;
  /** A period found inside the chunk, final, in time order for each condition. */
  onPeriod(condition: number, period: ConditionPeriod): void;
  /** Where the previous chunk's deriver stopped, when chunks are derived in order (no lead-in then). */
  state?: DeriveState;
}

export interface ChunkDerivation {
  warm(batch: RowBatch): void;
  push(batch: RowBatch): RowBatch;
  finish(): { conditions: ConditionEdges[]; state: DeriveState };
}

export function createChunkDerivation(
  plan: DerivationPlan,
  signals: ReadonlyMap<string, ValueType>,
  opts: ChunkDerivationOptions,
): ChunkDerivation {
  const deriver = createDeriver(plan, signals, opts.state);
  const trackers = plan.conditions.map(
    (c, i) => new ConditionTracker(rulesOf(c), { atStart: opts.first, onPeriod: (p) => opts.onPeriod(i, p) }),
  );
  return {
    warm: (batch) => void deriver.push(batch),
    push(batch) {
      const out = deriver.push(batch);
      const b = out.batch;
      plan.conditions.forEach((c, i) => {
        const col = c.statsOf === null ? null : b.columns.find((x) => x.name === c.statsOf);
        const stats = col ? numbers(vecOf(col.data), b.rowCount) : null;
        trackers[i]!.push(b.timestamps, out.truths[i]!, stats, b.rowCount);
      });
      return b;
    },
    finish: () => ({ conditions: trackers.map((t) => t.edges()), state: deriver.state() }),
  };
}

/**
 * The whole table in one pass, in order (the command line's export to one file, tests): the
 * batches with their derived columns, each condition's periods as they close, its summary at the end.
 */
export async function* deriveBatches(
  plan: DerivationPlan,
  signals: ReadonlyMap<string, ValueType>,
  batches: AsyncIterable<RowBatch> | Iterable<RowBatch>,
  onPeriod: (condition: number, period: ConditionPeriod) => void,
): AsyncGenerator<RowBatch, ConditionSummary[], undefined> {
  const chunk = createChunkDerivation(plan, signals, { first: true, onPeriod });
  for await (const batch of batches) yield chunk.push(batch);
  const { conditions } = chunk.finish();
  return conditions.map((edges, i) => {
    const join = new ConditionJoin(rulesOf(plan.conditions[i]!), (p) => onPeriod(i, p));
    join.add(edges);
    return join.finish();
  });
}
