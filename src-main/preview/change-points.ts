import { cellAt, isNullAt, type Cell, type ColumnData } from '../formats/row-batch';

/*
 * Boolean, string and json signals drawn as steps: only the rows where the value changes (a gap,
 * null, is a change too), plus the last row so the final step reaches the end. When even the
 * changes exceed the budget, each time bucket keeps its first and last change.
 */

export interface StepPoints {
  t: number[];
  v: Cell[];
  downsampled: boolean;
  sourcePoints: number;
}

export function changePoints(ts: Float64Array, data: ColumnData, from: number, to: number, budget: number): StepPoints {
  const idx: number[] = [];
  let sourcePoints = 0;
  let prev: Cell | undefined;
  for (let i = from; i < to; i++) {
    if (!isNullAt(data, i)) sourcePoints++;
    const cell = cellAt(data, i);
    if (i === from || cell !== prev) idx.push(i);
    prev = cell;
  }
  if (to - 1 > from && idx[idx.length - 1] !== to - 1) idx.push(to - 1);
  let kept = idx;
  let downsampled = false;
  if (idx.length > budget) {
    downsampled = true;
    const buckets = Math.max(1, Math.floor(budget / 2));
    const t0 = ts[from]!;
    const span = ts[to - 1]! - t0 || 1;
    kept = [];
    let j = 0;
    for (let b = 0; b < buckets && j < idx.length; b++) {
      const end = b === buckets - 1 ? Infinity : t0 + (span * (b + 1)) / buckets;
      const first = j;
      while (j < idx.length && ts[idx[j]!]! < end) j++;
      if (j > first) {
        kept.push(idx[first]!);
        if (j - 1 > first) kept.push(idx[j - 1]!);
      }
    }
  }
  return { t: kept.map((i) => ts[i]!), v: kept.map((i) => cellAt(data, i)), downsampled, sourcePoints };
}
