import type { SignalStats } from '../../src-preload/contract';
import { BOOL_NULL, type BatchColumn, type RowBatch } from '../formats/row-batch';
import { yieldToLoop } from './yield-to-loop';

/** A table's statistics never change: computed once, a column at a time, yielding in between. */
const computed = new WeakMap<RowBatch, Promise<SignalStats[]>>();

export function tableStats(table: RowBatch): Promise<SignalStats[]> {
  let stats = computed.get(table);
  if (!stats) {
    stats = (async () => {
      const out: SignalStats[] = [];
      for (const [i, column] of table.columns.entries()) {
        if (i > 0) await yieldToLoop();
        out.push(columnStats(table.timestamps, column));
      }
      return out;
    })();
    computed.set(table, stats);
  }
  return stats;
}

/*
 * Statistics of one column over the whole table. min, max and mean are numeric: for floats their
 * values, for booleans 0/1 (so the mean is the share of rows that are true); null for text.
 */
export function columnStats(ts: Float64Array, column: BatchColumn): SignalStats {
  const { data } = column;
  const n = ts.length;
  let count = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let first = -1;
  let last = -1;
  let gap = { ms: -1, from: 0, to: 0 };
  const seen = (i: number) => {
    count++;
    if (first < 0) first = i;
    else {
      const d = ts[i]! - ts[last]!;
      if (d > gap.ms) gap = { ms: d, from: ts[last]!, to: ts[i]! };
    }
    last = i;
  };
  if (data.kind === 'float') {
    const v = data.values;
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (Number.isNaN(x)) continue;
      seen(i);
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
    }
  } else if (data.kind === 'boolean') {
    const v = data.values;
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (x === BOOL_NULL) continue;
      seen(i);
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
    }
  } else {
    const v = data.values;
    for (let i = 0; i < n; i++) if (v[i] != null) seen(i);
  }
  const numeric = data.kind !== 'string' && count > 0;
  return {
    column: column.name,
    count,
    nulls: n - count,
    min: numeric ? min : null,
    max: numeric ? max : null,
    mean: numeric ? sum / count : null,
    firstTimestamp: first >= 0 ? ts[first]! : null,
    lastTimestamp: last >= 0 ? ts[last]! : null,
    largestGap: gap.ms >= 0 ? gap : null,
  };
}
