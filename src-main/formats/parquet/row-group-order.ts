import type { FileMetaData } from 'hyparquet';

/*
 * Whether a parquet file's row groups come in time order, from its footer: each row group's
 * timestamp statistics (min and max, exact: row-group-file.ts reads them as epoch ms) must not
 * reach below the group before's maximum. Rows out of order inside a group are no obstacle (a
 * group is one batch, sorted in memory as it streams); groups that overlap need the external sort.
 * Without statistics (INT96, text timestamps, writers that omit them), or with groups larger
 * than a batch, the footer cannot tell: the timestamp column is then read first (a column of
 * the file, not all of it) and its ranges judged the same way.
 */

export type GroupOrder = 'in-order' | 'overlapping' | 'unknown';

/** A row group's time range, and whether its rows are in order within it (null: not known). */
export interface GroupRange {
  min: number;
  max: number;
  ascending: boolean | null;
}

const asNumber = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);

/** The time ranges the footer gives for the row groups `groups` of column `leaf` (null where it has none). */
export function footerRanges(meta: FileMetaData, leaf: number, groups: number[]): (GroupRange | null)[] {
  return groups.map((g) => {
    const s = meta.row_groups[g]!.columns[leaf]?.meta_data?.statistics;
    const min = asNumber(s?.min_value ?? s?.min);
    const max = asNumber(s?.max_value ?? s?.max);
    return min === null || max === null || !(min <= max) ? null : { min, max, ascending: null };
  });
}

/**
 * The order of row groups of the given time ranges. `maxRows`: groups larger than this are read
 * as several batches, so their rows must be known to be in order within them.
 */
export function groupOrder(ranges: (GroupRange | null)[], rows: number[], maxRows: number): GroupOrder {
  let unknown = false;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    if (!r) {
      unknown = true;
      continue;
    }
    if (rows[i]! > maxRows && r.ascending !== true) {
      if (r.ascending === false) return 'overlapping';
      unknown = true;
    }
    if (r.min < max) return 'overlapping';
    max = r.max;
  }
  return unknown ? 'unknown' : 'in-order';
}
