/** What a floor decoder produces: the same typed arrays the pipeline ends with (floats only: the bench's files hold nothing else). */
export interface FloorTable {
  rows: number;
  timestamps: Float64Array;
  columns: Float64Array[];
}

/** A cheap fingerprint to check that a floor decoder read what the pipeline reads. */
export function fingerprint(t: FloorTable): string {
  let sum = 0;
  for (const c of t.columns) for (let i = 0; i < c.length; i += 997) sum += Number.isNaN(c[i]!) ? 0 : c[i]!;
  return `${t.rows} rows × ${t.columns.length}, t0=${t.timestamps[0]}, t1=${t.timestamps[t.rows - 1]}, Σ=${sum.toPrecision(12)}`;
}
