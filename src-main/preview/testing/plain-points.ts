import type { Cell } from '../../formats/row-batch';

/** A series with its points as plain arrays, a line's NaN breaks as null: what tests compare. */
export function plainPoints<S extends { t: Float64Array; v: Float64Array | Cell[] }>(
  s: S,
): Omit<S, 't' | 'v'> & { t: number[]; v: Cell[] } {
  const v = s.v instanceof Float64Array ? Array.from(s.v, (x) => (x !== x ? null : x)) : s.v;
  return { ...s, t: Array.from(s.t), v };
}
